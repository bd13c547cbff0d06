/**
 * Stable codes of the iso8583 package. They name the condition, never the data: an error raised
 * while reading a message from the acquirer must be loggable as is, so no code or message ever
 * carries a field value.
 *
 * - Structure (unpack): `MTI_TRUNCATED`, `BITMAP_TRUNCATED`, `BITMAP_NOT_HEX`,
 *   `LENGTH_PREFIX_TRUNCATED`, `LENGTH_PREFIX_INVALID`, `FIELD_TRUNCATED`, `TRAILING_BYTES`.
 * - Content (both sides): `MTI_INVALID`, `FIELD_TOO_LONG`, `FIELD_TOO_SHORT`,
 *   `FIELD_INVALID_CHARACTERS`, `FIELD_INVALID_PADDING`, `FIELD_INVALID_DATE`, `FIELD_WRONG_TYPE`,
 *   `UNKNOWN_FIELD` (a field the spec does not define, or a key that is not a field number).
 * - Dialect: `UNKNOWN_MESSAGE_TYPE`, `MISSING_MANDATORY_FIELD`, `UNEXPECTED_FIELD`.
 * - Programming errors: `SPEC_INVALID`, `INVALID_ARGUMENT` (a helper got a value it cannot format).
 */
export type Iso8583ErrorCode =
  | "MTI_TRUNCATED"
  | "MTI_INVALID"
  | "BITMAP_TRUNCATED"
  | "BITMAP_NOT_HEX"
  | "LENGTH_PREFIX_TRUNCATED"
  | "LENGTH_PREFIX_INVALID"
  | "FIELD_TRUNCATED"
  | "TRAILING_BYTES"
  | "FIELD_TOO_LONG"
  | "FIELD_TOO_SHORT"
  | "FIELD_INVALID_CHARACTERS"
  | "FIELD_INVALID_PADDING"
  | "FIELD_INVALID_DATE"
  | "FIELD_WRONG_TYPE"
  | "UNKNOWN_FIELD"
  | "UNKNOWN_MESSAGE_TYPE"
  | "MISSING_MANDATORY_FIELD"
  | "UNEXPECTED_FIELD"
  | "SPEC_INVALID"
  | "INVALID_ARGUMENT";

/**
 * The one error class of the iso8583 package.
 *
 * `field` is the field number the problem is in (0 for the MTI, 1 for the secondary bitmap,
 * `undefined` when no single field is at fault); `offset` is the byte position in the message
 * being unpacked, when there is one. The message says the field number and lengths only: field
 * values are never echoed, because fields 2, 35, 45, 52 and 55 carry card data and a rule that
 * applies to every field cannot be forgotten for one of them.
 */
export class Iso8583Error extends Error {
  readonly code: Iso8583ErrorCode;
  readonly field: number | undefined;
  readonly offset: number | undefined;
  constructor(code: Iso8583ErrorCode, message: string, field?: number, offset?: number) {
    super(message);
    this.name = "Iso8583Error";
    this.code = code;
    this.field = field;
    this.offset = offset;
  }
}
