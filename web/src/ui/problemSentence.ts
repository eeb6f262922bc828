/** Any thrown error as the sentence to show: API problems by their code, others generically. */
import { ApiProblem } from "../api/apiProblem";
import { errorSentence } from "../api/humanWording";

export function problemSentence(error: unknown): string {
  if (error instanceof ApiProblem) return errorSentence(error.code, error.correlationId);
  console.error(error);
  return errorSentence(undefined);
}
