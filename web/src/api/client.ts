/**
 * The API operations the pages use, one function each, typed by the OpenAPI document.
 * Training commands ask the API to wait for the outcome (`Prefer: wait=8`) and return a
 * ``CommandAnswer`` for ``settleCommand``.
 */
import type { CommandAnswer } from "./commandOutcome";
import { request } from "./http";
import type {
  AvailabilityDays,
  Balance,
  CancelAccepted,
  Calendar,
  GrantResult,
  Training,
  TrainingView,
} from "./types";

/** Seconds the API may hold a command's answer until the saga settles (the service caps it). */
export const PREFER_WAIT_SECONDS = 8;

export function newIdempotencyKey(): string {
  return `web-${crypto.randomUUID()}`;
}

const enc = encodeURIComponent;

export async function getTrainerCalendar(dateFrom: string, dateTo: string): Promise<Calendar> {
  return (await request<Calendar>(`/trainer/calendar?date_from=${dateFrom}&date_to=${dateTo}`)).body;
}

export async function getTrainerAvailability(dateFrom: string, dateTo: string): Promise<AvailabilityDays> {
  return (await request<AvailabilityDays>(`/trainer/availability?date_from=${dateFrom}&date_to=${dateTo}`)).body;
}

export async function makeHoursAvailable(hours: string[]): Promise<void> {
  await request<null>("/trainer/hours/available", { method: "PUT", body: { hours } });
}

export async function makeHoursUnavailable(hours: string[]): Promise<void> {
  await request<null>("/trainer/hours/unavailable", { method: "PUT", body: { hours } });
}

export async function listTrainings(): Promise<TrainingView[]> {
  return (await request<{ trainings: TrainingView[] }>("/trainings")).body.trainings;
}

/** Reads a training by id or by the `Location` path a command answered with. */
export async function readTraining(pathOrId: string): Promise<Training> {
  const path = pathOrId.startsWith("/") ? pathOrId : `/trainings/${enc(pathOrId)}`;
  return (await request<Training>(path)).body;
}

export async function getMyBalance(): Promise<Balance> {
  return (await request<Balance>("/users/me/balance")).body;
}

export async function getUserBalance(userId: string): Promise<Balance> {
  return (await request<Balance>(`/users/${enc(userId)}/balance`)).body;
}

export async function grantTrainings(userId: string, amount: number, idempotencyKey: string): Promise<GrantResult> {
  const answer = await request<GrantResult>(`/users/${enc(userId)}/grants`, {
    method: "POST",
    body: { amount },
    headers: { "Idempotency-Key": idempotencyKey },
  });
  return answer.body;
}

async function command(path: string, body: unknown, headers: Record<string, string> = {}): Promise<CommandAnswer> {
  const answer = await request<Record<string, unknown>>(path, {
    method: "POST",
    body,
    headers: { Prefer: `wait=${PREFER_WAIT_SECONDS}`, ...headers },
  });
  const trainingId = String(answer.body?.training_id ?? "");
  return { status: answer.status, body: answer.body, location: answer.headers.get("Location"), trainingId };
}

export function scheduleTraining(hour: string, notes: string, idempotencyKey: string): Promise<CommandAnswer> {
  return command("/trainings", { hour, notes }, { "Idempotency-Key": idempotencyKey });
}

export async function cancelTraining(trainingId: string): Promise<{ answer: CommandAnswer; refund: number | null }> {
  const answer = await command(`/trainings/${enc(trainingId)}/cancel`, undefined);
  const body = answer.body as Partial<CancelAccepted> & Partial<Training>;
  return { answer, refund: typeof body.refund === "number" ? body.refund : null };
}

export function rescheduleTraining(trainingId: string, hour: string): Promise<CommandAnswer> {
  return command(`/trainings/${enc(trainingId)}/reschedule`, { hour });
}

export function proposeReschedule(trainingId: string, hour: string): Promise<CommandAnswer> {
  return command(`/trainings/${enc(trainingId)}/reschedule-proposals`, { hour });
}

export function approveReschedule(trainingId: string): Promise<CommandAnswer> {
  return command(`/trainings/${enc(trainingId)}/reschedule-proposals/approve`, undefined);
}

export function rejectReschedule(trainingId: string): Promise<CommandAnswer> {
  return command(`/trainings/${enc(trainingId)}/reschedule-proposals/reject`, undefined);
}
