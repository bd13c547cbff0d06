import { charsetFor, DIGITS, PRINTABLE, SIGNS } from "./charsets.ts";
import { Iso8583Error } from "./errors.ts";
import { DATE_FORMAT_LENGTH } from "./is-valid-date-field.ts";
import type { DateFormat, FieldSpec, MessageSpec } from "./types.ts";

// Internal: a spec is validated once and turned into flat per-field records, so pack and unpack
// never look at notation, content types or defaults on the hot path.

/** How a field is carried; the pack/unpack loops switch on this number. */
export const CODEC = {
  /** One ASCII byte per character (all text, and n/z/x+n carried as ASCII). */
  text: 0,
  /** Packed digits (n, z). */
  bcd: 1,
  /** x+n packed: the sign as one ASCII byte, then the digits packed. */
  signedBcd: 2,
  /** Raw bytes. */
  binary: 3,
  /** Raw bytes written as two hex characters each. */
  hex: 4,
} as const;

/** Flat, precomputed view of one field; every record has the same shape (monomorphic access). */
export interface CompiledField {
  readonly number: number;
  readonly codec: number;
  readonly fixed: boolean;
  /** Exact length for a fixed field, maximum for a variable one; in value units (chars, digits, bytes). */
  readonly maxLength: number;
  /** Length of the value as a string for x+n (sign included); equals maxLength otherwise. */
  readonly valueLength: number;
  readonly prefixDigits: number;
  readonly prefixBcd: boolean;
  readonly prefixBytes: number;
  readonly binary: boolean;
  /** x+n: the value starts with a C/D sign. */
  readonly signed: boolean;
  /** Allowed character codes of the value (digits part for x+n). */
  readonly charset: Uint8Array;
  /** Allowed sign codes for x+n. */
  readonly signs: Uint8Array;
  readonly padLeft: boolean;
  readonly padNibble: number;
  /** z content: nibble D stands for the separator "=". */
  readonly track: boolean;
  readonly dateFormat: DateFormat | undefined;
  /** "field 2 (n..19)": how error messages name it. */
  readonly label: string;
}

/** A validated spec with its per-field table (index = field number, 2..128). */
export interface CompiledSpec {
  readonly mtiBcd: boolean;
  readonly bitmapHex: boolean;
  readonly fields: ReadonlyArray<CompiledField | undefined>;
  /** The fields with a date layout, checked after the structure is decoded. */
  readonly dateFields: readonly CompiledField[];
  /** The longest message this spec can produce: every field present at its maximum. */
  readonly maxMessageSize: number;
}

/** Bytes a field takes on the wire for a value of `length` (characters, digits with sign, or bytes). */
export function wireSizeOf(field: CompiledField, length: number): number {
  switch (field.codec) {
    case CODEC.bcd:
      return field.prefixBytes + ((length + 1) >> 1);
    case CODEC.signedBcd:
      // One sign byte, then length - 1 digits packed.
      return 1 + (length >> 1);
    case CODEC.hex:
      return field.prefixBytes + 2 * length;
    default:
      return field.prefixBytes + length;
  }
}

const MAX_BY_LENGTH_TYPE = { LVAR: 9, LLVAR: 99, LLLVAR: 999 } as const;
const PREFIX_DIGITS = { fixed: 0, LVAR: 1, LLVAR: 2, LLLVAR: 3 } as const;
const TEXT_CONTENT = new Set(["a", "an", "ans", "as", "ns", "s"]);

function specError(where: string, problem: string): Iso8583Error {
  return new Iso8583Error("SPEC_INVALID", `${where}: ${problem}`);
}

/** Checks one field definition; throws SPEC_INVALID naming the field and the rule broken. */
export function checkFieldSpec(where: string, field: FieldSpec): void {
  const { content, lengthType, maxLength, encoding } = field;
  if (!(lengthType in PREFIX_DIGITS)) throw specError(where, `unknown length type ${String(lengthType)}`);
  if (!Number.isInteger(maxLength) || maxLength < 1) throw specError(where, "maxLength must be a positive integer");
  if (lengthType !== "fixed" && maxLength > MAX_BY_LENGTH_TYPE[lengthType]) {
    throw specError(where, `maxLength ${maxLength} does not fit a ${lengthType} prefix`);
  }
  if (lengthType === "fixed" && field.prefixEncoding !== undefined) {
    throw specError(where, "a fixed field has no length prefix");
  }
  if (lengthType !== "fixed" && field.prefixEncoding !== "ascii" && field.prefixEncoding !== "bcd") {
    throw specError(where, "a variable field needs prefixEncoding ascii or bcd");
  }
  if (content === "b") {
    if (encoding !== "binary" && encoding !== "hex") throw specError(where, "binary content is carried binary or hex");
  } else if (content === "n" || content === "z" || content === "x+n") {
    if (encoding !== "ascii" && encoding !== "bcd") throw specError(where, `${content} is carried ascii or bcd`);
  } else if (TEXT_CONTENT.has(content)) {
    if (encoding !== "ascii") throw specError(where, `${content} is carried ascii`);
  } else {
    throw specError(where, `unknown content type ${String(content)}`);
  }
  if (content === "x+n" && lengthType !== "fixed") throw specError(where, "x+n must be fixed length");
  if ((field.padding !== undefined || field.padNibble !== undefined) && encoding !== "bcd") {
    throw specError(where, "padding applies to BCD only");
  }
  if (field.dateFormat !== undefined) {
    if (content !== "n" || lengthType !== "fixed" || DATE_FORMAT_LENGTH[field.dateFormat] !== maxLength) {
      throw specError(where, `dateFormat ${field.dateFormat} needs a fixed n field of that length`);
    }
  }
  if (field.contentCheck !== undefined && field.contentCheck !== "strict" && field.contentCheck !== "printable") {
    throw specError(where, "contentCheck is strict or printable");
  }
}

function compileField(number: number, field: FieldSpec): CompiledField {
  checkFieldSpec(`field ${number} (${field.notation})`, field);
  const { content, encoding } = field;
  const fixed = field.lengthType === "fixed";
  const prefixDigits = PREFIX_DIGITS[field.lengthType];
  const prefixBcd = field.prefixEncoding === "bcd";
  const printable = field.contentCheck === "printable";
  const codec =
    encoding === "binary"
      ? CODEC.binary
      : encoding === "hex"
        ? CODEC.hex
        : encoding === "ascii"
          ? CODEC.text
          : content === "x+n"
            ? CODEC.signedBcd
            : CODEC.bcd;
  return {
    number,
    codec,
    fixed,
    maxLength: field.maxLength,
    valueLength: content === "x+n" ? field.maxLength + 1 : field.maxLength,
    prefixDigits,
    prefixBcd,
    prefixBytes: prefixBcd ? (prefixDigits + 1) >> 1 : prefixDigits,
    binary: content === "b",
    signed: content === "x+n",
    charset: content === "b" ? DIGITS : charsetFor(content, field.contentCheck ?? "strict"),
    signs: printable ? PRINTABLE : SIGNS,
    padLeft: (field.padding ?? (fixed ? "left" : "right")) === "left",
    padNibble: field.padNibble === "F" ? 0xf : 0,
    track: content === "z",
    dateFormat: printable ? undefined : field.dateFormat,
    label: `field ${number} (${field.notation})`,
  };
}

const compiled = new WeakMap<MessageSpec, CompiledSpec>();

/** Validates a whole spec and records its compiled table; returns the compiled form. */
export function compileSpec(spec: MessageSpec): CompiledSpec {
  if (spec.mtiEncoding !== "ascii" && spec.mtiEncoding !== "bcd") {
    throw specError(spec.name, "mtiEncoding is ascii or bcd");
  }
  if (spec.bitmapEncoding !== "hex" && spec.bitmapEncoding !== "binary") {
    throw specError(spec.name, "bitmapEncoding is hex or binary");
  }
  const fields: Array<CompiledField | undefined> = new Array(129).fill(undefined);
  for (const key of Object.keys(spec.fields)) {
    const number = Number(key);
    if (!Number.isInteger(number) || number < 2 || number > 128) {
      throw specError(
        spec.name,
        `field key ${key.slice(0, 20)} is not a data element 2..128 (field 1 follows bitmapEncoding)`,
      );
    }
    const field = spec.fields[number];
    if (field !== undefined) fields[number] = compileField(number, field);
  }
  const result: CompiledSpec = {
    mtiBcd: spec.mtiEncoding === "bcd",
    bitmapHex: spec.bitmapEncoding === "hex",
    fields,
    dateFields: fields.filter((field): field is CompiledField => field?.dateFormat !== undefined),
    maxMessageSize: fields.reduce(
      (total, field) => total + (field ? wireSizeOf(field, field.valueLength) : 0),
      (spec.mtiEncoding === "bcd" ? 2 : 4) + (spec.bitmapEncoding === "hex" ? 32 : 16),
    ),
  };
  compiled.set(spec, result);
  return result;
}

/** The compiled form of a spec made by `defineSpec`; a spec that was not is refused. */
export function compiledSpecOf(spec: MessageSpec): CompiledSpec {
  const found = compiled.get(spec);
  if (found === undefined) {
    throw new Iso8583Error("SPEC_INVALID", "spec was not made by defineSpec (it validates and precomputes the layout)");
  }
  return found;
}
