import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../test-support/create-test-app.ts";

const engine = process.env.DATABASE_URL ? "PostgreSQL server" : "PGlite";

describe(`bad input changes nothing (${engine})`, () => {
  let t: TestApp;
  let base: Record<string, number>;
  before(async () => {
    t = await createTestApp({ bodyLimitBytes: 4096 });
  });
  after(() => t.close());

  const card = { type: "card_present", card_present: { type: "test_card", test_card: "visa", entry_mode: "chip" } };
  const order = () => ({
    location: t.shop.locationId,
    lines: [{ catalog_item: t.shop.catalogItemIds[0], quantity: 1 }],
  });

  /** Sends a bad request and checks: 4xx, an error object with a code, and not one row changed. */
  let lastBody: unknown;
  async function refused(
    status: number,
    code: string | RegExp,
    send: () => ReturnType<TestApp["call"]>,
  ): Promise<void> {
    base = await t.counts();
    const res = await send();
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.equal(typeof res.body.error?.message, "string");
    if (typeof code === "string") assert.equal(res.body.error.code, code);
    else assert.match(res.body.error.code, code);
    assert.deepEqual(await t.counts(), base, "a refused request must not change any table");
    lastBody = res.body;
  }

  it("malformed JSON", () => refused(400, "invalid_json", () => t.call("POST", "/v1/orders", '{"location": ')));
  it("prototype pollution keys", () =>
    refused(400, /invalid_json|parameter_unknown/, () =>
      t.call("POST", "/v1/orders", '{"__proto__": {"admin": true}, "location": "x", "lines": []}'),
    ));
  it("wrong types", () =>
    refused(400, "parameter_invalid", () => t.call("POST", "/v1/orders", { ...order(), lines: "two espressos" })));
  it("unknown fields", async () => {
    await refused(400, "parameter_unknown", () =>
      t.call("POST", "/v1/orders", { ...order(), pan: "4242424242424242" }),
    );
    assert.doesNotMatch(JSON.stringify(lastBody), /4242424242424242/, "the error never echoes a card number");
  });
  it("negative amounts", () =>
    refused(400, "parameter_invalid", () =>
      t.call("POST", "/v1/payments", {
        terminal: t.shop.terminalId,
        amount: -100,
        currency: "USD",
        payment_method_type: "cash",
      }),
    ));
  it("fractional amounts", () =>
    refused(400, "parameter_invalid", () =>
      t.call("POST", "/v1/payments", {
        terminal: t.shop.terminalId,
        amount: 10.5,
        currency: "USD",
        payment_method_type: "cash",
      }),
    ));
  it("overflowing amounts", () =>
    refused(400, "parameter_invalid", () =>
      t.call("POST", "/v1/payments", {
        terminal: t.shop.terminalId,
        amount: 2 ** 60,
        currency: "USD",
        payment_method_type: "cash",
      }),
    ));
  it("overflowing order totals", () =>
    refused(400, /amount_out_of_range|parameter_invalid/, () =>
      t.call("POST", "/v1/orders", {
        location: t.shop.locationId,
        lines: [{ name: "Yacht", unit_amount: 99_999_999_999, tax_rate_bps: 2000, quantity: 10000 }],
      }),
    ));
  it("unknown currencies", () =>
    refused(400, "parameter_invalid", () =>
      t.call("POST", "/v1/payments", {
        terminal: t.shop.terminalId,
        amount: 100,
        currency: "XYZ",
        payment_method_type: "cash",
      }),
    ));
  it("oversized bodies", () =>
    refused(413, "body_too_large", () =>
      t.call("POST", "/v1/orders", { ...order(), metadata: { note: "x".repeat(5000) } }),
    ));
  it("a card number in metadata", () =>
    refused(400, "parameter_invalid", () =>
      t.call("POST", "/v1/orders", { ...order(), metadata: { note: "card 4242 4242 4242 4242" } }),
    ));
  it("missing API key", () =>
    refused(401, "api_key_missing", () => t.call("POST", "/v1/orders", order(), { key: null })));
  it("wrong API key", () =>
    refused(401, "api_key_invalid", () => t.call("POST", "/v1/orders", order(), { key: `sk_test_${"A".repeat(32)}` })));
  it("missing Idempotency-Key on a money-moving POST", async () => {
    base = await t.counts();
    const res = await t.app.inject({
      method: "POST",
      url: "/v1/orders",
      headers: { authorization: `Bearer ${t.shop.apiKeySecret}`, "content-type": "application/json" },
      payload: JSON.stringify(order()),
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, "idempotency_key_missing");
    assert.deepEqual(await t.counts(), base);
  });
  it("wrong content type", () =>
    refused(415, "unsupported_media_type", () =>
      t.call("POST", "/v1/orders", "location=x", { headers: { "content-type": "application/x-www-form-urlencoded" } }),
    ));
  it("confirming a payment with a card it does not take", async () => {
    const p = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      amount: 100,
      currency: "USD",
      payment_method_type: "cash",
    });
    await refused(400, "payment_method_mismatch", () =>
      t.call("POST", `/v1/payments/${p.body.id}/confirm`, { payment_method: card }),
    );
  });
});

describe(`tenants cannot cross (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it("another merchant's ids are simply not found, and nothing changes", async () => {
    const o = await t.call("POST", "/v1/orders", {
      location: t.shop.locationId,
      lines: [{ catalog_item: t.shop.catalogItemIds[0], quantity: 1 }],
    });
    const p = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      order: o.body.id,
      payment_method_type: "cash",
      confirm: true,
      payment_method: { type: "cash", cash: { tendered: 1000 } },
    });
    assert.equal(p.body.status, "succeeded");
    const before = await t.counts();
    const as = { key: t.other.apiKeySecret };
    const attempts = [
      await t.call("GET", `/v1/orders/${o.body.id}`, undefined, as),
      await t.call("GET", `/v1/payments/${p.body.id}`, undefined, as),
      await t.call("POST", "/v1/refunds", { payment: p.body.id }, as),
      await t.call("POST", `/v1/payments/${p.body.id}/cancel`, {}, as),
      await t.call(
        "POST",
        "/v1/orders",
        { location: t.shop.locationId, lines: [{ name: "x", unit_amount: 1, tax_rate_bps: 0, quantity: 1 }] },
        as,
      ),
      await t.call(
        "POST",
        "/v1/orders",
        { location: t.other.locationId, lines: [{ catalog_item: t.shop.catalogItemIds[0], quantity: 1 }] },
        as,
      ),
      await t.call(
        "POST",
        "/v1/payments",
        { terminal: t.shop.terminalId, amount: 100, currency: "USD", payment_method_type: "cash" },
        as,
      ),
      await t.call("POST", `/v1/terminals/${t.shop.terminalId}/close_batch`, {}, as),
    ];
    for (const a of attempts) assert.equal(a.status, 404, JSON.stringify(a.body));
    assert.deepEqual(await t.counts(), before);
    const list = await t.call("GET", "/v1/payments", undefined, as);
    assert.equal(list.body.data.length, 0);
    const audit = await t.call("GET", "/v1/audit/entries?limit=100", undefined, as);
    assert.ok(audit.body.data.length > 0);
    assert.ok(audit.body.data.every((e: { merchantId: string }) => e.merchantId === t.other.merchantId));
  });

  it("a revoked key stops working at once, and a key cannot revoke itself", async () => {
    const created = await t.call("POST", "/v1/api_keys", { name: "till 2" });
    assert.match(created.body.secret, /^sk_test_[0-9A-Za-z]{32}$/);
    assert.equal(created.headers["cache-control"], "no-store");
    assert.equal((await t.call("GET", "/v1/merchant", undefined, { key: created.body.secret })).status, 200);
    const self = await t.call("POST", `/v1/api_keys/${created.body.id}/revoke`, {}, { key: created.body.secret });
    assert.equal(self.status, 400);
    const revoked = await t.call("POST", `/v1/api_keys/${created.body.id}/revoke`, {});
    assert.ok(revoked.body.revoked_at);
    assert.equal((await t.call("GET", "/v1/merchant", undefined, { key: created.body.secret })).status, 401);
    const listed = await t.call("GET", "/v1/api_keys");
    assert.ok(
      listed.body.data.every((k: Record<string, unknown>) => !("secret" in k)),
      "secrets are never listed",
    );
  });
});

describe(`idempotency and concurrency (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());
  const sale = (amount: number) => ({
    terminal: t.shop.terminalId,
    amount,
    currency: "USD",
    payment_method_type: "card_present",
    confirm: true,
    payment_method: {
      type: "card_present",
      card_present: { type: "test_card", test_card: "visa", entry_mode: "chip" },
    },
  });

  it("same key and body → the saved response; other body → 422; nothing charged twice", async () => {
    const first = await t.call("POST", "/v1/payments", sale(1234), { idempotencyKey: "sale-1" });
    const replay = await t.call("POST", "/v1/payments", sale(1234), { idempotencyKey: "sale-1" });
    assert.equal(replay.status, 200);
    assert.equal(replay.headers["idempotent-replayed"], "true");
    assert.deepEqual(replay.body, first.body);
    const other = await t.call("POST", "/v1/payments", sale(999), { idempotencyKey: "sale-1" });
    assert.equal(other.status, 422);
    assert.equal(other.body.error.code, "idempotency_key_reused");
    const list = await t.call("GET", "/v1/payments?limit=100");
    assert.equal(list.body.data.filter((p: { amount: number }) => p.amount === 1234).length, 1);
    // A decline is saved too: retrying the same key does not hit the card again.
    const declined = await t.call("POST", "/v1/payments", sale(10051), { idempotencyKey: "sale-2" });
    const declinedAgain = await t.call("POST", "/v1/payments", sale(10051), { idempotencyKey: "sale-2" });
    assert.equal(declinedAgain.status, 402);
    assert.deepEqual(declinedAgain.body, declined.body);
  });

  it("a concurrent duplicate gets 409 and only one payment exists", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.call("POST", "/v1/payments", sale(4321), { idempotencyKey: "race-1" })),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.ok(statuses.includes(200));
    assert.ok(
      statuses.every((s) => s === 200 || s === 409),
      String(statuses),
    );
    const list = await t.call("GET", "/v1/payments?limit=100");
    assert.equal(list.body.data.filter((p: { amount: number }) => p.amount === 4321).length, 1);
  });

  it("concurrent refunds never exceed what was captured", async () => {
    const p = await t.call("POST", "/v1/payments", sale(1000));
    assert.equal(p.body.status, "succeeded");
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.call("POST", "/v1/refunds", { payment: p.body.id, amount: 300 })),
    );
    const ok = results.filter((r) => r.status === 200);
    assert.equal(ok.length, 3, results.map((r) => r.status).join(","));
    for (const r of results) if (r.status !== 200) assert.equal(r.body.error.code, "refund_exceeds_captured");
    const after = await t.call("GET", `/v1/payments/${p.body.id}`);
    assert.equal(after.body.amount_refunded, 900);
  });

  it("the database itself refuses a refund total above the capture", async () => {
    const p = await t.call("POST", "/v1/payments", sale(500));
    await assert.rejects(t.db.query("UPDATE payments SET amount_refunded = 501 WHERE id = $1", [p.body.id]));
  });
});

describe("security headers and discovery", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it("sends HSTS, a strict CSP, no-sniff and frame denial", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    assert.match(String(res.headers["strict-transport-security"]), /max-age=31536000/);
    assert.match(String(res.headers["content-security-policy"]), /default-src 'none'.*frame-ancestors 'none'/);
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.ok(res.headers["request-id"]);
  });

  it("serves OpenAPI 3.1 and a script-free docs page", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    assert.equal(spec.openapi, "3.1.0");
    assert.ok(spec.paths["/v1/payments"].post);
    const docs = await t.app.inject({ method: "GET", url: "/docs" });
    assert.equal(docs.statusCode, 200);
    assert.doesNotMatch(docs.body, /<script/i);
    assert.match(String(docs.headers["content-security-policy"]), /style-src 'sha256-/);
    assert.match(docs.body, /insufficient_funds/);
  });

  it("readyz reports the database and the migrations", async () => {
    const r = (await t.app.inject({ method: "GET", url: "/readyz" })).json();
    assert.equal(r.status, "ready");
  });
});

describe("brute force on API keys", () => {
  it("an address that keeps guessing gets 429 before any lookup", async () => {
    const t = await createTestApp({ authFailuresPerMinute: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push(
          (await t.call("GET", "/v1/merchant", undefined, { key: `sk_test_${String(i).padStart(32, "x")}` })).status,
        );
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
    } finally {
      await t.close();
    }
  });
});
