import { describe, expect, it } from "vitest";
import { rowActions, rowFromView, sideName } from "../src/domain/trainingRow";
import { statusLabel } from "../src/domain/trainingStatus";
import type { TrainingView } from "../src/api/types";

const now = new Date("2026-12-01T10:00:00Z");
const view = (overrides: Partial<TrainingView> = {}): TrainingView => ({
  training_id: "t1", user_id: "alice", user_name: "Alice", hour: "2026-12-03T13:00:00+00:00", notes: "",
  status: "scheduled", rejection_reason: null, refund: null, proposed_hour: null, proposed_by: null,
  last_reschedule_failure: null, rejection: null, reschedule_failure: null, ...overrides,
});

describe("training rows", () => {
  it("offers move 24 h or more ahead and a proposal later", () => {
    expect(rowActions(rowFromView(view()), "attendee", now)).toEqual(["cancel", "move"]);
    expect(rowActions(rowFromView(view({ hour: "2026-12-01T15:00:00Z" })), "attendee", now)).toEqual(["cancel", "propose"]);
  });

  it("lets the other side approve a proposal and the proposer withdraw it", () => {
    const proposed = rowFromView(view({ proposed_hour: "2026-12-04T13:00:00Z", proposed_by: "trainer" }));
    expect(proposed.proposal).toEqual({ hour: "2026-12-04T13:00:00Z", by: "trainer" });
    expect(rowActions(proposed, "attendee", now)).toEqual(["approve", "reject", "cancel"]);
    expect(rowActions(proposed, "trainer", now)).toEqual(["withdraw", "cancel"]);
    expect(sideName("trainer", "attendee")).toBe("the trainer");
    expect(sideName("trainer", "trainer")).toBe("you");
  });

  it("offers nothing on pending, rejected and canceled trainings", () => {
    for (const status of ["pending", "rejected", "canceled"] as const) {
      expect(rowActions(rowFromView(view({ status })), "trainer", now)).toEqual([]);
    }
  });

  it("words every status for people", () => {
    expect(statusLabel({ status: "rejected", refund: null, rejection: { code: "hour_not_available", message: "only an available hour can be reserved" } }))
      .toBe("rejected — the hour was just taken");
    expect(statusLabel({ status: "rejected", refund: null })).toBe("rejected — the gym's system could not complete it");
    expect(statusLabel({ status: "canceled", refund: 0 })).toBe("canceled (not refunded)");
    expect(statusLabel({ status: "canceled", refund: 1 })).toBe("canceled (refunded)");
  });
});
