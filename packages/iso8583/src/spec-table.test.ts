// The built-in specs against the fixture's field table (fieldFormats87): ISO notation from
// moov-io, wire layouts from pyiso8583 default_ascii, jPOS iso87ascii and jPOS iso87binary.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { type FieldSpec, ISO87_ASCII, ISO87_BINARY } from "./index.ts";

interface Row {
  readonly field: number;
  readonly isoFormat: string;
  readonly type: string;
  readonly lengthType: string;
  readonly maxLength: number;
  readonly contentFormat?: string;
  readonly sourcesAgree: boolean;
  readonly crossCheck: {
    readonly "pyiso8583.default_ascii": { readonly len_type: number; readonly max_len: number };
    readonly "jpos.iso87ascii": { readonly class: string; readonly length: number };
    readonly "jpos.iso87binary": { readonly class: string; readonly length: number };
  };
}

const rows = (
  JSON.parse(readFileSync(new URL("./fixtures/iso8583.json", import.meta.url), "utf8")) as {
    fieldFormats87: readonly Row[];
  }
).fieldFormats87;

// Where the sources disagree, which one we follow (see specs/iso87-fields.ts and docs/iso8583.md).
// Each entry lists the sources we depart from, checked below to be exactly these.
const DEPARTURES: Readonly<Record<number, readonly ("pyiso8583" | "jpos")[]>> = {
  54: ["pyiso8583"], // an...120 (moov-io, jPOS), not 240
  55: ["pyiso8583"], // ans...999 text (moov-io, jPOS iso87ascii), not 510 hex characters
  65: ["pyiso8583"], // b 1 = 1 byte (moov-io, jPOS), not 8 bytes
  93: ["jpos"], // an 5 (moov-io, pyiso8583, the 1987 standard), not 6
  96: ["jpos"], // b 64 = 8 bytes (moov-io, pyiso8583, the 1987 standard), not 16
};

const fieldOf = (spec: typeof ISO87_ASCII, n: number): FieldSpec => {
  const field = spec.fields[n];
  assert.ok(field, `field ${n} missing`);
  return field;
};
const LENGTH_TYPE_BY_DIGITS = ["fixed", "LVAR", "LLVAR", "LLLVAR"];
/** Characters a field takes on an ASCII wire at most (b: 2 hex characters per byte; x+n: sign + digits). */
const asciiWireMax = (f: FieldSpec): number =>
  f.content === "b" ? 2 * f.maxLength : f.content === "x+n" ? f.maxLength + 1 : f.maxLength;
/** The length jPOS declares: bytes for binary fields, sign + digits for amounts, characters otherwise. */
const jposLength = (f: FieldSpec): number => (f.content === "x+n" ? f.maxLength + 1 : f.maxLength);

const JPOS_ASCII_LENGTH_TYPE: Readonly<Record<string, string>> = {
  IFA_NUMERIC: "fixed",
  IF_CHAR: "fixed",
  IFA_AMOUNT: "fixed",
  IFA_BINARY: "fixed",
  IFA_LLNUM: "LLVAR",
  IFA_LLCHAR: "LLVAR",
  IFA_LLLCHAR: "LLLVAR",
  IFA_LLLNUM: "LLLVAR",
};
const JPOS_BINARY_LAYOUT: Readonly<Record<string, { encoding: string; lengthType: string }>> = {
  IFB_NUMERIC: { encoding: "bcd", lengthType: "fixed" },
  IFB_AMOUNT: { encoding: "bcd", lengthType: "fixed" },
  IFB_LLNUM: { encoding: "bcd", lengthType: "LLVAR" },
  IF_CHAR: { encoding: "ascii", lengthType: "fixed" },
  IFB_LLCHAR: { encoding: "ascii", lengthType: "LLVAR" },
  IFB_LLLCHAR: { encoding: "ascii", lengthType: "LLLVAR" },
  IFB_BINARY: { encoding: "binary", lengthType: "fixed" },
  IFB_LLLBINARY: { encoding: "binary", lengthType: "LLLVAR" },
};

describe("built-in specs against the ISO 8583:1987 field table", () => {
  it("covers fields 1-128, field 1 being the 64-bit secondary bitmap", () => {
    assert.deepEqual(
      rows.map((r) => r.field),
      Array.from({ length: 128 }, (_, i) => i + 1),
    );
    assert.equal(rows[0]?.isoFormat, "b 64");
    assert.equal(ISO87_ASCII.bitmapEncoding, "hex"); // 16 hex characters (pyiso8583 max_len 16, jPOS IFA_BITMAP)
    assert.equal(ISO87_BINARY.bitmapEncoding, "binary"); // 8 bytes (jPOS IFB_BITMAP)
    for (const spec of [ISO87_ASCII, ISO87_BINARY]) {
      assert.deepEqual(
        Object.keys(spec.fields).map(Number),
        Array.from({ length: 127 }, (_, i) => i + 2),
      );
    }
  });

  it("lists exactly the disagreements the fixture flags, and departs only there", () => {
    assert.deepEqual(
      rows.filter((r) => !r.sourcesAgree).map((r) => r.field),
      Object.keys(DEPARTURES).map(Number),
    );
  });

  for (const row of rows.slice(1)) {
    const n = row.field;
    it(`field ${n} (${row.isoFormat})`, () => {
      const ascii = fieldOf(ISO87_ASCII, n);
      // ISO notation, content type, length type, maximum and date layout: the table's, every row.
      assert.equal(ascii.notation, row.isoFormat);
      assert.equal(ascii.content, row.type);
      assert.equal(ascii.lengthType, row.lengthType);
      assert.equal(ascii.maxLength, row.maxLength);
      assert.equal(ascii.dateFormat, row.contentFormat);
      const departs = DEPARTURES[n] ?? [];

      // ASCII wire: pyiso8583 default_ascii (length digits, maximum in wire characters).
      const py = row.crossCheck["pyiso8583.default_ascii"];
      const pyAgrees = LENGTH_TYPE_BY_DIGITS[py.len_type] === ascii.lengthType && py.max_len === asciiWireMax(ascii);
      assert.equal(pyAgrees, !departs.includes("pyiso8583"), `pyiso8583 ${JSON.stringify(py)}`);
      assert.equal(ascii.encoding, ascii.content === "b" ? "hex" : "ascii");
      assert.equal(ascii.prefixEncoding, ascii.lengthType === "fixed" ? undefined : "ascii");

      // ASCII wire: jPOS iso87ascii.
      const ja = row.crossCheck["jpos.iso87ascii"];
      const jaAgrees = JPOS_ASCII_LENGTH_TYPE[ja.class] === ascii.lengthType && ja.length === jposLength(ascii);
      assert.equal(jaAgrees, !departs.includes("jpos"), `jPOS iso87ascii ${JSON.stringify(ja)}`);

      // Binary wire: jPOS iso87binary, class by class.
      const binary = fieldOf(ISO87_BINARY, n);
      const jb = row.crossCheck["jpos.iso87binary"];
      const layout = JPOS_BINARY_LAYOUT[jb.class];
      assert.ok(layout, `unmapped jPOS class ${jb.class}`);
      assert.equal(binary.encoding, layout.encoding, jb.class);
      assert.equal(binary.lengthType, layout.lengthType, jb.class);
      assert.equal(binary.prefixEncoding, binary.lengthType === "fixed" ? undefined : "bcd");
      assert.equal(
        jb.length === jposLength(binary),
        !departs.includes("jpos"),
        `jPOS iso87binary ${JSON.stringify(jb)}`,
      );
      // Same field meaning on both layouts; only 55 changes type (ICC data is bytes on the binary wire).
      if (n === 55) assert.deepEqual([binary.content, binary.maxLength], ["b", 999]);
      else assert.deepEqual([binary.content, binary.maxLength], [ascii.content, ascii.maxLength]);
    });
  }
});
