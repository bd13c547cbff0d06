// Hand-written from ANSI X9.24-1:2009 (TDES DUKPT) on node:crypto TDES primitives: no maintained
// JS library implements DUKPT with Buffers, counter rules and published-vector tests.
import { assertTdesKey } from "./assert-bytes.ts";
import { assertHostCounter, type DukptCounterRule } from "./check-dukpt-counter.ts";
import { deriveAlongCachedPath, type PathNode, wipePath } from "./derive-along-cached-path.ts";
import { deriveTdesDukptIpek } from "./derive-tdes-dukpt-ipek.ts";
import { deriveTdesDukptWorkingKey, type TdesDukptKeyUsage } from "./derive-tdes-dukpt-working-key.ts";
import { CryptoError } from "./errors.ts";
import {
  createTdesDukptKeyEncryptors,
  generateTdesDukptKey,
  type TdesDukptKeyEncryptors,
} from "./generate-tdes-dukpt-key.ts";
import { TDES_DUKPT_MAX_COUNTER, TDES_DUKPT_MAX_ONE_BITS } from "./is-valid-tdes-dukpt-counter.ts";
import { parseTdesDukptKsn, withTdesCounter } from "./parse-tdes-dukpt-ksn.ts";

/** A receiving host's TDES DUKPT deriver for one BDK, with an IPEK cache per device. */
export type TdesDukptHost = {
  /** The transaction key for a KSN (caller wipes it). */
  deriveTransactionKey(options: { readonly ksn: Uint8Array; readonly counterRule?: DukptCounterRule }): Buffer;
  /** A working key for a KSN (caller wipes it); the transaction key is wiped inside. */
  deriveWorkingKey(options: {
    readonly ksn: Uint8Array;
    readonly usage: TdesDukptKeyUsage;
    readonly counterRule?: DukptCounterRule;
  }): Buffer;
  /** Number of devices whose IPEK is cached. */
  size(): number;
  /** Wipes the BDK copy and every cached IPEK; the host refuses to work afterwards. */
  clear(): void;
};

/** Options of {@link createTdesDukptHost}. */
export type CreateTdesDukptHostOptions = {
  /** The 16-byte BDK. It is copied; wipe your own copy. */
  readonly bdk: Uint8Array;
  /** Most IPEKs kept (least recently used are evicted and wiped). Default 10,000. */
  readonly maxCachedDevices?: number;
};

type Entry = { readonly ipek: Buffer; readonly encryptors: TdesDukptKeyEncryptors; readonly path: PathNode[] };

/**
 * Host side (receiving party) for TDES DUKPT, ANSI X9.24-1:2009 Annex A. Every transaction's key chain
 * starts at the device's IPEK, which depends only on the KSN without its counter, so the host derives
 * it once per device and keeps it — with the two single-DES ciphers of its first NRKGP step, and the
 * chain of the device's last counter (see `deriveAlongCachedPath`) — in a bounded LRU. Meant to live
 * inside the HSM boundary: the cache holds key material.
 */
export function createTdesDukptHost(options: CreateTdesDukptHostOptions): TdesDukptHost {
  const bdk = Buffer.from(assertTdesKey(options.bdk, "bdk", [16]));
  const max = options.maxCachedDevices ?? 10_000;
  if (!Number.isInteger(max) || max < 1) {
    throw new CryptoError("STATE_INVALID", "maxCachedDevices must be a positive integer", "maxCachedDevices");
  }
  const cache = new Map<bigint, Entry>();
  let cleared = false;

  function entryFor(ksn: Buffer): Entry {
    if (cleared) throw new CryptoError("STATE_INVALID", "the DUKPT host was cleared", "host");
    // The IPEK depends on the KSN's leftmost 8 bytes with the counter's top 5 bits cleared.
    const id = ksn.readBigUInt64BE(0) & 0xffffffffffffffe0n;
    const hit = cache.get(id);
    if (hit) {
      cache.delete(id);
      cache.set(id, hit);
      return hit;
    }
    const ipek = deriveTdesDukptIpek({ bdk, ksn });
    const entry = { ipek, encryptors: createTdesDukptKeyEncryptors(ipek), path: [] };
    cache.set(id, entry);
    if (cache.size > max) {
      const [oldest, evicted] = cache.entries().next().value as [bigint, Entry];
      evicted.ipek.fill(0);
      wipePath(evicted.path);
      cache.delete(oldest);
    }
    return entry;
  }

  function deriveTransactionKey(request: {
    readonly ksn: Uint8Array;
    readonly counterRule?: DukptCounterRule;
  }): Buffer {
    const { ksn, counter, register } = parseTdesDukptKsn(request.ksn);
    // Refuse a forged counter before it can cost an IPEK derivation or a cache slot.
    assertHostCounter(counter, TDES_DUKPT_MAX_COUNTER, TDES_DUKPT_MAX_ONE_BITS, request.counterRule ?? "device");
    const entry = entryFor(ksn);
    return deriveAlongCachedPath(entry.path, entry.ipek, counter, 0x100000, (parent, reached, parentIsRoot) =>
      generateTdesDukptKey(parent, withTdesCounter(register, reached), parentIsRoot ? entry.encryptors : undefined),
    );
  }

  return {
    deriveTransactionKey,
    deriveWorkingKey(request) {
      const transactionKey = deriveTransactionKey(request);
      try {
        return deriveTdesDukptWorkingKey({ transactionKey, usage: request.usage });
      } finally {
        transactionKey.fill(0);
      }
    },
    size() {
      return cache.size;
    },
    clear() {
      for (const entry of cache.values()) {
        entry.ipek.fill(0);
        wipePath(entry.path);
      }
      cache.clear();
      bdk.fill(0);
      cleared = true;
    },
  };
}
