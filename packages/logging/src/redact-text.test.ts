import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import fc from "fast-check";
import { isLuhnValid } from "./mask-pans.ts";
import { redactText } from "./redact-text.ts";

interface PanCase {
  id: string;
  pan: string;
  brand: string;
  luhnValid: boolean;
  expect: string;
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/test-pans.json", import.meta.url), "utf8")) as {
  sources: unknown[];
  cases: PanCase[];
};

/** First six and last four kept (PCI DSS 3.4.1), every other digit starred. */
const masked = (pan: string) => `${pan.slice(0, 6)}${"*".repeat(pan.length - 10)}${pan.slice(-4)}`;

/**
 * What each published case must become. "valid" PANs are masked, Luhn-invalid look-alikes are left alone;
 * the cases marked as UnionPay ("brand-specific validators may still accept") are masked although they fail
 * Luhn, because real UnionPay PANs may (see mask-pans.ts).
 */
function expected(c: PanCase): string {
  if (c.expect === "valid") return masked(c.pan);
  if (c.expect.includes("UnionPay")) return masked(c.pan);
  if (c.expect === "invalid") return c.pan;
  throw new Error(`fixture case ${c.id} has an expectation this test does not know: ${c.expect}`);
}

describe("published test PANs (fixtures/test-pans.json)", () => {
  test("the fixture keeps its provenance and its Luhn flags are right", () => {
    assert.ok(fixture.sources.length > 0);
    assert.ok(fixture.cases.length >= 40);
    for (const c of fixture.cases) assert.equal(isLuhnValid(c.pan), c.luhnValid, c.id);
  });

  for (const c of fixture.cases) {
    test(`${c.id} (${c.expect})`, () => {
      const want = expected(c);
      assert.equal(redactText(c.pan), want);
      assert.equal(redactText(`card ${c.pan} declined`), `card ${want} declined`);
      // Grouped in fours, the way it is printed on a receipt or typed into a form.
      const grouped = c.pan.replace(/(\d{4})(?=\d)/g, "$1 ");
      const out = redactText(grouped);
      if (want === c.pan) assert.equal(out, grouped);
      else assert.equal(out.replace(/ /g, ""), want);
    });
  }
});

describe("card numbers in text", () => {
  test("with spaces or dashes, separators kept", () => {
    assert.equal(redactText("4111 1111 1111 1111"), "4111 11** **** 1111");
    assert.equal(redactText("4111-1111-1111-1111"), "4111-11**-****-1111");
    assert.equal(redactText("3782 822463 10005"), "3782 82**** *0005");
  });

  test("next to other numbers, words and punctuation", () => {
    assert.equal(redactText("qty 2 4111 1111 1111 1111"), "qty 2 4111 11** **** 1111");
    assert.equal(redactText("#4111111111111111;"), "#411111******1111;");
    assert.equal(redactText("ref4111111111111111x"), "ref411111******1111x");
    // Track 1 and track 2 layouts: the PAN is glued to letters and separators.
    assert.equal(redactText("%B4111111111111111^DOE/JOHN^2512101"), "%B411111******1111^DOE/JOHN^2512101");
    assert.match(redactText(";4111111111111111=2512101123456789?"), /^;411111\*{6}1111=/);
  });

  test("inside a URL query string", () => {
    assert.equal(
      redactText("GET /v1/lookup?card=4111111111111111&amount=1000"),
      "GET /v1/lookup?card=411111******1111&amount=1000",
    );
    assert.equal(redactText("/pay?q=4111%204111"), "/pay?q=4111%204111");
  });

  test("inside JSON text embedded in a string", () => {
    const text = JSON.stringify({
      order: "A-17",
      payment: { cardNumber: "5555 5555 5555 4444", note: "4242424242424242" },
    });
    const out = redactText(text);
    assert.ok(!out.includes("5555 5555 5555 4444") && !out.includes("4242424242424242"), out);
    assert.deepEqual(JSON.parse(out), {
      order: "A-17",
      payment: { cardNumber: "[REDACTED]", note: "424242******4242" },
    });
  });

  test("in a stack-trace-like multi-line string", () => {
    const stack = "Error: charge failed for 4000056655665556\n    at charge (/app/pay.ts:10:5)";
    assert.equal(redactText(stack), "Error: charge failed for 400005******5556\n    at charge (/app/pay.ts:10:5)");
  });

  test("inside an ISO 8583 LLVAR field and a raw message", () => {
    assert.equal(redactText("164111111111111111"), "16411111******1111");
    const raw = `0200${"7234054128028805"}164111111111111111000000000000001000`;
    assert.ok(!redactText(raw).includes("4111111111111111"));
  });

  test("Luhn-invalid numbers of card length stay readable (order numbers, references)", () => {
    for (const n of ["1234567812345678", "order 4111111111111112", "ref 5555-5555-5555-4446", "9999999999999999"]) {
      assert.equal(redactText(n), n);
    }
    // 12 digits is too short for a PAN, 20 digits of one group too long to be one as a whole.
    assert.equal(redactText("411111111111"), "411111111111");
    assert.equal(
      redactText("time 2026-11-25T10:00:00.000Z id 1700000000000"),
      "time 2026-11-25T10:00:00.000Z id 1700000000000",
    );
  });

  test("a Luhn-valid number starting with 0 is not a PAN (MII 0 is not for cards)", () => {
    assert.equal(redactText("0000000000000000"), "0000000000000000");
  });
});

describe("credentials in text", () => {
  test("Authorization headers, bearer tokens and basic auth", () => {
    assert.equal(redactText("Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2lnbg"), "Authorization: [REDACTED]");
    assert.equal(redactText('{"authorization":"Basic dXNlcjpwYXNz"}'), '{"authorization":"[REDACTED]"}');
    assert.equal(redactText("retrying with Bearer abc123.def"), "retrying with Bearer [REDACTED]");
  });

  test("API secret keys are masked to their prefix", () => {
    assert.equal(redactText("using sk_live_51HqLyjWDarjtT1zdp7dc"), "using sk_live_[REDACTED]");
    assert.equal(redactText("key=sk_test_4eC39HqLyjWDarjtT1zdp7dc."), "key=sk_test_[REDACTED].");
    assert.equal(redactText("rk_live_abc and whsec_xyz789"), "rk_live_[REDACTED] and whsec_[REDACTED]");
    assert.equal(redactText("pk_live_abc is public"), "pk_live_abc is public");
  });

  test("labelled credentials in query strings, logfmt and JSON", () => {
    assert.equal(redactText("/cb?code=1&access_token=abc.def&state=x"), "/cb?code=1&access_token=[REDACTED]&state=x");
    assert.equal(redactText("login user=ann password=hunter2 ok"), "login user=ann password=[REDACTED] ok");
    assert.equal(redactText(`{"pin": "1234", "cvv":'123'}`), `{"pin": "[REDACTED]", "cvv":'[REDACTED]'}`);
    assert.equal(redactText('{"newPassword":"a\\"b","x":1}'), '{"newPassword":"[REDACTED]","x":1}');
    assert.equal(redactText("Cookie: sid=abc; csrf=def\nHost: x"), "Cookie: [REDACTED]\nHost: x");
  });

  test("ids that only name a credential stay readable", () => {
    for (const s of [
      "token_id=tok_123",
      "tokenId: tok_1",
      "spin=3 shipping=5",
      "idempotency-key: 8c1f",
      "pan_last4=1111",
    ]) {
      assert.equal(redactText(s), s);
    }
  });

  test("URL passwords and PEM private keys", () => {
    assert.equal(redactText("postgres://pos:s3cret@db:5432/pos"), "postgres://pos:[REDACTED]@db:5432/pos");
    assert.equal(
      redactText("key -----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY----- end"),
      "key [REDACTED PRIVATE KEY] end",
    );
    assert.equal(redactText("-----BEGIN CERTIFICATE-----\nMIIB"), "-----BEGIN CERTIFICATE-----\nMIIB");
  });
});

describe("properties", () => {
  /** A random PAN: 13–19 digits, no leading 0, correct Luhn check digit. */
  const pan = fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 17 }))
    .map(([first, rest]) => {
      const body = `${first}${rest.join("")}`;
      const check = [...Array(10).keys()].find((d) => isLuhnValid(`${body}${d}`));
      return `${body}${check}`;
    });
  /** Text that cannot itself extend a digit run. */
  const prose = fc.string({ unit: fc.constantFrom(..."abxyz .,:;/?=&\"'()[]{}\n"), maxLength: 20 });

  test("every Luhn-valid PAN, wherever it sits in text, is masked to first six / last four", () => {
    fc.assert(
      fc.property(prose, pan, prose, (before, p, after) => {
        const out = redactText(`${before}${p}${after}`);
        assert.ok(!out.includes(p), out);
        assert.ok(out.includes(masked(p)), out);
      }),
    );
  });

  test("a PAN's Luhn-invalid neighbours are left alone (outside the UnionPay range)", () => {
    fc.assert(
      fc.property(pan, fc.integer({ min: 1, max: 9 }), (p, delta) => {
        fc.pre(!p.startsWith("62"));
        const neighbour = `${p.slice(0, -1)}${(Number(p.slice(-1)) + delta) % 10}`;
        assert.equal(redactText(`order ${neighbour}`), `order ${neighbour}`);
      }),
    );
  });

  test("redaction is idempotent", () => {
    fc.assert(
      fc.property(prose, pan, fc.constantFrom("", " password=x", " sk_live_abc", " Bearer t"), (a, p, secret) => {
        const once = redactText(`${a}${p}${secret}`);
        assert.equal(redactText(once), once);
      }),
    );
  });

  test("text without long digit runs or credential words comes back as the same string", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789 xyz-:") }), (s) => {
        fc.pre((s.match(/\d/g) ?? []).length < 13);
        assert.equal(redactText(s), s);
      }),
    );
  });
});

describe("hostile input", () => {
  test("long pathological strings are handled in linear-ish time (no regex backtracking blow-up)", () => {
    const inputs = [
      "password".repeat(10_000),
      "secret-".repeat(10_000),
      "1 ".repeat(25_000),
      "7".repeat(50_000),
      '"token":"'.repeat(5_000),
      "-----BEGIN PRIVATE KEY-----".repeat(2_000),
      "http://a:".repeat(5_000),
      "Bearer ".repeat(5_000),
      `${"a-".repeat(25_000)}://`,
      "secret:".repeat(5_000),
      "cookie=".repeat(5_000),
      `${"4111 ".repeat(10_000)}x`,
    ];
    for (const input of inputs) {
      const started = performance.now();
      redactText(input);
      const ms = performance.now() - started;
      assert.ok(ms < 1_000, `${input.slice(0, 20)}… took ${ms.toFixed(0)} ms`);
    }
  });
});
