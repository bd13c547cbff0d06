/**
 * A decoded ISO 8583 message: the MTI and the data elements present, keyed by field number.
 * Binary fields (`b`) are bytes, every other field is text exactly as carried (no trimming, no
 * padding added or removed: fixed fields keep their blanks and leading zeros). Field 1, the
 * secondary bitmap, never appears: the codec sets and reads it.
 */
export interface Iso8583Message {
  readonly mti: string;
  readonly fields: Readonly<Record<number, string | Uint8Array>>;
}

/**
 * ISO 8583 content types (data element attribute notation, ISO 8583:1987 section 4.3):
 * `n` digits, `a` letters, `s` special characters, their combinations, `b` binary, `z` track 2/3
 * code set, `x+n` a C/D sign followed by digits.
 */
export type ContentType = "n" | "a" | "an" | "ans" | "as" | "ns" | "s" | "b" | "z" | "x+n";

/** Fixed length, or a variable length announced by a 1-, 2- or 3-digit prefix. */
export type LengthType = "fixed" | "LVAR" | "LLVAR" | "LLLVAR";

/**
 * How a field's data is carried: `ascii` one byte per character; `bcd` two digits per byte
 * (packed); `binary` raw bytes; `hex` raw bytes written as two uppercase hex characters each.
 */
export type DataEncoding = "ascii" | "bcd" | "binary" | "hex";

/** How a variable field's length prefix is carried: ASCII digits, or BCD (1 byte for L/LL, 2 for LLL). */
export type PrefixEncoding = "ascii" | "bcd";

/** Date and time layouts some numeric fields must follow (checked on pack and unpack). */
export type DateFormat = "MMDDhhmmss" | "MMDD" | "hhmmss" | "YYMM" | "YYMMDD";

/**
 * How strictly a field's characters are checked. `strict` (the default) enforces the content
 * type; `printable` only requires printable ASCII (and digits where BCD needs them) and skips the
 * date check — for reading a peer's non-conforming field or a synthetic test message whose layout
 * is right but whose content is not.
 */
export type ContentCheck = "strict" | "printable";

/**
 * One data element, declaratively. `maxLength` counts characters (digits for `n`/`z`/`x+n`,
 * without the sign), or bytes for `b`. For a fixed field it is the exact length.
 */
export interface FieldSpec {
  /** Human name, for documentation and error messages. */
  readonly name: string;
  /** ISO notation as written in the standard, e.g. `n..19`, `an 12`, `b 64`, `ans...999`. */
  readonly notation: string;
  readonly content: ContentType;
  readonly lengthType: LengthType;
  readonly maxLength: number;
  readonly encoding: DataEncoding;
  /** Required for variable fields, absent for fixed ones. */
  readonly prefixEncoding?: PrefixEncoding;
  /** Where the pad nibble of an odd number of BCD digits goes (default: left for fixed, right for variable). */
  readonly padding?: "left" | "right";
  /** The pad nibble value: `"0"` (default) or `"F"`. */
  readonly padNibble?: "0" | "F";
  readonly dateFormat?: DateFormat;
  readonly contentCheck?: ContentCheck;
}

/**
 * A complete message layout: MTI and bitmap carriage plus the data elements 2..128 it defines.
 * Field 1 is not listed: it is the secondary bitmap and always follows `bitmapEncoding`.
 * Build one with `defineSpec` (which validates and precomputes it) before packing.
 */
export interface MessageSpec {
  readonly name: string;
  readonly mtiEncoding: "ascii" | "bcd";
  /** `hex`: 16 ASCII hex characters per bitmap; `binary`: 8 raw bytes. */
  readonly bitmapEncoding: "hex" | "binary";
  readonly fields: Readonly<Record<number, FieldSpec>>;
}
