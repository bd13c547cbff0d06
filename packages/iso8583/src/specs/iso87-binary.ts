import { defineField } from "../define-field.ts";
import { defineSpec } from "../define-spec.ts";
import type { FieldSpec, MessageSpec } from "../types.ts";
import { ISO87_ROWS } from "./iso87-fields.ts";

// Fields jPOS iso87binary carries as ASCII characters although the table calls them numeric:
// the currency codes (IF_CHAR) and track 3 (IFB_LLLCHAR).
const NUMERIC_AS_CHARACTERS = new Set([36, 49, 50, 51]);

function binaryFields(): Record<number, FieldSpec> {
  const fields: Record<number, FieldSpec> = {};
  for (const [number, name, notation, dateFormat] of ISO87_ROWS) {
    const variable = notation.includes(".");
    const content = notation.slice(0, notation.search(/[ .]/));
    const packed = (content === "n" || content === "z" || content === "x+n") && !NUMERIC_AS_CHARACTERS.has(number);
    fields[number] = defineField(
      name,
      // Field 55 is ICC data: binary TLV whose length counts bytes (jPOS IFB_LLLBINARY).
      number === 55 ? "b...999" : notation,
      {
        encoding: content === "b" || number === 55 ? "binary" : packed ? "bcd" : "ascii",
        ...(variable ? { prefixEncoding: "bcd" } : {}),
        ...(dateFormat ? { dateFormat } : {}),
      },
    );
  }
  return fields;
}

/**
 * ISO 8583:1987 with packed numerics, as jPOS `iso87binary.xml`: MTI as 2 BCD bytes, bitmaps as
 * 8 raw bytes, length prefixes as BCD (1 byte for LL, 2 for LLL), numeric fields BCD (fixed ones
 * left-padded with 0, variable ones right-padded with 0; track 2's separator packed as nibble D),
 * x+n as an ASCII sign then BCD digits, text fields ASCII, binary fields raw. Field lengths follow
 * `ISO87_ROWS` (so 93 is 5 and 96 is 8 bytes, where jPOS says 6 and 16); field 55 is `b...999`.
 */
export const ISO87_BINARY: MessageSpec = defineSpec({
  name: "ISO87_BINARY",
  mtiEncoding: "bcd",
  bitmapEncoding: "binary",
  fields: binaryFields(),
});
