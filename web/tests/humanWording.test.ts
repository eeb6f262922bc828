import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ERROR_SENTENCES,
  REJECTION_SENTENCES,
  errorSentence,
  rejectedLabel,
} from "../src/api/humanWording";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const document = JSON.parse(
  readFileSync(join(repo, "functions/wild_workouts/http/openapi.json"), "utf8"),
) as Record<string, unknown>;

function pythonFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === "__pycache__" ? [] : pythonFiles(path);
    return name.endsWith(".py") ? [path] : [];
  });
}

/** Codes the Python API can answer with: domain errors, ApiError(...) raises, the Flask fallbacks. */
function serverErrorCodes(): Set<string> {
  const codes = new Set<string>();
  const patterns = [
    /\bcode = "([a-z_]+)"/g, // domain errors: class FooError: code = "foo"
    /ApiError\(\s*\d{3},\s*"([a-z_]+)"/g, // route errors: ApiError(400, "malformed_json", ...)
    /_body\("([a-z_]+)"/g, // the error mapping's own answers
    /\d{3}: "([a-z_]+)"/g, // the Flask app's status → code table
    /"code": "([a-z_]+)"/g, // literal error bodies
  ];
  for (const file of pythonFiles(join(repo, "functions"))) {
    const text = readFileSync(file, "utf8");
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) codes.add(match[1] as string);
  }
  return codes;
}

/** Codes the OpenAPI document names: enums of any `code` property, the Error description's list. */
function documentCodes(): { errors: Set<string>; enums: Set<string> } {
  const errors = new Set<string>();
  const enums = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    const properties = record.properties as Record<string, { enum?: unknown[] }> | undefined;
    for (const value of properties?.code?.enum ?? []) if (typeof value === "string") enums.add(value);
    Object.values(record).forEach(visit);
  };
  visit(document);
  const schemas = (document.components as { schemas: Record<string, { properties?: Record<string, { description?: string }> }> })
    .schemas;
  const description = schemas.Error?.properties?.code?.description ?? "";
  for (const match of description.matchAll(/\b([a-z]+(?:_[a-z]+)*)\b/g)) {
    const word = match[1] as string;
    if (word.includes("_") || ["unauthenticated", "forbidden", "unavailable", "internal"].includes(word)) errors.add(word);
  }
  return { errors, enums };
}

describe("human wording", () => {
  it("has a sentence for every error code the server raises", () => {
    const codes = serverErrorCodes();
    expect(codes.size).toBeGreaterThan(25); // the scan itself works
    const missing = [...codes].filter((code) => !(code in ERROR_SENTENCES) && !(code in REJECTION_SENTENCES));
    expect(missing).toEqual([]);
  });

  it("has a sentence for every code the OpenAPI document names", () => {
    const { errors, enums } = documentCodes();
    expect(errors.has("hour_too_late")).toBe(true);
    const missingErrors = [...errors].filter((code) => !(code in ERROR_SENTENCES));
    const missingEnums = [...enums].filter((code) => !(code in REJECTION_SENTENCES) && !(code in ERROR_SENTENCES));
    expect(missingErrors).toEqual([]);
    expect(missingEnums).toEqual([]);
  });

  it("has a reason for every rejection code of the contract", () => {
    for (const code of ["hour_not_available", "hour_in_past", "insufficient_balance", "training_closed", "timed_out", "unknown"]) {
      expect(REJECTION_SENTENCES[code], code).toBeTruthy();
    }
    expect(rejectedLabel("hour_not_available")).toBe("rejected — the hour was just taken");
  });

  it("never shows internal wording", () => {
    for (const sentence of [...Object.values(ERROR_SENTENCES), ...Object.values(REJECTION_SENTENCES)]) {
      expect(sentence).not.toMatch(/[a-z]+_[a-z]+/);
      expect(sentence).not.toMatch(/only an available hour/);
    }
  });

  it("answers an unknown code with a generic sentence and the correlation id", () => {
    const sentence = errorSentence("brand_new_code", "corr-123");
    expect(sentence).toContain("Something went wrong");
    expect(sentence).toContain("corr-123");
    expect(sentence).not.toContain("brand_new_code");
    expect(rejectedLabel("brand_new_code")).toBe("rejected — the gym's system could not complete it");
  });

  it("adds the reference to internal errors and keeps known sentences as they are", () => {
    expect(errorSentence("internal", "corr-9")).toContain("corr-9");
    expect(errorSentence("hour_too_late", "corr-9")).toBe(ERROR_SENTENCES.hour_too_late);
  });
});
