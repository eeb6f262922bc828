export const OPENAPI_DOCUMENT: string;
export const SCHEMA_TYPES_FILE: string;
export function renderApiTypes(): Promise<string>;
