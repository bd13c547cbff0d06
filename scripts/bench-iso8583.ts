/**
 * ISO 8583 codec throughput: pack + unpack of one typical 0100 authorization (chip card, online
 * PIN, ICC data, MAC; 21 fields), per second, for our codec (ISO87_ASCII, the layout of our link,
 * and ISO87_BINARY) and, in the same run on the same field values, the npm package `iso_8583`.
 * Each codec is warmed up, then timed over several rounds; the median round is reported.
 *
 * Run: node_modules/.bin/node scripts/bench-iso8583.ts [--rounds N] [--round-ms MS]
 * Prints one JSON object on stdout.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import {
  ISO87_ASCII,
  ISO87_BINARY,
  type Iso8583Message,
  type MessageSpec,
  packMessage,
  unpackMessage,
} from "@enclave/iso8583";

// iso_8583 ships no types: the little of its API used here, as documented in its README.
interface PeerCodec {
  getRawMessage(): Buffer | { error: string };
  getIsoJSON(bytes: Buffer, config: { lenHeader: boolean }): Record<string, string>;
}
type PeerConstructor = new (message?: Record<string, string>, formats?: object) => PeerCodec;
const Iso8583Peer = createRequire(import.meta.url)("iso_8583") as PeerConstructor;

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    "round-ms": { type: "string", default: "500" },
  },
});
const rounds = Number(args.rounds);
const roundMs = Number(args["round-ms"]);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) throw new Error("--rounds: 1..100");
if (!Number.isFinite(roundMs) || roundMs < 50 || roundMs > 60_000) throw new Error("--round-ms: 50..60000");

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "hex"));

// EMV ICC data of a typical chip authorization (ARQC and its inputs), as hex text: 9F26 9F27 9F10
// 9F37 9F36 95 9A 9C 9F02 5F2A 82 9F1A 9F03 9F33 9F34 9F35 84 9F09.
const ICC =
  "9F2608C2C12B098F3DA6E39F2701809F10120110A04001220000000000000000000000FF9F3704" +
  "6A1C2E8D9F3602004A950500000080009A032506119C01009F02060000000012505F2A02097882" +
  "0239009F1A0202769F03060000000000009F3303E0F8C89F34034203009F3501228407A0000000" +
  "0310109F0902008C";

const TEXT_FIELDS: Readonly<Record<number, string>> = {
  3: "000000",
  4: "000000001250",
  7: "0611191024",
  11: "000123",
  12: "131024",
  13: "0611",
  14: "2512",
  18: "5814",
  22: "051",
  23: "001",
  25: "00",
  32: "123456",
  35: "4761739001010119=25122011758928889",
  41: "TERM0001",
  42: "MERCHANT0000001",
  43: "Enclave Coffee         Berlin       BEDE",
  49: "978",
  53: "0101000000000000",
  55: ICC,
};
const PIN_BLOCK = "7434F67813BAE545";
const MAC = "1A2B3C4D5E6F7081";

const ours: Iso8583Message = {
  mti: "0100",
  fields: { ...TEXT_FIELDS, 52: hex(PIN_BLOCK), 64: hex(MAC) },
};
// ISO87_BINARY carries field 55 as bytes (jPOS IFB_LLLBINARY): the same ICC data, unhexed.
const oursBinary: Iso8583Message = { mti: ours.mti, fields: { ...ours.fields, 55: hex(ICC) } };
// The same values for iso_8583: MTI as field 0, binary fields as hex text. Its built-in table
// (Postilion-style) has 53 as b 96 and 64 as 8 hex characters; the custom formats give them the
// ISO 8583:1987 layout our message uses, through the package's documented customization.
const peerMessage: Record<string, string> = { 0: "0100", ...TEXT_FIELDS, 52: PIN_BLOCK, 64: MAC };
const peerFormats = {
  53: { ContentType: "n", Label: "Security related control information", LenType: "fixed", MaxLen: 16 },
  64: { ContentType: "b", Label: "Message authentication code", LenType: "fixed", MaxLen: 16 },
};

type Round = () => void;

function oursRound(spec: MessageSpec, message: Iso8583Message): Round {
  return () => {
    unpackMessage(spec, packMessage(spec, message));
  };
}

function peerRound(): Round {
  return () => {
    const bytes = new Iso8583Peer(peerMessage, peerFormats).getRawMessage() as Buffer;
    new Iso8583Peer(undefined, peerFormats).getIsoJSON(bytes, { lenHeader: false });
  };
}

/** Runs `op` for about `ms` milliseconds; returns operations per second. */
function timed(op: Round, ms: number): number {
  let count = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    // Batches of 100 keep the clock reads out of the measurement.
    for (let i = 0; i < 100; i++) op();
    count += 100;
    now = process.hrtime.bigint();
  }
  return (count * 1e9) / Number(now - start);
}

function measure(op: Round): { median: number; rounds: number[] } {
  timed(op, Math.max(1000, roundMs * 2)); // warm-up: let the JIT settle
  const figures: number[] = [];
  for (let r = 0; r < rounds; r++) figures.push(Math.round(timed(op, roundMs)));
  const sorted = [...figures].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, rounds: figures };
}

// Both codecs must actually do the work: check each decodes what it encoded before timing.
assert.deepEqual(unpackMessage(ISO87_ASCII, packMessage(ISO87_ASCII, ours)), ours);
assert.deepEqual(unpackMessage(ISO87_BINARY, packMessage(ISO87_BINARY, oursBinary)), oursBinary);
const peerBytes = new Iso8583Peer(peerMessage, peerFormats).getRawMessage();
assert.ok(peerBytes instanceof Buffer, `iso_8583 refused the message: ${JSON.stringify(peerBytes)}`);
const peerDecoded = new Iso8583Peer(undefined, peerFormats).getIsoJSON(peerBytes, { lenHeader: false });
assert.deepEqual(
  Object.fromEntries(Object.entries(peerDecoded).map(([k, v]) => [k, String(v).toUpperCase()])),
  Object.fromEntries(Object.entries(peerMessage).map(([k, v]) => [k, v.toUpperCase()])),
);

const ascii = measure(oursRound(ISO87_ASCII, ours));
const binary = measure(oursRound(ISO87_BINARY, oursBinary));
const packOnly = measure(() => {
  packMessage(ISO87_ASCII, ours);
});
const asciiBytes = packMessage(ISO87_ASCII, ours);
const unpackOnly = measure(() => {
  unpackMessage(ISO87_ASCII, asciiBytes);
});
const peer = measure(peerRound());

const result = {
  benchmark: "iso8583 pack+unpack of a typical 0100 authorization",
  message: {
    mti: ours.mti,
    fields: Object.keys(ours.fields).length,
    bytes: {
      iso87_ascii: asciiBytes.length,
      iso87_binary: packMessage(ISO87_BINARY, oursBinary).length,
      iso_8583: peerBytes.length,
    },
  },
  environment: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown" },
  method: { rounds, round_ms: roundMs, statistic: "median of rounds, operations per second" },
  results: {
    enclave_iso87_ascii_pack_unpack_per_s: ascii.median,
    enclave_iso87_binary_pack_unpack_per_s: binary.median,
    enclave_iso87_ascii_pack_per_s: packOnly.median,
    enclave_iso87_ascii_unpack_per_s: unpackOnly.median,
    iso_8583_pack_unpack_per_s: peer.median,
  },
  ratio_ours_ascii_to_peer: Math.round((ascii.median / peer.median) * 10) / 10,
  rounds: {
    enclave_iso87_ascii: ascii.rounds,
    enclave_iso87_binary: binary.rounds,
    iso_8583: peer.rounds,
  },
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
