export { defineDialect } from "./define-dialect.ts";
export { defineField, type FieldCarriage } from "./define-field.ts";
export { defineSpec } from "./define-spec.ts";
export type { Dialect, DialectField, DialectMessage, Presence } from "./dialect-types.ts";
export { Iso8583Error, type Iso8583ErrorCode } from "./errors.ts";
export { formatAmountField } from "./format-amount-field.ts";
export { formatOriginalDataElements, type OriginalDataElements } from "./format-original-data-elements.ts";
export { formatRrn } from "./format-rrn.ts";
export { formatStan } from "./format-stan.ts";
export { formatTransmissionDateTime } from "./format-transmission-date-time.ts";
export { isRepeat } from "./is-repeat.ts";
export { isResponse } from "./is-response.ts";
export { MESSAGE_CLASS, MESSAGE_FUNCTION, MESSAGE_ORIGIN, MTI, NETWORK_MANAGEMENT_CODE } from "./message-classes.ts";
export { mtiOf } from "./mti-of.ts";
export { nextStan } from "./next-stan.ts";
export { packMessage } from "./pack-message.ts";
export { parseAmountField } from "./parse-amount-field.ts";
export { responseMtiFor } from "./response-mti-for.ts";
export { ENCLAVE_DIALECT } from "./specs/enclave-dialect.ts";
export { RESPONSE_CODES, type ResponseCodeInfo, type ResponseOutcome } from "./specs/enclave-response-codes.ts";
export { ISO87_ASCII } from "./specs/iso87-ascii.ts";
export { ISO87_BINARY } from "./specs/iso87-binary.ts";
export type {
  ContentCheck,
  ContentType,
  DataEncoding,
  DateFormat,
  FieldSpec,
  Iso8583Message,
  LengthType,
  MessageSpec,
  PrefixEncoding,
} from "./types.ts";
export { unpackMessage } from "./unpack-message.ts";
export { validateMessage } from "./validate-message.ts";
export { withFieldOverrides } from "./with-field-overrides.ts";
