import { defineField } from "../define-field.ts";
import { defineSpec } from "../define-spec.ts";
import type { FieldSpec, MessageSpec } from "../types.ts";
import { ISO87_ROWS } from "./iso87-fields.ts";

function asciiFields(): Record<number, FieldSpec> {
  const fields: Record<number, FieldSpec> = {};
  for (const [number, name, notation, dateFormat] of ISO87_ROWS) {
    const variable = notation.includes(".");
    const content = notation.slice(0, notation.search(/[ .]/));
    fields[number] = defineField(name, notation, {
      encoding: content === "b" ? "hex" : "ascii",
      ...(variable ? { prefixEncoding: "ascii" } : {}),
      ...(dateFormat ? { dateFormat } : {}),
    });
  }
  return fields;
}

/**
 * ISO 8583:1987, all ASCII — the layout of our acquirer link: MTI as 4 ASCII digits, bitmaps as
 * 16 hex characters each, length prefixes as ASCII digits, every field as ASCII characters and
 * binary fields (52, 64, 65, 96, 128) as 2 uppercase hex characters per byte. Same wire image as
 * jPOS `iso87ascii.xml` and pyiso8583 `default_ascii`, except for the field lengths listed on
 * `ISO87_ROWS`.
 */
export const ISO87_ASCII: MessageSpec = defineSpec({
  name: "ISO87_ASCII",
  mtiEncoding: "ascii",
  bitmapEncoding: "hex",
  fields: asciiFields(),
});
