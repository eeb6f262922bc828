/**
 * Every code the API can answer with, as a sentence a gym member understands. The screen never
 * shows the API's own wording (codes like "training_scheduled" or server messages): an unknown
 * code gets a generic sentence plus the correlation id, which identifies the request in the logs.
 *
 * A unit test checks that every error code of the OpenAPI document and of the domain errors
 * (`code = "..."` in functions/wild_workouts) and every rejection code has a sentence here.
 */
import type { RejectionCode } from "./types";

/** Answers of failed requests: {"code", "message"} bodies. */
export const ERROR_SENTENCES: Readonly<Record<string, string>> = {
  // Requests and sign-in
  invalid_argument: "Something in the request was not accepted. Please check it and try again.",
  invalid_request: "Something in the form was not accepted. Please check it and try again.",
  malformed_json: "The app sent a request the server could not read. Please reload the page and try again.",
  bad_request: "The app sent a request the server could not read. Please reload the page and try again.",
  body_too_large: "That is too much at once. Please send less (for example, fewer hours or shorter notes).",
  method_not_allowed: "The app asked for something the server does not offer. Please reload the page.",
  not_found: "We could not find that. It may have been removed; please reload the page.",
  unauthenticated: "Your sign-in has expired. Please sign in again.",
  forbidden: "Your account is not allowed to do this.",
  unavailable: "The gym's system is busy for a moment. Please try again in a few seconds.",
  internal: "Something went wrong on our side.",
  network: "We could not reach the gym's system. Check your connection and try again.",
  idempotency_key_reused: "This form was already sent with different values. Please reload the page and try again.",
  // Hours (the trainer's schedule)
  invalid_hour: "That is not a time the gym can use. Please pick one of the listed hours.",
  hour_not_full: "Trainings start on the full hour. Please pick one of the listed hours.",
  naive_datetime: "That time is missing its time zone. Please pick one of the listed hours.",
  hour_in_past: "That hour has already passed. Please pick a later one.",
  hour_too_far_ahead: "That is too far ahead: hours can be set at most 6 weeks in advance.",
  hour_too_early: "That is before opening time: trainings start at 12:00 UTC at the earliest.",
  hour_too_late: "That is after closing time: the last training starts at 20:00 UTC.",
  hour_has_training_scheduled: "A training is booked in that hour, so it cannot be closed. Cancel or move the training first.",
  hour_not_available: "That hour is not open for booking (it may have just been taken). Please pick another one.",
  no_training_scheduled: "There is no training in that hour any more.",
  invalid_calendar_range: "Please pick a shorter range of days (at most about two months).",
  invalid_hour_policy: "The gym's opening hours are set up wrongly. Please tell the gym's admin.",
  // Trainings
  training_not_found: "We could not find that training. It may belong to someone else or have been removed.",
  notes_too_long: "The notes are too long: at most 1000 characters.",
  invalid_training_hour: "Please pick a different hour from the training's current one.",
  training_already_exists: "This booking was already made.",
  training_not_scheduled: "This training is not booked (any more), so it cannot be changed. It may have been canceled.",
  training_already_started: "This training has already started, so it can no longer be canceled or moved.",
  too_late_to_reschedule: "Less than 24 hours are left, so the training cannot be moved directly. Propose a new time instead.",
  reschedule_in_progress: "This training is already being moved. Please wait a moment.",
  no_reschedule_proposal: "There is no proposed new time for this training any more.",
  own_proposal_approval: "You proposed this time yourself: the other side has to approve it.",
  // Balance
  insufficient_balance: "You have no trainings left. Ask the gym's admin to add some.",
  invalid_training_amount: "Please enter a number of trainings between 1 and 1000.",
};

/** Why a booking (or a move) was rejected: `rejection.code` / `reschedule_failure.code`. */
export const REJECTION_SENTENCES: Readonly<Record<RejectionCode, string>> & Readonly<Record<string, string>> = {
  hour_not_available: "the hour was just taken",
  hour_in_past: "the hour has already passed",
  insufficient_balance: "you had no trainings left",
  training_closed: "the training was already closed",
  timed_out: "the booking could not be confirmed in time; your training was given back",
  unknown: "the gym's system could not complete it",
};

const GENERIC = "Something went wrong.";

/** The sentence for an error answer; unknown codes get a generic one with the correlation id. */
export function errorSentence(code: string | undefined, correlationId?: string | null): string {
  const known = code === undefined ? undefined : ERROR_SENTENCES[code];
  const reference = correlationId ? ` (reference: ${correlationId})` : "";
  if (known === undefined) {
    return `${GENERIC} Please try again; if it keeps happening, tell the gym's staff${reference}.`;
  }
  if (code === "internal") return `${known} Please try again; if it keeps happening, tell the gym's staff${reference}.`;
  return known;
}

/** "the hour was just taken": the reason of a rejection, lower case, for "rejected — ...". */
export function rejectionReason(code: string | null | undefined): string {
  return REJECTION_SENTENCES[code ?? "unknown"] ?? (REJECTION_SENTENCES.unknown as string);
}

/** "rejected — the hour was just taken" */
export function rejectedLabel(code: string | null | undefined): string {
  return `rejected — ${rejectionReason(code)}`;
}
