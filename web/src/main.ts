/** Boot: runtime config → Firebase session (restored from session storage) → router → mount. */
import { createApp } from "vue";
import App from "./App.vue";
import { startSession } from "./auth/session";
import { loadRuntimeConfig } from "./config/runtimeConfig";
import { router } from "./router";
import "./styles/app.css";

async function boot(): Promise<void> {
  const root = document.getElementById("app");
  try {
    await startSession(await loadRuntimeConfig());
  } catch (error) {
    console.error(error);
    if (root) {
      root.textContent = "Wild Workouts could not start: its configuration did not load. Please reload the page.";
      root.className = "boot-failure";
    }
    return;
  }
  createApp(App).use(router).mount("#app");
}

void boot();
