import { describe, expect, it } from "vitest";
import { expectedRefund, refundOutcome, refundWarning } from "../src/domain/cancellationRefund";

const now = new Date("2026-12-01T10:00:00Z");

describe("the 24-hour refund rule", () => {
  it("refunds when canceled 24 h or more before, by either side", () => {
    expect(expectedRefund("2026-12-02T10:00:00Z", "attendee", now)).toBe(1);
    expect(expectedRefund("2026-12-02T10:00:00Z", "trainer", now)).toBe(1);
    expect(refundWarning("2026-12-02T12:00:00Z", "attendee", now)).toContain("you will get the training back (refunded)");
  });

  it("does not refund an attendee's late cancel", () => {
    expect(expectedRefund("2026-12-02T09:00:00Z", "attendee", now)).toBe(0);
    expect(refundWarning("2026-12-01T13:00:00Z", "attendee", now)).toBe(
      "Less than 24 hours before: this training will NOT be refunded.",
    );
  });

  it("compensates the attendee when the trainer cancels late", () => {
    expect(expectedRefund("2026-12-01T13:00:00Z", "trainer", now)).toBe(2);
    expect(refundWarning("2026-12-01T13:00:00Z", "trainer", now)).toContain(
      "the attendee gets the training back plus one extra as compensation",
    );
  });

  it("reports what the cancel did", () => {
    expect(refundOutcome(0, "attendee")).toContain("not refunded");
    expect(refundOutcome(1, "attendee")).toContain("refunded");
    expect(refundOutcome(2, "trainer")).toContain("one extra");
  });
});
