/**
 * After `vite build`: puts the API page into dist/docs/ (served at /docs): Swagger UI's files
 * from the pinned swagger-ui-dist package plus our own page, initializer and styles
 * (api-docs/), which read the served /openapi.json. Nothing is loaded from a CDN.
 */
import { copyFile, mkdir, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = fileURLToPath(new URL("..", import.meta.url));
const swaggerUi = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const target = join(web, "dist", "docs");
const FROM_SWAGGER_UI = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE", "NOTICE"];

await mkdir(target, { recursive: true });
for (const name of FROM_SWAGGER_UI) await copyFile(join(swaggerUi, name), join(target, name));
for (const name of await readdir(join(web, "api-docs"))) await copyFile(join(web, "api-docs", name), join(target, name));
console.log(`API docs copied to ${target}`);
