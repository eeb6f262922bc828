import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

/**
 * The app is served by the API under /app/ (assets under /app/assets/, hashed names).
 * Pages are lazy-loaded routes, so the first load carries only the shell, Vue, the router
 * and Firebase Authentication (budget: 200 KB of gzip-compressed script).
 */
export default defineConfig({
  base: "/app/",
  plugins: [vue()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    // No inline module-preload polyfill script: index.html must stay free of inline code (CSP).
    modulePreload: { polyfill: false },
    target: "es2022",
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
  },
});
