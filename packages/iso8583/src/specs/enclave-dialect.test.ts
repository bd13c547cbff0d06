import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  type Dialect,
  type DialectMessage,
  defineDialect,
  ENCLAVE_DIALECT,
  formatAmountField,
  formatOriginalDataElements,
  ISO87_ASCII,
  type Iso8583Message,
  isResponse,
  packMessage,
  RESPONSE_CODES,
  responseMtiFor,
  unpackMessage,
  validateMessage,
} from "../index.ts";
import { assertRefused } from "../testing/assert-refused.ts";
import { renderDialect, renderResponseCodes } from "../testing/render-dialect.ts";

const MAC = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
// One valid ISO87_ASCII value for every field the dialect uses: a chip sale with online PIN.
const SAMPLE: Readonly<Record<number, string | Uint8Array>> = {
  2: "4761739001010119",
  3: "000000",
  4: formatAmountField(1250),
  7: "0611191024",
  11: "000123",
  12: "211024",
  13: "0611",
  14: "2512",
  15: "0612",
  18: "5814",
  22: "051",
  23: "001",
  25: "00",
  32: "123456",
  33: "654321",
  35: "4761739001010119=25122011758928889",
  37: "516119000123",
  38: "A1B2C3",
  39: "00",
  41: "TERM0001",
  42: "MERCHANT0000001",
  43: "Enclave Coffee         Berlin       BEDE",
  44: "Y",
  49: "978",
  50: "978",
  52: Uint8Array.of(0x74, 0x34, 0xf6, 0x78, 0x13, 0xba, 0xe5, 0x45),
  53: "0101000000000000",
  55: "9F2608C2C12B098F3DA6E39F2701809F3704BA5E11C4",
  70: "001",
  74: "0000000002",
  75: "0000000000",
  76: "0000000040",
  77: "0000000001",
  86: "0000000000004200",
  87: "0000000000000000",
  88: "0000000000125000",
  89: "0000000000001250",
  90: formatOriginalDataElements({
    mti: "0100",
    stan: "000122",
    transmissionDateTime: "0611191020",
    acquirerId: "123456",
  }),
  97: "D0000000000120800",
};

/** The smallest message its rules accept: mandatory fields, conditions that hold, one-of groups, MAC. */
function minimalMessage(rules: DialectMessage, overrides: Record<number, string> = {}): Iso8583Message {
  const fields: Record<number, string | Uint8Array> = {};
  const sample = (n: number): string | Uint8Array => overrides[n] ?? (SAMPLE[n] as string | Uint8Array);
  for (const [key, rule] of Object.entries(rules.fields)) {
    if (rule.presence === "mandatory") fields[Number(key)] = sample(Number(key));
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, rule] of Object.entries(rules.fields)) {
      const n = Number(key);
      if (fields[n] === undefined && rule.requiredWhen?.({ mti: rules.mti, fields }) === true) {
        fields[n] = sample(n);
        changed = true;
      }
    }
  }
  for (const group of rules.atLeastOneOf ?? []) {
    if (!group.some((n) => fields[n] !== undefined)) fields[group[0] ?? 0] = sample(group[0] ?? 0);
  }
  if (rules.mac === "required") fields[Object.keys(fields).some((k) => Number(k) > 64) ? 128 : 64] = MAC;
  return { mti: rules.mti, fields };
}

const without = (message: Iso8583Message, n: number): Iso8583Message => {
  const fields = { ...message.fields };
  delete fields[n];
  return { mti: message.mti, fields };
};
const withField = (message: Iso8583Message, n: number, value: string | Uint8Array): Iso8583Message => ({
  mti: message.mti,
  fields: { ...message.fields, [n]: value },
});
const rulesOf = (mti: string): DialectMessage => {
  const rules = ENCLAVE_DIALECT.messages[mti];
  assert.ok(rules, mti);
  return rules;
};

describe("ENCLAVE_DIALECT", () => {
  it("speaks ISO87_ASCII, is frozen, and pairs every request with its response", () => {
    assert.equal(ENCLAVE_DIALECT.spec, ISO87_ASCII);
    assert.ok(Object.isFrozen(ENCLAVE_DIALECT.messages["0100"]?.fields));
    const mtis = Object.keys(ENCLAVE_DIALECT.messages).sort();
    assert.deepEqual(mtis, [
      "0100",
      "0110",
      "0200",
      "0210",
      "0220",
      "0230",
      "0400",
      "0410",
      "0420",
      "0430",
      "0500",
      "0510",
      "0800",
      "0810",
    ]);
    for (const mti of mtis.filter((m) => !isResponse(m))) assert.ok(ENCLAVE_DIALECT.messages[responseMtiFor(mti)], mti);
  });

  for (const rules of Object.values(ENCLAVE_DIALECT.messages)) {
    it(`${rules.mti} ${rules.name}: accepts its minimal message through the codec, refuses each mandatory field missing and any stray field`, () => {
      const message = unpackMessage(ISO87_ASCII, packMessage(ISO87_ASCII, minimalMessage(rules)));
      validateMessage(ENCLAVE_DIALECT, message);
      for (const [key, rule] of Object.entries(rules.fields)) {
        if (rule.presence !== "mandatory") continue;
        const error = assertRefused(
          () => validateMessage(ENCLAVE_DIALECT, without(message, Number(key))),
          "MISSING_MANDATORY_FIELD",
          Number(key),
        );
        assert.match(error.message, new RegExp(`^${rules.mti}: `));
      }
      // Track 1 (45) is in no message of ours; 65 in none either.
      for (const stray of [45, 65]) {
        assertRefused(
          () => validateMessage(ENCLAVE_DIALECT, withField(message, stray, stray === 65 ? new Uint8Array(1) : "B")),
          "UNEXPECTED_FIELD",
          stray,
        );
      }
    });
  }

  it("never lets track data into a message sent from storage (PCI DSS 3.3)", () => {
    for (const mti of ["0220", "0400", "0420"]) {
      const message = minimalMessage(rulesOf(mti));
      assertRefused(
        () => validateMessage(ENCLAVE_DIALECT, withField(message, 35, SAMPLE[35] as string)),
        "UNEXPECTED_FIELD",
        35,
      );
      assertRefused(
        () => validateMessage(ENCLAVE_DIALECT, withField(message, 52, SAMPLE[52] as Uint8Array)),
        "UNEXPECTED_FIELD",
        52,
      );
    }
  });

  it("applies the machine-checkable conditions", () => {
    // Chip (051): track 2 equivalent and ICC data are required, the PAN is not.
    const chip = minimalMessage(rulesOf("0200"));
    assert.equal(chip.fields[2], undefined);
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, without(chip, 35)), "MISSING_MANDATORY_FIELD", 35);
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, without(chip, 55)), "MISSING_MANDATORY_FIELD", 55);
    // Key-entered (012): the PAN and, with it, the expiry date.
    const keyed = minimalMessage(rulesOf("0200"), { 22: "012" });
    assert.deepEqual([keyed.fields[2], keyed.fields[14], keyed.fields[35]], [SAMPLE[2], SAMPLE[14], undefined]);
    validateMessage(ENCLAVE_DIALECT, keyed);
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, without(keyed, 2)), "MISSING_MANDATORY_FIELD", 2);
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, without(keyed, 14)), "MISSING_MANDATORY_FIELD", 14);
    // A PIN block needs its control information.
    const pin = withField(chip, 52, SAMPLE[52] as Uint8Array);
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, pin), "MISSING_MANDATORY_FIELD", 53);
    validateMessage(ENCLAVE_DIALECT, withField(pin, 53, SAMPLE[53] as string));
    // An approval carries an authorization code; a decline need not.
    const approved = minimalMessage(rulesOf("0110"));
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, without(approved, 38)), "MISSING_MANDATORY_FIELD", 38);
    validateMessage(ENCLAVE_DIALECT, without(withField(approved, 39, "05"), 38));
  });

  it("requires PAN or track 2 in an authorization whatever the entry mode says", () => {
    const odd = without(without(minimalMessage(rulesOf("0100"), { 22: "012" }), 2), 14);
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, odd), "MISSING_MANDATORY_FIELD", 2);
  });

  it("puts the MAC in 64 without a secondary bitmap and in 128 with one", () => {
    const sale = minimalMessage(rulesOf("0200"));
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, without(sale, 64)), "MISSING_MANDATORY_FIELD", 64);
    assertRefused(
      () => validateMessage(ENCLAVE_DIALECT, without(withField(sale, 128, MAC), 64)),
      "UNEXPECTED_FIELD",
      128,
    );
    const reversal = minimalMessage(rulesOf("0400"));
    assert.ok(reversal.fields[128] !== undefined && reversal.fields[64] === undefined);
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, without(reversal, 128)), "MISSING_MANDATORY_FIELD", 128);
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, withField(reversal, 64, MAC)), "UNEXPECTED_FIELD", 64);
    // Network management: MAC optional, so both with and without pass.
    const echo = minimalMessage(rulesOf("0800"), { 70: "301" });
    validateMessage(ENCLAVE_DIALECT, echo);
    validateMessage(ENCLAVE_DIALECT, withField(echo, 128, MAC));
    // A response with an optional secondary field moves its MAC.
    const reversalResponse = minimalMessage(rulesOf("0410"));
    validateMessage(
      ENCLAVE_DIALECT,
      without(withField(withField(reversalResponse, 90, SAMPLE[90] as string), 128, MAC), 64),
    );
  });

  it("validates repeats with the original's rules only where repeats exist", () => {
    for (const [repeat, original] of [
      ["0401", "0400"],
      ["0421", "0420"],
      ["0221", "0220"],
    ] as const) {
      const message = minimalMessage(rulesOf(original));
      validateMessage(ENCLAVE_DIALECT, { mti: repeat, fields: message.fields });
    }
    const sale = minimalMessage(rulesOf("0200"));
    assertRefused(
      () => validateMessage(ENCLAVE_DIALECT, { mti: "0201", fields: sale.fields }),
      "UNKNOWN_MESSAGE_TYPE",
      0,
    );
    assertRefused(() => validateMessage(ENCLAVE_DIALECT, { mti: "0300", fields: {} }), "UNKNOWN_MESSAGE_TYPE", 0);
  });

  it("refuses keys that are not field numbers", () => {
    const sale = minimalMessage(rulesOf("0200"));
    assertRefused(
      () => validateMessage(ENCLAVE_DIALECT, { mti: "0200", fields: { ...sale.fields, pan: "1" } as never }),
      "UNEXPECTED_FIELD",
      undefined,
    );
  });

  it("lists response codes as 2 characters, approving only with 00 and 21", () => {
    for (const [code, info] of Object.entries(RESPONSE_CODES)) {
      assert.match(code, /^[0-9A-Z]{2}$/);
      assert.equal(info.outcome === "approved", code === "00" || code === "21", code);
    }
  });

  it("is documented exactly in docs/iso8583.md", () => {
    const doc = readFileSync(new URL("../../../../docs/iso8583.md", import.meta.url), "utf8");
    const between = (name: string): string => {
      const start = doc.indexOf(`<!-- ${name}:start -->`);
      const end = doc.indexOf(`<!-- ${name}:end -->`);
      assert.ok(start >= 0 && end > start, `docs/iso8583.md lacks the ${name} markers`);
      return doc.slice(doc.indexOf("\n", start) + 1, end).trim();
    };
    // On failure, paste the expected text between the markers.
    assert.equal(between("dialect-fields"), renderDialect(ENCLAVE_DIALECT));
    assert.equal(between("response-codes"), renderResponseCodes(RESPONSE_CODES));
  });
});

describe("defineDialect", () => {
  const base = (messages: Dialect["messages"]): Dialect => ({ name: "D", spec: ISO87_ASCII, messages });
  const message = (fields: DialectMessage["fields"], extra: Partial<DialectMessage> = {}): DialectMessage => ({
    mti: "0100",
    name: "m",
    repeatable: false,
    mac: "absent",
    fields,
    ...extra,
  });

  it("refuses mistakes in a dialect when it is defined", () => {
    const bad: [Dialect, number | undefined][] = [
      [base({ "0110": message({}) }), undefined], // keyed by another MTI
      [base({ "0100": message({}, { mti: "01000" }) }), undefined],
      [base({ "0100": message({ 64: { presence: "mandatory", use: "MAC" } }) }), 64], // the MAC follows "mac"
      [base({ "0100": message({ 3: { presence: "conditional", use: "x" } }) }), 3], // conditional without a condition
      [base({ "0100": message({ 2: { presence: "mandatory", use: "x" } }, { atLeastOneOf: [[2, 35]] }) }), 35],
      [
        {
          name: "D",
          spec: { ...ISO87_ASCII, fields: {} },
          messages: { "0100": message({ 2: { presence: "mandatory", use: "x" } }) },
        },
        undefined, // a field the spec does not define
      ],
    ];
    for (const [dialect, field] of bad) assertRefused(() => defineDialect(dialect), "SPEC_INVALID", field);
  });
});
