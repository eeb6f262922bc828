/**
 * Turns the answer of a training command into the training's settled state.
 *
 * Commands are sent with `Prefer: wait=N`: the API answers 200 with the training once the saga
 * has settled, or 202 (with `Location: /trainings/{id}`) when it has not settled in time, or
 * when it does not honour the preference. On 202 the `Location` is polled with an exponential
 * backoff (never a tight loop) until the training is settled or the deadline passes; each read
 * is handed to ``onUpdate`` so the page shows the state as it goes (e.g. *pending*).
 */
import type { Training } from "./types";

/** When a command's outcome is known. */
export type SettledWhen = (training: Training) => boolean;

export const SETTLED_WHEN = {
  /** A booking: no longer pending (scheduled or rejected). */
  booked: (training: Training) => training.status !== "pending",
  /** A move or an approved proposal: the new hour was reserved, or the move failed. */
  moved: (training: Training) => training.pending_reschedule === null,
  /** Cancel, propose and reject settle at once. */
  immediately: () => true,
} satisfies Record<string, SettledWhen>;

export interface CommandAnswer {
  status: number;
  body: unknown;
  /** The `Location` header, e.g. "/trainings/abc"; null when the API sent none. */
  location: string | null;
  trainingId: string;
}

export interface PollPolicy {
  firstDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** Stop polling once the waits add up to this; the outcome is then reported as unsettled. */
  deadlineMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = { firstDelayMs: 300, factor: 2, maxDelayMs: 3000, deadlineMs: 60_000 };

export interface Outcome {
  training: Training | null;
  settled: boolean;
}

/** The waits between reads: 300, 600, 1200, 2400, 3000, 3000, ... until the deadline. */
export function backoffDelays(policy: PollPolicy): number[] {
  const delays: number[] = [];
  let total = 0;
  let delay = policy.firstDelayMs;
  while (total + delay <= policy.deadlineMs) {
    delays.push(delay);
    total += delay;
    delay = Math.min(delay * policy.factor, policy.maxDelayMs);
  }
  return delays;
}

export function isTraining(body: unknown): body is Training {
  return typeof body === "object" && body !== null && "hour" in body && "status" in body && "user_id" in body;
}

export async function settleCommand(
  answer: CommandAnswer,
  readTraining: (path: string) => Promise<Training>,
  settledWhen: SettledWhen,
  options: { policy?: PollPolicy; onUpdate?: (training: Training) => void } = {},
): Promise<Outcome> {
  let latest: Training | null = null;
  if (answer.status === 200 && isTraining(answer.body)) {
    latest = answer.body;
    options.onUpdate?.(latest);
    if (settledWhen(latest)) return { training: latest, settled: true };
  }
  const path = answer.location ?? `/trainings/${encodeURIComponent(answer.trainingId)}`;
  for (const delay of backoffDelays(options.policy ?? DEFAULT_POLL_POLICY)) {
    await sleep(delay);
    try {
      latest = await readTraining(path);
    } catch {
      continue; // a failed read (e.g. a brief 503) is retried at the next step
    }
    options.onUpdate?.(latest);
    if (settledWhen(latest)) return { training: latest, settled: true };
  }
  return { training: latest, settled: false };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
