// Property tests (fast-check): the invariants the published vectors cannot cover one by one.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { countOneBits, nextDeviceCounter } from "./check-dukpt-counter.ts";
import {
  AES_DUKPT_KEY_TYPES,
  AES_DUKPT_KEY_USAGES,
  type AesDukptKeyType,
  type AesDukptKeyUsage,
  beginAesDukptTransaction,
  beginTdesDukptTransaction,
  CryptoError,
  computeAesCmac,
  computeRetailMac,
  createAesDukptHost,
  createTdesDukptHost,
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
  isValidAesDukptCounter,
  isValidTdesDukptCounter,
  TDES_DUKPT_VARIANTS,
  type TdesDukptKeyUsage,
  type Tr31HeaderInput,
  unwrapTr31KeyBlock,
  verifyAesCmac,
  verifyRetailMac,
  wrapTr31KeyBlock,
} from "./index.ts";
import { aesDeviceStateAt, tdesDeviceStateAt } from "./test-support/device-state-at.ts";

const RUNS = { numRuns: 300 };
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof CryptoError, `not a CryptoError: ${String(error)}`);
    return error.code;
  }
  return undefined;
};

/** A TDES key whose three 8-byte parts differ (anything else is single DES in disguise). */
const tdesKey = (length: 16 | 24) =>
  fc.uint8Array({ minLength: length, maxLength: length }).filter((bytes) => {
    const key = Buffer.from(bytes);
    const k3 = length === 24 ? key.subarray(16) : key.subarray(0, 8);
    return !key.subarray(0, 8).equals(key.subarray(8, 16)) && !key.subarray(8, 16).equals(k3);
  });
const aesKey = fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });

/** Counters a device can use, biased toward the many-bit ones near the rule's edge. */
function validCounter(bits: number, maxOneBits: number): fc.Arbitrary<number> {
  const max = 2 ** bits - 1;
  return fc
    .oneof(
      fc.integer({ min: 1, max: 5000 }),
      fc.integer({ min: 1, max }),
      fc
        .uniqueArray(fc.integer({ min: 0, max: bits - 1 }), { minLength: 1, maxLength: maxOneBits })
        .map((positions) => positions.reduce((sum, bit) => sum + 2 ** bit, 0)),
    )
    .filter((counter) => countOneBits(counter) <= maxOneBits);
}

describe("DUKPT counter rule", () => {
  test("AES: valid exactly when 1..2^32-1 with at most 16 one-bits; the device moves to the next valid counter", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (counter) => {
        assert.equal(isValidAesDukptCounter(counter), counter !== 0 && countOneBits(counter) <= 16);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(validCounter(32, 16), (counter) => {
        const next = nextDeviceCounter(counter, 16);
        assert.ok(next > counter);
        // Every counter skipped has too many one-bits (the gap is at most 2^16).
        for (let skipped = counter + 1; skipped < next; skipped++) assert.ok(countOneBits(skipped) > 16);
        if (next <= 0xffffffff) assert.ok(isValidAesDukptCounter(next));
      }),
      RUNS,
    );
  });

  test("TDES: the device visits exactly the 2^20 - 1 valid counters, in order, ending at 0x1FF800", () => {
    let visited = 0;
    let last = 0;
    for (let counter = 1; counter <= 0x1fffff; counter = nextDeviceCounter(counter, 10)) {
      assert.ok(isValidTdesDukptCounter(counter) && counter > last);
      visited++;
      last = counter;
    }
    assert.equal(visited, 2 ** 20 - 1); // half of the 2^21 values have at most 10 of 21 bits, minus zero
    assert.equal(last, 0x1ff800);
  });

  test("hosts refuse counters no device produces, unless told the counter rule is any", () => {
    const aes = createAesDukptHost({ bdk: Buffer.alloc(16, 7) });
    const tdes = createTdesDukptHost({ bdk: Buffer.from("0123456789ABCDEFFEDCBA9876543210", "hex") });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 0x1fffff }), (a, t) => {
        const ksn = Buffer.alloc(12, 0x11);
        ksn.writeUInt32BE(a, 8);
        const aesCode = codeOf(() => aes.deriveTransactionKey({ ksn }));
        assert.equal(aesCode, isValidAesDukptCounter(a) ? undefined : "COUNTER_INVALID");
        const tksn = Buffer.from("FFFF9876543210E00000", "hex");
        tksn.writeUIntBE(0xe00000 + t, 7, 3);
        const tdesCode = codeOf(() => tdes.deriveTransactionKey({ ksn: tksn }));
        assert.equal(tdesCode, isValidTdesDukptCounter(t) ? undefined : "COUNTER_INVALID");
        if (a !== 0)
          assert.equal(
            codeOf(() => aes.deriveTransactionKey({ ksn, counterRule: "any" })),
            undefined,
          );
      }),
      RUNS,
    );
  });
});

describe("DUKPT host and device agree", () => {
  const aesTypes = Object.keys(AES_DUKPT_KEY_TYPES) as AesDukptKeyType[];
  const aesUsages = Object.keys(AES_DUKPT_KEY_USAGES) as AesDukptKeyUsage[];

  test("AES: working keys of the device's next transactions equal the host's, from any valid counter", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        validCounter(32, 16),
        fc.constantFrom(...aesUsages),
        fc.constantFrom(...aesTypes),
        (bdk, id, start, usage, wanted) => {
          const initialKeyId = Buffer.from(id);
          const initialKey = deriveAesDukptInitialKey({ bdk, initialKeyId });
          const host = createAesDukptHost({ bdk });
          // A working key type no stronger than the BDK (X9.24-3-2017 6.1).
          const keyType = AES_DUKPT_KEY_TYPES[wanted].strength <= bdk.length * 8 ? wanted : "TDES2";
          let state = aesDeviceStateAt(initialKey, initialKeyId, start);
          for (let i = 0; i < 4 && state.counter <= 0xffffffff; i++) {
            const { ksn, transactionKey, next } = beginAesDukptTransaction({ state });
            const deviceKey = deriveAesDukptWorkingKey({ transactionKey, ksn, usage, keyType });
            assert.deepEqual(deviceKey, host.deriveWorkingKey({ ksn, usage, keyType }));
            state = next;
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test("TDES: working keys of the device's next transactions equal the host's, from any valid counter", () => {
    const usages = Object.keys(TDES_DUKPT_VARIANTS) as TdesDukptKeyUsage[];
    fc.assert(
      fc.property(
        tdesKey(16),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        validCounter(21, 10),
        fc.constantFrom(...usages),
        (bdk, ksnBytes, start, usage) => {
          const deviceKsn = Buffer.from(ksnBytes);
          const ipek = deriveTdesDukptIpek({ bdk, ksn: deviceKsn });
          const host = createTdesDukptHost({ bdk });
          let state = tdesDeviceStateAt(ipek, deviceKsn, start);
          for (let i = 0; i < 4 && state.counter <= 0x1fffff; i++) {
            const { ksn, transactionKey, next } = beginTdesDukptTransaction({ state });
            const deviceKey = deriveTdesDukptWorkingKey({ transactionKey, usage });
            assert.deepEqual(deviceKey, host.deriveWorkingKey({ ksn, usage }));
            state = next;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("DUKPT hosts: the per-device caches never change an answer", () => {
  // Random traffic from a few readers — repeats, jumps back, consecutive runs — through a host whose
  // cache is smaller than the reader count (so devices are evicted), against the pure derivations.
  const traffic = (bits: number, maxOneBits: number) =>
    fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 3 }),
        validCounter(bits, maxOneBits),
        fc.integer({ min: 1, max: 4 }), // a run of consecutive device counters
      ),
      { minLength: 1, maxLength: 12 },
    );

  test("AES", () => {
    fc.assert(
      fc.property(aesKey, traffic(32, 16), (bdk, requests) => {
        const host = createAesDukptHost({ bdk, maxCachedDevices: 2 });
        for (const [reader, start, run] of requests) {
          const initialKeyId = Buffer.alloc(8, reader + 1);
          const initialKey = deriveAesDukptInitialKey({ bdk, initialKeyId });
          for (let i = 0, counter = start; i < run && counter <= 0xffffffff; i++) {
            const ksn = Buffer.concat([initialKeyId, Buffer.alloc(4)]);
            ksn.writeUInt32BE(counter, 8);
            assert.deepEqual(host.deriveTransactionKey({ ksn }), deriveAesDukptTransactionKey({ initialKey, ksn }));
            counter = nextDeviceCounter(counter, 16);
          }
        }
        assert.ok(host.size() <= 2);
      }),
      { numRuns: 100 },
    );
  });

  test("TDES", () => {
    fc.assert(
      fc.property(tdesKey(16), traffic(21, 10), (bdk, requests) => {
        const host = createTdesDukptHost({ bdk, maxCachedDevices: 2 });
        for (const [reader, start, run] of requests) {
          const base = Buffer.from("FFFF9876543210E00000", "hex");
          base[4] = reader;
          const ipek = deriveTdesDukptIpek({ bdk, ksn: base });
          for (let i = 0, counter = start; i < run && counter <= 0x1fffff; i++) {
            const ksn = Buffer.from(base);
            ksn.writeUIntBE(0xe00000 + counter, 7, 3);
            assert.deepEqual(host.deriveTransactionKey({ ksn }), deriveTdesDukptTransactionKey({ ipek, ksn }));
            counter = nextDeviceCounter(counter, 10);
          }
        }
        assert.ok(host.size() <= 2);
      }),
      { numRuns: 100 },
    );
  });
});

describe("MACs detect any single-bit change", () => {
  test("AES-CMAC", () => {
    fc.assert(
      fc.property(aesKey, bytes(80), fc.nat(), fc.boolean(), (key, raw, position, inMac) => {
        const message = Buffer.from(raw);
        const mac = computeAesCmac({ key, message });
        verifyAesCmac({ key, message, mac });
        const target = inMac || message.length === 0 ? mac : message;
        const bit = position % (target.length * 8);
        target[bit >> 3] = (target[bit >> 3] as number) ^ (0x80 >> (bit & 7));
        assert.equal(
          codeOf(() => verifyAesCmac({ key, message, mac })),
          "MAC_MISMATCH",
        );
      }),
      RUNS,
    );
  });

  test("retail MAC (ISO 9797-1 algorithm 3)", () => {
    fc.assert(
      fc.property(tdesKey(16), bytes(80), fc.nat(), fc.boolean(), (key, raw, position, inMac) => {
        const message = Buffer.from(raw);
        const mac = computeRetailMac({ key, message });
        verifyRetailMac({ key, message, mac });
        // Padding method 1 cannot tell trailing zero bytes from padding, so flips stay in the data.
        const target = inMac || message.length === 0 ? mac : message;
        const bit = position % (target.length * 8);
        target[bit >> 3] = (target[bit >> 3] as number) ^ (0x80 >> (bit & 7));
        assert.equal(
          codeOf(() => verifyRetailMac({ key, message, mac })),
          "MAC_MISMATCH",
        );
      }),
      RUNS,
    );
  });
});

describe("PIN blocks round-trip", () => {
  const pin = fc.stringMatching(/^[0-9]{4,12}$/);
  const pan = fc.stringMatching(/^[0-9]{12,19}$/);

  test("format 0 under TDES", () => {
    fc.assert(
      fc.property(pin, pan, fc.oneof(tdesKey(16), tdesKey(24)), (p, account, key) => {
        const encryptedPinBlock = encryptIso0PinBlock({ pin: p, pan: account, key });
        assert.equal(decryptIso0PinBlock({ encryptedPinBlock, pan: account, key }), p);
      }),
      RUNS,
    );
  });

  test("format 4 under AES, and a wrong PAN is refused", () => {
    fc.assert(
      fc.property(pin, pan, pan, aesKey, (p, account, other, key) => {
        const encryptedPinBlock = encryptIso4PinBlock({ pin: p, pan: account, key });
        assert.equal(decryptIso4PinBlock({ encryptedPinBlock, pan: account, key }), p);
        fc.pre(other !== account);
        assert.equal(
          codeOf(() => decryptIso4PinBlock({ encryptedPinBlock, pan: other, key })),
          "PIN_BLOCK_INVALID",
        );
      }),
      RUNS,
    );
  });
});

describe("TR-31 wrap/unwrap", () => {
  /** Usage/algorithm/mode combinations each version may carry, with the key lengths that fit. */
  const symmetric = [
    { keyUsage: "P0", algorithm: "T", modeOfUse: "E" },
    { keyUsage: "B0", algorithm: "T", modeOfUse: "X" },
    { keyUsage: "M3", algorithm: "T", modeOfUse: "C" },
    { keyUsage: "K0", algorithm: "T", modeOfUse: "B" },
    { keyUsage: "D0", algorithm: "A", modeOfUse: "D" },
    { keyUsage: "B1", algorithm: "A", modeOfUse: "X" },
    { keyUsage: "M6", algorithm: "A", modeOfUse: "G" },
  ] as const;
  const optionalBlocks = fc.uniqueArray(
    fc
      .tuple(
        fc.stringMatching(/^[0-9A-Z]{2}$/).filter((id) => id !== "PB"),
        fc.stringMatching(/^[\x20-\x7e]{0,300}$/),
      )
      .map(([id, data]) => ({ id, data })),
    { maxLength: 3, selector: (block) => block.id },
  );

  const blockCase = fc
    .record({
      versionId: fc.constantFrom("B", "C", "D"),
      kbpkLength: fc.constantFrom(16, 24, 32),
      usage: fc.constantFrom(...symmetric),
      keyLength: fc.constantFrom(16, 24, 32),
      extra: fc.integer({ min: 0, max: 16 }),
      keyVersionNumber: fc.stringMatching(/^[0-9A-Za-z]{2}$/),
      exportability: fc.constantFrom("E", "N", "S"),
      optionalBlocks,
      seed: fc.uint8Array({ minLength: 64, maxLength: 64 }),
    })
    .filter((c) => {
      // Keep the combinations the standard allows: TDES KBPKs for B/C, a KBPK at least as strong as the key.
      const tdes = c.versionId !== "D";
      if (tdes && (c.kbpkLength === 32 || c.usage.algorithm === "A")) return false;
      if (c.usage.algorithm === "T" && c.keyLength === 32) return false;
      return tdes || c.usage.algorithm === "T" || c.keyLength <= c.kbpkLength;
    })
    .filter((c) => c.usage.algorithm !== "T" || c.versionId === "D" || c.keyLength <= c.kbpkLength)
    .map((c) => {
      const seed = Buffer.from(c.seed);
      const split = (from: number, length: number) => {
        const key = Buffer.from(seed.subarray(from, from + length));
        key[8] = (key[0] as number) ^ 1; // parts never repeat
        if (length === 24) key[16] = (key[8] as number) ^ 2;
        return key;
      };
      const header: Tr31HeaderInput = {
        versionId: c.versionId,
        keyUsage: c.usage.keyUsage,
        algorithm: c.usage.algorithm,
        modeOfUse: c.usage.modeOfUse,
        keyVersionNumber: c.keyVersionNumber,
        exportability: c.exportability,
        optionalBlocks: c.optionalBlocks,
      };
      return { header, kbpk: split(0, c.kbpkLength), key: split(32, c.keyLength), masked: c.keyLength + c.extra };
    });

  test("random keys and headers come back unchanged; one changed character is refused", () => {
    fc.assert(
      fc.property(blockCase, fc.nat(), (c, position) => {
        const keyBlock = wrapTr31KeyBlock({ kbpk: c.kbpk, key: c.key, header: c.header, maskedKeyLength: c.masked });
        const { header, key } = unwrapTr31KeyBlock({ kbpk: c.kbpk, keyBlock });
        assert.deepEqual(key, c.key);
        assert.equal(header.versionId, c.header.versionId);
        assert.equal(header.keyUsage, c.header.keyUsage);
        assert.equal(header.keyVersionNumber, c.header.keyVersionNumber);
        assert.equal(header.exportability, c.header.exportability);
        assert.deepEqual(
          header.optionalBlocks.filter((block) => block.id !== "PB"),
          c.header.optionalBlocks,
        );
        const index = position % keyBlock.length;
        const original = keyBlock[index] as string;
        const replacement = original === "0" ? "1" : "0";
        const tampered = `${keyBlock.slice(0, index)}${replacement}${keyBlock.slice(index + 1)}`;
        const code = codeOf(() => unwrapTr31KeyBlock({ kbpk: c.kbpk, keyBlock: tampered }));
        assert.ok(code === "MAC_MISMATCH" || code === "KEY_BLOCK_INVALID", `tampered block accepted (${code})`);
      }),
      RUNS,
    );
  });
});
