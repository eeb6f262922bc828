/**
 * Weeks and hours in UTC, the way the API counts them: a week runs Monday to Sunday (UTC),
 * an hour is a full UTC hour written as "YYYY-MM-DDTHH:00:00Z", and the gym opens the hours
 * 12:00..20:00 UTC (inclusive) of every day. Nothing here reads the browser's time zone.
 */

export const OPENING_HOURS = { firstUtcHour: 12, lastUtcHour: 20 } as const;
/** Hours may be set and booked at most this many calendar days ahead (6 weeks). */
export const MAX_DAYS_AHEAD = 42;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

export interface GridHour {
  /** The hour as the API writes it, e.g. "2026-12-02T13:00:00Z". */
  iso: string;
  /** "13:00" */
  time: string;
  /** "Wed 2 Dec 13:00": the accessible name of the hour's control. */
  label: string;
}

export interface GridDay {
  /** "2026-12-02" */
  date: string;
  /** "Wed 2 Dec" */
  label: string;
  hours: GridHour[];
}

export function startOfWeekUtc(moment: Date): Date {
  const midnight = Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate());
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * DAY_MS);
}

export function addDays(moment: Date, days: number): Date {
  return new Date(moment.getTime() + days * DAY_MS);
}

/** "2026-12-02" (UTC). */
export function isoDate(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** "2026-12-02T13:00:00Z" for the UTC hour that contains ``moment``. */
export function isoHour(moment: Date): string {
  return `${moment.toISOString().slice(0, 13)}:00:00Z`;
}

/** Normalises any RFC 3339 hour the API sends (e.g. with "+00:00") to ``isoHour`` form. */
export function normaliseHour(value: string): string {
  return isoHour(new Date(value));
}

/** "Wed 2 Dec" */
export function dayLabel(moment: Date): string {
  return `${WEEKDAYS[moment.getUTCDay()]} ${moment.getUTCDate()} ${MONTHS[moment.getUTCMonth()]}`;
}

/** "Wed 2 Dec 13:00" */
export function hourLabel(value: string | Date): string {
  const moment = typeof value === "string" ? new Date(value) : value;
  return `${dayLabel(moment)} ${String(moment.getUTCHours()).padStart(2, "0")}:00`;
}

/** "Wed 2 Dec 2026, 13:00 UTC": a training's time in tables and messages. */
export function longHourLabel(value: string): string {
  const moment = new Date(value);
  return `${dayLabel(moment)} ${moment.getUTCFullYear()}, ${String(moment.getUTCHours()).padStart(2, "0")}:00 UTC`;
}

/** The seven days (Monday first) of the week starting at ``weekStart``, each with the opening hours. */
export function buildWeek(weekStart: Date): GridDay[] {
  const days: GridDay[] = [];
  for (let offset = 0; offset < 7; offset += 1) {
    const day = addDays(weekStart, offset);
    const hours: GridHour[] = [];
    for (let hour = OPENING_HOURS.firstUtcHour; hour <= OPENING_HOURS.lastUtcHour; hour += 1) {
      const moment = new Date(day.getTime() + hour * HOUR_MS);
      hours.push({ iso: isoHour(moment), time: `${String(hour).padStart(2, "0")}:00`, label: hourLabel(moment) });
    }
    days.push({ date: isoDate(day), label: dayLabel(day), hours });
  }
  return days;
}

/** "1 Dec – 7 Dec 2026" */
export function weekLabel(weekStart: Date): string {
  const last = addDays(weekStart, 6);
  const first = `${weekStart.getUTCDate()} ${MONTHS[weekStart.getUTCMonth()]}`;
  return `${first} – ${last.getUTCDate()} ${MONTHS[last.getUTCMonth()]} ${last.getUTCFullYear()}`;
}

/**
 * Whether the trainer may still set (or an attendee book) ``hourIso`` at ``now``: after the
 * current hour and at most ``MAX_DAYS_AHEAD`` calendar days ahead (the API's own rule).
 */
export function isSettableHour(hourIso: string, now: Date): boolean {
  const hour = new Date(hourIso).getTime();
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const lastDay = isoDate(addDays(now, MAX_DAYS_AHEAD));
  return hour > currentHour && hourIso.slice(0, 10) <= lastDay;
}

/** The first week the trainer may still change: the current one; the last: 6 weeks ahead. */
export function lastSettableWeek(now: Date): Date {
  return startOfWeekUtc(addDays(now, MAX_DAYS_AHEAD));
}
