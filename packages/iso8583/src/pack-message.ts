import { NUMERIC_NIBBLE, TRACK_NIBBLE } from "./bcd.ts";
import { HEX_CHAR } from "./charsets.ts";
import { CODEC, type CompiledField, compiledSpecOf, wireSizeOf } from "./compile-spec.ts";
import { Iso8583Error } from "./errors.ts";
import { isValidDateField } from "./is-valid-date-field.ts";
import type { Iso8583Message, MessageSpec } from "./types.ts";

/** The field number a record key names: a canonical decimal 2..128, else -1. */
function fieldNumberOf(key: string): number {
  const length = key.length;
  if (length === 0 || length > 3) return -1;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || (i === 0 && d === 0)) return -1;
    n = n * 10 + d;
  }
  return n >= 2 && n <= 128 ? n : -1;
}

function lengthOf(field: CompiledField, value: string | Uint8Array): number {
  if (field.binary) {
    if (!(value instanceof Uint8Array)) {
      throw new Iso8583Error("FIELD_WRONG_TYPE", `${field.label}: binary field needs a Uint8Array`, field.number);
    }
  } else if (typeof value !== "string") {
    throw new Iso8583Error("FIELD_WRONG_TYPE", `${field.label}: needs a string`, field.number);
  }
  const length = value.length;
  const expected = field.valueLength;
  if (length > expected) {
    throw new Iso8583Error(
      "FIELD_TOO_LONG",
      `${field.label}: length ${length} exceeds ${field.fixed ? "the fixed length" : "the maximum"} ${expected}`,
      field.number,
    );
  }
  if (field.fixed && length < expected) {
    throw new Iso8583Error(
      "FIELD_TOO_SHORT",
      `${field.label}: length ${length}, fixed length is ${expected}`,
      field.number,
    );
  }
  return length;
}

function invalidCharacters(field: CompiledField, index: number): Iso8583Error {
  // The position is safe to report, the character is not (it may be a PAN digit).
  return new Iso8583Error(
    "FIELD_INVALID_CHARACTERS",
    `${field.label}: character at position ${index} is not allowed by the content type`,
    field.number,
  );
}

// The output and the write position travel together in one small per-call object, so the write
// helpers need no parameter reassignment and no tuple returns.
interface Writer {
  readonly out: Uint8Array;
  pos: number;
}

function writePrefix(w: Writer, field: CompiledField, length: number): void {
  const { out } = w;
  const hundreds = Math.floor(length / 100);
  const tens = Math.floor(length / 10) % 10;
  const ones = length % 10;
  if (field.prefixBcd) {
    if (field.prefixDigits === 3) out[w.pos++] = hundreds;
    out[w.pos++] = (tens << 4) | ones;
    return;
  }
  if (field.prefixDigits === 3) out[w.pos++] = 48 + hundreds;
  if (field.prefixDigits >= 2) out[w.pos++] = 48 + tens;
  out[w.pos++] = 48 + ones;
}

function writeText(w: Writer, field: CompiledField, value: string, length: number): void {
  const { out, pos } = w;
  const charset = field.charset;
  let i = 0;
  if (field.signed) {
    const sign = value.charCodeAt(0);
    if (field.signs[sign] !== 1) throw invalidCharacters(field, 0);
    out[pos] = sign;
    i = 1;
  }
  for (; i < length; i++) {
    const c = value.charCodeAt(i);
    if (charset[c] !== 1) throw invalidCharacters(field, i);
    out[pos + i] = c;
  }
  w.pos = pos + length;
}

function writeBcd(w: Writer, field: CompiledField, value: string, from: number, length: number): void {
  const { out } = w;
  const table = field.track ? TRACK_NIBBLE : NUMERIC_NIBBLE;
  let high = (length - from) & 1 && field.padLeft ? field.padNibble : -1;
  for (let i = from; i < length; i++) {
    const nibble = table[value.charCodeAt(i)] ?? -1;
    if (nibble < 0) throw invalidCharacters(field, i);
    if (high < 0) high = nibble;
    else {
      out[w.pos++] = (high << 4) | nibble;
      high = -1;
    }
  }
  if (high >= 0) out[w.pos++] = (high << 4) | field.padNibble;
}

function writeHex(w: Writer, bytes: Uint8Array): void {
  const { out } = w;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    out[w.pos++] = HEX_CHAR[b >> 4] ?? 0;
    out[w.pos++] = HEX_CHAR[b & 15] ?? 0;
  }
}

function writeField(w: Writer, field: CompiledField, value: string | Uint8Array): void {
  const length = value.length;
  if (!field.fixed) writePrefix(w, field, length);
  switch (field.codec) {
    case CODEC.text:
      writeText(w, field, value as string, length);
      break;
    case CODEC.bcd:
      writeBcd(w, field, value as string, 0, length);
      break;
    case CODEC.signedBcd: {
      const sign = (value as string).charCodeAt(0);
      if (field.signs[sign] !== 1) throw invalidCharacters(field, 0);
      w.out[w.pos++] = sign;
      writeBcd(w, field, value as string, 1, length);
      break;
    }
    case CODEC.binary:
      w.out.set(value as Uint8Array, w.pos);
      w.pos += length;
      break;
    default:
      writeHex(w, value as Uint8Array);
  }
  if (field.dateFormat !== undefined && !isValidDateField(field.dateFormat, value as string)) {
    throw new Iso8583Error("FIELD_INVALID_DATE", `${field.label}: not a valid ${field.dateFormat}`, field.number);
  }
}

function writeBitmap(w: Writer, hex: boolean, high: number, low: number): void {
  for (let i = 0; i < 8; i++) {
    const b = ((i < 4 ? high : low) >>> (24 - 8 * (i & 3))) & 255;
    if (hex) {
      w.out[w.pos++] = HEX_CHAR[b >> 4] ?? 0;
      w.out[w.pos++] = HEX_CHAR[b & 15] ?? 0;
    } else w.out[w.pos++] = b;
  }
}

function writeMti(w: Writer, bcd: boolean, mti: unknown): void {
  if (typeof mti !== "string" || mti.length !== 4) {
    throw new Iso8583Error("MTI_INVALID", "MTI must be a string of 4 digits", 0);
  }
  const { out } = w;
  for (let i = 0; i < 4; i++) {
    const d = mti.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new Iso8583Error("MTI_INVALID", "MTI must be a string of 4 digits", 0);
    if (!bcd) out[i] = 48 + d;
    else if (i & 1) out[i >> 1] = (out[i >> 1] ?? 0) | d;
    else out[i >> 1] = d << 4;
  }
  w.pos = bcd ? 2 : 4;
}

function changedWhilePacking(): Iso8583Error {
  return new Iso8583Error("INVALID_ARGUMENT", "message fields changed while being packed");
}

/**
 * Encodes a message with a spec. Every field is checked against its definition (type of value,
 * length, content characters, dates) before it is written; the secondary bitmap (field 1) is
 * added exactly when a field 65..128 is present. Fields are written in field-number order
 * whatever the key order of `message.fields`; an `undefined` value counts as absent.
 *
 * @throws Iso8583Error `MTI_INVALID`, `UNKNOWN_FIELD`, `FIELD_WRONG_TYPE`, `FIELD_TOO_LONG`,
 * `FIELD_TOO_SHORT`, `FIELD_INVALID_CHARACTERS`, `FIELD_INVALID_DATE`; never with a field value
 * in the message.
 */
export function packMessage(spec: MessageSpec, message: Iso8583Message): Uint8Array {
  const compiled = compiledSpecOf(spec);
  const fields = message.fields as Readonly<Record<string, string | Uint8Array | undefined>>;
  // First pass: validate every key, value type and length, build the bitmap and the exact size,
  // so the output is allocated once and nothing is written for a message that cannot be packed.
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let size = 0;
  // Own keys only (an inherited property is not a field), and faster than for...in here.
  const keys = Object.keys(fields);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const value = fields[key];
    if (value === undefined) continue;
    const number = fieldNumberOf(key);
    const field = number < 0 ? undefined : compiled.fields[number];
    if (field === undefined) {
      // The key itself is not echoed: it is caller data like any other.
      throw new Iso8583Error(
        "UNKNOWN_FIELD",
        number < 0
          ? "a key of message.fields is not a data element number 2..128 (field 1, the secondary bitmap, is set automatically)"
          : `field ${number} is not defined in ${spec.name}`,
        number < 0 ? undefined : number,
      );
    }
    size += wireSizeOf(field, lengthOf(field, value));
    const index = number - 1;
    const mask = 1 << (31 - (index & 31));
    if (index < 32) w0 |= mask;
    else if (index < 64) w1 |= mask;
    else if (index < 96) w2 |= mask;
    else w3 |= mask;
  }
  const secondary = (w2 | w3) !== 0;
  if (secondary) w0 |= 1 << 31;
  const bitmapSize = compiled.bitmapHex ? 16 : 8;
  const total = (compiled.mtiBcd ? 2 : 4) + (secondary ? 2 * bitmapSize : bitmapSize) + size;
  // A fresh zeroed array, not a slice of Node's shared Buffer pool: the caller may hand
  // `.buffer` on, and it must not carry anybody else's bytes.
  const w: Writer = { out: new Uint8Array(total), pos: 0 };
  writeMti(w, compiled.mtiBcd, message.mti);
  writeBitmap(w, compiled.bitmapHex, w0, w1);
  if (secondary) writeBitmap(w, compiled.bitmapHex, w2, w3);
  // Second pass: write the fields in bitmap order (ascending field numbers).
  const words = [w0 & 0x7fffffff, w1, w2, w3];
  for (let word = 0; word < 4; word++) {
    let bits = words[word] ?? 0;
    while (bits !== 0) {
      const lead = Math.clz32(bits);
      bits ^= 1 << (31 - lead);
      const number = word * 32 + lead + 1;
      const field = compiled.fields[number] as CompiledField;
      const value = fields[number] as string | Uint8Array;
      // Re-checked because the first pass's view could differ only through a getter; a cheap
      // guard that keeps every failure an Iso8583Error instead of a RangeError.
      if (w.pos + wireSizeOf(field, lengthOf(field, value)) > total) throw changedWhilePacking();
      writeField(w, field, value);
    }
  }
  if (w.pos !== total) throw changedWhilePacking();
  return w.out;
}
