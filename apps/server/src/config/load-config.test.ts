import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "./load-config.ts";

describe("loadConfig", () => {
  it("starts on embedded defaults with no environment", () => {
    const c = loadConfig({}, "/srv");
    assert.equal(c.port, 8443);
    assert.equal(c.dataDir, "/srv/.data");
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.tls, undefined);
    assert.equal(c.httpInsecure, false);
    assert.equal(c.auditSigningKey, undefined, "no secret has a default");
  });

  it("reports every bad value, one line each", () => {
    try {
      loadConfig({ PORT: "http", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x", BODY_LIMIT_BYTES: "-1" });
      assert.fail("should throw");
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 4);
      assert.match(error.problems.join("\n"), /PORT: must be a whole number/);
      assert.match(error.problems.join("\n"), /LOG_LEVEL/);
    }
  });

  it("never echoes a secret value in its error", () => {
    try {
      loadConfig({ DATABASE_URL: "mysql://user:hunter2@db" });
      assert.fail("should throw");
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.doesNotMatch(error.message, /hunter2/);
    }
  });

  it("refuses plain HTTP off loopback", () => {
    assert.throws(() => loadConfig({ HTTP_INSECURE: "true", HOST: "0.0.0.0" }), /only allowed on a loopback/);
    assert.equal(loadConfig({ HTTP_INSECURE: "true", HOST: "127.0.0.1" }).httpInsecure, true);
  });

  it("wants the certificate and its key together", () => {
    assert.throws(() => loadConfig({ TLS_CERT: "a.pem" }), /give both or neither/);
  });
});
