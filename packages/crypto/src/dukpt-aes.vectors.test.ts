// ANSI X9.24-3-2017 (AES DUKPT) vectors from the standard's supplement: every case of
// fixtures/dukpt-aes.json, host side and device side.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import {
  type AesDukptKeyType,
  type AesDukptKeyUsage,
  beginAesDukptTransaction,
  CryptoError,
  createAesDukptHost,
  decryptIso4PinBlock,
  deriveAesDukptInitialKey,
  deriveAesDukptTransactionKey,
  deriveAesDukptWorkingKey,
  encryptIso4PinBlock,
  isValidAesDukptCounter,
  loadAesDukptInitialKey,
} from "./index.ts";
import { aesDeviceStateAt } from "./test-support/device-state-at.ts";

type Case = {
  bdkType: "AES128" | "AES256";
  ksn: string;
  counter: number;
  keys: Record<string, string>;
  pinBlockFormat4?: string;
};
const fixture = JSON.parse(readFileSync(new URL("./fixtures/dukpt-aes.json", import.meta.url), "utf8")) as {
  bdk: string;
  initialKeyId: string;
  initialKey: string;
  aes256: { bdk: string; initialKeyId: string; initialKey: string };
  pinBlockFormat4Inputs: { pin: string; pan: string; randomFill: string };
  cases: Case[];
};
const hex = (value: string) => Buffer.from(value, "hex");
const upper = (value: Buffer) => value.toString("hex").toUpperCase();
const bdks = { AES128: hex(fixture.bdk), AES256: hex(fixture.aes256.bdk) };
const initialKeys = { AES128: hex(fixture.initialKey), AES256: hex(fixture.aes256.initialKey) };
const initialKeyId = hex(fixture.initialKeyId);
const { pin, pan, randomFill } = fixture.pinBlockFormat4Inputs;

/** Splits a fixture key name such as `pinEncryption_AES128` into usage and key type. */
function workingKeys(keys: Record<string, string>): [AesDukptKeyUsage, AesDukptKeyType, string][] {
  return Object.entries(keys)
    .filter(([name]) => name !== "transaction")
    .map(([name, value]) => {
      const [usage, keyType] = name.split("_") as [AesDukptKeyUsage, AesDukptKeyType];
      return [usage, keyType, value];
    });
}

/** The KSN for a counter under the fixture's initial key ID. */
function ksnOf(counter: number): Buffer {
  const ksn = Buffer.alloc(12);
  initialKeyId.copy(ksn);
  ksn.writeUInt32BE(counter, 8);
  return ksn;
}

describe("AES DUKPT, X9.24-3-2017 supplement", () => {
  test("initial keys from the AES-128 and AES-256 BDKs", () => {
    assert.equal(upper(deriveAesDukptInitialKey({ bdk: bdks.AES128, initialKeyId })), fixture.initialKey);
    assert.equal(upper(deriveAesDukptInitialKey({ bdk: bdks.AES256, initialKeyId })), fixture.aes256.initialKey);
  });

  for (const c of fixture.cases) {
    test(`host: ${c.bdkType} BDK, counter 0x${c.counter.toString(16).toUpperCase()}`, () => {
      const ksn = hex(c.ksn);
      const device = isValidAesDukptCounter(c.counter);
      if (!device) {
        // 0x1FFFF has 17 one-bits: the default rule refuses it, the published host vector needs "any".
        assert.throws(
          () => deriveAesDukptTransactionKey({ initialKey: initialKeys[c.bdkType], ksn }),
          (error: unknown) => error instanceof CryptoError && error.code === "COUNTER_INVALID",
        );
      }
      const counterRule = device ? "device" : "any";
      const transactionKey = deriveAesDukptTransactionKey({ initialKey: initialKeys[c.bdkType], ksn, counterRule });
      if (c.keys.transaction) assert.equal(upper(transactionKey), c.keys.transaction);
      for (const [usage, keyType, expected] of workingKeys(c.keys)) {
        assert.equal(upper(deriveAesDukptWorkingKey({ transactionKey, ksn, usage, keyType })), expected, usage);
      }
      if (c.pinBlockFormat4) {
        const key = deriveAesDukptWorkingKey({ transactionKey, ksn, usage: "pinEncryption", keyType: "AES128" });
        const block = encryptIso4PinBlock({ pin, pan, key, randomBytes: () => hex(randomFill) });
        assert.equal(upper(block), c.pinBlockFormat4);
        assert.equal(decryptIso4PinBlock({ encryptedPinBlock: block, pan, key }), pin);
      }
    });
  }

  test("host with the initial-key cache gives the same keys for every case", () => {
    for (const bdkType of ["AES128", "AES256"] as const) {
      const host = createAesDukptHost({ bdk: bdks[bdkType] });
      for (const c of fixture.cases.filter((item) => item.bdkType === bdkType)) {
        const ksn = hex(c.ksn);
        const counterRule = isValidAesDukptCounter(c.counter) ? "device" : "any";
        if (c.keys.transaction)
          assert.equal(upper(host.deriveTransactionKey({ ksn, counterRule })), c.keys.transaction);
        for (const [usage, keyType, expected] of workingKeys(c.keys)) {
          assert.equal(upper(host.deriveWorkingKey({ ksn, usage, keyType, counterRule })), expected);
        }
      }
      assert.equal(host.size(), 1);
      host.clear();
    }
  });

  for (const bdkType of ["AES128", "AES256"] as const) {
    const cases = fixture.cases.filter((item) => item.bdkType === bdkType && item.keys.transaction);
    const byCounter = new Map(cases.map((item) => [item.counter, item]));

    test(`device (${bdkType}): counters 1-8 from loading the initial key`, () => {
      let state = loadAesDukptInitialKey({ initialKey: initialKeys[bdkType], initialKeyId });
      for (let counter = 1; counter <= 8; counter++) {
        const transaction = beginAesDukptTransaction({ state });
        assert.equal(transaction.counter, counter);
        assert.equal(upper(transaction.ksn), byCounter.get(counter)?.ksn);
        assert.equal(upper(transaction.transactionKey), byCounter.get(counter)?.keys.transaction);
        state = transaction.next;
      }
    });

    test(`device (${bdkType}): 0x1FFFE then 0x20000, skipping 0x1FFFF (17 one-bits)`, () => {
      let state = aesDeviceStateAt(initialKeys[bdkType], initialKeyId, 0x1fffe);
      for (const counter of [0x1fffe, 0x20000, 0x20001]) {
        const transaction = beginAesDukptTransaction({ state });
        assert.equal(transaction.counter, counter);
        assert.equal(upper(transaction.transactionKey), byCounter.get(counter)?.keys.transaction);
        state = transaction.next;
      }
    });

    test(`device (${bdkType}): the last counters, then exhausted after 0xFFFF0000`, () => {
      let state = aesDeviceStateAt(initialKeys[bdkType], initialKeyId, 0xfffe2000);
      for (const counter of [0xfffe2000, 0xfffe4000, 0xfffe8000, 0xffff0000]) {
        const transaction = beginAesDukptTransaction({ state });
        assert.equal(transaction.counter, counter);
        assert.equal(upper(transaction.transactionKey), byCounter.get(counter)?.keys.transaction);
        const pinKey = byCounter.get(counter)?.keys[`pinEncryption_${bdkType}`];
        if (pinKey) {
          const { ksn, transactionKey } = transaction;
          const key = deriveAesDukptWorkingKey({ transactionKey, ksn, usage: "pinEncryption", keyType: bdkType });
          assert.equal(upper(key), pinKey);
        }
        state = transaction.next;
      }
      assert.throws(
        () => beginAesDukptTransaction({ state }),
        (error: unknown) => error instanceof CryptoError && error.code === "COUNTER_EXHAUSTED",
      );
    });
  }

  test("an AES-128 BDK cannot derive AES-192/256 working keys (X9.24-3-2017 6.1)", () => {
    const ksn = ksnOf(1);
    const transactionKey = deriveAesDukptTransactionKey({ initialKey: initialKeys.AES128, ksn });
    for (const keyType of ["AES192", "AES256"] as const) {
      assert.throws(
        () => deriveAesDukptWorkingKey({ transactionKey, ksn, usage: "pinEncryption", keyType }),
        (error: unknown) => error instanceof CryptoError && error.code === "KEY_TYPE_INVALID",
      );
    }
  });
});
