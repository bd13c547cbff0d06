// TR-31:2018 Annex A.7 and ANSI X9.143:2021 section 8 key blocks: every case of fixtures/tr31.json —
// published blocks unwrap (and, for B/C/D, re-wrap byte for byte); malformed and tampered ones fail.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import {
  CryptoError,
  parseTr31Header,
  type Tr31Header,
  type Tr31OptionalBlock,
  unwrapTr31KeyBlock,
  wrapTr31KeyBlock,
} from "./index.ts";

type Case = {
  id: string;
  expect: "valid" | "invalid";
  kbpk: string;
  key?: string;
  keyBlock: string;
  header?: string;
  versionId?: Tr31Header["versionId"];
  keyUsage?: Tr31Header["keyUsage"];
  algorithm?: Tr31Header["algorithm"];
  modeOfUse?: Tr31Header["modeOfUse"];
  keyVersionNumber?: string;
  exportability?: Tr31Header["exportability"];
  optionalBlocks?: Tr31OptionalBlock[];
  padding?: string;
  failureReason?: string;
  derived?: boolean;
};
const fixture = JSON.parse(readFileSync(new URL("./fixtures/tr31.json", import.meta.url), "utf8")) as {
  cases: Case[];
};
const hex = (value: string) => Buffer.from(value, "hex");

/** Asserts `fn` throws a CryptoError of `codes` whose message carries no key material. */
function assertRefused(fn: () => unknown, codes: readonly string[], secrets: readonly string[]): CryptoError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof CryptoError, "expected a CryptoError");
  assert.ok(codes.includes(caught.code), `unexpected code ${caught.code}`);
  for (const secret of secrets) assert.ok(!caught.message.toUpperCase().includes(secret.toUpperCase()));
  return caught;
}

describe("TR-31 / X9.143 key blocks (tr31.json)", () => {
  for (const c of fixture.cases) {
    const kbpk = hex(c.kbpk);
    if (c.expect === "valid") {
      test(`${c.id}: unwraps to the published key and header`, () => {
        const { header, key } = unwrapTr31KeyBlock({ kbpk, keyBlock: c.keyBlock });
        assert.equal(key.toString("hex").toUpperCase(), c.key);
        assert.deepEqual(header, {
          versionId: c.versionId,
          keyUsage: c.keyUsage,
          algorithm: c.algorithm,
          modeOfUse: c.modeOfUse,
          keyVersionNumber: c.keyVersionNumber,
          exportability: c.exportability,
          optionalBlocks: c.optionalBlocks,
        });
        assert.equal(parseTr31Header(c.keyBlock).headerLength, c.header?.length);
      });
      test(`${c.id}: wraps back to the published block`, () => {
        const key = hex(c.key ?? "");
        const padding = hex(c.padding ?? "");
        const header = {
          versionId: c.versionId as "B" | "C" | "D",
          keyUsage: c.keyUsage as Tr31Header["keyUsage"],
          algorithm: c.algorithm as Tr31Header["algorithm"],
          modeOfUse: c.modeOfUse as Tr31Header["modeOfUse"],
          keyVersionNumber: c.keyVersionNumber ?? "00",
          exportability: c.exportability as Tr31Header["exportability"],
          optionalBlocks: c.optionalBlocks ?? [],
        };
        // The published padding, including the key-length obfuscation bytes of X9.143 8.1/8.4.
        const options = { kbpk, key, header, maskedKeyLength: key.length + padding.length, randomBytes: () => padding };
        if (c.versionId === "A") {
          // Version A is deprecated: we read it, we never write it.
          assertRefused(() => wrapTr31KeyBlock(options), ["KEY_BLOCK_INVALID"], [c.key ?? ""]);
          return;
        }
        assert.equal(wrapTr31KeyBlock(options), c.keyBlock);
      });
    } else {
      test(`${c.id}: refused (${c.failureReason})`, () => {
        const error = assertRefused(
          () => unwrapTr31KeyBlock({ kbpk, keyBlock: c.keyBlock }),
          ["KEY_BLOCK_INVALID", "MAC_MISMATCH"],
          [c.kbpk],
        );
        if (c.derived) assert.equal(error.code, "MAC_MISMATCH");
        if (c.id.endsWith("as-published")) {
          assert.equal(error.code, "KEY_BLOCK_INVALID");
          // The stated flaw: correcting the length field does not help, the MAC covers the header.
          const fixed = `${c.keyBlock[0]}${String(c.keyBlock.length).padStart(4, "0")}${c.keyBlock.slice(5)}`;
          assertRefused(() => unwrapTr31KeyBlock({ kbpk, keyBlock: fixed }), ["MAC_MISMATCH"], [c.kbpk]);
        }
      });
    }
  }
});
