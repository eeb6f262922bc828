/** The API's JSON shapes, named after the generated OpenAPI types (schema.d.ts). */
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Role = "attendee" | "trainer" | "admin";
export type Side = Schemas["Side"];
export type TrainingStatus = Schemas["TrainingStatus"];
export type Availability = Schemas["Availability"];
export type Calendar = Schemas["Calendar"];
export type Balance = Schemas["Balance"];
export type GrantResult = Schemas["GrantResult"];
export type CancelAccepted = Schemas["CancelAccepted"];
export type TrainingAccepted = Schemas["TrainingAccepted"];
export type TrainingActionAccepted = Schemas["TrainingActionAccepted"];
export type ApiErrorBody = Schemas["Error"];
export type RejectionCode = Schemas["RejectionCode"];
/** A stable code plus the server's message (the app shows its own sentence for the code). */
export type Rejection = NonNullable<Schemas["Rejection"]>;

/** GET /trainings/{id} (strongly consistent), or the 200 answer of a command with Prefer: wait. */
export type Training = Schemas["Training"] | Schemas["SettledTraining"];
/** A row of GET /trainings (eventually consistent). */
export type TrainingView = Schemas["TrainingView"];
/** GET /trainer/availability: only the hours open for booking, after the current hour. */
export type AvailabilityDays = Schemas["TrainerAvailability"];
