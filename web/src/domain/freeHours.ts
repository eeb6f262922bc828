/**
 * The hours an attendee can pick from, read from GET /trainer/availability (eventually
 * consistent: a listed hour may have just been taken; the booking then comes back rejected).
 */
import type { AvailabilityDays } from "../api/types";
import { MAX_DAYS_AHEAD, addDays, dayLabel, isoDate, normaliseHour } from "./utcWeek";

export interface FreeDay {
  date: string;
  label: string;
  hours: string[];
}

/** Today (UTC) to 6 weeks ahead: the range anyone can book in. */
export function bookableRange(now: Date): { dateFrom: string; dateTo: string } {
  return { dateFrom: isoDate(now), dateTo: isoDate(addDays(now, MAX_DAYS_AHEAD)) };
}

/** Days with at least one free hour after ``now``, each hour once, in time order. */
export function freeDays(availability: AvailabilityDays, now: Date, exclude: readonly string[] = []): FreeDay[] {
  const skip = new Set(exclude.map(normaliseHour));
  const result: FreeDay[] = [];
  for (const day of [...availability.days].sort((a, b) => a.date.localeCompare(b.date))) {
    const hours = [...new Set(day.hours.map(normaliseHour))]
      .filter((hour) => new Date(hour).getTime() > now.getTime() && !skip.has(hour))
      .sort();
    if (hours.length) result.push({ date: day.date, label: dayLabel(new Date(`${day.date}T00:00:00Z`)), hours });
  }
  return result;
}
