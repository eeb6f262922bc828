/**
 * The trainer's week as toggles: one per opening hour, on = open for booking. An hour holding a
 * training cannot be closed, and past hours (or hours beyond 6 weeks) cannot be changed, so
 * both are locked. Saving sends only the hours whose toggle differs from what the API said.
 */
import type { Availability, Calendar } from "../api/types";
import { type GridDay, type GridHour, buildWeek, isSettableHour, normaliseHour } from "./utcWeek";

export interface ScheduleCell extends GridHour {
  saved: Availability;
  open: boolean;
  /** Why the toggle cannot change, or null. */
  locked: "training" | "past" | null;
}

export interface ScheduleDay extends Omit<GridDay, "hours"> {
  cells: ScheduleCell[];
}

/** Every hour's availability as the calendar says (hours it does not list count as not available). */
export function availabilityByHour(calendar: Calendar): Map<string, Availability> {
  const byHour = new Map<string, Availability>();
  for (const day of calendar.days) {
    for (const hour of day.hours) byHour.set(normaliseHour(hour.hour), hour.availability);
  }
  return byHour;
}

export function buildSchedule(weekStart: Date, saved: Map<string, Availability>, now: Date): ScheduleDay[] {
  return buildWeek(weekStart).map((day) => ({
    date: day.date,
    label: day.label,
    cells: day.hours.map((hour) => {
      const availability = saved.get(hour.iso) ?? "not_available";
      const locked = availability === "training_scheduled" ? "training" : isSettableHour(hour.iso, now) ? null : "past";
      return { ...hour, saved: availability, open: availability !== "not_available", locked };
    }),
  }));
}

export interface ScheduleChanges {
  open: string[];
  close: string[];
}

export function scheduleChanges(days: ScheduleDay[]): ScheduleChanges {
  const changes: ScheduleChanges = { open: [], close: [] };
  for (const cell of days.flatMap((day) => day.cells)) {
    if (cell.locked) continue;
    if (cell.open && cell.saved === "not_available") changes.open.push(cell.iso);
    if (!cell.open && cell.saved === "available") changes.close.push(cell.iso);
  }
  return changes;
}

/** "Select all" of a day: opens every hour that can change (or closes them when all are open). */
export function toggleWholeDay(day: ScheduleDay): void {
  const changeable = day.cells.filter((cell) => !cell.locked);
  const open = !changeable.every((cell) => cell.open);
  for (const cell of changeable) cell.open = open;
}
