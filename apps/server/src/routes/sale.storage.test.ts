import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verifyAudit } from "@enclave/audit";
import { createTestApp, type TestApp } from "../test-support/create-test-app.ts";

const engine = process.env.DATABASE_URL ? "PostgreSQL server" : "PGlite";

describe(`a whole sale through the API (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const card = (test_card = "visa", entry_mode = "contactless") => ({
    type: "card_present",
    card_present: { type: "test_card", test_card, entry_mode },
  });

  it("order → card payment (automatic capture) → line refund → batch close", async () => {
    const [espresso, , croissant] = t.shop.catalogItemIds;
    const order = await t.call("POST", "/v1/orders", {
      location: t.shop.locationId,
      lines: [
        { catalog_item: espresso, quantity: 2 },
        { catalog_item: croissant, quantity: 1 },
      ],
      tip_amount: 100,
    });
    assert.equal(order.status, 200, JSON.stringify(order.body));
    // 2 × 300 + 325 = 925; tax 8.25 % per line: 49.5→50 and 26.8→27; total 925 + 77 + 100 tip.
    assert.equal(order.body.subtotal, 925);
    assert.equal(order.body.tax_total, 77);
    assert.equal(order.body.total, 1102);

    const pay = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      order: order.body.id,
      payment_method_type: "card_present",
      confirm: true,
      payment_method: card(),
    });
    assert.equal(pay.status, 200, JSON.stringify(pay.body));
    assert.equal(pay.body.status, "succeeded");
    assert.equal(pay.body.amount_captured, 1102);
    assert.deepEqual(Object.keys(pay.body.card).sort(), [
      "brand",
      "entry_mode",
      "exp_month",
      "exp_year",
      "funding",
      "last4",
    ]);
    assert.ok(pay.body.batch);

    const paid = await t.call("GET", `/v1/orders/${order.body.id}`);
    assert.equal(paid.body.status, "paid");
    assert.equal(paid.body.amount_due, 0);

    const refund = await t.call("POST", "/v1/refunds", {
      payment: pay.body.id,
      lines: [{ line: "li_2", quantity: 1 }],
    });
    assert.equal(refund.status, 200, JSON.stringify(refund.body));
    assert.equal(refund.body.amount, 352, "croissant 325 + its tax 27");
    const again = await t.call("POST", "/v1/refunds", { payment: pay.body.id, lines: [{ line: "li_2", quantity: 1 }] });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, "refund_quantity_exceeded");

    const batch = await t.call("POST", `/v1/terminals/${t.shop.terminalId}/close_batch`, {});
    assert.equal(batch.status, 200, JSON.stringify(batch.body));
    const usd = batch.body.totals.currencies[0];
    assert.equal(usd.sales_amount, 1102);
    assert.equal(usd.refunds_amount, 352);
    assert.equal(usd.net_amount, 750);
    assert.equal(usd.by_brand.visa.count, 1);
    const empty = await t.call("POST", `/v1/terminals/${t.shop.terminalId}/close_batch`, {});
    assert.equal(empty.status, 409);

    const events = await t.call("GET", "/v1/events?limit=100");
    const types = events.body.data.map((e: { type: string }) => e.type);
    for (const want of ["order.created", "payment.succeeded", "order.paid", "refund.created", "batch.closed"])
      assert.ok(types.includes(want), want);
    const audit = await verifyAudit(t.db, { publicKeys: [] });
    assert.equal(audit.ok, true, JSON.stringify(audit));
  });

  it("authorizes, captures part, and voids another authorization", async () => {
    const auth = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      amount: 5000,
      currency: "usd",
      payment_method_type: "card_present",
      capture_method: "manual",
      confirm: true,
      payment_method: card("mastercard", "chip"),
    });
    assert.equal(auth.body.status, "requires_capture");
    const over = await t.call("POST", `/v1/payments/${auth.body.id}/capture`, { amount_to_capture: 6000 });
    assert.equal(over.status, 400);
    const cap = await t.call("POST", `/v1/payments/${auth.body.id}/capture`, { amount_to_capture: 4000 });
    assert.equal(cap.body.status, "succeeded");
    assert.equal(cap.body.amount_captured, 4000);
    const twice = await t.call("POST", `/v1/payments/${auth.body.id}/capture`, {});
    assert.equal(twice.status, 409);

    const other = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      amount: 700,
      currency: "USD",
      payment_method_type: "card_present",
      capture_method: "manual",
      confirm: true,
      payment_method: card(),
    });
    const voided = await t.call("POST", `/v1/payments/${other.body.id}/cancel`, { cancellation_reason: "abandoned" });
    assert.equal(voided.body.status, "canceled");
    const refundCanceled = await t.call("POST", "/v1/refunds", { payment: other.body.id });
    assert.equal(refundCanceled.status, 409);
  });

  it("declines by test card and by magic amount, then takes another card", async () => {
    const order = await t.call("POST", "/v1/orders", {
      location: t.shop.locationId,
      lines: [{ name: "Gift", unit_amount: 10051, tax_rate_bps: 0, quantity: 1 }],
    });
    const declined = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      order: order.body.id,
      payment_method_type: "card_present",
      confirm: true,
      payment_method: card(),
    });
    assert.equal(declined.status, 402);
    assert.equal(declined.body.error.decline_code, "insufficient_funds");
    assert.equal(declined.body.error.payment.status, "requires_payment_method");
    const stolen = await t.call("POST", `/v1/payments/${declined.body.error.payment.id}/confirm`, {
      payment_method: card("stolen_card"),
    });
    assert.equal(stolen.status, 402);
    assert.equal(stolen.body.error.decline_code, "stolen_card");
    const unknown = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      amount: 10091,
      currency: "USD",
      payment_method_type: "card_present",
      confirm: true,
      payment_method: card(),
    });
    assert.equal(unknown.status, 502);
    assert.equal(unknown.body.error.code, "authorization_unknown_reversed");
    const partial = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      amount: 10010,
      currency: "USD",
      payment_method_type: "card_present",
      confirm: true,
      payment_method: card(),
    });
    assert.equal(partial.body.amount_captured, 5005);
  });

  it("takes cash with change and splits an order across tenders", async () => {
    const order = await t.call("POST", "/v1/orders", {
      location: t.shop.locationId,
      lines: [{ catalog_item: t.shop.catalogItemIds[3], quantity: 2 }],
    });
    assert.equal(order.body.total, 2800);
    const cash = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      order: order.body.id,
      amount: 1000,
      payment_method_type: "cash",
      confirm: true,
      payment_method: { type: "cash", cash: { tendered: 2000 } },
    });
    assert.equal(cash.body.status, "succeeded");
    assert.deepEqual(cash.body.cash, { tendered: 2000, change: 1000 });
    const tooMuch = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      order: order.body.id,
      amount: 2000,
      payment_method_type: "card_present",
    });
    assert.equal(tooMuch.body.error.code, "amount_exceeds_balance");
    const rest = await t.call("POST", "/v1/payments", {
      terminal: t.shop.terminalId,
      order: order.body.id,
      payment_method_type: "card_present",
      confirm: true,
      payment_method: card("amex"),
    });
    assert.equal(rest.body.amount_captured, 1800);
    const done = await t.call("GET", `/v1/orders/${order.body.id}`);
    assert.equal(done.body.status, "paid");
  });
});
