import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { TlsError } from "./errors.ts";
import type { TlsMaterial } from "./load-tls-material.ts";

/**
 * Loads the operator's own certificate (e.g. from an ACME client) and refuses to start with one that would
 * fail every handshake: the key must belong to the certificate and the certificate must be valid `now`.
 * `certFile` may hold the full chain (leaf first), which is passed on as is.
 */
export async function loadOperatorCertificate(opts: {
  certFile: string;
  keyFile: string;
  now: Date;
}): Promise<TlsMaterial> {
  const { certFile, keyFile, now } = opts;
  const cert = await readText(certFile, "certificate");
  const key = await readText(keyFile, "private key");

  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch (cause) {
    throw new TlsError("TLS_CERT_INVALID", `TLS certificate file ${certFile} does not hold a PEM certificate`, {
      cause,
    });
  }

  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (cause) {
    // Encrypted keys land here too: the server has no way to ask for a passphrase at start.
    throw new TlsError(
      "TLS_KEY_INVALID",
      `TLS private key file ${keyFile} does not hold an unencrypted PEM private key`,
      { cause },
    );
  }

  // A key that does not match would make every handshake fail; say so at start, naming both files.
  if (!leaf.checkPrivateKey(privateKey)) {
    throw new TlsError(
      "TLS_KEY_MISMATCH",
      `TLS private key file ${keyFile} does not match the certificate in ${certFile} (subject ${leaf.subject})`,
    );
  }
  if (leaf.validToDate.getTime() <= now.getTime()) {
    throw new TlsError(
      "TLS_CERT_EXPIRED",
      `TLS certificate file ${certFile} expired on ${leaf.validToDate.toISOString()}; renew it`,
    );
  }
  if (leaf.validFromDate.getTime() > now.getTime()) {
    throw new TlsError(
      "TLS_CERT_NOT_YET_VALID",
      `TLS certificate file ${certFile} is not valid before ${leaf.validFromDate.toISOString()}; check the clock`,
    );
  }

  return { key, cert, generated: false, source: "operator" };
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? "unknown error";
    throw new TlsError("TLS_FILE_UNREADABLE", `Cannot read TLS ${what} file ${path} (${code})`, { cause });
  }
}
