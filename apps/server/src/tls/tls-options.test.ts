import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import tls from "node:tls";
import { loadTlsMaterial, TLS_OPTIONS, type TlsMaterial } from "./index.ts";

describe("an HTTPS server with the local CA material and TLS_OPTIONS", () => {
  let dataDir: string;
  let material: TlsMaterial;
  let server: https.Server;
  let port: number;

  before(async () => {
    dataDir = await mkdtemp(join(os.tmpdir(), "enclave-tls-https-"));
    material = await loadTlsMaterial({ dataDir });
    server = https.createServer({ ...TLS_OPTIONS, key: material.key, cert: material.cert }, (_req, res) => {
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  function get(options: https.RequestOptions): Promise<{ body: string; protocol: string | null; cipher: string }> {
    return new Promise((resolve, reject) => {
      const req = https.get({ host: "127.0.0.1", port, path: "/", agent: false, ...options }, (res) => {
        const socket = res.socket as tls.TLSSocket;
        const protocol = socket.getProtocol();
        const cipher = socket.getCipher().name;
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ body, protocol, cipher }));
      });
      req.on("error", reject);
    });
  }

  /** Resolves with the handshake error, or rejects if the handshake unexpectedly succeeds. */
  function handshakeError(options: tls.ConnectionOptions): Promise<NodeJS.ErrnoException> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ host: "127.0.0.1", port, ...options });
      socket.on("secureConnect", () => {
        socket.destroy();
        reject(new Error(`handshake succeeded with ${socket.getProtocol()}`));
      });
      socket.on("error", resolve);
    });
  }

  test("a client that trusts only ca.pem connects by IP and by host name, over TLS 1.3", async () => {
    const byIp = await get({ ca: material.ca });
    assert.equal(byIp.body, "ok");
    assert.equal(byIp.protocol, "TLSv1.3");
    const byName = await get({ ca: material.ca, servername: "localhost" });
    assert.equal(byName.body, "ok");
  });

  test("a client that does not trust the local CA is refused", async () => {
    await assert.rejects(get({}), { code: /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER/ });
  });

  test("a name the certificate does not carry fails the client's check", async () => {
    await assert.rejects(get({ ca: material.ca, servername: "evil.example" }), {
      code: "ERR_TLS_CERT_ALTNAME_INVALID",
    });
  });

  test("TLS 1.2 clients get an ECDHE AEAD suite", async () => {
    const res = await get({ ca: material.ca, maxVersion: "TLSv1.2" });
    assert.equal(res.protocol, "TLSv1.2");
    assert.match(res.cipher, /^ECDHE-ECDSA-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/);
  });

  test("a TLS 1.2 client offering only CBC suites is refused", async () => {
    const error = await handshakeError({ ca: material.ca, maxVersion: "TLSv1.2", ciphers: "ECDHE-ECDSA-AES128-SHA" });
    assert.match(String(error.code), /HANDSHAKE_FAILURE|NO_SHARED_CIPHER/);
  });

  test("a TLS 1.1 client is refused by the server", async () => {
    // SECLEVEL=0 lets this client's own OpenSSL actually offer TLS 1.1, so the refusal comes from the server.
    const error = await handshakeError({
      ca: material.ca,
      minVersion: "TLSv1",
      maxVersion: "TLSv1.1",
      ciphers: "DEFAULT@SECLEVEL=0",
    });
    // Alert 70 (protocol_version) is sent by the server: the client offered TLS 1.1 and was turned away.
    assert.equal(error.code, "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION");
  });

  test("the options are frozen so no module can weaken them at runtime", () => {
    assert.ok(Object.isFrozen(TLS_OPTIONS));
    assert.equal(TLS_OPTIONS.minVersion, "TLSv1.2");
    for (const suite of TLS_OPTIONS.ciphers.split(":")) {
      assert.match(suite, /^TLS_|GCM|CHACHA20-POLY1305/, `${suite} is AEAD`);
      assert.match(suite, /^TLS_|^ECDHE-/, `${suite} is forward-secret`);
    }
  });
});
