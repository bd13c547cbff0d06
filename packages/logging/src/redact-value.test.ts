import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { REDACTED_KEYS, redactValue } from "./index.ts";

describe("by key name", () => {
  test("every listed name is redacted at any depth, whatever its case or separator style", () => {
    for (const name of REDACTED_KEYS) {
      const camel = name.replace(/[-_](\w)/g, (_m, c: string) => c.toUpperCase());
      for (const spelling of [name, name.toUpperCase(), camel]) {
        const input = { a: { b: [{ [spelling]: "s3cr3t-value", keep: 1 }] } };
        assert.deepEqual(redactValue(input), { a: { b: [{ [spelling]: "[REDACTED]", keep: 1 }] } }, spelling);
      }
    }
  });

  test("names that contain or end in a credential word are redacted too", () => {
    const input = {
      newPassword: "x",
      db_password_hash: "x",
      webhookSecret: "x",
      accessToken: "x",
      csrf_token: "x",
      stripeApiKey: "x",
      signing_private_key: "x",
      session_cookie: "x",
      headers: { Authorization: "Bearer x", Cookie: "a=b", "Set-Cookie": ["a=b"], "X-Api-Key": "x" },
    };
    const out = redactValue(input) as Record<string, unknown>;
    for (const [key, value] of Object.entries(out)) {
      if (key === "headers") {
        for (const v of Object.values(value as object)) assert.equal(v, "[REDACTED]");
      } else assert.equal(value, "[REDACTED]", key);
    }
  });

  test("ids, public keys and the idempotency key stay readable", () => {
    const input = {
      token_id: "tok_1",
      tokenId: "tok_2",
      token_type: "bearer",
      key_id: "k1",
      publicKeyId: "pk",
      pan_last4: "1111",
      "Idempotency-Key": "8c1f",
      keyboard: "qwerty",
      shipping: 5,
    };
    assert.equal(redactValue(input), input);
  });

  test("`number` is a PAN under a card, not under an order", () => {
    assert.deepEqual(redactValue({ card: { number: "12345", brand: "visa" } }), {
      card: { number: "[REDACTED]", brand: "visa" },
    });
    assert.deepEqual(redactValue({ paymentCard: { Number: 1 } }), { paymentCard: { Number: "[REDACTED]" } });
    assert.deepEqual(redactValue({ cards: [{ number: "x" }] }), { cards: [{ number: "[REDACTED]" }] });
    const order = { order: { number: "A-1001" }, number: 7 };
    assert.equal(redactValue(order), order);
  });

  test("null and undefined secrets are shown as absent", () => {
    assert.deepEqual(redactValue({ password: null, token: undefined }), { password: null, token: undefined });
  });
});

describe("by value", () => {
  test("PANs in nested strings, arrays, numbers, bigints and property names", () => {
    const input = {
      note: "paid with 4111 1111 1111 1111",
      list: ["x", ["5555555555554444"]],
      asNumber: 4242424242424242,
      asBigint: 6011111111111117n,
      byPan: { "378282246310005": { ok: true } },
      orderNo: 1234567812345678,
    };
    assert.deepEqual(redactValue(input), {
      note: "paid with 4111 11** **** 1111",
      list: ["x", ["555555******4444"]],
      asNumber: "424242******4242",
      asBigint: "601111******1117",
      byPan: { "378282*****0005": { ok: true } },
      orderNo: 1234567812345678,
    });
  });

  test("an API key and a bearer token in a string", () => {
    assert.deepEqual(redactValue({ msg: "sk_live_abc123 via Bearer xyz" }), {
      msg: "sk_live_[REDACTED] via Bearer [REDACTED]",
    });
  });

  test("errors: message, stack, own properties and causes are serialised and masked", () => {
    const cause = new Error("upstream rejected 5105105105105100");
    const error = Object.assign(new Error("charge failed for 4111111111111111", { cause }), {
      code: "CARD_DECLINED",
      cardNumber: "4111111111111111",
    });
    const out = redactValue({ error }) as { error: Record<string, string> };
    const text = JSON.stringify(out);
    for (const pan of ["4111111111111111", "5105105105105100"]) assert.ok(!text.includes(pan), text);
    assert.equal(out.error.type, "Error");
    assert.equal(out.error.code, "CARD_DECLINED");
    assert.equal(out.error.cardNumber, "[REDACTED]");
    assert.match(out.error.message ?? "", /^charge failed for 411111\*{6}1111: upstream rejected 510510\*{6}5100$/);
    assert.match(out.error.stack ?? "", /^Error: charge failed for 411111\*{6}1111\n\s+at /);
  });

  test("toJSON output is what gets checked (and returned only if it changed)", () => {
    const date = new Date(0);
    assert.equal((redactValue({ date }) as { date: Date }).date, date);
    const custom = { toJSON: () => ({ pan: "4111111111111111" }) };
    assert.deepEqual(redactValue({ custom }), { custom: { pan: "[REDACTED]" } });
  });
});

describe("copy-on-write", () => {
  test("nothing to redact: the very same object comes back, no copy", () => {
    const input = { a: { b: [1, "two", { c: true }] }, d: "4111111111111112", e: null, f: new Date(0) };
    assert.equal(redactValue(input), input);
  });

  test("something to redact: only the changed path is copied and the input is untouched", () => {
    const untouched = { deep: { list: [1, 2, 3] } };
    const input = { untouched, card: { number: "4111111111111111" } };
    const out = redactValue(input) as typeof input;
    assert.notEqual(out, input);
    assert.equal(out.untouched, untouched, "unchanged subtree shared");
    assert.equal(input.card.number, "4111111111111111", "input not mutated");
  });

  test("cycles do not hang and cannot resurrect an unredacted original", () => {
    const node: Record<string, unknown> = { password: "x" };
    node.self = node;
    const out = redactValue(node) as Record<string, unknown>;
    assert.equal(out.password, "[REDACTED]");
    assert.equal(out.self, "[Circular]");
    // Even with nothing to redact a cycle is cut (a copy): whether an ancestor gets copied is not known yet
    // when the cycle is met, and a kept reference could lead back to an unredacted original.
    const clean: Record<string, unknown> = { a: 1 };
    clean.self = clean;
    assert.deepEqual(redactValue(clean), { a: 1, self: "[Circular]" });
  });

  test("absurdly deep values are cut off instead of overflowing the stack", () => {
    let deep: unknown = "4111111111111111";
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    assert.ok(!JSON.stringify(redactValue(deep)).includes("4111111111111111"));
  });
});
