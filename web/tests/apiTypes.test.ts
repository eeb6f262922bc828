import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_TYPES_FILE, renderApiTypes } from "../scripts/api-types.mjs";

describe("generated API types", () => {
  it("match the OpenAPI document (run `npm run gen:api` when this fails)", async () => {
    const committed = readFileSync(SCHEMA_TYPES_FILE, "utf8");
    expect(committed === (await renderApiTypes()), "src/api/schema.d.ts is stale: run `npm run gen:api`").toBe(true);
  });
});
