/**
 * Routes and their guards. Every page but sign-in needs a signed-in user; pages for one role
 * send others to a clear "This page is for trainers" page (the API would answer 403 anyway),
 * and a user without a role goes to the "no role yet" page. Pages are lazy-loaded chunks.
 */
import { createRouter, createWebHistory, type RouteLocationRaw } from "vue-router";
import type { Role } from "./api/types";
import { session, startPage } from "./auth/session";

declare module "vue-router" {
  interface RouteMeta {
    /** Roles that may open the page; absent: any signed-in user with a role. */
    roles?: Role[];
    /** Open without signing in. */
    public?: boolean;
    title: string;
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: "/", redirect: () => startPage(session.user?.role ?? null), meta: { title: "Wild Workouts" } },
    { path: "/sign-in", component: () => import("./pages/SignInPage.vue"), meta: { public: true, title: "Sign in" } },
    {
      path: "/trainings",
      component: () => import("./pages/TrainingsPage.vue"),
      meta: { roles: ["attendee", "trainer"], title: "Trainings" },
    },
    {
      path: "/trainings/new",
      component: () => import("./pages/BookTrainingPage.vue"),
      meta: { roles: ["attendee"], title: "Book a training" },
    },
    {
      path: "/calendar",
      component: () => import("./pages/CalendarPage.vue"),
      meta: { roles: ["attendee", "trainer"], title: "Calendar" },
    },
    {
      path: "/trainer/schedule",
      component: () => import("./pages/TrainerSchedulePage.vue"),
      meta: { roles: ["trainer"], title: "My hours" },
    },
    {
      path: "/admin",
      component: () => import("./pages/AdminPage.vue"),
      meta: { roles: ["admin"], title: "Grant trainings" },
    },
    { path: "/no-role", component: () => import("./pages/NoRolePage.vue"), meta: { title: "No role yet" } },
    {
      path: "/not-allowed",
      component: () => import("./pages/NotAllowedPage.vue"),
      meta: { title: "Not for your account" },
    },
    { path: "/:unknown(.*)*", component: () => import("./pages/NotFoundPage.vue"), meta: { public: true, title: "Not found" } },
  ],
});

router.beforeEach((to): RouteLocationRaw | true => {
  const user = session.user;
  if (to.meta.public) {
    if (to.path === "/sign-in" && user) return startPage(user.role);
    return true;
  }
  if (!user) return { path: "/sign-in", query: { next: to.fullPath } };
  if (user.role === null) return to.path === "/no-role" ? true : "/no-role";
  if (to.path === "/no-role") return startPage(user.role);
  const roles = to.meta.roles;
  if (roles && !roles.includes(user.role)) {
    return { path: "/not-allowed", query: { for: roles.join(","), from: to.fullPath } };
  }
  return true;
});

router.afterEach((to) => {
  document.title = `${to.meta.title} · Wild Workouts`;
});
