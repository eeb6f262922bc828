/**
 * Who is signed in, through the Firebase JS SDK (modular): email + password sign-in, the
 * Authentication emulator when the runtime config names one, tokens kept in session storage
 * only (browserSessionPersistence: a reload keeps the user, closing the tab forgets them).
 * The role is the ID token's custom claim `role`; the API receives the ID token as Bearer
 * (``getIdToken`` renews it when it is about to expire).
 */
import { initializeApp } from "firebase/app";
import {
  type Auth,
  type User,
  browserSessionPersistence,
  connectAuthEmulator,
  initializeAuth,
  onIdTokenChanged,
  signInWithEmailAndPassword,
  signOut as firebaseSignOut,
} from "firebase/auth";
import { reactive } from "vue";
import { useTokenSource } from "../api/http";
import type { Role } from "../api/types";
import type { DemoUser, RuntimeConfig } from "../config/runtimeConfig";

export interface SignedInUser {
  uid: string;
  email: string;
  name: string;
  /** null: the account has no (known) role yet. */
  role: Role | null;
}

export const session = reactive<{ ready: boolean; user: SignedInUser | null }>({ ready: false, user: null });

let auth: Auth | null = null;

/** The demo users of the runtime config (empty unless local sign-in is allowed). */
export let demoUsers: readonly DemoUser[] = [];

const ROLES: readonly Role[] = ["attendee", "trainer", "admin"];

export async function startSession(config: RuntimeConfig): Promise<void> {
  demoUsers = config.demoUsers;
  const app = initializeApp(config.firebase);
  auth = initializeAuth(app, { persistence: browserSessionPersistence });
  if (config.authEmulatorUrl) connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true });
  useTokenSource(async (forceRefresh) => (auth?.currentUser ? auth.currentUser.getIdToken(forceRefresh) : null));
  onIdTokenChanged(auth, (user) => {
    void describe(user).then((described) => {
      session.user = described;
      session.ready = true;
    });
  });
  await auth.authStateReady();
  session.user = await describe(auth.currentUser);
  session.ready = true;
}

async function describe(user: User | null): Promise<SignedInUser | null> {
  if (!user) return null;
  const { claims } = await user.getIdTokenResult();
  const role = ROLES.find((known) => known === claims.role) ?? null;
  const name = typeof claims.name === "string" ? claims.name : (user.displayName ?? user.email ?? user.uid);
  return { uid: user.uid, email: user.email ?? "", name, role };
}

export async function signIn(email: string, password: string): Promise<SignedInUser> {
  if (!auth) throw new Error("the session has not started");
  const credential = await signInWithEmailAndPassword(auth, email, password);
  const described = await describe(credential.user);
  session.user = described;
  return described as SignedInUser;
}

export async function signOut(): Promise<void> {
  if (auth) await firebaseSignOut(auth);
  session.user = null;
}

/** Firebase's sign-in error codes as sentences (the SDK's own messages are not for users). */
export function signInErrorSentence(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "auth/invalid-credential":
    case "auth/wrong-password":
    case "auth/user-not-found":
    case "auth/invalid-email":
      return "The email or password is not right. Please try again.";
    case "auth/user-disabled":
      return "This account has been switched off. Please ask the gym's admin.";
    case "auth/too-many-requests":
      return "Too many attempts. Please wait a minute and try again.";
    case "auth/network-request-failed":
      return "We could not reach the sign-in service. Check your connection and try again.";
    default:
      return "Signing in did not work. Please try again.";
  }
}

/** The page a signed-in user starts on. */
export function startPage(role: Role | null): string {
  if (role === null) return "/no-role";
  return role === "admin" ? "/admin" : "/trainings";
}
