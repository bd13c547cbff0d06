// Hand-written from ANSI X9.24-3-2017 (AES DUKPT) on node:crypto AES-ECB: no maintained JS library
// implements AES DUKPT against the standard's published vectors.
import type { Cipheriv } from "node:crypto";
import {
  type AesDukptKeyType,
  type AesDukptKeyUsage,
  derivationKeyTypeOf,
  KEY_DERIVATION,
} from "./aes-dukpt-tables.ts";
import { createEncryptor } from "./apply-block-cipher.ts";
import { assertAesKey } from "./assert-bytes.ts";
import { assertHostCounter, type DukptCounterRule } from "./check-dukpt-counter.ts";
import { deriveAesDukptInitialKey } from "./derive-aes-dukpt-initial-key.ts";
import { deriveAesDukptKeyWith, writeAesDukptDerivationData } from "./derive-aes-dukpt-key.ts";
import { deriveAesDukptWorkingKey } from "./derive-aes-dukpt-working-key.ts";
import { deriveAlongCachedPath, type PathNode, wipePath } from "./derive-along-cached-path.ts";
import { CryptoError } from "./errors.ts";
import { AES_DUKPT_MAX_COUNTER, AES_DUKPT_MAX_ONE_BITS } from "./is-valid-aes-dukpt-counter.ts";
import { parseAesDukptKsn } from "./parse-aes-dukpt-ksn.ts";

/** A receiving host's AES DUKPT deriver for one BDK, with an initial-key cache per device. */
export type AesDukptHost = {
  /** The transaction (intermediate derivation) key for a KSN (caller wipes it). */
  deriveTransactionKey(options: { readonly ksn: Uint8Array; readonly counterRule?: DukptCounterRule }): Buffer;
  /** A working key for a KSN (caller wipes it); the transaction key is wiped inside. */
  deriveWorkingKey(options: {
    readonly ksn: Uint8Array;
    readonly usage: AesDukptKeyUsage;
    readonly keyType: AesDukptKeyType;
    readonly counterRule?: DukptCounterRule;
  }): Buffer;
  /** Number of devices whose initial key is cached. */
  size(): number;
  /** Wipes the BDK copy and every cached initial key; the host refuses to work afterwards. */
  clear(): void;
};

/** Options of {@link createAesDukptHost}. */
export type CreateAesDukptHostOptions = {
  /** The AES BDK (16, 24 or 32 bytes). It is copied; wipe your own copy. */
  readonly bdk: Uint8Array;
  /** Most initial keys kept (least recently used are evicted and wiped). Default 10,000. */
  readonly maxCachedDevices?: number;
};

type Entry = { readonly initialKey: Buffer; readonly cipher: Cipheriv; readonly path: PathNode[] };

/**
 * Host side (receiving party) for AES DUKPT, ANSI X9.24-3-2017 6.1 and 6.4. Every key chain starts at the
 * device's initial key, which depends only on the initial key ID, so the host derives it once per
 * device and keeps it — with an AES-ECB encryptor under it, reused for each transaction's first
 * derivation, and the chain of the device's last counter (see `deriveAlongCachedPath`) — in a
 * bounded LRU. Meant to live inside the HSM boundary: the cache holds key material.
 */
export function createAesDukptHost(options: CreateAesDukptHostOptions): AesDukptHost {
  const bdk = Buffer.from(assertAesKey(options.bdk, "bdk"));
  const max = options.maxCachedDevices ?? 10_000;
  if (!Number.isInteger(max) || max < 1) {
    throw new CryptoError("STATE_INVALID", "maxCachedDevices must be a positive integer", "maxCachedDevices");
  }
  const cache = new Map<bigint, Entry>();
  let cleared = false;

  function entryFor(initialKeyId: Buffer): Entry {
    if (cleared) throw new CryptoError("STATE_INVALID", "the DUKPT host was cleared", "host");
    const id = initialKeyId.readBigUInt64BE(0);
    const hit = cache.get(id);
    if (hit) {
      cache.delete(id);
      cache.set(id, hit);
      return hit;
    }
    const initialKey = deriveAesDukptInitialKey({ bdk, initialKeyId });
    const entry = { initialKey, cipher: createEncryptor("AES", initialKey), path: [] };
    cache.set(id, entry);
    if (cache.size > max) {
      const [oldest, evicted] = cache.entries().next().value as [bigint, Entry];
      evicted.initialKey.fill(0);
      wipePath(evicted.path);
      cache.delete(oldest);
    }
    return entry;
  }

  function deriveTransactionKey(request: {
    readonly ksn: Uint8Array;
    readonly counterRule?: DukptCounterRule;
  }): Buffer {
    const { initialKeyId, counter } = parseAesDukptKsn(request.ksn);
    // Refuse a forged counter before it can cost an initial-key derivation or a cache slot.
    assertHostCounter(counter, AES_DUKPT_MAX_COUNTER, AES_DUKPT_MAX_ONE_BITS, request.counterRule ?? "device");
    const entry = entryFor(initialKeyId);
    const type = derivationKeyTypeOf(entry.initialKey);
    const data = Buffer.alloc(16);
    const key = deriveAlongCachedPath(
      entry.path,
      entry.initialKey,
      counter,
      0x80000000,
      (parent, reached, parentIsRoot) => {
        writeAesDukptDerivationData(data, KEY_DERIVATION, type, initialKeyId, reached);
        return deriveAesDukptKeyWith(parentIsRoot ? entry.cipher : createEncryptor("AES", parent), data, type);
      },
    );
    data.fill(0);
    return key;
  }

  return {
    deriveTransactionKey,
    deriveWorkingKey(request) {
      const transactionKey = deriveTransactionKey(request);
      try {
        return deriveAesDukptWorkingKey({
          transactionKey,
          ksn: request.ksn,
          usage: request.usage,
          keyType: request.keyType,
        });
      } finally {
        transactionKey.fill(0);
      }
    },
    size() {
      return cache.size;
    },
    clear() {
      for (const entry of cache.values()) {
        entry.initialKey.fill(0);
        wipePath(entry.path);
      }
      cache.clear();
      bdk.fill(0);
      cleared = true;
    },
  };
}
