import { checkFieldSpec } from "./compile-spec.ts";
import { Iso8583Error } from "./errors.ts";
import type { ContentType, FieldSpec, LengthType } from "./types.ts";

/** Everything about a field that its ISO notation does not already say. */
export type FieldCarriage = Omit<FieldSpec, "name" | "notation" | "content" | "lengthType" | "maxLength">;

const NOTATION = /^(x\+n|ans|an|as|ns|n|a|s|b|z) ?(\.{0,3}) ?(\d+)$/;
const LENGTH_TYPES: Readonly<Record<number, LengthType>> = { 0: "fixed", 1: "LVAR", 2: "LLVAR", 3: "LLLVAR" };

/**
 * Builds a field definition from its ISO notation (`n..19`, `an 12`, `b 64`, `ans...999`,
 * `x+n 8`; one dot per length-prefix digit) and how it is carried on the wire.
 *
 * For binary fields a fixed notation counts bits, as the standard writes it (`b 64` is 8 bytes;
 * `b 1`, field 65, rounds up to one byte), while a variable one (`b...999`) counts bytes, as
 * every implementation we checked sends it.
 *
 * @example defineField("Primary account number", "n..19", { encoding: "ascii", prefixEncoding: "ascii" })
 */
export function defineField(name: string, notation: string, carriage: FieldCarriage): FieldSpec {
  const parts = NOTATION.exec(notation);
  if (parts === null)
    throw new Iso8583Error("SPEC_INVALID", `${name}: notation "${notation}" is not ISO 8583 notation`);
  const content = parts[1] as ContentType;
  const lengthType = LENGTH_TYPES[(parts[2] ?? "").length] ?? "fixed";
  const declared = Number(parts[3]);
  const maxLength = content === "b" && lengthType === "fixed" ? Math.ceil(declared / 8) : declared;
  const field: FieldSpec = { name, notation, content, lengthType, maxLength, ...carriage };
  checkFieldSpec(`${name} (${notation})`, field);
  return field;
}
