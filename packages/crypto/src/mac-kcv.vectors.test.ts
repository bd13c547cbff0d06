// RFC 4493 / NIST SP 800-38B AES-CMAC, ISO/IEC 9797-1 MAC algorithm 3 and X9.24-1:2017 KCV vectors:
// every case of fixtures/mac.json and fixtures/kcv.json.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import {
  CryptoError,
  computeAesCmac,
  computeKeyCheckValue,
  computeRetailMac,
  verifyAesCmac,
  verifyRetailMac,
} from "./index.ts";

type MacCase = {
  id: string;
  algorithm: string;
  key: string;
  keyPrime?: string;
  keyDoubleLength?: string;
  message: string;
  mac: string;
  mac32?: string;
};
type KcvCase = { id: string; algorithm: "TDES" | "AES"; key: string; kcv: string; kcvLengthBytes: number };
const read = <T>(name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")) as { cases: T[] };
const hex = (value: string) => Buffer.from(value, "hex");
const upper = (value: Buffer) => value.toString("hex").toUpperCase();
const isMismatch = (error: unknown) => error instanceof CryptoError && error.code === "MAC_MISMATCH";

/** The message with its first bit flipped, or one zero byte for the empty message. */
function tampered(message: Buffer): Buffer {
  if (message.length === 0) return Buffer.alloc(1);
  const copy = Buffer.from(message);
  copy[0] = (copy[0] as number) ^ 0x80;
  return copy;
}

describe("MACs (mac.json)", () => {
  for (const c of read<MacCase>("mac.json").cases) {
    test(c.id, () => {
      const key = hex(c.key);
      const message = hex(c.message);
      const mac = hex(c.mac);
      if (c.algorithm === "AES-CMAC") {
        assert.equal(upper(computeAesCmac({ key, message })), c.mac);
        verifyAesCmac({ key, message, mac });
        verifyAesCmac({ key, message, mac: mac.subarray(0, 8) });
        assert.throws(() => verifyAesCmac({ key, message: tampered(message), mac }), isMismatch);
      } else {
        // Retail MAC: K for the CBC chain, K' for the output transformation, given as K || K'.
        assert.equal(c.keyDoubleLength, `${c.key}${c.keyPrime}`);
        const key = hex(c.keyDoubleLength ?? "");
        assert.equal(upper(computeRetailMac({ key, message })), c.mac);
        verifyRetailMac({ key, message, mac });
        verifyRetailMac({ key, message, mac: hex(c.mac32 ?? "") });
        assert.throws(() => verifyRetailMac({ key, message: tampered(message), mac }), isMismatch);
      }
    });
  }
});

describe("key check values (kcv.json)", () => {
  for (const c of read<KcvCase>("kcv.json").cases) {
    test(c.id, () => {
      const kcv = computeKeyCheckValue({ key: hex(c.key), algorithm: c.algorithm, length: c.kcvLengthBytes });
      assert.equal(upper(kcv), c.kcv);
      // The defaults are the standard's: 3 bytes legacy for TDES, 5 bytes CMAC for AES.
      const byDefault = computeKeyCheckValue({ key: hex(c.key), algorithm: c.algorithm });
      assert.ok(upper(byDefault).startsWith(c.kcv) || c.kcv.startsWith(upper(byDefault)));
    });
  }
});
