import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SETTLED_WHEN, backoffDelays, settleCommand } from "../src/api/commandOutcome";
import type { Training } from "../src/api/types";

function training(overrides: Partial<Training> = {}): Training {
  return {
    rejection: null, reschedule_failure: null,
    training_id: "t1", user_id: "alice", user_name: "Alice", hour: "2026-12-01T13:00:00Z", notes: "",
    status: "pending", rejection_reason: null, canceled_by: null, refund: null, proposal: null,
    pending_reschedule: null, last_reschedule_failure: null, consistency: "strong", ...overrides,
  } as Training;
}

describe("backoff", () => {
  it("doubles up to the cap and stops at the deadline", () => {
    expect(backoffDelays({ firstDelayMs: 300, factor: 2, maxDelayMs: 3000, deadlineMs: 12_000 })).toEqual([
      300, 600, 1200, 2400, 3000, 3000,
    ]);
  });
});

describe("settling a command", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("takes a 200 answer (Prefer: wait honoured) as the final state without polling", async () => {
    const read = vi.fn();
    const scheduled = training({ status: "scheduled" });
    const outcome = await settleCommand(
      { status: 200, body: scheduled, location: "/trainings/t1", trainingId: "t1" },
      read,
      SETTLED_WHEN.booked,
    );
    expect(outcome).toEqual({ training: scheduled, settled: true });
    expect(read).not.toHaveBeenCalled();
  });

  it("polls the Location of a 202 with backoff until the saga settles", async () => {
    const states = [training(), training(), training({ status: "rejected", rejection: { code: "hour_not_available", message: "x" } })];
    const read = vi.fn(async () => states.shift() as Training);
    const updates: string[] = [];
    const settled = settleCommand(
      { status: 202, body: { training_id: "t1", status: "pending" }, location: "/trainings/t1", trainingId: "t1" },
      read,
      SETTLED_WHEN.booked,
      { onUpdate: (t) => updates.push(t.status) },
    );
    await vi.advanceTimersByTimeAsync(299);
    expect(read).not.toHaveBeenCalled(); // no read before the first wait: not a tight loop
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(read).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1200);
    const outcome = await settled;
    expect(read).toHaveBeenCalledTimes(3);
    expect(read).toHaveBeenCalledWith("/trainings/t1");
    expect(outcome.settled).toBe(true);
    expect(outcome.training?.status).toBe("rejected");
    expect(updates).toEqual(["pending", "pending", "rejected"]);
  });

  it("falls back to /trainings/{id} without a Location and survives a failed read", async () => {
    let calls = 0;
    const read = vi.fn(async () => {
      calls += 1;
      if (calls === 1) throw new Error("503");
      return training({ pending_reschedule: null });
    });
    const settled = settleCommand({ status: 202, body: {}, location: null, trainingId: "t 1" }, read, SETTLED_WHEN.moved);
    await vi.advanceTimersByTimeAsync(300 + 600);
    const outcome = await settled;
    expect(read).toHaveBeenCalledWith("/trainings/t%201");
    expect(outcome.settled).toBe(true);
  });

  it("keeps polling a 200 answer that has not settled, and gives up at the deadline", async () => {
    const moving = training({ status: "scheduled", pending_reschedule: { hour: "2026-12-02T13:00:00Z", requested_by: "attendee" } });
    const read = vi.fn(async () => moving);
    const policy = { firstDelayMs: 100, factor: 2, maxDelayMs: 400, deadlineMs: 1000 };
    const settled = settleCommand({ status: 200, body: moving, location: "/trainings/t1", trainingId: "t1" }, read, SETTLED_WHEN.moved, { policy });
    await vi.advanceTimersByTimeAsync(1000);
    const outcome = await settled;
    expect(read).toHaveBeenCalledTimes(backoffDelays(policy).length);
    expect(outcome).toEqual({ training: moving, settled: false });
  });
});
