import { Buffer } from "node:buffer";
import { NUMERIC_CHAR, NUMERIC_PAIRS, TRACK_CHAR, TRACK_PAIRS } from "./bcd.ts";
import { HEX_VALUE } from "./charsets.ts";
import { CODEC, type CompiledField, compiledSpecOf } from "./compile-spec.ts";
import { Iso8583Error } from "./errors.ts";
import { isValidDateField } from "./is-valid-date-field.ts";
import type { Iso8583Message, MessageSpec } from "./types.ts";

// The decoder keeps its cursor in a small per-call state object instead of returning tuples, so
// reading a field allocates nothing but the field's own value.
interface Cursor {
  readonly bytes: Uint8Array;
  /** The same bytes as a Buffer view (no copy), for native latin1 decoding of long fields. */
  readonly view: Buffer;
  /** The whole message decoded as latin1 once; short fields are substrings of it. */
  readonly text: string;
  readonly end: number;
  pos: number;
}

// V8 copies substrings shorter than this and makes longer ones views of their parent. A view of
// the whole message would keep every other field (PAN, track 2) alive as long as the field is
// kept, so long fields are decoded natively into strings of their own instead: no decoded field
// holds on to the rest of the message. Short fields, the vast majority, stay one cheap substring.
const SHARED_SUBSTRING_LENGTH = 13;

function truncated(field: CompiledField, needed: number, cursor: Cursor): Iso8583Error {
  return new Iso8583Error(
    "FIELD_TRUNCATED",
    `${field.label}: needs ${needed} bytes at offset ${cursor.pos}, ${cursor.end - cursor.pos} remain`,
    field.number,
    cursor.pos,
  );
}

function invalidCharacters(field: CompiledField, offset: number, what: string): Iso8583Error {
  // The offset is safe to report, the byte is not (it may be a PAN digit).
  return new Iso8583Error(
    "FIELD_INVALID_CHARACTERS",
    `${field.label}: ${what} at offset ${offset}`,
    field.number,
    offset,
  );
}

function readLength(field: CompiledField, cursor: Cursor): number {
  const { bytes, pos } = cursor;
  const size = field.prefixBytes;
  if (cursor.end - pos < size) {
    throw new Iso8583Error(
      "LENGTH_PREFIX_TRUNCATED",
      `${field.label}: length prefix needs ${size} bytes at offset ${pos}, ${cursor.end - pos} remain`,
      field.number,
      pos,
    );
  }
  let length = 0;
  if (field.prefixBcd) {
    for (let i = 0; i < size; i++) {
      const b = bytes[pos + i] ?? 0;
      const high = b >> 4;
      const low = b & 15;
      if (high > 9 || low > 9) throw badPrefix(field, pos);
      length = length * 100 + high * 10 + low;
    }
  } else {
    for (let i = 0; i < size; i++) {
      const d = (bytes[pos + i] ?? 0) - 48;
      if (d < 0 || d > 9) throw badPrefix(field, pos);
      length = length * 10 + d;
    }
  }
  if (length > field.maxLength) {
    throw new Iso8583Error(
      "FIELD_TOO_LONG",
      `${field.label}: length prefix announces ${length}, maximum is ${field.maxLength}`,
      field.number,
      pos,
    );
  }
  cursor.pos = pos + size;
  return length;
}

function badPrefix(field: CompiledField, offset: number): Iso8583Error {
  return new Iso8583Error(
    "LENGTH_PREFIX_INVALID",
    `${field.label}: length prefix at offset ${offset} is not ${field.prefixBcd ? "BCD" : "ASCII"} digits`,
    field.number,
    offset,
  );
}

function readText(field: CompiledField, cursor: Cursor, length: number): string {
  const { bytes, pos } = cursor;
  if (cursor.end - pos < length) throw truncated(field, length, cursor);
  const charset = field.charset;
  let i = 0;
  if (field.signed) {
    if (field.signs[bytes[pos] ?? 0] !== 1) throw invalidCharacters(field, pos, "sign is not C or D");
    i = 1;
  }
  for (; i < length; i++) {
    if (charset[bytes[pos + i] ?? 0] !== 1)
      throw invalidCharacters(field, pos + i, "character not allowed by the content type");
  }
  cursor.pos = pos + length;
  return length < SHARED_SUBSTRING_LENGTH
    ? cursor.text.slice(pos, pos + length)
    : cursor.view.toString("latin1", pos, pos + length);
}

function readBcd(field: CompiledField, cursor: Cursor, digits: number, prefix: string): string {
  const { bytes } = cursor;
  const size = (digits + 1) >> 1;
  if (cursor.end - cursor.pos < size) throw truncated(field, size, cursor);
  const first = cursor.pos;
  const last = first + size - 1;
  const odd = (digits & 1) === 1;
  const padLeft = field.padLeft;
  if (odd) {
    // The pad nibble must be the declared one: anything else means a different layout.
    const b = bytes[padLeft ? first : last] ?? 0;
    if ((padLeft ? b >> 4 : b & 15) !== field.padNibble) {
      const at = padLeft ? first : last;
      throw new Iso8583Error(
        "FIELD_INVALID_PADDING",
        `${field.label}: pad nibble at offset ${at} is not ${field.padNibble.toString(16).toUpperCase()}`,
        field.number,
        at,
      );
    }
  }
  const pairs = field.track ? TRACK_PAIRS : NUMERIC_PAIRS;
  const singles = field.track ? TRACK_CHAR : NUMERIC_CHAR;
  let text = prefix;
  let from = first;
  let to = last;
  if (odd && padLeft) text += digitOf(field, singles, first, (bytes[first] ?? 0) & 15);
  if (odd) {
    if (padLeft) from++;
    else to--;
  }
  for (let i = from; i <= to; i++) {
    const pair = pairs[bytes[i] ?? 0] ?? "";
    if (pair === "") throw invalidCharacters(field, i, "nibble is not a digit");
    text += pair;
  }
  if (odd && !padLeft) text += digitOf(field, singles, last, (bytes[last] ?? 0) >> 4);
  cursor.pos = last + 1;
  return text;
}

function digitOf(field: CompiledField, singles: readonly string[], at: number, nibble: number): string {
  const ch = singles[nibble] ?? "";
  if (ch === "") throw invalidCharacters(field, at, "nibble is not a digit");
  return ch;
}

function readBinary(field: CompiledField, cursor: Cursor, length: number, hex: boolean): Uint8Array {
  const { bytes, pos } = cursor;
  const size = hex ? length * 2 : length;
  if (cursor.end - pos < size) throw truncated(field, size, cursor);
  // Copied, never a view: the caller's receive buffer is reused, the decoded message is kept.
  const value = new Uint8Array(length);
  if (hex) {
    for (let i = 0; i < length; i++) {
      const high = HEX_VALUE[bytes[pos + 2 * i] ?? 0] ?? -1;
      const low = HEX_VALUE[bytes[pos + 2 * i + 1] ?? 0] ?? -1;
      if (high < 0 || low < 0) throw invalidCharacters(field, pos + 2 * i, "character is not hex");
      value[i] = (high << 4) | low;
    }
  } else value.set(bytes.subarray(pos, pos + length));
  cursor.pos = pos + size;
  return value;
}

function readField(field: CompiledField, cursor: Cursor): string | Uint8Array {
  const length = field.fixed ? field.maxLength : readLength(field, cursor);
  switch (field.codec) {
    case CODEC.text:
      return readText(field, cursor, field.fixed ? field.valueLength : length);
    case CODEC.bcd:
      return readBcd(field, cursor, length, "");
    case CODEC.signedBcd: {
      if (cursor.end - cursor.pos < 1) throw truncated(field, 1 + ((length + 1) >> 1), cursor);
      const sign = cursor.bytes[cursor.pos] ?? 0;
      if (field.signs[sign] !== 1) throw invalidCharacters(field, cursor.pos, "sign is not C or D");
      cursor.pos++;
      return readBcd(field, cursor, length, String.fromCharCode(sign));
    }
    case CODEC.binary:
      return readBinary(field, cursor, length, false);
    default:
      return readBinary(field, cursor, length, true);
  }
}

function readBitmapWord(cursor: Cursor, hex: boolean, field: number | undefined, label: string): number {
  const { bytes } = cursor;
  const size = hex ? 8 : 4;
  const pos = cursor.pos;
  let word = 0;
  for (let i = 0; i < size; i++) {
    const b = bytes[pos + i] ?? 0;
    if (hex) {
      const v = HEX_VALUE[b] ?? -1;
      if (v < 0) throw new Iso8583Error("BITMAP_NOT_HEX", `${label} at offset ${pos} is not hex`, field, pos + i);
      word = (word << 4) | v;
    } else word = (word << 8) | b;
  }
  cursor.pos = pos + size;
  return word;
}

function readBitmap(cursor: Cursor, hex: boolean, field: number | undefined, label: string): [number, number] {
  const size = hex ? 16 : 8;
  if (cursor.end - cursor.pos < size) {
    throw new Iso8583Error(
      "BITMAP_TRUNCATED",
      `${label} needs ${size} bytes at offset ${cursor.pos}, ${cursor.end - cursor.pos} remain`,
      field,
      cursor.pos,
    );
  }
  return [readBitmapWord(cursor, hex, field, label), readBitmapWord(cursor, hex, field, label)];
}

function readMti(cursor: Cursor, bcd: boolean): string {
  const { bytes, end } = cursor;
  const size = bcd ? 2 : 4;
  if (end < size) {
    throw new Iso8583Error("MTI_TRUNCATED", `MTI needs ${size} bytes, message has ${end}`, 0, 0);
  }
  for (let i = 0; i < 4; i++) {
    const b = bytes[bcd ? i >> 1 : i] ?? 0;
    const digit = bcd ? (i & 1 ? b & 15 : b >> 4) : b - 48;
    if (digit < 0 || digit > 9) throw new Iso8583Error("MTI_INVALID", "MTI is not 4 digits", 0, 0);
  }
  cursor.pos = size;
  if (!bcd) return cursor.text.slice(0, 4);
  return (NUMERIC_PAIRS[bytes[0] ?? 0] ?? "") + (NUMERIC_PAIRS[bytes[1] ?? 0] ?? "");
}

/**
 * Decodes a message with a spec, checking structure and content as it goes: MTI and bitmap
 * characters, every length prefix against the field's maximum, every field's characters against
 * its content type, dates, BCD padding, and that the message ends exactly after the last field.
 * Binary fields come back as fresh copies. A secondary bitmap with no bit set is accepted (some
 * hosts always send one).
 *
 * @throws Iso8583Error only — any input, including random or truncated bytes, ends either in a
 * message or in an `Iso8583Error` whose code says what is wrong and where (`field`, `offset`);
 * never with a field value in the message.
 */
export function unpackMessage(spec: MessageSpec, bytes: Uint8Array): Iso8583Message {
  if (!(bytes instanceof Uint8Array)) throw new Iso8583Error("INVALID_ARGUMENT", "unpackMessage needs a Uint8Array");
  const compiled = compiledSpecOf(spec);
  if (bytes.length > compiled.maxMessageSize) {
    // Longer than any message of this spec can be: refused before any work is spent on it.
    throw new Iso8583Error(
      "TRAILING_BYTES",
      `${bytes.length} bytes is more than the longest ${spec.name} message (${compiled.maxMessageSize})`,
      undefined,
      compiled.maxMessageSize,
    );
  }
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cursor: Cursor = { bytes, view, text: view.toString("latin1"), end: bytes.length, pos: 0 };
  const mti = readMti(cursor, compiled.mtiBcd);
  const [w0, w1] = readBitmap(cursor, compiled.bitmapHex, undefined, "primary bitmap");
  let w2 = 0;
  let w3 = 0;
  if (w0 & (1 << 31)) [w2, w3] = readBitmap(cursor, compiled.bitmapHex, 1, "secondary bitmap (field 1)");
  const fields: Record<number, string | Uint8Array> = {};
  const words = [w0 & 0x7fffffff, w1, w2, w3];
  for (let word = 0; word < 4; word++) {
    let bits = words[word] ?? 0;
    while (bits !== 0) {
      const lead = Math.clz32(bits);
      bits ^= 1 << (31 - lead);
      const number = word * 32 + lead + 1;
      const field = compiled.fields[number];
      if (field === undefined) {
        throw new Iso8583Error(
          "UNKNOWN_FIELD",
          `bitmap announces field ${number}, which ${spec.name} does not define`,
          number,
          cursor.pos,
        );
      }
      fields[number] = readField(field, cursor);
    }
  }
  if (cursor.pos !== cursor.end) {
    throw new Iso8583Error(
      "TRAILING_BYTES",
      `${cursor.end - cursor.pos} bytes after the last field, at offset ${cursor.pos}`,
      undefined,
      cursor.pos,
    );
  }
  // Dates are checked once the structure is known to be sound, so a truncated or overlong
  // message is reported as such rather than as whatever its shifted bytes happen to break.
  for (const field of compiled.dateFields) {
    const text = fields[field.number];
    if (typeof text === "string" && field.dateFormat !== undefined && !isValidDateField(field.dateFormat, text)) {
      throw new Iso8583Error("FIELD_INVALID_DATE", `${field.label}: not a valid ${field.dateFormat}`, field.number);
    }
  }
  return { mti, fields };
}
