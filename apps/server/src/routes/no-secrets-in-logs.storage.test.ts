import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../test-support/create-test-app.ts";

// The server's own log, captured: requests that carry card numbers, API keys or failures must
// leave none of them in it (PCI DSS 3.3/3.4, 10.3).
describe("the server log never carries a card number or a secret", () => {
  let t: TestApp;
  let log = "";
  before(async () => {
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    t = await createTestApp({ logTo: sink });
  });
  after(() => t.close());

  it("masks PANs in URLs and bodies, and API keys in headers and errors", async () => {
    const pan = "4242424242424242";
    await t.call("GET", `/v1/payments?starting_after=${pan}&limit=1`);
    await t.call("POST", "/v1/orders", {
      location: t.shop.locationId,
      lines: [],
      card_number: pan,
      note: `card ${pan}`,
    });
    await t.call("POST", "/v1/orders", `{"pan":"${pan}",`);
    await t.call("GET", "/v1/merchant", undefined, { key: `sk_test_${"Z".repeat(32)}` });
    await t.call("GET", `/v1/nowhere/${pan}`);
    await new Promise((r) => setImmediate(r));
    assert.ok(log.includes('"level":"info"'), "requests were logged at all");
    assert.ok(!log.includes(pan), "no clear PAN in the log");
    assert.ok(!log.includes(t.shop.apiKeySecret), "no API key secret in the log");
    assert.ok(!log.includes("Z".repeat(32)), "not even a wrong key");
  });
});
