// Every bad input is refused with a CryptoError, a stable code, and a message free of secrets.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  beginAesDukptTransaction,
  CryptoError,
  type CryptoErrorCode,
  computeAesCmac,
  computeKeyCheckValue,
  computeRetailMac,
  createAesDukptHost,
  decodeIso0PinBlock,
  decryptIso0PinBlock,
  decryptIso4PinBlock,
  deriveAesDukptInitialKey,
  deriveAesDukptTransactionKey,
  deriveAesDukptWorkingKey,
  deriveTdesDukptIpek,
  deriveTdesDukptTransactionKey,
  deriveTdesDukptWorkingKey,
  encryptIso0PinBlock,
  encryptIso4PinBlock,
  loadAesDukptInitialKey,
  parseTr31Header,
  unwrapTr31KeyBlock,
  verifyAesCmac,
  verifyRetailMac,
  wrapTr31KeyBlock,
} from "./index.ts";

const hex = (value: string) => Buffer.from(value, "hex");
const tdes = hex("0123456789ABCDEFFEDCBA9876543210");
const aes = hex("FEDCBA9876543210F1F1F1F1F1F1F1F1");
const aes256 = Buffer.concat([aes, aes]);
const tdesKsn = hex("FFFF9876543210E00001");
const aesKsn = hex("123456789012345600000001");
const pin = "271828";
const pan = "4111111111111111";
const validD =
  "D0112P0AE00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DC34";
const kbpkD = hex("88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6");
const header = { versionId: "D", keyUsage: "P0", algorithm: "A", modeOfUse: "E", exportability: "E" } as const;
// Secrets that must never appear in a message: key bytes as hex, the PIN, the PAN.
const secrets = [tdes, aes, kbpkD].map((key) => key.toString("hex").toUpperCase()).concat(pin, pan);

const cases: [string, () => unknown, CryptoErrorCode][] = [
  [
    "AES key of 15 bytes",
    () => computeAesCmac({ key: aes.subarray(1), message: Buffer.alloc(0) }),
    "KEY_LENGTH_INVALID",
  ],
  [
    "key as a hex string",
    () => computeAesCmac({ key: aes.toString("hex") as never, message: aes }),
    "KEY_LENGTH_INVALID",
  ],
  ["single-length DES key", () => encryptIso0PinBlock({ pin, pan, key: tdes.subarray(0, 8) }), "KEY_LENGTH_INVALID"],
  ["TDES key with K1 = K2", () => computeRetailMac({ key: Buffer.alloc(16, 1), message: aes }), "KEY_INVALID"],
  [
    "3TDEA key with K2 = K3",
    () => encryptIso0PinBlock({ pin, pan, key: Buffer.concat([tdes, tdes.subarray(8)]) }),
    "KEY_INVALID",
  ],
  [
    "TDES DUKPT BDK of 24 bytes",
    () => deriveTdesDukptIpek({ bdk: Buffer.concat([tdes, aes.subarray(0, 8)]), ksn: tdesKsn }),
    "KEY_LENGTH_INVALID",
  ],
  ["TDES KSN of 12 bytes", () => deriveTdesDukptIpek({ bdk: tdes, ksn: aesKsn }), "KSN_INVALID"],
  ["AES KSN of 10 bytes", () => deriveAesDukptTransactionKey({ initialKey: aes, ksn: tdesKsn }), "KSN_INVALID"],
  [
    "AES initial key ID of 7 bytes",
    () => deriveAesDukptInitialKey({ bdk: aes, initialKeyId: aes.subarray(0, 7) }),
    "KSN_INVALID",
  ],
  [
    "TDES counter 0",
    () => deriveTdesDukptTransactionKey({ ipek: tdes, ksn: hex("FFFF9876543210E00000") }),
    "COUNTER_INVALID",
  ],
  [
    "TDES counter with 11 one-bits",
    () => deriveTdesDukptTransactionKey({ ipek: tdes, ksn: hex("FFFF9876543210E007FF") }),
    "COUNTER_INVALID",
  ],
  [
    "AES counter 0",
    () => deriveAesDukptTransactionKey({ initialKey: aes, ksn: hex("123456789012345600000000") }),
    "COUNTER_INVALID",
  ],
  [
    "AES counter 0x1FFFF by default",
    () => createAesDukptHost({ bdk: aes }).deriveTransactionKey({ ksn: hex("12345678901234560001FFFF") }),
    "COUNTER_INVALID",
  ],
  [
    "unknown counter rule",
    () => deriveAesDukptTransactionKey({ initialKey: aes, ksn: aesKsn, counterRule: "all" as never }),
    "COUNTER_INVALID",
  ],
  [
    "unknown TDES usage",
    () => deriveTdesDukptWorkingKey({ transactionKey: tdes, usage: "toString" as never }),
    "KEY_USAGE_INVALID",
  ],
  [
    "unknown AES usage",
    () =>
      deriveAesDukptWorkingKey({ transactionKey: aes, ksn: aesKsn, usage: "__proto__" as never, keyType: "AES128" }),
    "KEY_USAGE_INVALID",
  ],
  [
    "unknown AES key type",
    () =>
      deriveAesDukptWorkingKey({ transactionKey: aes, ksn: aesKsn, usage: "pinEncryption", keyType: "DES" as never }),
    "KEY_TYPE_INVALID",
  ],
  [
    "AES-256 working key from an AES-128 key",
    () => deriveAesDukptWorkingKey({ transactionKey: aes, ksn: aesKsn, usage: "pinEncryption", keyType: "AES256" }),
    "KEY_TYPE_INVALID",
  ],
  ["device state that is not one", () => beginAesDukptTransaction({ state: {} as never }), "STATE_INVALID"],
  [
    "device state from the wrong scheme",
    () =>
      beginAesDukptTransaction({
        state: {
          ...loadAesDukptInitialKey({ initialKey: aes, initialKeyId: aesKsn.subarray(0, 8) }),
          keyType: "TDES2" as never,
        },
      }),
    "STATE_INVALID",
  ],
  [
    "device state with a register of the wrong size",
    () => {
      const state = loadAesDukptInitialKey({ initialKey: aes, initialKeyId: aesKsn.subarray(0, 8) });
      state.registers[0] = Buffer.alloc(8);
      return beginAesDukptTransaction({ state });
    },
    "STATE_INVALID",
  ],
  [
    "cleared host",
    () => {
      const host = createAesDukptHost({ bdk: aes });
      host.clear();
      return host.deriveTransactionKey({ ksn: aesKsn });
    },
    "STATE_INVALID",
  ],
  ["CMAC of 7 bytes", () => verifyAesCmac({ key: aes, message: aes, mac: Buffer.alloc(7) }), "MAC_LENGTH_INVALID"],
  [
    "retail MAC of 3 bytes",
    () => verifyRetailMac({ key: tdes, message: aes, mac: Buffer.alloc(3) }),
    "MAC_LENGTH_INVALID",
  ],
  ["wrong CMAC", () => verifyAesCmac({ key: aes, message: aes, mac: Buffer.alloc(16) }), "MAC_MISMATCH"],
  ["wrong retail MAC", () => verifyRetailMac({ key: tdes, message: aes, mac: Buffer.alloc(8) }), "MAC_MISMATCH"],
  [
    "legacy KCV of an AES key",
    () => computeKeyCheckValue({ key: aes, algorithm: "AES", method: "legacy" }),
    "KCV_INVALID",
  ],
  ["KCV of 6 bytes", () => computeKeyCheckValue({ key: tdes, algorithm: "TDES", length: 6 }), "KCV_INVALID"],
  ["KCV of an unknown algorithm", () => computeKeyCheckValue({ key: tdes, algorithm: "DES" as never }), "KCV_INVALID"],
  ["PIN of 3 digits", () => encryptIso0PinBlock({ pin: "123", pan, key: tdes }), "PIN_INVALID"],
  ["PIN of 13 digits", () => encryptIso4PinBlock({ pin: "1234567890123", pan, key: aes }), "PIN_INVALID"],
  ["PIN with a letter", () => encryptIso4PinBlock({ pin: "12a4", pan, key: aes }), "PIN_INVALID"],
  ["PAN of 20 digits", () => encryptIso0PinBlock({ pin, pan: "41111111111111111111", key: tdes }), "PAN_INVALID"],
  ["PAN with spaces", () => encryptIso4PinBlock({ pin, pan: "4111 1111 1111 1111", key: aes }), "PAN_INVALID"],
  ["format 0 block of 16 bytes", () => decodeIso0PinBlock({ pinBlock: Buffer.alloc(16), pan }), "PIN_BLOCK_INVALID"],
  [
    "format 0 block under the wrong key",
    () =>
      decryptIso0PinBlock({
        encryptedPinBlock: encryptIso0PinBlock({ pin, pan, key: tdes }),
        pan,
        key: Buffer.from(tdes).reverse(),
      }),
    "PIN_BLOCK_INVALID",
  ],
  [
    "format 4 block under the wrong key",
    () => decryptIso4PinBlock({ encryptedPinBlock: encryptIso4PinBlock({ pin, pan, key: aes }), pan, key: aes256 }),
    "PIN_BLOCK_INVALID",
  ],
  [
    "format 4 fill of 7 bytes",
    () => encryptIso4PinBlock({ pin, pan, key: aes, randomBytes: () => Buffer.alloc(7) }),
    "DATA_LENGTH_INVALID",
  ],
  ["key block version E", () => parseTr31Header(`E${validD.slice(1)}`), "KEY_BLOCK_INVALID"],
  [
    "key block with lowercase hex",
    () =>
      unwrapTr31KeyBlock({
        kbpk: kbpkD,
        keyBlock: validD.toLowerCase().replace("d0112p0ae00e0000", "D0112P0AE00E0000"),
      }),
    "KEY_BLOCK_INVALID",
  ],
  ["key block with a non-ASCII character", () => parseTr31Header(`${validD.slice(0, -1)}é`), "KEY_BLOCK_INVALID"],
  ["key block cut short", () => unwrapTr31KeyBlock({ kbpk: kbpkD, keyBlock: "D0016P0AE00E0000" }), "KEY_BLOCK_INVALID"],
  [
    "key block with an unknown usage",
    () => parseTr31Header(`D0112ZZAE00E0000${validD.slice(16)}`),
    "KEY_BLOCK_INVALID",
  ],
  [
    "PIN key for key derivation (P0 with mode X)",
    () => parseTr31Header(`D0112P0AX00E0000${validD.slice(16)}`),
    "KEY_BLOCK_INVALID",
  ],
  [
    "single DES key block (algorithm D)",
    () => parseTr31Header(`D0112P0DE00E0000${validD.slice(16)}`),
    "KEY_BLOCK_INVALID",
  ],
  ["reserved field not 00", () => parseTr31Header(`D0112P0AE00E0001${validD.slice(16)}`), "KEY_BLOCK_INVALID"],
  ["optional block past the end", () => parseTr31Header("B0024P0TE00E0100KS30ABCD"), "KEY_BLOCK_INVALID"],
  [
    "version D block under a TDES-length KBPK",
    () => unwrapTr31KeyBlock({ kbpk: Buffer.alloc(8), keyBlock: validD }),
    "KEY_LENGTH_INVALID",
  ],
  [
    "version D block under the wrong KBPK",
    () => unwrapTr31KeyBlock({ kbpk: aes256, keyBlock: validD }),
    "MAC_MISMATCH",
  ],
  [
    "wrap version A",
    () => wrapTr31KeyBlock({ kbpk: tdes, key: tdes, header: { ...header, versionId: "A" as never, algorithm: "T" } }),
    "KEY_BLOCK_INVALID",
  ],
  [
    "wrap an AES-256 key under an AES-128 KBPK",
    () => wrapTr31KeyBlock({ kbpk: aes, key: aes256, header }),
    "KEY_BLOCK_INVALID",
  ],
  [
    "wrap an AES key under a TDES KBPK",
    () => wrapTr31KeyBlock({ kbpk: tdes, key: aes, header: { ...header, versionId: "B" } }),
    "KEY_BLOCK_INVALID",
  ],
  [
    "wrap a 20-byte AES key",
    () => wrapTr31KeyBlock({ kbpk: aes256, key: aes256.subarray(0, 20), header }),
    "KEY_BLOCK_INVALID",
  ],
  [
    "wrap with a repeated optional block",
    () =>
      wrapTr31KeyBlock({
        kbpk: aes256,
        key: aes,
        header: {
          ...header,
          optionalBlocks: [
            { id: "KS", data: "00" },
            { id: "KS", data: "01" },
          ],
        },
      }),
    "KEY_BLOCK_INVALID",
  ],
  [
    "wrap with PB before another block",
    () =>
      wrapTr31KeyBlock({
        kbpk: aes256,
        key: aes,
        header: {
          ...header,
          optionalBlocks: [
            { id: "PB", data: "0000" },
            { id: "KS", data: "0000" },
          ],
        },
      }),
    "KEY_BLOCK_INVALID",
  ],
  [
    "wrap with a masked length below the key's",
    () => wrapTr31KeyBlock({ kbpk: aes256, key: aes, header, maskedKeyLength: 8 }),
    "KEY_BLOCK_INVALID",
  ],
  [
    "wrap with short random padding",
    () => wrapTr31KeyBlock({ kbpk: aes256, key: aes, header, randomBytes: () => Buffer.alloc(1) }),
    "DATA_LENGTH_INVALID",
  ],
];

for (const [name, fn, code] of cases) {
  test(`refuses ${name} with ${code}`, () => {
    assert.throws(fn, (error: unknown) => {
      assert.ok(error instanceof CryptoError, `not a CryptoError: ${String(error)}`);
      assert.equal(error.code, code, error.message);
      for (const secret of secrets) assert.ok(!error.message.toUpperCase().includes(secret), "message leaks a secret");
      return true;
    });
  });
}
