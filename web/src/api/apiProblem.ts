/** A failed API request: the HTTP status, the API's stable code and the correlation id. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly correlationId: string | null,
    serverMessage: string,
  ) {
    // The server's message is kept for the console only; the screen shows errorSentence(code).
    super(`${status} ${code}: ${serverMessage}`);
    this.name = "ApiProblem";
  }
}
