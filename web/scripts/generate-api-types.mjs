/** `npm run gen:api`: writes src/api/schema.d.ts from the API's OpenAPI document. */
import { writeFile } from "node:fs/promises";
import { SCHEMA_TYPES_FILE, renderApiTypes } from "./api-types.mjs";

await writeFile(SCHEMA_TYPES_FILE, await renderApiTypes());
console.log(`wrote ${SCHEMA_TYPES_FILE}`);
