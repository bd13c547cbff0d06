/** A JSON value as the audit trail stores it: no undefined, no non-finite numbers. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Serializes a JSON value in the JSON Canonicalization Scheme (RFC 8785): object keys sorted by
 * UTF-16 code units, no whitespace, strings and numbers as ECMAScript `JSON.stringify` writes
 * them. The same value always gives the same bytes, which is what makes a hash of it meaningful
 * to an independent verifier.
 */
export function canonicalizeJson(value: JsonValue): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    // JSON has no NaN or Infinity; JSON.stringify would silently write null and break the hash.
    if (!Number.isFinite(value)) throw new RangeError("non-finite number in canonical JSON");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalizeJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const v = value[key];
    // An undefined member would vanish in JSON.parse and change the hash on re-verification.
    if (v === undefined) throw new TypeError(`undefined member ${JSON.stringify(key)} in canonical JSON`);
    parts.push(`${JSON.stringify(key)}:${canonicalizeJson(v)}`);
  }
  return `{${parts.join(",")}}`;
}
