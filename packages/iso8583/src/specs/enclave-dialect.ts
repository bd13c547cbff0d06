import { defineDialect } from "../define-dialect.ts";
import type { Dialect, DialectField, DialectMessage } from "../dialect-types.ts";
import type { Iso8583Message } from "../types.ts";
import { ISO87_ASCII } from "./iso87-ascii.ts";

// The dialect Enclave POS speaks to its acquirer. Each message lists every field it may carry;
// validateMessage refuses anything else, so a field added by mistake (say, track 2 in a
// reversal sent from storage) is caught before it leaves.

const M = (use: string): DialectField => ({ presence: "mandatory", use });
const O = (use: string): DialectField => ({ presence: "optional", use });
const C = (use: string, condition: string, requiredWhen?: (m: Iso8583Message) => boolean): DialectField =>
  requiredWhen
    ? { presence: "conditional", use, condition, requiredWhen }
    : { presence: "conditional", use, condition };

const text = (m: Iso8583Message, n: number): string | undefined => {
  const value = m.fields[n];
  return typeof value === "string" ? value : undefined;
};
const entryMode = (m: Iso8583Message): string => text(m, 22)?.slice(0, 2) ?? "";
const isKeyEntered = (m: Iso8583Message): boolean => entryMode(m) === "01";
const isChip = (m: Iso8583Message): boolean => entryMode(m) === "05" || entryMode(m) === "07";

const F = {
  pan: "Primary account number, from the vault for this one message",
  panStored:
    "Primary account number, from the vault: messages sent after authorization carry the PAN, never track data (PCI DSS 3.3)",
  processingCode: "000000 purchase, 200000 refund",
  amount: "Amount in minor units of the field 49 currency (formatAmountField)",
  transmission: "Transmission date and time, UTC (formatTransmissionDateTime)",
  stan: "STAN, 000001-999999 per link (formatStan, nextStan): new for every message; a repeat keeps the original's",
  localTime: "Local time at the merchant location, hhmmss",
  localDate: "Local date at the merchant location, MMDD",
  expiry: "Card expiry date, YYMM",
  mcc: "Merchant category code of the merchant",
  entryMode: "POS entry mode: 051 chip, 071 contactless chip, 021 swipe, 012 key-entered (third digit 1: PIN capable)",
  cardSequence: "Card (PAN) sequence number, EMV tag 5F34",
  condition: "POS condition code: 00 normal presentment",
  acquirerId: "Acquiring institution ID assigned to us by the acquirer",
  track2: "Track 2 equivalent data (EMV tag 57 or magstripe), from crypto for this one message, never stored",
  rrn: "Retrieval reference number (formatRrn); in responses, the host's",
  rrnOriginal: "Retrieval reference number of the original, when its response carried one",
  authCode: "Authorization code (approval code) from the host",
  authCodeOriginal: "Authorization code from the original's response",
  responseCode: "Response code (see the response code table)",
  reversalReason: "Why we reverse: 68 timeout, 17 void by the merchant, 22 sale not completed",
  terminalId: "Terminal ID assigned by the acquirer to the device, 8 characters",
  merchantId: "Merchant ID (card acceptor ID) assigned by the acquirer, 15 characters, blank-padded",
  merchantName: "Merchant name (1-23), city (24-36), state (37-38), country (39-40), blank-padded",
  additionalResponse: "Additional response data from the host (e.g. AVS result)",
  currency: "Transaction currency, ISO 4217 numeric (e.g. 978)",
  pinBlock: "PIN block, ISO 9564, under the zone PIN key (crypto translates it from the reader's DUKPT block)",
  pinControl:
    "PIN block format (01 = ISO format 0, 04 = ISO format 4) then zone PIN key index (2 digits), then 12 zeros",
  icc: "EMV ICC data: BER-TLV as uppercase hex text (ARQC and its inputs)",
  iccResponse: "EMV issuer data: BER-TLV as uppercase hex text (issuer authentication data, scripts)",
  original:
    "Original data elements: MTI, STAN, field 7, acquirer and forwarding IDs of the original (formatOriginalDataElements)",
  settlementDate: "Settlement date, MMDD",
  settlementCurrency: "Settlement currency, ISO 4217 numeric",
  creditsCount: "Number of credits (refunds) in the batch",
  creditsReversalCount: "Number of reversed credits",
  debitsCount: "Number of debits (sales) in the batch",
  debitsReversalCount: "Number of reversed debits",
  creditsAmount: "Total amount of credits, minor units",
  creditsReversalAmount: "Total amount of reversed credits",
  debitsAmount: "Total amount of debits, minor units",
  debitsReversalAmount: "Total amount of reversed debits",
  netAmount: "Net settlement amount: C or D, then 16 digits",
  networkCode: "Network management code: 001 sign-on, 002 sign-off, 301 echo test",
  forwardingId: "Forwarding institution ID, when the acquirer assigns one",
} as const;

function authorizationRequest(mti: string, name: string): DialectMessage {
  return {
    mti,
    name,
    repeatable: false,
    mac: "required",
    atLeastOneOf: [[2, 35]],
    fields: {
      2: C(F.pan, "when the card was key-entered (entry mode 01x)", isKeyEntered),
      3: M(F.processingCode),
      4: M(F.amount),
      7: M(F.transmission),
      11: M(F.stan),
      12: M(F.localTime),
      13: M(F.localDate),
      14: C(F.expiry, "with field 2", (m) => m.fields[2] !== undefined),
      18: O(F.mcc),
      22: M(F.entryMode),
      23: C(F.cardSequence, "chip cards that have one"),
      25: M(F.condition),
      32: M(F.acquirerId),
      35: C(F.track2, "when the card was read (entry mode other than 01x)", (m) => !isKeyEntered(m)),
      41: M(F.terminalId),
      42: M(F.merchantId),
      43: O(F.merchantName),
      49: M(F.currency),
      52: C(F.pinBlock, "when the cardholder entered an online PIN"),
      53: C(F.pinControl, "with field 52", (m) => m.fields[52] !== undefined),
      55: C(F.icc, "chip and contactless chip (entry mode 05x, 07x)", isChip),
    },
  };
}

function authorizationResponse(mti: string, name: string): DialectMessage {
  return {
    mti,
    name,
    repeatable: false,
    mac: "required",
    fields: {
      3: M(F.processingCode),
      4: M(F.amount),
      7: M(F.transmission),
      11: M(F.stan),
      12: O(F.localTime),
      13: O(F.localDate),
      32: O(F.acquirerId),
      37: M(F.rrn),
      38: C(F.authCode, "when approved (field 39 = 00)", (m) => text(m, 39) === "00"),
      39: M(F.responseCode),
      41: M(F.terminalId),
      42: M(F.merchantId),
      44: O(F.additionalResponse),
      49: M(F.currency),
      55: C(F.iccResponse, "chip transactions, when the issuer sends data"),
    },
  };
}

function storedRequest(mti: string, name: string, reversal: boolean): DialectMessage {
  const fields: Record<number, DialectField> = {
    2: M(F.panStored),
    3: M(F.processingCode),
    4: M(F.amount),
    7: M(F.transmission),
    11: M(F.stan),
    12: M(F.localTime),
    13: M(F.localDate),
    14: C(F.expiry, "when the original carried it"),
    22: M(F.entryMode),
    25: M(F.condition),
    32: M(F.acquirerId),
    // A capture always follows an approval; a reversal may follow a request that got no answer.
    37: reversal ? C(F.rrnOriginal, "when the original's response was received") : M(F.rrnOriginal),
    38: reversal ? C(F.authCodeOriginal, "when the original was approved") : M(F.authCodeOriginal),
    41: M(F.terminalId),
    42: M(F.merchantId),
    49: M(F.currency),
    55: O(F.icc),
    90: M(F.original),
  };
  if (reversal) fields[39] = M(F.reversalReason);
  return { mti, name, repeatable: true, mac: "required", fields };
}

function storedResponse(mti: string, name: string): DialectMessage {
  return {
    mti,
    name,
    repeatable: false,
    mac: "required",
    fields: {
      3: M(F.processingCode),
      4: M(F.amount),
      7: M(F.transmission),
      11: M(F.stan),
      37: O(F.rrn),
      39: M(F.responseCode),
      41: M(F.terminalId),
      42: M(F.merchantId),
      49: M(F.currency),
      90: O(F.original),
    },
  };
}

/**
 * The Enclave POS acquirer dialect: ISO 8583:1987 over `ISO87_ASCII`, the message types we send
 * and receive and the fields each carries. docs/iso8583.md renders it field by field.
 *
 * - 0100/0110 authorization (pre-authorization, captured later by a 0220);
 * - 0200/0210 financial request (sale, refund);
 * - 0220/0230 financial advice (capture of a 0100, from storage: PAN, no track data; repeat 0221);
 * - 0400/0410 reversal (timeout, void; repeat 0401), 0420/0430 reversal advice (repeat 0421);
 * - 0500/0510 reconciliation (batch close);
 * - 0800/0810 network management (sign-on, sign-off, echo).
 *
 * The MAC goes in field 64, or in 128 when the message has a secondary bitmap; it is computed
 * elsewhere (crypto), this dialect only reserves the field.
 */
export const ENCLAVE_DIALECT: Dialect = defineDialect({
  name: "Enclave ISO 8583:1987 dialect",
  spec: ISO87_ASCII,
  messages: {
    "0100": authorizationRequest("0100", "Authorization request"),
    "0110": authorizationResponse("0110", "Authorization response"),
    "0200": authorizationRequest("0200", "Financial request"),
    "0210": authorizationResponse("0210", "Financial response"),
    "0220": storedRequest("0220", "Financial advice (capture)", false),
    "0230": storedResponse("0230", "Financial advice response"),
    "0400": storedRequest("0400", "Reversal request", true),
    "0410": storedResponse("0410", "Reversal response"),
    "0420": storedRequest("0420", "Reversal advice", true),
    "0430": storedResponse("0430", "Reversal advice response"),
    "0500": {
      mti: "0500",
      name: "Reconciliation request (batch close)",
      repeatable: false,
      mac: "required",
      fields: {
        7: M(F.transmission),
        11: M(F.stan),
        15: O(F.settlementDate),
        32: M(F.acquirerId),
        41: M(F.terminalId),
        42: M(F.merchantId),
        50: M(F.settlementCurrency),
        74: M(F.creditsCount),
        75: O(F.creditsReversalCount),
        76: M(F.debitsCount),
        77: O(F.debitsReversalCount),
        86: M(F.creditsAmount),
        87: O(F.creditsReversalAmount),
        88: M(F.debitsAmount),
        89: O(F.debitsReversalAmount),
        97: M(F.netAmount),
      },
    },
    "0510": {
      mti: "0510",
      name: "Reconciliation response",
      repeatable: false,
      mac: "required",
      fields: {
        7: M(F.transmission),
        11: M(F.stan),
        15: O(F.settlementDate),
        39: M(F.responseCode),
        41: M(F.terminalId),
        42: M(F.merchantId),
        50: O(F.settlementCurrency),
        74: O(F.creditsCount),
        76: O(F.debitsCount),
        86: O(F.creditsAmount),
        88: O(F.debitsAmount),
        97: O(F.netAmount),
      },
    },
    "0800": {
      mti: "0800",
      name: "Network management request",
      repeatable: false,
      mac: "optional",
      fields: { 7: M(F.transmission), 11: M(F.stan), 33: O(F.forwardingId), 70: M(F.networkCode) },
    },
    "0810": {
      mti: "0810",
      name: "Network management response",
      repeatable: false,
      mac: "optional",
      fields: {
        7: M(F.transmission),
        11: M(F.stan),
        33: O(F.forwardingId),
        39: M(F.responseCode),
        70: M(F.networkCode),
      },
    },
  },
});
