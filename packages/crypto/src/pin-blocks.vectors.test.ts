// ISO 9564-1 format 0 and format 4 PIN block vectors: every case of fixtures/pin-blocks.json.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { encodeIso0PanField, encodeIso0PinField, encodeIso4PanField, encodeIso4PinField } from "./encode-pin-fields.ts";
import {
  decodeIso0PinBlock,
  decryptIso0PinBlock,
  decryptIso4PinBlock,
  deriveTdesDukptIpek,
  deriveTdesDukptTransactionKey,
  deriveTdesDukptWorkingKey,
  encodeIso0PinBlock,
  encryptIso0PinBlock,
  encryptIso4PinBlock,
} from "./index.ts";

type Case = {
  id: string;
  format: 0 | 4;
  pin: string;
  pan: string;
  pinField?: string;
  panField?: string;
  clearPinBlock?: string;
  key?: string;
  bdk?: string;
  ksn?: string;
  transactionKey?: string;
  randomFill?: string;
  encryptedPinBlock?: string;
};
const fixture = JSON.parse(readFileSync(new URL("./fixtures/pin-blocks.json", import.meta.url), "utf8")) as {
  cases: Case[];
};
const hex = (value: string) => Buffer.from(value, "hex");
const upper = (value: Buffer) => value.toString("hex").toUpperCase();

describe("PIN blocks (pin-blocks.json)", () => {
  for (const c of fixture.cases) {
    test(c.id, () => {
      const { pin, pan } = c;
      if (c.format === 0) {
        if (c.pinField) assert.equal(upper(encodeIso0PinField(pin)), c.pinField);
        if (c.panField) assert.equal(upper(encodeIso0PanField(pan)), c.panField);
        const clear = encodeIso0PinBlock({ pin, pan });
        assert.equal(upper(clear), c.clearPinBlock);
        assert.equal(decodeIso0PinBlock({ pinBlock: clear, pan }), pin);
        if (c.encryptedPinBlock && c.key) {
          const key = hex(c.key);
          assert.equal(upper(encryptIso0PinBlock({ pin, pan, key })), c.encryptedPinBlock);
          assert.equal(decryptIso0PinBlock({ encryptedPinBlock: hex(c.encryptedPinBlock), pan, key }), pin);
          // The stated key is the DUKPT PIN key of the stated BDK and KSN.
          const ksn = hex(c.ksn ?? "");
          const ipek = deriveTdesDukptIpek({ bdk: hex(c.bdk ?? ""), ksn });
          const transactionKey = deriveTdesDukptTransactionKey({ ipek, ksn });
          assert.equal(upper(transactionKey), c.transactionKey);
          assert.equal(upper(deriveTdesDukptWorkingKey({ transactionKey, usage: "pin" })), c.key);
        }
      } else {
        const fill = hex(c.randomFill ?? "");
        const key = hex(c.key ?? "");
        assert.equal(upper(encodeIso4PinField(pin, fill)), c.pinField);
        assert.equal(upper(encodeIso4PanField(pan)), c.panField);
        const block = encryptIso4PinBlock({ pin, pan, key, randomBytes: () => fill });
        assert.equal(upper(block), c.encryptedPinBlock);
        assert.equal(decryptIso4PinBlock({ encryptedPinBlock: block, pan, key }), pin);
      }
    });
  }
});
