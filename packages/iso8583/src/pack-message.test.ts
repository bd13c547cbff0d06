import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  defineField,
  defineSpec,
  ISO87_ASCII,
  ISO87_BINARY,
  type Iso8583Message,
  type MessageSpec,
  packMessage,
  unpackMessage,
} from "./index.ts";
import { assertRefused } from "./testing/assert-refused.ts";

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("latin1");
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex").toUpperCase();
const PAN = "4761739001010119";
const TRACK2 = "4761739001010119=25122011758928889";

// A small spec exercising every carriage the built-in specs do not: BCD with F padding, left-
// padded variable BCD, 1-digit BCD prefix, LLL BCD prefix, raw variable binary, x+n in ASCII.
const CUSTOM: MessageSpec = defineSpec({
  name: "CUSTOM",
  mtiEncoding: "ascii",
  bitmapEncoding: "binary",
  fields: {
    2: defineField("PAN", "n..19", { encoding: "bcd", prefixEncoding: "bcd", padNibble: "F" }),
    3: defineField("Left-padded", "n..9", { encoding: "bcd", prefixEncoding: "ascii", padding: "left" }),
    4: defineField("LVAR", "n.5", { encoding: "bcd", prefixEncoding: "bcd" }),
    5: defineField("LLL digits", "n...120", { encoding: "bcd", prefixEncoding: "bcd" }),
    6: defineField("Bytes", "b..16", { encoding: "binary", prefixEncoding: "ascii" }),
    7: defineField("Signed", "x+n 6", { encoding: "ascii" }),
    8: defineField("Track", "z..37", { encoding: "bcd", prefixEncoding: "bcd", padNibble: "F" }),
    9: defineField("Fixed odd", "n 3", { encoding: "bcd", padding: "right" }),
  },
});

describe("packMessage", () => {
  it("writes MTI, hex bitmap and fields in field order on the ASCII layout", () => {
    const bytes = packMessage(ISO87_ASCII, { mti: "0100", fields: { 4: "000000000100", 2: PAN, 3: "000000" } });
    assert.equal(latin1(bytes), `01007000000000000000${16}${PAN}000000000000000100`);
  });

  it("adds the secondary bitmap (field 1) exactly when a field 65-128 is present", () => {
    const primaryOnly = packMessage(ISO87_ASCII, { mti: "0800", fields: { 7: "0611191024", 64: new Uint8Array(8) } });
    assert.equal(latin1(primaryOnly).slice(4, 20), "0200000000000001");
    assert.equal(primaryOnly.length, 4 + 16 + 10 + 16);
    const withSecondary = packMessage(ISO87_ASCII, { mti: "0800", fields: { 70: "301", 128: new Uint8Array(8) } });
    assert.equal(latin1(withSecondary).slice(4, 36), "80000000000000000400000000000001");
    const binary = packMessage(ISO87_BINARY, { mti: "0800", fields: { 70: "301" } });
    assert.equal(hex(binary), `0800${"8000000000000000"}${"0400000000000000"}0301`);
  });

  it("packs an MTI with no fields, and skips undefined values", () => {
    assert.equal(latin1(packMessage(ISO87_ASCII, { mti: "0800", fields: {} })), "08000000000000000000");
    assert.equal(
      latin1(packMessage(ISO87_ASCII, { mti: "0800", fields: { 2: undefined } as never })),
      "08000000000000000000",
    );
  });

  it("returns a fresh array that owns its buffer (nothing else's bytes behind it)", () => {
    const bytes = packMessage(ISO87_ASCII, { mti: "0100", fields: { 2: PAN } });
    assert.equal(Object.getPrototypeOf(bytes), Uint8Array.prototype);
    assert.equal(bytes.byteOffset, 0);
    assert.equal(bytes.buffer.byteLength, bytes.length);
  });

  it("packs the binary layout: BCD numerics, packed track 2, ASCII sign then BCD for x+n", () => {
    const fields = {
      2: PAN,
      19: "858",
      28: "C00000100",
      35: TRACK2,
      49: "978",
      52: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8),
    };
    const bytes = packMessage(ISO87_BINARY, { mti: "0200", fields });
    assert.equal(
      hex(bytes),
      "0200" +
        "4000201020009000" +
        `16${PAN}` +
        "0858" +
        "4300000100" +
        "344761739001010119D25122011758928889" +
        "393738" +
        "0102030405060708",
    );
    // "D" is the other spelling of the track 2 separator: same bytes, read back as "=".
    const withD = { ...fields, 35: TRACK2.replace("=", "D") };
    assert.deepEqual(packMessage(ISO87_BINARY, { mti: "0200", fields: withD }), bytes);
    assert.equal(unpackMessage(ISO87_BINARY, bytes).fields[35], TRACK2);
  });

  it("pads odd BCD as the spec says: F or 0, left or right, with 1-, 2- and 3-digit BCD prefixes", () => {
    const message: Iso8583Message = {
      mti: "0100",
      fields: {
        2: "123",
        3: "12345",
        4: "12345",
        5: "1",
        6: Uint8Array.of(0xde, 0xad),
        7: "D000012",
        8: "1=2",
        9: "123",
      },
    };
    const bytes = packMessage(CUSTOM, message);
    assert.equal(
      hex(bytes),
      "30313030" +
        "7F80000000000000" +
        "03123F" +
        "3035012345" +
        "05123450" +
        "000110" +
        "3032DEAD" +
        "44303030303132" +
        "031D2F" +
        "1230",
    );
    assert.deepEqual(unpackMessage(CUSTOM, bytes), message);
  });

  it("refuses a bad MTI", () => {
    for (const mti of ["100", "01000", "01A0", "", 100 as unknown as string]) {
      assertRefused(() => packMessage(ISO87_ASCII, { mti, fields: {} }), "MTI_INVALID", 0);
    }
  });

  it("refuses keys that are not data elements of the spec, including field 1", () => {
    for (const key of ["1", "0", "129", "02", "abc", "2.5", "-2"]) {
      const error = assertRefused(
        () => packMessage(ISO87_ASCII, { mti: "0100", fields: { [key]: "1" } }),
        "UNKNOWN_FIELD",
        undefined,
      );
      assert.match(error.message, /2\.\.128/);
    }
    assertRefused(() => packMessage(CUSTOM, { mti: "0100", fields: { 10: "1" } }), "UNKNOWN_FIELD", 10);
  });

  it("refuses the wrong value type", () => {
    assertRefused(
      () => packMessage(ISO87_ASCII, { mti: "0100", fields: { 52: "0102030405060708" } }),
      "FIELD_WRONG_TYPE",
      52,
    );
    assertRefused(
      () => packMessage(ISO87_ASCII, { mti: "0100", fields: { 2: new Uint8Array(4) } }),
      "FIELD_WRONG_TYPE",
      2,
    );
    assertRefused(
      () => packMessage(ISO87_ASCII, { mti: "0100", fields: { 4: 100 as unknown as string } }),
      "FIELD_WRONG_TYPE",
      4,
    );
  });

  it("refuses values over the maximum or off the fixed length, naming lengths and never the value", () => {
    const long = assertRefused(
      () => packMessage(ISO87_ASCII, { mti: "0100", fields: { 2: `${PAN}0000` } }),
      "FIELD_TOO_LONG",
      2,
      [PAN, PAN.slice(0, 6)],
    );
    assert.match(long.message, /length 20 exceeds the maximum 19/);
    assertRefused(() => packMessage(ISO87_ASCII, { mti: "0100", fields: { 4: "00000000100" } }), "FIELD_TOO_SHORT", 4);
    assertRefused(() => packMessage(ISO87_ASCII, { mti: "0100", fields: { 4: "0000000001000" } }), "FIELD_TOO_LONG", 4);
    assertRefused(
      () => packMessage(ISO87_ASCII, { mti: "0100", fields: { 35: `${TRACK2}1234` } }),
      "FIELD_TOO_LONG",
      35,
      [TRACK2, PAN],
    );
    assertRefused(
      () => packMessage(ISO87_ASCII, { mti: "0100", fields: { 52: new Uint8Array(9) } }),
      "FIELD_TOO_LONG",
      52,
    );
    assertRefused(
      () => packMessage(ISO87_ASCII, { mti: "0100", fields: { 52: new Uint8Array(7) } }),
      "FIELD_TOO_SHORT",
      52,
    );
  });

  it("refuses characters outside the content type, on both layouts, without echoing them", () => {
    const cases: [MessageSpec, number, string][] = [
      [ISO87_ASCII, 2, "47617390010101A9"], // n
      [ISO87_BINARY, 2, "47617390010101A9"], // n, BCD
      [ISO87_ASCII, 4, "00000000010 "], // n
      [ISO87_ASCII, 28, "X00000100"], // x+n sign
      [ISO87_BINARY, 28, "+00000100"], // x+n sign, BCD layout
      [ISO87_ASCII, 28, "C0000010A"], // x+n digits
      [ISO87_ASCII, 35, "4761739001010119?2512"], // z
      [ISO87_BINARY, 35, "4761739001010119X2512"], // z, BCD
      [ISO87_ASCII, 39, "0-"], // an
      [ISO87_ASCII, 43, `Caf\u00e9${" ".repeat(36)}`], // ans: ASCII only
      [ISO87_ASCII, 43, `Cafe\n${" ".repeat(35)}`], // ans: no control characters
      [ISO87_ASCII, 43, `Caf\u20ac${" ".repeat(36)}`], // beyond latin1
    ];
    for (const [spec, field, value] of cases) {
      assertRefused(
        () => packMessage(spec, { mti: "0100", fields: { [field]: value } }),
        "FIELD_INVALID_CHARACTERS",
        field,
        [value.trim(), PAN.slice(0, 8)],
      );
    }
  });

  it("accepts blanks in alphanumeric fields, which fixed an fields are padded with", () => {
    const bytes = packMessage(ISO87_ASCII, { mti: "0110", fields: { 38: "A1B2  ", 39: "00" } });
    assert.equal(unpackMessage(ISO87_ASCII, bytes).fields[38], "A1B2  ");
  });

  it("refuses impossible dates in the date fields", () => {
    const bad: [number, string][] = [
      [7, "1311120000"],
      [7, "0230120000"],
      [7, "0611240000"],
      [7, "0611236000"],
      [12, "126000"],
      [13, "0000"],
      [13, "0431"],
      [14, "2513"],
      [14, "2500"],
      [73, "250229"],
    ];
    for (const [field, value] of bad) {
      assertRefused(
        () => packMessage(ISO87_ASCII, { mti: "0100", fields: { [field]: value } }),
        "FIELD_INVALID_DATE",
        field,
      );
    }
    const good = { 7: "1231235959", 12: "000000", 13: "0229", 14: "9912", 73: "240229" };
    assert.deepEqual(unpackMessage(ISO87_ASCII, packMessage(ISO87_ASCII, { mti: "0100", fields: good })).fields, good);
  });

  it("refuses a spec that was not made by defineSpec", () => {
    const raw = { ...ISO87_ASCII };
    assertRefused(() => packMessage(raw, { mti: "0100", fields: {} }), "SPEC_INVALID", undefined);
  });
});
