import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { collectSubjectAltNames } from "./collect-subject-alt-names.ts";
import { createLocalCa } from "./create-local-ca.ts";
import { loadTlsMaterial, TlsError } from "./index.ts";
import { issueServerCertificate } from "./issue-server-certificate.ts";
import { x509 } from "./x509.ts";

const DAY = 24 * 60 * 60 * 1000;

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(os.tmpdir(), "enclave-tls-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const tlsFile = (name: string) => join(dataDir, "tls", name);

describe("local CA (no operator certificate)", () => {
  test("first start creates the CA and a server certificate with private files 0600 in a 0700 directory", async () => {
    const material = await loadTlsMaterial({ dataDir });
    assert.equal(material.source, "local-ca");
    assert.equal(material.generated, true);
    assert.equal(material.caPath, tlsFile("ca.pem"));
    assert.equal(await readFile(tlsFile("ca.pem"), "utf8"), material.ca);
    assert.equal(await readFile(tlsFile("server.pem"), "utf8"), material.cert);
    assert.equal(await readFile(tlsFile("server-key.pem"), "utf8"), material.key);

    assert.equal(await mode(join(dataDir, "tls")), 0o700);
    assert.equal(await mode(tlsFile("ca-key.pem")), 0o600);
    assert.equal(await mode(tlsFile("server-key.pem")), 0o600);
    // The CA certificate is public by design: it is what phones install.
    assert.equal(await mode(tlsFile("ca.pem")), 0o644);
  });

  test("the fingerprint is the CA's SHA-256 in the colon-separated form browsers show", async () => {
    const material = await loadTlsMaterial({ dataDir });
    assert.match(material.caFingerprintSha256 ?? "", /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(material.caFingerprintSha256, new X509Certificate(material.ca ?? "").fingerprint256);
  });

  test("the CA is a P-256 path-length-0 CA valid for 10 years, limited to signing certificates", async () => {
    const now = new Date("2030-01-15T12:00:00Z");
    const material = await loadTlsMaterial({ dataDir, now });
    const ca = new X509Certificate(material.ca ?? "");
    assert.equal(ca.ca, true);
    assert.equal(ca.publicKey.asymmetricKeyDetails?.namedCurve, "prime256v1");
    assert.equal(ca.validToDate.toISOString(), "2040-01-15T12:00:00.000Z");
    assert.ok(ca.verify(ca.publicKey), "self-signed");
    const parsed = new x509.X509Certificate(material.ca ?? "");
    const basic = parsed.getExtension(x509.BasicConstraintsExtension);
    assert.equal(basic?.ca, true);
    assert.equal(basic?.pathLength, 0);
    assert.equal(basic?.critical, true);
    const usage = parsed.getExtension(x509.KeyUsagesExtension);
    assert.equal(usage?.usages, x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    assert.equal(usage?.critical, true);
  });

  test("the server certificate chains to the CA and has serverAuth, the SANs and ≤ 397 days of validity", async () => {
    const now = new Date();
    const material = await loadTlsMaterial({ dataDir, hostnames: ["pos.example.org", "10.9.8.7"], now });
    const ca = new X509Certificate(material.ca ?? "");
    const leaf = new X509Certificate(material.cert);

    assert.ok(leaf.checkIssued(ca), "issued by the local CA");
    assert.ok(leaf.verify(ca.publicKey), "signed by the local CA's key");
    assert.equal(leaf.ca, false);
    assert.deepEqual(leaf.keyUsage, ["1.3.6.1.5.5.7.3.1"], "serverAuth only");
    assert.equal(leaf.publicKey.asymmetricKeyDetails?.namedCurve, "prime256v1");

    for (const name of ["localhost", "pos.example.org", os.hostname().toLowerCase()]) {
      assert.equal(leaf.checkHost(name, { subject: "never" }), name, `SAN ${name}`);
    }
    for (const ip of ["127.0.0.1", "::1", "10.9.8.7"]) assert.equal(leaf.checkIP(ip), ip, `SAN ${ip}`);
    for (const info of Object.values(os.networkInterfaces()).flat()) {
      if (!info || info.internal || /^fe[89ab]/i.test(info.address)) continue;
      assert.equal(leaf.checkIP(info.address), info.address, `interface address ${info.address}`);
    }
    assert.equal(leaf.checkHost("other.example.org"), undefined);

    const lifetime = leaf.validToDate.getTime() - leaf.validFromDate.getTime();
    assert.ok(lifetime <= 397 * DAY, `lifetime ${lifetime / DAY} days`);
    assert.ok(lifetime >= 396 * DAY);
    assert.ok(leaf.validFromDate.getTime() <= now.getTime(), "valid from now (back-dated for clock skew)");
    assert.ok(now.getTime() - leaf.validFromDate.getTime() <= 2 * 60 * 60 * 1000);
  });

  test("a second start reuses the CA and the certificate", async () => {
    const first = await loadTlsMaterial({ dataDir, hostnames: ["pos.example.org"] });
    const second = await loadTlsMaterial({ dataDir, hostnames: ["POS.example.org"] });
    assert.equal(second.generated, false);
    assert.equal(second.caFingerprintSha256, first.caFingerprintSha256);
    assert.equal(second.cert, first.cert);
    assert.equal(second.key, first.key);
  });

  test("a second start tightens key files whose permissions were loosened", async () => {
    await loadTlsMaterial({ dataDir });
    await chmod(tlsFile("ca-key.pem"), 0o644);
    await chmod(tlsFile("server-key.pem"), 0o640);
    await chmod(join(dataDir, "tls"), 0o755);
    await loadTlsMaterial({ dataDir });
    assert.equal(await mode(tlsFile("ca-key.pem")), 0o600);
    assert.equal(await mode(tlsFile("server-key.pem")), 0o600);
    assert.equal(await mode(join(dataDir, "tls")), 0o700);
  });

  test("the server certificate is re-issued by the same CA when it expires within 30 days", async () => {
    const t0 = new Date();
    const first = await loadTlsMaterial({ dataDir, now: t0 });

    const later = await loadTlsMaterial({ dataDir, now: new Date(t0.getTime() + 300 * DAY) });
    assert.equal(later.cert, first.cert, "still 97 days left: kept");

    const nearExpiry = new Date(t0.getTime() + 370 * DAY);
    const renewed = await loadTlsMaterial({ dataDir, now: nearExpiry });
    assert.notEqual(renewed.cert, first.cert);
    assert.notEqual(renewed.key, first.key, "a fresh key with every certificate");
    assert.equal(renewed.generated, false);
    assert.equal(renewed.caFingerprintSha256, first.caFingerprintSha256);
    const leaf = new X509Certificate(renewed.cert);
    assert.ok(leaf.checkIssued(new X509Certificate(renewed.ca ?? "")));
    assert.ok(leaf.validFromDate.getTime() <= nearExpiry.getTime());
    assert.ok(leaf.validToDate.getTime() > nearExpiry.getTime() + 390 * DAY);
    assert.equal(await mode(tlsFile("server-key.pem")), 0o600);
  });

  test("the server certificate is re-issued when the wanted names change", async () => {
    const first = await loadTlsMaterial({ dataDir, hostnames: ["a.pos.example"] });
    const second = await loadTlsMaterial({ dataDir, hostnames: ["a.pos.example", "b.pos.example"] });
    assert.notEqual(second.cert, first.cert);
    assert.equal(second.caFingerprintSha256, first.caFingerprintSha256);
    assert.equal(new X509Certificate(second.cert).checkHost("b.pos.example"), "b.pos.example");
    // Dropping a name re-issues too: the certificate should not keep vouching for it.
    const third = await loadTlsMaterial({ dataDir, hostnames: ["b.pos.example"] });
    assert.equal(new X509Certificate(third.cert).checkHost("a.pos.example"), undefined);
  });

  test("a server certificate not issued by the current CA is replaced", async () => {
    await loadTlsMaterial({ dataDir });
    const foreignCa = await createLocalCa({ now: new Date(), hostname: "elsewhere" });
    const foreign = await issueServerCertificate({
      caCertPem: foreignCa.certPem,
      caKeyPem: foreignCa.keyPem,
      names: collectSubjectAltNames([]),
      now: new Date(),
    });
    await writeFile(tlsFile("server.pem"), foreign.certPem);
    await writeFile(tlsFile("server-key.pem"), foreign.keyPem);
    const material = await loadTlsMaterial({ dataDir });
    assert.notEqual(material.cert, foreign.certPem);
    assert.ok(new X509Certificate(material.cert).checkIssued(new X509Certificate(material.ca ?? "")));
  });

  test("a CA that expires within 30 days is replaced and reported as generated", async () => {
    const t0 = new Date();
    const first = await loadTlsMaterial({ dataDir, now: t0 });
    const ca = new X509Certificate(first.ca ?? "");
    const renewed = await loadTlsMaterial({ dataDir, now: new Date(ca.validToDate.getTime() - 10 * DAY) });
    assert.equal(renewed.generated, true);
    assert.notEqual(renewed.caFingerprintSha256, first.caFingerprintSha256);
    assert.ok(new X509Certificate(renewed.cert).checkIssued(new X509Certificate(renewed.ca ?? "")));
  });

  test("a server certificate never outlives its CA", async () => {
    const t0 = new Date();
    const first = await loadTlsMaterial({ dataDir, now: t0 });
    const caEnd = new X509Certificate(first.ca ?? "").validToDate;
    // 100 days before the CA's end the server certificate must be cut short, not run 397 days.
    const late = await loadTlsMaterial({ dataDir, now: new Date(caEnd.getTime() - 100 * DAY) });
    assert.equal(late.generated, false);
    assert.ok(new X509Certificate(late.cert).validToDate.getTime() <= caEnd.getTime());
  });

  test("a damaged CA stops the start with a clear error instead of being overwritten", async () => {
    await loadTlsMaterial({ dataDir });
    await writeFile(tlsFile("ca.pem"), "not a certificate");
    await assert.rejects(loadTlsMaterial({ dataDir }), (error: unknown) => {
      assert.ok(error instanceof TlsError);
      assert.equal(error.code, "TLS_LOCAL_CA_INVALID");
      assert.match(error.message, /ca\.pem/);
      return true;
    });
  });

  test("a CA key that does not belong to ca.pem is refused", async () => {
    await loadTlsMaterial({ dataDir });
    const other = await createLocalCa({ now: new Date(), hostname: "x" });
    await writeFile(tlsFile("ca-key.pem"), other.keyPem);
    await assert.rejects(loadTlsMaterial({ dataDir }), { code: "TLS_LOCAL_CA_INVALID" });
  });

  test("an invalid extra host name is refused", async () => {
    await assert.rejects(loadTlsMaterial({ dataDir, hostnames: ["bad host!"] }), {
      code: "TLS_INVALID_HOSTNAME",
      message: /bad host!/,
    });
  });
});

describe("operator certificate", () => {
  /** Writes a certificate/key pair as an operator would get it from their own CA. */
  async function operatorPair(opts: { now: Date; mismatchKey?: boolean }) {
    const ca = await createLocalCa({ now: opts.now, hostname: "operator-ca" });
    const names = { dns: ["pos.example.com"], ip: [] };
    const pair = await issueServerCertificate({ caCertPem: ca.certPem, caKeyPem: ca.keyPem, names, now: opts.now });
    const other = await issueServerCertificate({ caCertPem: ca.certPem, caKeyPem: ca.keyPem, names, now: opts.now });
    const certFile = join(dataDir, "fullchain.pem");
    const keyFile = join(dataDir, "privkey.pem");
    await writeFile(certFile, pair.certPem + ca.certPem);
    await writeFile(keyFile, opts.mismatchKey ? other.keyPem : pair.keyPem, { mode: 0o600 });
    return { certFile, keyFile, pair };
  }

  test("a valid pair is returned as is and nothing is generated", async () => {
    const { certFile, keyFile, pair } = await operatorPair({ now: new Date() });
    const material = await loadTlsMaterial({ dataDir, certFile, keyFile });
    assert.equal(material.source, "operator");
    assert.equal(material.generated, false);
    assert.equal(material.key, pair.keyPem);
    assert.ok(material.cert.startsWith(pair.certPem), "chain kept, leaf first");
    assert.equal(material.ca, undefined);
    await assert.rejects(stat(join(dataDir, "tls")), { code: "ENOENT" });
  });

  test("a key that does not match the certificate is refused, naming both files", async () => {
    const { certFile, keyFile } = await operatorPair({ now: new Date(), mismatchKey: true });
    await assert.rejects(loadTlsMaterial({ dataDir, certFile, keyFile }), (error: unknown) => {
      assert.ok(error instanceof TlsError);
      assert.equal(error.code, "TLS_KEY_MISMATCH");
      assert.ok(error.message.includes(keyFile) && error.message.includes(certFile), error.message);
      return true;
    });
  });

  test("an expired certificate is refused with its expiry date", async () => {
    const { certFile, keyFile } = await operatorPair({ now: new Date(Date.now() - 800 * DAY) });
    await assert.rejects(loadTlsMaterial({ dataDir, certFile, keyFile }), (error: unknown) => {
      assert.ok(error instanceof TlsError);
      assert.equal(error.code, "TLS_CERT_EXPIRED");
      assert.ok(error.message.includes(certFile), error.message);
      assert.match(error.message, /expired on \d{4}-\d\d-\d\d/);
      return true;
    });
  });

  test("a certificate not yet valid is refused", async () => {
    const { certFile, keyFile } = await operatorPair({ now: new Date(Date.now() + 10 * DAY) });
    await assert.rejects(loadTlsMaterial({ dataDir, certFile, keyFile }), { code: "TLS_CERT_NOT_YET_VALID" });
  });

  test("missing, garbage and half-configured files give errors naming the file", async () => {
    const { certFile, keyFile } = await operatorPair({ now: new Date() });
    const missing = join(dataDir, "nope.pem");
    await assert.rejects(loadTlsMaterial({ dataDir, certFile: missing, keyFile }), {
      code: "TLS_FILE_UNREADABLE",
      message: new RegExp(`${missing}.*ENOENT`),
    });
    const garbage = join(dataDir, "garbage.pem");
    await writeFile(garbage, "hello");
    await assert.rejects(loadTlsMaterial({ dataDir, certFile: garbage, keyFile }), {
      code: "TLS_CERT_INVALID",
      message: new RegExp(garbage),
    });
    await assert.rejects(loadTlsMaterial({ dataDir, certFile, keyFile: garbage }), {
      code: "TLS_KEY_INVALID",
      message: new RegExp(garbage),
    });
    await assert.rejects(loadTlsMaterial({ dataDir, certFile }), { code: "TLS_CONFIG_INCOMPLETE" });
  });
});
