/**
 * A training's state in words: "pending", "scheduled", "canceled (refunded)",
 * "rejected — the hour was just taken". Works on a Training or a TrainingView.
 */
import { rejectedLabel, rejectionReason } from "../api/humanWording";
import type { Rejection, TrainingStatus } from "../api/types";

interface StatusFacts {
  status: TrainingStatus;
  refund: number | null;
  rejection?: Rejection | null;
}

export function statusLabel(training: StatusFacts): string {
  switch (training.status) {
    case "pending":
      return "pending";
    case "scheduled":
      return "scheduled";
    case "rejected":
      return rejectedLabel(training.rejection?.code);
    case "canceled":
      if (training.refund === 0) return "canceled (not refunded)";
      if (training.refund === 2) return "canceled (refunded plus one extra)";
      return training.refund === 1 ? "canceled (refunded)" : "canceled";
  }
}

/** "The move failed: the hour was just taken", or null. */
export function moveFailureLabel(failure: Rejection | null | undefined, legacy: string | null): string | null {
  if (!failure && !legacy) return null;
  return `The last move did not work: ${rejectionReason(failure?.code)}.`;
}
