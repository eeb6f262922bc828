/**
 * The one place the app talks HTTP to the API (same origin, paths from the OpenAPI document).
 * Every request carries the user's Firebase ID token as Bearer; a 401 is retried once with a
 * freshly minted token. Failures become ``ApiProblem`` (code "network" when nothing answered).
 */
import { ApiProblem } from "./apiProblem";

export type TokenSource = (forceRefresh: boolean) => Promise<string | null>;

export interface ApiAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT";
  body?: unknown;
  headers?: Record<string, string>;
}

let tokenSource: TokenSource = async () => null;

/** Set once the user signs in (and reset on sign-out). */
export function useTokenSource(source: TokenSource): void {
  tokenSource = source;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
  let response = await send(path, options, false);
  if (response.status === 401) response = await send(path, options, true);
  const text = await response.text();
  const body: unknown = text === "" ? null : safeJson(text);
  if (!response.ok) {
    const problem = (body ?? {}) as { code?: unknown; message?: unknown };
    throw new ApiProblem(
      response.status,
      typeof problem.code === "string" ? problem.code : `http_${response.status}`,
      response.headers.get("X-Correlation-Id"),
      typeof problem.message === "string" ? problem.message : text.slice(0, 200),
    );
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

async function send(path: string, options: RequestOptions, forceRefresh: boolean): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  const token = await tokenSource(forceRefresh);
  if (token) headers.Authorization = `Bearer ${token}`;
  const init: RequestInit = { method: options.method ?? "GET", headers, credentials: "omit" };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  try {
    return await fetch(path, init);
  } catch (error) {
    throw new ApiProblem(0, "network", null, String(error));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
