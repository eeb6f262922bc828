/**
 * The runtime configuration the API serves at /app/config.json (never baked into the build):
 * the Firebase web config, the Authentication emulator's URL when running locally, and the
 * demo users (an empty list unless local sign-in is allowed).
 */

export interface DemoUser {
  email: string;
  password: string;
  displayName: string;
  role: string;
  uid: string;
}

export interface RuntimeConfig {
  firebase: { apiKey: string; authDomain: string; projectId: string };
  authEmulatorUrl: string | null;
  demoUsers: DemoUser[];
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: "no-store" });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  const raw = (await response.json()) as Partial<RuntimeConfig>;
  if (!raw.firebase) throw new Error("config.json has no firebase section");
  return { firebase: raw.firebase, authEmulatorUrl: raw.authEmulatorUrl ?? null, demoUsers: raw.demoUsers ?? [] };
}
