import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  defineField,
  defineSpec,
  ISO87_ASCII,
  ISO87_BINARY,
  type MessageSpec,
  packMessage,
  unpackMessage,
  withFieldOverrides,
} from "./index.ts";
import { assertRefused } from "./testing/assert-refused.ts";

const ascii = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "latin1"));
const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "hex"));
const PAN = "4761739001010119";

describe("unpackMessage", () => {
  it("decodes an ASCII message to text fields and binary fields as bytes", () => {
    const bytes = ascii(`01007000000000001000${16}${PAN}000000000000000100${"0102030405060708"}`);
    assert.deepEqual(unpackMessage(ISO87_ASCII, bytes), {
      mti: "0100",
      fields: { 2: PAN, 3: "000000", 4: "000000000100", 52: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) },
    });
  });

  it("accepts lowercase hex in bitmaps and binary fields (peers differ), packing back uppercase", () => {
    const message = unpackMessage(
      ISO87_ASCII,
      ascii(`0800${"8200000000000000"}${"0400000000000001"}0611191024301${"ab00cd00ef001234"}`),
    );
    assert.deepEqual(message.fields[128], Uint8Array.of(0xab, 0x00, 0xcd, 0x00, 0xef, 0x00, 0x12, 0x34));
    assert.equal(
      Buffer.from(packMessage(ISO87_ASCII, message)).toString("latin1"),
      `0800${"8200000000000000"}${"0400000000000001"}0611191024301${"AB00CD00EF001234"}`,
    );
  });

  it("accepts a secondary bitmap with no bit set (some hosts always send one)", () => {
    const message = unpackMessage(ISO87_ASCII, ascii(`0810${"8000000002000000"}${"0".repeat(16)}00`));
    assert.deepEqual(message, { mti: "0810", fields: { 39: "00" } });
  });

  it("reads a view at an offset into a larger buffer, and copies binary fields out of it", () => {
    const packed = packMessage(ISO87_BINARY, {
      mti: "0200",
      fields: { 2: PAN, 52: Uint8Array.of(9, 8, 7, 6, 5, 4, 3, 2) },
    });
    const socket = Buffer.alloc(packed.length + 10, 0xee);
    socket.set(packed, 5);
    const view = socket.subarray(5, 5 + packed.length);
    const message = unpackMessage(ISO87_BINARY, view);
    assert.equal(message.fields[2], PAN);
    socket.fill(0); // the receive buffer is reused...
    assert.deepEqual(message.fields[52], Uint8Array.of(9, 8, 7, 6, 5, 4, 3, 2)); // ...the message is not
    assert.equal(Object.getPrototypeOf(message.fields[52]), Uint8Array.prototype);
    const plain = new Uint8Array(packed.length + 3);
    plain.set(packed, 3);
    assert.equal(unpackMessage(ISO87_BINARY, plain.subarray(3)).fields[2], PAN);
  });

  it("refuses input that is not bytes", () => {
    assertRefused(() => unpackMessage(ISO87_ASCII, "0800" as unknown as Uint8Array), "INVALID_ARGUMENT", undefined);
  });

  it("refuses a bitmap announcing a field the spec does not define", () => {
    const spec = defineSpec({
      name: "ONLY_3",
      mtiEncoding: "ascii",
      bitmapEncoding: "hex",
      fields: { 3: ISO87_ASCII.fields[3] ?? defineField("x", "n 6", { encoding: "ascii" }) },
    });
    assertRefused(() => unpackMessage(spec, ascii("01004000000000000000161234")), "UNKNOWN_FIELD", 2);
  });

  it("refuses bad BCD: nibble over 9 in data, MTI or prefix, a wrong pad nibble", () => {
    // MTI 0A00
    assertRefused(() => unpackMessage(ISO87_BINARY, fromHex("0A000000000000000000")), "MTI_INVALID", 0);
    // field 2, prefix 0x1A
    assertRefused(() => unpackMessage(ISO87_BINARY, fromHex("020040000000000000001A00")), "LENGTH_PREFIX_INVALID", 2);
    // field 2, 19 > max 19? no: 0x20 = 20 digits
    assertRefused(
      () => unpackMessage(ISO87_BINARY, fromHex(`020040000000000000002012345678901234567890`)),
      "FIELD_TOO_LONG",
      2,
    );
    // field 2, digit nibble A
    assertRefused(
      () => unpackMessage(ISO87_BINARY, fromHex("02004000000000000000044A61")),
      "FIELD_INVALID_CHARACTERS",
      2,
      [PAN.slice(0, 4)],
    );
    // field 2, 3 digits right-padded with 1 instead of 0
    assertRefused(() => unpackMessage(ISO87_BINARY, fromHex("0200400000000000000003123F")), "FIELD_INVALID_PADDING", 2);
    // field 19 (n 3, left-padded): pad nibble 1
    assertRefused(() => unpackMessage(ISO87_BINARY, fromHex("020000002000000000001858")), "FIELD_INVALID_PADDING", 19);
    // field 28 sign byte "+"
    assertRefused(
      () => unpackMessage(ISO87_BINARY, fromHex("020000000010000000002B00000100")),
      "FIELD_INVALID_CHARACTERS",
      28,
    );
  });

  it("refuses non-hex binary data on the ASCII layout", () => {
    assertRefused(
      () => unpackMessage(ISO87_ASCII, ascii("01000000000000001000010203040506070G")),
      "FIELD_INVALID_CHARACTERS",
      52,
    );
  });

  it("names field and lengths, never the value, when card data is refused", () => {
    const track2 = "4761739001010119=25122011758928889";
    const cases: [string, string, number][] = [
      [`0100400000000000000016${PAN.slice(0, 15)}X`, "FIELD_INVALID_CHARACTERS", 2],
      [`0100400000000000000020${PAN}0000`, "FIELD_TOO_LONG", 2],
      [`0100000000002000000034${track2.replace("=", "?")}`, "FIELD_INVALID_CHARACTERS", 35],
      [`0100000000002000000040${track2}`, "FIELD_TOO_LONG", 35],
      [`0100000000000008000020${PAN}`, "FIELD_TRUNCATED", 45],
    ];
    for (const [text, code, field] of cases) {
      assertRefused(() => unpackMessage(ISO87_ASCII, ascii(text)), code as "FIELD_TOO_LONG", field, [
        PAN,
        PAN.slice(0, 6),
        PAN.slice(-4),
        track2,
      ]);
    }
  });

  it("reports the structure before dates: a shifted message is truncated, not misdated", () => {
    const withTrailing = ascii("0800020000000000000099999999990");
    assertRefused(() => unpackMessage(ISO87_ASCII, withTrailing), "TRAILING_BYTES", undefined);
    assertRefused(() => unpackMessage(ISO87_ASCII, ascii("080002000000000000009999999999")), "FIELD_INVALID_DATE", 7);
  });

  it("reads a relaxed field (contentCheck printable) but still only printable ASCII", () => {
    const relaxed: MessageSpec = withFieldOverrides(ISO87_ASCII, { 39: { contentCheck: "printable" } });
    assert.equal(unpackMessage(relaxed, ascii("011000000000020000000-")).fields[39], "0-");
    assertRefused(() => unpackMessage(relaxed, ascii("011000000000020000000\n")), "FIELD_INVALID_CHARACTERS", 39);
  });
});

describe("unpackMessage on oversized input", () => {
  it("refuses input longer than the longest message the spec allows, before decoding it", () => {
    const huge = new Uint8Array(1 << 20).fill(0x30);
    const started = performance.now();
    const error = assertRefused(() => unpackMessage(ISO87_ASCII, huge), "TRAILING_BYTES", undefined);
    assert.ok(performance.now() - started < 50);
    assert.match(error.message, /longest ISO87_ASCII message/);
  });
});
