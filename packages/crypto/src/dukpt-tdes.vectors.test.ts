// ANSI X9.24-1:2009 Annex A.4 (TDES DUKPT) vectors: every case of fixtures/dukpt-tdes.json, host
// side and device side.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import {
  beginTdesDukptTransaction,
  CryptoError,
  createTdesDukptHost,
  decryptIso0PinBlock,
  deriveTdesDukptIpek,
  deriveTdesDukptTransactionKey,
  deriveTdesDukptWorkingKey,
  encryptIso0PinBlock,
  loadTdesDukptInitialKey,
  type TdesDukptKeyUsage,
} from "./index.ts";
import { tdesDeviceStateAt } from "./test-support/device-state-at.ts";

type Case = {
  ksn: string;
  counter: number;
  keys: Partial<Record<"transaction" | TdesDukptKeyUsage, string>>;
  encryptedPinBlock: string;
};
const fixture = JSON.parse(readFileSync(new URL("./fixtures/dukpt-tdes.json", import.meta.url), "utf8")) as {
  bdk: string;
  initialKsn: string;
  ipek: string;
  pinBlock: { pin: string; pan: string };
  cases: Case[];
};
const hex = (value: string) => Buffer.from(value, "hex");
const upper = (value: Buffer) => value.toString("hex").toUpperCase();
const bdk = hex(fixture.bdk);
const ipek = hex(fixture.ipek);
const { pin, pan } = fixture.pinBlock;

describe("TDES DUKPT, X9.24-1:2009 A.4", () => {
  test("IPEK from BDK and initial KSN", () => {
    assert.equal(upper(deriveTdesDukptIpek({ bdk, ksn: hex(fixture.initialKsn) })), fixture.ipek);
  });

  for (const c of fixture.cases) {
    test(`host: KSN ${c.ksn} (counter ${c.counter})`, () => {
      const transactionKey = deriveTdesDukptTransactionKey({ ipek, ksn: hex(c.ksn) });
      assert.equal(upper(transactionKey), c.keys.transaction);
      for (const [usage, expected] of Object.entries(c.keys)) {
        if (usage === "transaction") continue;
        const key = deriveTdesDukptWorkingKey({ transactionKey, usage: usage as TdesDukptKeyUsage });
        assert.equal(upper(key), expected, usage);
      }
      const pinKey = deriveTdesDukptWorkingKey({ transactionKey, usage: "pin" });
      assert.equal(upper(encryptIso0PinBlock({ pin, pan, key: pinKey })), c.encryptedPinBlock);
      assert.equal(decryptIso0PinBlock({ encryptedPinBlock: hex(c.encryptedPinBlock), pan, key: pinKey }), pin);
    });
  }

  test("host with the IPEK cache gives the same keys for every case", () => {
    const host = createTdesDukptHost({ bdk, maxCachedDevices: 1 });
    for (const c of fixture.cases) {
      assert.equal(upper(host.deriveTransactionKey({ ksn: hex(c.ksn) })), c.keys.transaction);
      for (const [usage, expected] of Object.entries(c.keys)) {
        if (usage === "transaction") continue;
        assert.equal(upper(host.deriveWorkingKey({ ksn: hex(c.ksn), usage: usage as TdesDukptKeyUsage })), expected);
      }
    }
    assert.equal(host.size(), 1);
    host.clear();
    assert.throws(() => host.deriveTransactionKey({ ksn: hex(fixture.cases[0]?.ksn ?? "") }), CryptoError);
  });

  test("device: the initial sequence (A.4.2) from loading the IPEK", () => {
    let state = loadTdesDukptInitialKey({ ipek, ksn: hex(fixture.initialKsn) });
    for (const c of fixture.cases.filter((item) => item.counter <= 21)) {
      const transaction = beginTdesDukptTransaction({ state });
      assert.equal(upper(transaction.ksn), c.ksn);
      assert.equal(transaction.counter, c.counter);
      assert.equal(upper(transaction.transactionKey), c.keys.transaction);
      const pinKey = deriveTdesDukptWorkingKey({ transactionKey: transaction.transactionKey, usage: "pin" });
      assert.equal(upper(encryptIso0PinBlock({ pin, pan, key: pinKey })), c.encryptedPinBlock);
      state = transaction.next;
    }
  });

  test("device: the rollover sequence (A.4.3) skips counters with more than 10 one-bits", () => {
    const rollover = fixture.cases.filter((item) => item.counter > 21);
    let state = tdesDeviceStateAt(ipek, hex(fixture.initialKsn), rollover[0]?.counter ?? 0);
    for (const c of rollover) {
      const transaction = beginTdesDukptTransaction({ state });
      assert.equal(upper(transaction.ksn), c.ksn);
      assert.equal(upper(transaction.transactionKey), c.keys.transaction);
      state = transaction.next;
    }
  });

  test("device: exhausted after counter 0x1FF800", () => {
    const last = beginTdesDukptTransaction({ state: tdesDeviceStateAt(ipek, hex(fixture.initialKsn), 0x1ff800) });
    assert.equal(last.counter, 0x1ff800);
    assert.throws(
      () => beginTdesDukptTransaction({ state: last.next }),
      (error: unknown) => error instanceof CryptoError && error.code === "COUNTER_EXHAUSTED",
    );
  });

  test("device: a spent state is refused instead of reusing its counter", () => {
    const state = loadTdesDukptInitialKey({ ipek, ksn: hex(fixture.initialKsn) });
    beginTdesDukptTransaction({ state });
    assert.throws(
      () => beginTdesDukptTransaction({ state }),
      (error: unknown) => error instanceof CryptoError && error.code === "STATE_INVALID",
    );
  });
});
