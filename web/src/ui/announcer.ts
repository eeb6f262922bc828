/**
 * The status region (a toast list with aria-live): every outcome the user should hear about,
 * e.g. "Booked: Wed 2 Dec 13:00 UTC" or "rejected — the hour was just taken".
 */
import { reactive } from "vue";

export type Tone = "success" | "error" | "info";

export interface Announcement {
  id: number;
  text: string;
  tone: Tone;
}

export const announcements = reactive<Announcement[]>([]);
let nextId = 1;
const SHOWN_MS = 8000;

export function announce(text: string, tone: Tone = "info"): void {
  const id = nextId++;
  announcements.push({ id, text, tone });
  setTimeout(() => dismiss(id), SHOWN_MS);
}

export function dismiss(id: number): void {
  const index = announcements.findIndex((item) => item.id === id);
  if (index >= 0) announcements.splice(index, 1);
}
