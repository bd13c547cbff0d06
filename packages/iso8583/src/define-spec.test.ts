import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defineField, defineSpec, type FieldSpec, ISO87_ASCII, type MessageSpec, withFieldOverrides } from "./index.ts";
import { assertRefused } from "./testing/assert-refused.ts";

const field = (notation: string, carriage: Partial<FieldSpec> = {}): FieldSpec => ({
  ...defineField("test", notation, {
    encoding: notation.startsWith("b") ? "binary" : "ascii",
    ...(notation.includes(".") ? { prefixEncoding: "ascii" as const } : {}),
  }),
  ...carriage,
});
const specWith = (fields: Record<number, FieldSpec>, extra: Partial<MessageSpec> = {}): MessageSpec =>
  defineSpec({ name: "T", mtiEncoding: "ascii", bitmapEncoding: "hex", fields, ...extra });

describe("defineField", () => {
  it("reads ISO notation: content, length type and maximum (bits for fixed b, bytes for variable b)", () => {
    const read = (notation: string, encoding: FieldSpec["encoding"] = "ascii", prefix = true) => {
      const f = defineField("x", notation, {
        encoding,
        ...(notation.includes(".") && prefix ? { prefixEncoding: "ascii" as const } : {}),
      });
      return [f.content, f.lengthType, f.maxLength];
    };
    assert.deepEqual(read("n..19"), ["n", "LLVAR", 19]);
    assert.deepEqual(read("an 12"), ["an", "fixed", 12]);
    assert.deepEqual(read("ans...999"), ["ans", "LLLVAR", 999]);
    assert.deepEqual(read("x+n 8"), ["x+n", "fixed", 8]);
    assert.deepEqual(read("n.6"), ["n", "LVAR", 6]);
    assert.deepEqual(read("z..37"), ["z", "LLVAR", 37]);
    assert.deepEqual(read("b 64", "hex"), ["b", "fixed", 8]);
    assert.deepEqual(read("b 1", "binary"), ["b", "fixed", 1]);
    assert.deepEqual(read("b...999", "binary"), ["b", "LLLVAR", 999]);
  });

  it("refuses notation that is not ISO 8583", () => {
    for (const notation of ["nn 5", "n", "n....9", "an -1", "N 5", "n 0"]) {
      assertRefused(() => defineField("x", notation, { encoding: "ascii" }), "SPEC_INVALID", undefined);
    }
  });
});

describe("defineSpec", () => {
  it("refuses layouts that cannot work, at definition time", () => {
    const bad: FieldSpec[] = [
      field("n..19", { maxLength: 100 }), // LLVAR over 99
      field("n.6", { maxLength: 10 }), // LVAR over 9
      field("n..19", { prefixEncoding: undefined }), // variable without prefixEncoding
      field("n 6", { prefixEncoding: "ascii" }), // fixed with a prefix
      field("an 6", { encoding: "bcd" }), // text cannot be packed
      field("n 6", { encoding: "hex" }), // digits are not bytes
      field("ans 6", { encoding: "binary" }),
      field("b 64", { encoding: "ascii" }),
      field("x+n 8", { lengthType: "LLVAR", prefixEncoding: "ascii" }), // x+n is fixed
      field("n 6", { maxLength: 0 }),
      field("n 6", { lengthType: "LLLLVAR" as "LLVAR", prefixEncoding: "ascii" }),
      field("n 6", { padding: "left" }), // padding on ASCII
      field("n 6", { dateFormat: "MMDD" }), // wrong length for the layout
      field("an 4", { dateFormat: "MMDD" }), // a date is numeric
      field("n 6", { contentCheck: "loose" as "strict" }),
      field("n 6", { content: "q" as "n" }),
    ];
    for (const f of bad) assertRefused(() => specWith({ 2: f }), "SPEC_INVALID", undefined);
    assertRefused(() => specWith({ 1: field("b 64") }), "SPEC_INVALID", undefined);
    assertRefused(() => specWith({ 129: field("n 6") }), "SPEC_INVALID", undefined);
    assertRefused(() => specWith({}, { mtiEncoding: "ebcdic" as "ascii" }), "SPEC_INVALID", undefined);
    assertRefused(() => specWith({}, { bitmapEncoding: "ascii" as "hex" }), "SPEC_INVALID", undefined);
  });

  it("returns a frozen copy, unaffected by later changes to the definition", () => {
    const fields: Record<number, FieldSpec> = { 3: field("n 6") };
    const spec = specWith(fields);
    fields[3] = field("n 7");
    assert.equal(spec.fields[3]?.maxLength, 6);
    assert.ok(Object.isFrozen(spec) && Object.isFrozen(spec.fields) && Object.isFrozen(spec.fields[3]));
    assert.ok(Object.isFrozen(ISO87_ASCII.fields[2]));
  });
});

describe("withFieldOverrides", () => {
  it("merges over the base field and leaves the base spec alone", () => {
    const spec = withFieldOverrides(ISO87_ASCII, { 2: { contentCheck: "printable" } }, "RELAXED");
    assert.equal(spec.name, "RELAXED");
    assert.equal(spec.fields[2]?.contentCheck, "printable");
    assert.equal(spec.fields[2]?.maxLength, 19);
    assert.equal(ISO87_ASCII.fields[2]?.contentCheck, undefined);
  });

  it("can remove a property (a variable field made fixed drops its prefix)", () => {
    const spec = withFieldOverrides(ISO87_ASCII, {
      2: { notation: "n 16", lengthType: "fixed", maxLength: 16, prefixEncoding: undefined },
    });
    assert.equal(spec.fields[2]?.lengthType, "fixed");
  });

  it("needs a complete definition for a field the base spec lacks", () => {
    const base = specWith({ 3: field("n 6") });
    assertRefused(() => withFieldOverrides(base, { 4: { maxLength: 12 } }), "SPEC_INVALID", undefined);
    assert.equal(withFieldOverrides(base, { 4: field("n 12") }).fields[4]?.maxLength, 12);
  });
});
