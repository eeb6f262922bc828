/**
 * One training as the trainings list shows it, from either read: a row of GET /trainings
 * (eventually consistent) or GET /trainings/{id} (strong, what commands settle to). And what
 * the signed-in side may do with it.
 */
import type { Rejection, Side, Training, TrainingStatus, TrainingView } from "../api/types";
import { isAtLeastADayAway } from "./cancellationRefund";
import { normaliseHour } from "./utcWeek";

export interface TrainingRow {
  id: string;
  userId: string;
  userName: string;
  hour: string;
  notes: string;
  status: TrainingStatus;
  refund: number | null;
  rejection: Rejection | null;
  proposal: { hour: string; by: Side } | null;
  moving: { hour: string; by: Side } | null;
  moveFailure: Rejection | null;
  lastMoveFailed: boolean;
}

export function rowFromView(view: TrainingView): TrainingRow {
  return {
    id: view.training_id,
    userId: view.user_id,
    userName: view.user_name,
    hour: normaliseHour(view.hour),
    notes: view.notes,
    status: view.status,
    refund: view.refund,
    rejection: view.rejection ?? null,
    proposal: view.proposed_hour && view.proposed_by ? { hour: normaliseHour(view.proposed_hour), by: view.proposed_by } : null,
    moving: null,
    moveFailure: view.reschedule_failure ?? null,
    lastMoveFailed: view.last_reschedule_failure !== null,
  };
}

export function rowFromTraining(training: Training): TrainingRow {
  return {
    id: training.training_id,
    userId: training.user_id,
    userName: training.user_name,
    hour: normaliseHour(training.hour),
    notes: training.notes,
    status: training.status,
    refund: training.refund,
    rejection: training.rejection ?? null,
    proposal: training.proposal ? { hour: normaliseHour(training.proposal.hour), by: training.proposal.proposed_by } : null,
    moving: training.pending_reschedule
      ? { hour: normaliseHour(training.pending_reschedule.hour), by: training.pending_reschedule.requested_by }
      : null,
    moveFailure: training.reschedule_failure ?? null,
    lastMoveFailed: training.last_reschedule_failure !== null,
  };
}

/** Whether the list has caught up with a row read strongly after a command. */
export function sameState(a: TrainingRow, b: TrainingRow): boolean {
  return a.status === b.status && a.hour === b.hour && (a.proposal?.hour ?? null) === (b.proposal?.hour ?? null);
}

export type RowAction = "cancel" | "move" | "propose" | "approve" | "reject" | "withdraw";

/** The buttons of a row for ``side`` at ``now``. */
export function rowActions(row: TrainingRow, side: Side, now: Date): RowAction[] {
  if (row.status !== "scheduled" || row.moving) return [];
  if (row.proposal) {
    return row.proposal.by === side ? ["withdraw", "cancel"] : ["approve", "reject", "cancel"];
  }
  return ["cancel", isAtLeastADayAway(row.hour, now) ? "move" : "propose"];
}

export function sideName(side: Side, viewer: Side): string {
  if (side === viewer) return "you";
  return side === "trainer" ? "the trainer" : "the attendee";
}
