import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatAmountField,
  formatOriginalDataElements,
  formatRrn,
  formatStan,
  formatTransmissionDateTime,
  ISO87_ASCII,
  ISO87_BINARY,
  isRepeat,
  isResponse,
  MESSAGE_CLASS,
  MTI,
  mtiOf,
  nextStan,
  packMessage,
  parseAmountField,
  responseMtiFor,
} from "./index.ts";
import { assertRefused } from "./testing/assert-refused.ts";

describe("MTI helpers", () => {
  it("responseMtiFor: function + 1, a repeat answered as the original", () => {
    const pairs: [string, string][] = [
      ["0100", "0110"],
      ["0200", "0210"],
      ["0220", "0230"],
      ["0221", "0230"],
      ["0400", "0410"],
      ["0401", "0410"],
      ["0420", "0430"],
      ["0421", "0430"],
      ["0500", "0510"],
      ["0800", "0810"],
      ["0402", "0412"],
      ["0403", "0412"],
      ["1100", "1110"],
    ];
    for (const [request, response] of pairs) assert.equal(responseMtiFor(request), response, request);
    for (const mti of ["0110", "0430", "0140", "0150", "01A0", "100", ""]) {
      assertRefused(() => responseMtiFor(mti), "MTI_INVALID", 0);
    }
  });

  it("isRepeat and isResponse read the origin and function digits", () => {
    assert.deepEqual(["0400", "0401", "0402", "0403", "0404", "0405", "0406", "0407"].map(isRepeat), [
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      false,
    ]);
    assert.deepEqual(["0100", "0110", "0120", "0130", "0140"].map(isResponse), [false, true, false, true, false]);
    assertRefused(() => isRepeat("04x1"), "MTI_INVALID", 0);
    assertRefused(() => isResponse("041"), "MTI_INVALID", 0);
  });

  it("the MTI constants agree with the helpers and the message classes", () => {
    assert.equal(responseMtiFor(MTI.authorizationRequest), MTI.authorizationResponse);
    assert.equal(responseMtiFor(MTI.reversalAdviceRepeat), MTI.reversalAdviceResponse);
    assert.equal(responseMtiFor(MTI.financialAdviceRepeat), MTI.financialAdviceResponse);
    assert.ok(isRepeat(MTI.reversalRequestRepeat));
    assert.equal(MTI.reversalRequest[1], MESSAGE_CLASS.reversal);
    assert.equal(MTI.networkManagementRequest[1], MESSAGE_CLASS.networkManagement);
  });

  it("mtiOf peeks at the MTI on both layouts without decoding the rest", () => {
    const ascii = packMessage(ISO87_ASCII, { mti: "0110", fields: { 39: "00" } });
    const binary = packMessage(ISO87_BINARY, { mti: "0810", fields: { 39: "00" } });
    assert.equal(mtiOf(ISO87_ASCII, ascii), "0110");
    assert.equal(mtiOf(ISO87_BINARY, binary), "0810");
    assert.equal(mtiOf(ISO87_ASCII, ascii.subarray(0, 4)), "0110");
    assertRefused(() => mtiOf(ISO87_ASCII, ascii.subarray(0, 3)), "MTI_TRUNCATED", 0);
    assertRefused(() => mtiOf(ISO87_BINARY, Uint8Array.of(0x08)), "MTI_TRUNCATED", 0);
    assertRefused(() => mtiOf(ISO87_ASCII, Uint8Array.from(Buffer.from("01A0"))), "MTI_INVALID", 0);
    assertRefused(() => mtiOf(ISO87_BINARY, Uint8Array.of(0x0f, 0x00)), "MTI_INVALID", 0);
  });
});

describe("field formatting helpers", () => {
  it("formatAmountField / parseAmountField: n 12 minor units", () => {
    assert.equal(formatAmountField(0), "000000000000");
    assert.equal(formatAmountField(1234), "000000001234");
    assert.equal(formatAmountField(999_999_999_999), "999999999999");
    assert.equal(parseAmountField("000000001234"), 1234);
    assert.equal(parseAmountField(formatAmountField(999_999_999_999)), 999_999_999_999);
    for (const bad of [-1, 1.5, Number.NaN, 1e12, Number.POSITIVE_INFINITY, "12" as unknown as number]) {
      assertRefused(() => formatAmountField(bad), "INVALID_ARGUMENT", undefined);
    }
    for (const bad of ["1234", "00000000123A", "-00000001234", 12 as unknown as string]) {
      assertRefused(() => parseAmountField(bad), "INVALID_ARGUMENT", undefined);
    }
  });

  it("formatTransmissionDateTime: MMDDhhmmss in UTC whatever the local zone", () => {
    assert.equal(formatTransmissionDateTime(new Date(Date.UTC(2025, 0, 2, 3, 4, 5))), "0102030405");
    assert.equal(formatTransmissionDateTime(new Date("2025-12-31T23:59:59.999-05:00")), "0101045959");
    assertRefused(() => formatTransmissionDateTime(new Date(Number.NaN)), "INVALID_ARGUMENT", undefined);
    assertRefused(() => formatTransmissionDateTime("2025-01-01" as unknown as Date), "INVALID_ARGUMENT", undefined);
  });

  it("formatStan / nextStan: 000001-999999, wrapping to 1", () => {
    assert.equal(formatStan(1), "000001");
    assert.equal(formatStan(999_999), "999999");
    assert.equal(nextStan(41), 42);
    assert.equal(nextStan(999_999), 1);
    for (const bad of [0, -1, 1_000_000, 2.5, Number.NaN]) {
      assertRefused(() => formatStan(bad), "INVALID_ARGUMENT", undefined);
      assertRefused(() => nextStan(bad), "INVALID_ARGUMENT", undefined);
    }
  });

  it("formatRrn: YDDDhh + STAN, in UTC", () => {
    assert.equal(formatRrn(new Date(Date.UTC(2025, 1, 1, 13, 59)), 42), "503213000042");
    assert.equal(formatRrn(new Date(Date.UTC(2024, 11, 31, 0, 0)), 999_999), "436600999999");
    assert.equal(formatRrn(new Date(Date.UTC(2030, 0, 1, 9)), 1), "000109000001");
    assertRefused(() => formatRrn(new Date(Number.NaN), 1), "INVALID_ARGUMENT", undefined);
    assertRefused(() => formatRrn(new Date(), 0), "INVALID_ARGUMENT", undefined);
  });

  it("formatOriginalDataElements: field 90, 42 digits", () => {
    const value = formatOriginalDataElements({
      mti: "0200",
      stan: "000123",
      transmissionDateTime: "0611191024",
      acquirerId: "123456",
    });
    assert.equal(value, `0200000123061119102400000123456${"0".repeat(11)}`);
    assert.equal(value.length, 42);
    assertRefused(
      () => formatOriginalDataElements({ mti: "0200", stan: "123", transmissionDateTime: "0611191024" }),
      "INVALID_ARGUMENT",
      90,
    );
    assertRefused(
      () =>
        formatOriginalDataElements({
          mti: "0200",
          stan: "000123",
          transmissionDateTime: "0611191024",
          acquirerId: "123456789012",
        }),
      "INVALID_ARGUMENT",
      90,
    );
    assertRefused(
      () => formatOriginalDataElements({ mti: "0200", stan: "000123", transmissionDateTime: "06111910AB" }),
      "INVALID_ARGUMENT",
      90,
    );
    assertRefused(
      () => formatOriginalDataElements({ mti: "02", stan: "000123", transmissionDateTime: "0611191024" }),
      "MTI_INVALID",
      0,
    );
  });
});
