/**
 * Host-side DUKPT throughput: "data decrypts per second" — for one KSN, derive the transaction key
 * from the BDK, derive the data key, decrypt a 64-byte payload (CBC, zero IV) — for AES-128 DUKPT
 * (X9.24-3-2017) and TDES DUKPT (X9.24-1:2009) with @enclave/crypto, and, in the same run on the same
 * TDES work (same BDK, KSNs and ciphertexts), the npm package `dukpt`. Ours is measured twice: through
 * the host factories, which cache each reader's initial key (what a host does), and through the pure
 * functions from the BDK every time (the work the peer does on each call).
 *
 * Two workloads of 64 readers and 4,096 KSNs, with counters that are valid TDES counters below 2^20
 * (at most 10 one-bits, so the same counters are valid for both schemes; the mean number of one-bits,
 * which sets the from-scratch derivation cost, is printed):
 * - `random`: every KSN's counter drawn uniformly — the worst case for the host's chain cache, and
 *   the headline figure;
 * - `sequential`: the readers' transactions interleaved round-robin, each reader's counters
 *   consecutive from a random start, as a host really receives them.
 * Each variant is warmed up, then timed over several rounds; the median round is reported.
 *
 * Run: node_modules/.bin/node scripts/bench-dukpt.ts [--rounds N] [--round-ms MS]
 * Prints one JSON object on stdout.
 */
import assert from "node:assert/strict";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import {
  createAesDukptHost,
  createTdesDukptHost,
  deriveAesDukptInitialKey,
  deriveAesDukptTransactionKey,
  deriveAesDukptWorkingKey,
  deriveTdesDukptIpek,
  deriveTdesDukptTransactionKey,
  deriveTdesDukptWorkingKey,
  isValidTdesDukptCounter,
} from "@enclave/crypto";

// `dukpt` ships no types: the little of its API used here, as its README documents it.
interface PeerDukpt {
  dukptDecrypt(data: string, options: { decryptionMode: "3DES"; inputEncoding: "hex"; outputEncoding: "hex" }): string;
}
type PeerConstructor = new (bdk: string, ksn: string) => PeerDukpt;
const Dukpt = createRequire(import.meta.url)("dukpt") as PeerConstructor;

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    "round-ms": { type: "string", default: "1000" },
  },
});
const rounds = Number(args.rounds);
const roundMs = Number(args["round-ms"]);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) throw new Error("--rounds: 1..100");
if (!Number.isFinite(roundMs) || roundMs < 50 || roundMs > 60_000) throw new Error("--round-ms: 50..60000");
const log = (message: string) => process.stderr.write(`[bench-dukpt] ${message}\n`);

const READERS = 64;
const KSNS = 4096;
const PAYLOAD = 64;
const ZERO_IV_8 = Buffer.alloc(8);
const ZERO_IV_16 = Buffer.alloc(16);

// X9.24 test BDKs (the published examples), so anyone can re-check a decrypt by hand.
const aesBdk = Buffer.from("FEDCBA9876543210F1F1F1F1F1F1F1F1", "hex");
const tdesBdk = Buffer.from("0123456789ABCDEFFEDCBA9876543210", "hex");

/** A counter below 2^20 with at most 10 one-bits: valid for both TDES (21-bit) and AES (32-bit) DUKPT. */
function randomCounter(): number {
  for (;;) {
    const counter = randomBytes(4).readUInt32BE(0) & 0xfffff;
    if (isValidTdesDukptCounter(counter)) return counter;
  }
}

type Work = {
  aesKsn: Buffer;
  tdesKsn: Buffer;
  tdesKsnHex: string;
  aesCipher: Buffer;
  tdesCipher: Buffer;
  tdesHex: string;
};
const readerIds = Array.from({ length: READERS }, () => randomBytes(8));

/** The counter a TDES device uses after `counter` (X9.24-1:2009 A.2: skip counters over 10 one-bits). */
function nextCounter(counter: number): number {
  const ones = counter.toString(2).replaceAll("0", "").length;
  return ones < 10 ? counter + 1 : counter + (counter & -counter);
}

/** One KSN of reader `reader` at `counter`, in both schemes, with a random 64-byte ciphertext each. */
function workItem(reader: number, counter: number): Work {
  const id = readerIds[reader % READERS] as Buffer;
  const aesKsn = Buffer.concat([id, Buffer.alloc(4)]);
  aesKsn.writeUInt32BE(counter, 8);
  // TDES KSN: FFFF ‖ the reader's 59-bit device ID ‖ 21-bit counter.
  const tdesKsn = Buffer.concat([Buffer.from("FFFF", "hex"), id]);
  tdesKsn.writeUIntBE((tdesKsn.readUIntBE(7, 3) & 0xe00000) + counter, 7, 3);
  const tdesCipher = randomBytes(PAYLOAD);
  return {
    aesKsn,
    tdesKsn,
    tdesKsnHex: tdesKsn.toString("hex").toUpperCase(),
    aesCipher: randomBytes(PAYLOAD),
    tdesCipher,
    tdesHex: tdesCipher.toString("hex").toUpperCase(),
  };
}

const randomWork: Work[] = Array.from({ length: KSNS }, (_, i) => workItem(i, randomCounter()));
const readerCounters = Array.from({ length: READERS }, randomCounter);
const sequentialWork: Work[] = Array.from({ length: KSNS }, (_, i) => {
  const reader = i % READERS;
  const counter = readerCounters[reader] as number;
  readerCounters[reader] = nextCounter(counter);
  return workItem(reader, counter);
});
const meanOneBits = (work: Work[]) =>
  Math.round(
    (work.reduce((sum, w) => sum + w.aesKsn.readUInt32BE(8).toString(2).replaceAll("0", "").length, 0) / work.length) *
      100,
  ) / 100;

let aesHost = createAesDukptHost({ bdk: aesBdk });
let tdesHost = createTdesDukptHost({ bdk: tdesBdk });

function decrypt(algorithm: "aes-128-cbc" | "des-ede-cbc", key: Buffer, data: Buffer): Buffer {
  const decipher = createDecipheriv(algorithm, key, algorithm === "aes-128-cbc" ? ZERO_IV_16 : ZERO_IV_8);
  decipher.setAutoPadding(false);
  const clear = decipher.update(data);
  key.fill(0);
  return clear;
}

const variants = {
  aes128_cached: (w) =>
    decrypt(
      "aes-128-cbc",
      aesHost.deriveWorkingKey({ ksn: w.aesKsn, usage: "dataEncryptionEncrypt", keyType: "AES128" }),
      w.aesCipher,
    ),
  aes128_uncached: (w) => {
    const initialKey = deriveAesDukptInitialKey({ bdk: aesBdk, initialKeyId: w.aesKsn.subarray(0, 8) });
    const transactionKey = deriveAesDukptTransactionKey({ initialKey, ksn: w.aesKsn });
    const key = deriveAesDukptWorkingKey({
      transactionKey,
      ksn: w.aesKsn,
      usage: "dataEncryptionEncrypt",
      keyType: "AES128",
    });
    initialKey.fill(0);
    transactionKey.fill(0);
    return decrypt("aes-128-cbc", key, w.aesCipher);
  },
  tdes_cached: (w) =>
    decrypt("des-ede-cbc", tdesHost.deriveWorkingKey({ ksn: w.tdesKsn, usage: "dataRequest" }), w.tdesCipher),
  tdes_uncached: (w) => {
    const ipek = deriveTdesDukptIpek({ bdk: tdesBdk, ksn: w.tdesKsn });
    const transactionKey = deriveTdesDukptTransactionKey({ ipek, ksn: w.tdesKsn });
    const key = deriveTdesDukptWorkingKey({ transactionKey, usage: "dataRequest" });
    ipek.fill(0);
    transactionKey.fill(0);
    return decrypt("des-ede-cbc", key, w.tdesCipher);
  },
  peer_dukpt_tdes: (w) =>
    new Dukpt(tdesBdk.toString("hex").toUpperCase(), w.tdesKsnHex).dukptDecrypt(w.tdesHex, {
      decryptionMode: "3DES",
      inputEncoding: "hex",
      outputEncoding: "hex",
    }),
} satisfies Record<string, (w: Work) => unknown>;

// Same work, same answers: both of ours agree, and agree with the peer, before anything is timed.
for (const w of [...randomWork.slice(0, 32), ...sequentialWork.slice(0, 256)]) {
  const tdes = variants.tdes_cached(w) as Buffer;
  assert.deepEqual(variants.tdes_uncached(w), tdes);
  assert.equal((variants.peer_dukpt_tdes(w) as string).toUpperCase(), tdes.toString("hex").toUpperCase());
  assert.deepEqual(variants.aes128_uncached(w), variants.aes128_cached(w));
  // And a payload the device encrypts under its data key comes back.
  const key = aesHost.deriveWorkingKey({ ksn: w.aesKsn, usage: "dataEncryptionEncrypt", keyType: "AES128" });
  const cipher = createCipheriv("aes-128-cbc", key, ZERO_IV_16).setAutoPadding(false);
  const sample = randomBytes(PAYLOAD);
  assert.deepEqual(decrypt("aes-128-cbc", key, cipher.update(sample)), sample);
}

/** Operations per second over one round of `ms`, cycling through the workload. */
function round(fn: (w: Work) => unknown, work: Work[], ms: number): number {
  let ops = 0;
  const start = performance.now();
  const deadline = start + ms;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 64; i++) fn(work[(ops + i) % work.length] as Work);
    ops += 64;
    now = performance.now();
  }
  return (ops / (now - start)) * 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
type Result = { decrypts_per_s: number; rounds: number[] };
const results: Record<string, Result> = {};
const plan: [string, keyof typeof variants, Work[]][] = [
  ["random", "aes128_cached", randomWork],
  ["random", "aes128_uncached", randomWork],
  ["random", "tdes_cached", randomWork],
  ["random", "tdes_uncached", randomWork],
  ["random", "peer_dukpt_tdes", randomWork],
  ["sequential", "aes128_cached", sequentialWork],
  ["sequential", "tdes_cached", sequentialWork],
  ["sequential", "peer_dukpt_tdes", sequentialWork],
];
for (const [workload, name, work] of plan) {
  const fn: (w: Work) => unknown = variants[name];
  // Fresh hosts per run, so one run's cache cannot help the next.
  aesHost = createAesDukptHost({ bdk: aesBdk });
  tdesHost = createTdesDukptHost({ bdk: tdesBdk });
  round(fn, work, Math.max(500, roundMs / 2));
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) perRound.push(round(fn, work, roundMs));
  const key = `${workload}.${name}`;
  results[key] = { decrypts_per_s: Math.round(median(perRound)), rounds: perRound.map(Math.round) };
  log(`${key}: ${results[key]?.decrypts_per_s}/s`);
}

const rate = (name: string) => results[name]?.decrypts_per_s ?? Number.NaN;
const ratio = (a: string, b: string) => Math.round((rate(a) / rate(b)) * 100) / 100;
process.stdout.write(
  `${JSON.stringify(
    {
      benchmark:
        "host-side DUKPT data decrypts per second (transaction key from the BDK for a KSN, data key, 64-byte CBC decrypt)",
      command: "node_modules/.bin/node scripts/bench-dukpt.ts",
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      workload: {
        readers: READERS,
        ksns: KSNS,
        payload_bytes: PAYLOAD,
        random: { counters: "uniform over valid TDES counters below 2^20", mean_one_bits: meanOneBits(randomWork) },
        sequential: {
          counters: "each reader's consecutive counters from a random start, readers interleaved",
          mean_one_bits: meanOneBits(sequentialWork),
        },
        rounds,
        round_ms: roundMs,
      },
      aes128_dukpt: {
        target_per_s: 20_000,
        random: {
          host_cached: results["random.aes128_cached"],
          from_bdk_every_time: results["random.aes128_uncached"],
        },
        sequential: { host_cached: results["sequential.aes128_cached"] },
      },
      tdes_dukpt: {
        random: {
          host_cached: results["random.tdes_cached"],
          from_bdk_every_time: results["random.tdes_uncached"],
        },
        sequential: { host_cached: results["sequential.tdes_cached"] },
      },
      peer_npm_dukpt_tdes: {
        random: results["random.peer_dukpt_tdes"],
        sequential: results["sequential.peer_dukpt_tdes"],
      },
      ratio_ours_to_peer_tdes: {
        random_host_cached: ratio("random.tdes_cached", "random.peer_dukpt_tdes"),
        random_from_bdk_every_time: ratio("random.tdes_uncached", "random.peer_dukpt_tdes"),
        sequential_host_cached: ratio("sequential.tdes_cached", "sequential.peer_dukpt_tdes"),
      },
    },
    null,
    2,
  )}\n`,
);
aesHost.clear();
tdesHost.clear();
