/**
 * The calendar's week: every opening hour of the week with whether it is open for booking and
 * which trainings sit in it. The trainer sees attendee names; an attendee sees their own
 * trainings as "Training" (the API gives attendees only their own trainings anyway).
 */
import type { TrainingView } from "../api/types";
import { type GridDay, buildWeek, normaliseHour } from "./utcWeek";

export interface CalendarCell {
  iso: string;
  time: string;
  label: string;
  open: boolean;
  events: { id: string; title: string; status: string }[];
}

export interface CalendarDay extends Omit<GridDay, "hours"> {
  cells: CalendarCell[];
}

const SHOWN = new Set(["pending", "scheduled"]);

export function buildCalendarWeek(
  weekStart: Date,
  openHours: ReadonlySet<string>,
  trainings: readonly TrainingView[],
  viewer: "attendee" | "trainer",
): CalendarDay[] {
  const byHour = new Map<string, TrainingView[]>();
  for (const training of trainings) {
    if (!SHOWN.has(training.status)) continue;
    const hour = normaliseHour(training.hour);
    byHour.set(hour, [...(byHour.get(hour) ?? []), training]);
  }
  return buildWeek(weekStart).map((day) => ({
    date: day.date,
    label: day.label,
    cells: day.hours.map((hour) => ({
      ...hour,
      open: openHours.has(hour.iso),
      events: (byHour.get(hour.iso) ?? []).map((training) => ({
        id: training.training_id,
        title: viewer === "trainer" ? training.user_name : "Training",
        status: training.status,
      })),
    })),
  }));
}
