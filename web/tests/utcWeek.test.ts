import { describe, expect, it } from "vitest";
import { buildCalendarWeek } from "../src/domain/calendarWeek";
import { bookableRange, freeDays } from "../src/domain/freeHours";
import { buildSchedule, scheduleChanges, toggleWholeDay } from "../src/domain/scheduleGrid";
import {
  buildWeek,
  hourLabel,
  isSettableHour,
  isoHour,
  longHourLabel,
  normaliseHour,
  startOfWeekUtc,
  weekLabel,
} from "../src/domain/utcWeek";
import type { TrainingView } from "../src/api/types";

describe("UTC weeks", () => {
  it("starts the week on Monday in UTC, whatever the weekday", () => {
    expect(startOfWeekUtc(new Date("2026-12-02T23:30:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(startOfWeekUtc(new Date("2026-12-06T23:59:59Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(startOfWeekUtc(new Date("2026-11-30T00:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });

  it("builds seven days of the opening hours 12:00..20:00 UTC", () => {
    const days = buildWeek(new Date("2026-11-30T00:00:00Z"));
    expect(days.map((day) => day.date)).toEqual([
      "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06",
    ]);
    expect(days[0]?.hours.map((hour) => hour.time)).toEqual([
      "12:00", "13:00", "14:00", "15:00", "16:00", "17:00", "18:00", "19:00", "20:00",
    ]);
    expect(days[1]?.hours[1]).toEqual({ iso: "2026-12-01T13:00:00Z", time: "13:00", label: "Tue 1 Dec 13:00" });
    expect(weekLabel(new Date("2026-11-30T00:00:00Z"))).toBe("30 Nov – 6 Dec 2026");
  });

  it("writes hours the way the API does", () => {
    expect(isoHour(new Date("2026-12-01T13:45:10Z"))).toBe("2026-12-01T13:00:00Z");
    expect(normaliseHour("2026-12-01T13:00:00+00:00")).toBe("2026-12-01T13:00:00Z");
    expect(hourLabel("2026-12-02T20:00:00Z")).toBe("Wed 2 Dec 20:00");
    expect(longHourLabel("2026-12-02T20:00:00Z")).toBe("Wed 2 Dec 2026, 20:00 UTC");
  });

  it("allows only hours after the current one and at most 42 calendar days ahead", () => {
    const now = new Date("2026-12-01T13:20:00Z");
    expect(isSettableHour("2026-12-01T13:00:00Z", now)).toBe(false);
    expect(isSettableHour("2026-12-01T14:00:00Z", now)).toBe(true);
    expect(isSettableHour("2027-01-12T20:00:00Z", now)).toBe(true);
    expect(isSettableHour("2027-01-13T12:00:00Z", now)).toBe(false);
  });
});

describe("the trainer's schedule grid", () => {
  const weekStart = new Date("2026-11-30T00:00:00Z");
  const now = new Date("2026-12-01T13:20:00Z");
  const saved = new Map([
    ["2026-12-01T15:00:00Z", "available" as const],
    ["2026-12-01T16:00:00Z", "training_scheduled" as const],
  ]);

  it("locks past hours and hours holding a training", () => {
    const days = buildSchedule(weekStart, saved, now);
    const tuesday = days[1]!;
    expect(tuesday.cells.find((cell) => cell.time === "13:00")?.locked).toBe("past");
    expect(tuesday.cells.find((cell) => cell.time === "14:00")?.locked).toBeNull();
    expect(tuesday.cells.find((cell) => cell.time === "16:00")).toMatchObject({ locked: "training", open: true });
    expect(days[0]!.cells.every((cell) => cell.locked === "past")).toBe(true);
  });

  it("sends only the changed hours, and select-all skips locked ones", () => {
    const days = buildSchedule(weekStart, saved, now);
    const tuesday = days[1]!;
    toggleWholeDay(tuesday);
    expect(scheduleChanges(days)).toEqual({
      open: ["2026-12-01T14:00:00Z", "2026-12-01T17:00:00Z", "2026-12-01T18:00:00Z", "2026-12-01T19:00:00Z", "2026-12-01T20:00:00Z"],
      close: [],
    });
    toggleWholeDay(tuesday); // all open now: select-all closes what can change
    expect(scheduleChanges(days)).toEqual({ open: [], close: ["2026-12-01T15:00:00Z"] });
    expect(tuesday.cells.find((cell) => cell.time === "16:00")?.open).toBe(true);
  });
});

describe("free hours and the calendar week", () => {
  it("lists days with future free hours only, in order", () => {
    const now = new Date("2026-12-01T13:20:00Z");
    expect(bookableRange(now)).toEqual({ dateFrom: "2026-12-01", dateTo: "2027-01-12" });
    const days = freeDays(
      {
        consistency: "eventual",
        days: [
          { date: "2026-12-02", hours: ["2026-12-02T14:00:00Z", "2026-12-02T12:00:00Z"] },
          { date: "2026-12-01", hours: ["2026-12-01T13:00:00Z", "2026-12-01T15:00:00Z"] },
          { date: "2026-12-03", hours: [] },
        ],
      },
      now,
      ["2026-12-02T14:00:00Z"],
    );
    expect(days).toEqual([
      { date: "2026-12-01", label: "Tue 1 Dec", hours: ["2026-12-01T15:00:00Z"] },
      { date: "2026-12-02", label: "Wed 2 Dec", hours: ["2026-12-02T12:00:00Z"] },
    ]);
  });

  it("shows names to the trainer and 'Training' to the attendee, and only live trainings", () => {
    const training = (id: string, hour: string, status: TrainingView["status"]): TrainingView => ({
      training_id: id, user_id: "alice", user_name: "Alice Attendee", hour, notes: "", status,
      rejection_reason: null, refund: null, proposed_hour: null, proposed_by: null, last_reschedule_failure: null,
      rejection: null, reschedule_failure: null,
    });
    const trainings = [
      training("a", "2026-12-01T15:00:00Z", "scheduled"),
      training("b", "2026-12-01T16:00:00Z", "canceled"),
    ];
    const open = new Set(["2026-12-01T14:00:00Z"]);
    const start = new Date("2026-11-30T00:00:00Z");
    const trainer = buildCalendarWeek(start, open, trainings, "trainer")[1]!;
    const attendee = buildCalendarWeek(start, open, trainings, "attendee")[1]!;
    expect(trainer.cells.find((cell) => cell.time === "15:00")?.events).toEqual([{ id: "a", title: "Alice Attendee", status: "scheduled" }]);
    expect(attendee.cells.find((cell) => cell.time === "15:00")?.events[0]?.title).toBe("Training");
    expect(trainer.cells.find((cell) => cell.time === "16:00")?.events).toEqual([]);
    expect(trainer.cells.find((cell) => cell.time === "14:00")?.open).toBe(true);
  });
});
