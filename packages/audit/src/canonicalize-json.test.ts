import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { canonicalizeJson, type JsonValue } from "./canonicalize-json.ts";

const vectors = JSON.parse(readFileSync(new URL("./fixtures/jcs.json", import.meta.url), "utf8")) as {
  cases: Array<{ id: string; input: string; output: string }>;
};

describe("canonicalizeJson", () => {
  for (const c of vectors.cases) {
    it(`matches the RFC 8785 reference output: ${c.id}`, () => {
      assert.equal(canonicalizeJson(JSON.parse(c.input) as JsonValue), c.output);
    });
  }

  it("refuses values JSON cannot carry instead of writing null", () => {
    assert.throws(() => canonicalizeJson({ a: Number.NaN }), RangeError);
    assert.throws(() => canonicalizeJson([Number.POSITIVE_INFINITY]), RangeError);
    assert.throws(() => canonicalizeJson({ a: undefined } as unknown as JsonValue), TypeError);
  });

  it("is a fixed point and independent of key order (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalizeJson(value as JsonValue);
        assert.equal(canonicalizeJson(JSON.parse(once) as JsonValue), once);
        if (value !== null && typeof value === "object" && !Array.isArray(value)) {
          const reversed = Object.fromEntries(Object.entries(value).reverse());
          assert.equal(canonicalizeJson(reversed as JsonValue), once);
        }
      }),
    );
  });
});
