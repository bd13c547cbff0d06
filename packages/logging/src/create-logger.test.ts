import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createLogger } from "./index.ts";

/** A destination that keeps every line, parsed; each must be valid JSON. */
function capture() {
  const lines: string[] = [];
  const destination = { write: (line: string) => void lines.push(line) };
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const text = () => lines.join("");
  return { destination, lines, records, text };
}

const PANS = ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117"];

function assertNoPan(text: string) {
  for (const pan of PANS) assert.ok(!text.includes(pan), `${pan} leaked: ${text}`);
}

describe("createLogger", () => {
  test("writes JSON lines with an ISO time, the level label and the name", () => {
    const out = capture();
    const log = createLogger({ level: "info", name: "api", destination: out.destination });
    log.info({ sale: "S-1" }, "sale completed");
    log.debug("below the level");
    assert.equal(out.lines.length, 1);
    assert.ok(out.lines[0]?.endsWith("\n"));
    const [record] = out.records();
    assert.equal(record?.level, "info");
    assert.equal(record?.name, "api");
    assert.equal(record?.msg, "sale completed");
    assert.equal(record?.sale, "S-1");
    assert.match(String(record?.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test("a PAN in the message, in interpolated arguments and in a message prefix", () => {
    const out = capture();
    const log = createLogger({ level: "info", destination: out.destination });
    log.info("charging 4111 1111 1111 1111");
    log.info("charging %s with %d items", "5555555555554444", 3);
    log.info("card %o", { note: "378282246310005" });
    log.child({}, { msgPrefix: "[6011111111111117] " }).info("prefixed");
    assertNoPan(out.text());
    assert.equal(out.records()[0]?.msg, "charging 4111 11** **** 1111");
  });

  test("a PAN in a nested object, in an array and as a number", () => {
    const out = capture();
    const log = createLogger({ level: "info", destination: out.destination });
    log.info({ sale: { lines: [{ memo: "card 4111111111111111" }], tender: [5555555555554444] } }, "sale");
    assertNoPan(out.text());
    const sale = out.records()[0]?.sale as { lines: { memo: string }[]; tender: unknown[] };
    assert.equal(sale.lines[0]?.memo, "card 411111******1111");
    assert.deepEqual(sale.tender, ["555555******4444"]);
  });

  test("a PAN in an error's message and stack, logged every way pino takes errors", () => {
    const out = capture();
    const log = createLogger({ level: "info", destination: out.destination });
    const error = new Error("declined: 4111111111111111", { cause: new Error("host said 5555555555554444") });
    log.error(error);
    log.error({ err: error }, "payment failed");
    log.error({ failure: error }, "under another key");
    log.error(error, "with a message %s", "378282246310005");
    assertNoPan(out.text());
    const [first] = out.records();
    assert.equal(first?.msg, "declined: 411111******1111");
    const err = first?.err as { type: string; message: string; stack: string };
    assert.equal(err.type, "Error");
    assert.match(err.stack, /^Error: declined: 411111\*{6}1111\n\s+at /);
  });

  test("secrets by key name and credentials in strings", () => {
    const out = capture();
    const log = createLogger({ level: "info", destination: out.destination });
    log.info({
      req: { headers: { authorization: "Bearer eyJ.abc.def", "idempotency-key": "k-1", Cookie: "sid=1" } },
      merchant: { apiKey: "sk_live_123", token_id: "tok_9" },
      card: { number: "4111111111111111", cvc: "123", exp_month: 12 },
    });
    log.info("retry with sk_test_4eC39HqLyjWDarjtT1zdp7dc and Authorization: Basic dXNlcjpwYXNz");
    const [first, second] = out.records();
    assert.deepEqual(first?.req, {
      headers: { authorization: "[REDACTED]", "idempotency-key": "k-1", Cookie: "[REDACTED]" },
    });
    assert.deepEqual(first?.merchant, { apiKey: "[REDACTED]", token_id: "tok_9" });
    assert.deepEqual(first?.card, { number: "[REDACTED]", cvc: "[REDACTED]", exp_month: 12 });
    assert.equal(second?.msg, "retry with sk_test_[REDACTED] and Authorization: [REDACTED]");
    assert.ok(!out.text().includes("eyJ.abc.def") && !out.text().includes("dXNlcjpwYXNz"));
  });

  test("Luhn-invalid order numbers stay readable", () => {
    const out = capture();
    createLogger({ level: "info", destination: out.destination }).info(
      { order: "4111111111111112" },
      "order 1234567812345678",
    );
    const [record] = out.records();
    assert.equal(record?.order, "4111111111111112");
    assert.equal(record?.msg, "order 1234567812345678");
  });

  test("child loggers inherit redaction, for their bindings too, at any depth", () => {
    const out = capture();
    const log = createLogger({ level: "info", destination: out.destination });
    const child = log.child({ device: "d-1", token: "device-secret", note: "4111111111111111" });
    const grandchild = child.child({ password: "p" });
    grandchild.info({ pan: "5555555555554444" }, "from the grandchild 378282246310005");
    child.setBindings({ last: "6011111111111117" });
    child.info("after setBindings");
    assertNoPan(out.text());
    assert.ok(!out.text().includes("device-secret"));
    const [record] = out.records();
    assert.equal(record?.device, "d-1");
    assert.equal(record?.token, "[REDACTED]");
    assert.equal(record?.password, "[REDACTED]");
  });

  test("a child's own serializers cannot bypass the masking of values", () => {
    const out = capture();
    const log = createLogger({ level: "info", destination: out.destination });
    const leaky = log.child(
      {},
      { serializers: { err: (e: Error) => ({ raw: e.message }), sale: () => 4111111111111111 } },
    );
    leaky.error({ err: new Error("card 5555555555554444"), sale: {} }, "x");
    assertNoPan(out.text());
    // The line stays valid JSON even when a bare number had to be masked.
    assert.equal(out.records()[0]?.sale, "411111******1111");
  });

  test("records with nothing to redact are written unchanged", () => {
    const out = capture();
    const log = createLogger({ level: "info", destination: out.destination });
    const sale = { id: "S-1", total: { amount: 1250, currency: "EUR" }, items: ["coffee", "cake"] };
    log.info({ sale }, "sale completed");
    assert.deepEqual(out.records()[0]?.sale, sale);
  });
});
