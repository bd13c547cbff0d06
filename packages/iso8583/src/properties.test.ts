// Property tests: random valid messages round-trip exactly, on the built-in specs and on random
// specs; random, mutated and truncated bytes only ever end in a message or an Iso8583Error, fast.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type ContentType,
  type DataEncoding,
  type DateFormat,
  defineSpec,
  type FieldSpec,
  ISO87_ASCII,
  ISO87_BINARY,
  Iso8583Error,
  type Iso8583Message,
  type LengthType,
  type MessageSpec,
  packMessage,
  unpackMessage,
} from "./index.ts";

const RUNS = 300;

const range = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)).join("");
const DIGITS = "0123456789";
const LETTERS = range(0x41, 0x5a) + range(0x61, 0x7a);
const PRINTABLE = range(0x20, 0x7e);
const SPECIAL = [...PRINTABLE].filter((c) => !DIGITS.includes(c) && !LETTERS.includes(c)).join("");
const CHARS: Readonly<Record<Exclude<ContentType, "b" | "x+n" | "z">, string>> = {
  n: DIGITS,
  a: `${LETTERS} `,
  an: `${LETTERS}${DIGITS} `,
  as: LETTERS + SPECIAL,
  ns: DIGITS + SPECIAL,
  s: SPECIAL,
  ans: PRINTABLE,
};

// Lengths are drawn uniformly (fast-check's default sizes stay small), so maximum-length LLLVAR
// fields are as likely as short ones.
const lengthOf = (minLength: number, maxLength: number): fc.Arbitrary<number> =>
  fc.oneof(fc.integer({ min: minLength, max: maxLength }), fc.constantFrom(minLength, maxLength));
const textOf = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  lengthOf(minLength, maxLength).chain((length) =>
    fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length }),
  );
const bytesOf = (minLength: number, maxLength: number): fc.Arbitrary<Uint8Array> =>
  lengthOf(minLength, maxLength).chain((length) => fc.uint8Array({ minLength: length, maxLength: length }));

const two = (n: number): string => String(n).padStart(2, "0");
function dateText(format: DateFormat, d: Date): string {
  const [yy, mm, dd, hh, mi, ss] = [
    d.getUTCFullYear() % 100,
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  ].map(two);
  return {
    MMDDhhmmss: `${mm}${dd}${hh}${mi}${ss}`,
    MMDD: `${mm}${dd}`,
    hhmmss: `${hh}${mi}${ss}`,
    YYMM: `${yy}${mm}`,
    YYMMDD: `${yy}${mm}${dd}`,
  }[format];
}

/** A value the field accepts. Track 2 on BCD uses "=" only: "D" packs the same and reads back "=". */
function fieldValue(field: FieldSpec): fc.Arbitrary<string | Uint8Array> {
  const min = field.lengthType === "fixed" ? field.maxLength : 0;
  const max = field.maxLength;
  if (field.content === "b") return bytesOf(min, max);
  if (field.dateFormat !== undefined) {
    const format = field.dateFormat;
    return fc
      .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
      .map((d) => dateText(format, d));
  }
  if (field.content === "x+n")
    return fc.tuple(fc.constantFrom("C", "D"), textOf(DIGITS, max, max)).map(([s, d]) => s + d);
  if (field.content === "z") return textOf(field.encoding === "bcd" ? `${DIGITS}=` : `${DIGITS}=D`, min, max);
  return textOf(CHARS[field.content], min, max);
}

function messageOf(spec: MessageSpec, maxFields = 24): fc.Arbitrary<Iso8583Message> {
  const numbers = Object.keys(spec.fields).map(Number);
  return fc
    .tuple(textOf(DIGITS, 4, 4), fc.subarray(numbers, { maxLength: Math.min(maxFields, numbers.length) }))
    .chain(([mti, chosen]) =>
      fc.tuple(...chosen.map((n) => fieldValue(spec.fields[n] as FieldSpec))).map((values) => {
        const fields: Record<number, string | Uint8Array> = {};
        chosen.forEach((n, i) => {
          fields[n] = values[i] as string | Uint8Array;
        });
        return { mti, fields };
      }),
    );
}

const MAX_BY_LENGTH_TYPE: Readonly<Record<LengthType, number>> = { fixed: 60, LVAR: 9, LLVAR: 99, LLLVAR: 999 };

/** A random but valid field definition: any content, carriage, length type, prefix and padding. */
const fieldSpecArb: fc.Arbitrary<FieldSpec> = fc
  .record({
    content: fc.constantFrom<ContentType>("n", "a", "an", "ans", "as", "ns", "s", "b", "z", "x+n"),
    lengthType: fc.constantFrom<LengthType>("fixed", "LVAR", "LLVAR", "LLLVAR"),
    packed: fc.boolean(),
    prefixEncoding: fc.constantFrom<"ascii" | "bcd">("ascii", "bcd"),
    padding: fc.constantFrom<"left" | "right" | undefined>("left", "right", undefined),
    padNibble: fc.constantFrom<"0" | "F" | undefined>("0", "F", undefined),
    size: fc.integer({ min: 1, max: 999 }),
  })
  .map(({ content, lengthType: chosen, packed, prefixEncoding, padding, padNibble, size }) => {
    const lengthType = content === "x+n" ? "fixed" : chosen;
    const maxLength = Math.min(size, MAX_BY_LENGTH_TYPE[lengthType]);
    const bcd = packed && (content === "n" || content === "z" || content === "x+n");
    const encoding: DataEncoding = content === "b" ? (packed ? "binary" : "hex") : bcd ? "bcd" : "ascii";
    const dots = { fixed: " ", LVAR: ".", LLVAR: "..", LLLVAR: "..." }[lengthType];
    return {
      name: "random",
      notation: `${content}${dots}${maxLength}`,
      content,
      lengthType,
      maxLength,
      encoding,
      ...(lengthType === "fixed" ? {} : { prefixEncoding }),
      ...(bcd && padding ? { padding } : {}),
      ...(bcd && padNibble ? { padNibble } : {}),
    };
  });

const specArb: fc.Arbitrary<MessageSpec> = fc
  .record({
    mtiEncoding: fc.constantFrom<"ascii" | "bcd">("ascii", "bcd"),
    bitmapEncoding: fc.constantFrom<"hex" | "binary">("hex", "binary"),
    numbers: fc.uniqueArray(fc.integer({ min: 2, max: 128 }), { minLength: 1, maxLength: 12 }),
    fields: fc.array(fieldSpecArb, { minLength: 12, maxLength: 12 }),
  })
  .map(({ mtiEncoding, bitmapEncoding, numbers, fields }) =>
    defineSpec({
      name: "RANDOM",
      mtiEncoding,
      bitmapEncoding,
      fields: Object.fromEntries(numbers.map((n, i) => [n, fields[i] as FieldSpec])),
    }),
  );

/** Unpacks, allowing only success or an Iso8583Error; returns the time it took in ms. */
function unpackSafely(spec: MessageSpec, bytes: Uint8Array): number {
  const started = performance.now();
  try {
    unpackMessage(spec, bytes);
  } catch (error) {
    if (!(error instanceof Iso8583Error)) throw error;
  }
  return performance.now() - started;
}

// Generous: one unpack is microseconds; this only catches pathological (super-linear) cases.
const SLOW_MS = 25;

describe("iso8583 properties", () => {
  for (const spec of [ISO87_ASCII, ISO87_BINARY]) {
    it(`${spec.name}: unpack(pack(m)) deep-equals m for random valid messages`, () => {
      fc.assert(
        fc.property(messageOf(spec), (message) => {
          assert.deepStrictEqual(unpackMessage(spec, packMessage(spec, message)), message);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${spec.name}: every truncation of a valid message is refused with an Iso8583Error`, () => {
      fc.assert(
        fc.property(messageOf(spec, 10), (message) => {
          const bytes = packMessage(spec, message);
          for (let length = 0; length < bytes.length; length++) {
            assert.throws(
              () => unpackMessage(spec, bytes.subarray(0, length)),
              (error: unknown) => error instanceof Iso8583Error,
            );
          }
        }),
        { numRuns: 100 },
      );
    });

    it(`${spec.name}: random bytes, and valid messages with random bytes changed, never crash and finish quickly`, () => {
      const bitmapChars = spec.bitmapEncoding === "hex" ? "0123456789ABCDEF" : undefined;
      // Plausible heads (a valid MTI and bitmap) reach the field decoders instead of failing at byte 0.
      const plausible = fc
        .tuple(
          bitmapChars
            ? textOf(bitmapChars, 32, 32).map((t) => Buffer.from(t))
            : fc.uint8Array({ minLength: 16, maxLength: 16 }),
          fc.uint8Array({ maxLength: 400 }),
        )
        .map(([bitmap, tail]) => {
          const mti = spec.mtiEncoding === "ascii" ? Buffer.from("0100") : Buffer.from([0x01, 0x00]);
          return Uint8Array.from([...mti, ...bitmap, ...tail]);
        });
      const mutated = fc
        .tuple(messageOf(spec, 12), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
        .map(([message, changes]) => {
          const bytes = packMessage(spec, message);
          for (const [at, value] of changes) if (bytes.length > 0) bytes[at % bytes.length] = value;
          return bytes;
        });
      let slowest = 0;
      fc.assert(
        fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), plausible, mutated), (bytes) => {
          slowest = Math.max(slowest, unpackSafely(spec, bytes));
        }),
        { numRuns: 2000 },
      );
      assert.ok(slowest < SLOW_MS, `slowest unpack took ${slowest.toFixed(2)} ms`);
    });
  }

  it("random specs: any valid layout round-trips its random messages, and its truncations are refused", () => {
    fc.assert(
      fc.property(
        specArb.chain((spec) => fc.tuple(fc.constant(spec), messageOf(spec))),
        ([spec, message]) => {
          const bytes = packMessage(spec, message);
          assert.deepStrictEqual(unpackMessage(spec, bytes), message);
          for (let length = 0; length < bytes.length; length += Math.max(1, bytes.length >> 4)) {
            assert.throws(
              () => unpackMessage(spec, bytes.subarray(0, length)),
              (error: unknown) => error instanceof Iso8583Error,
            );
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("random specs: random bytes never crash", () => {
    fc.assert(
      fc.property(specArb, fc.uint8Array({ maxLength: 300 }), (spec, bytes) => {
        assert.ok(unpackSafely(spec, bytes) < SLOW_MS);
      }),
      { numRuns: 1000 },
    );
  });
});
