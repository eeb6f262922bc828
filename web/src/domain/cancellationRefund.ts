/**
 * The 24-hour rule of canceling, as the confirmation dialog explains it before the user
 * confirms (the API decides the same way, when it receives the cancel):
 * - 24 h or more before the training: the attendee gets the training back (refund 1);
 * - later, canceled by the attendee: no refund (0);
 * - later, canceled by the trainer: the training back plus one extra as compensation (2).
 */

export type Side = "attendee" | "trainer";

const FULL_DAY_MS = 24 * 3_600_000;

export function isAtLeastADayAway(hourIso: string, now: Date): boolean {
  return new Date(hourIso).getTime() - now.getTime() >= FULL_DAY_MS;
}

export function expectedRefund(hourIso: string, canceledBy: Side, now: Date): 0 | 1 | 2 {
  if (isAtLeastADayAway(hourIso, now)) return 1;
  return canceledBy === "attendee" ? 0 : 2;
}

/** The sentence of the confirmation dialog, for the person about to cancel. */
export function refundWarning(hourIso: string, canceledBy: Side, now: Date): string {
  const refund = expectedRefund(hourIso, canceledBy, now);
  if (refund === 1) {
    return canceledBy === "attendee"
      ? "It is 24 hours or more before the training: you will get the training back (refunded)."
      : "It is 24 hours or more before the training: the attendee gets the training back (refunded).";
  }
  if (refund === 0) {
    return "Less than 24 hours before: this training will NOT be refunded.";
  }
  return "Less than 24 hours before: the attendee gets the training back plus one extra as compensation.";
}

/** What the cancel did, from the API's answer ({"refund": 0|1|2}). */
export function refundOutcome(refund: number, canceledBy: Side): string {
  if (refund === 0) return "Training canceled. It was not refunded.";
  if (refund === 1) {
    return canceledBy === "attendee"
      ? "Training canceled. You got the training back (refunded)."
      : "Training canceled. The attendee got the training back (refunded).";
  }
  return "Training canceled. The attendee got the training back plus one extra as compensation.";
}
