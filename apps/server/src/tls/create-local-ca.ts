import { KeyObject } from "node:crypto";
import { crypto, EC_P256, ECDSA_SHA256, x509 } from "./x509.ts";

/** A freshly made certificate and its private key, both PEM. */
export interface IssuedPair {
  certPem: string;
  keyPem: string;
}

/** Back-dating absorbs a phone whose clock runs a little behind the server's. */
export const BACKDATE_MS = 60 * 60 * 1000;

/**
 * Creates the machine's own certification authority: ECDSA P-256, valid 10 years, CA:true with path length 0
 * (it may sign server certificates but no intermediate CA) and key usage limited to signing certificates and
 * CRLs. Its certificate is what a phone installs once; its key never leaves `<dataDir>/tls/`.
 */
export async function createLocalCa(opts: { now: Date; hostname: string }): Promise<IssuedPair> {
  const keys = await crypto.subtle.generateKey(EC_P256, true, ["sign", "verify"]);
  const notBefore = new Date(opts.now.getTime() - BACKDATE_MS);
  const notAfter = new Date(opts.now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);

  // The host name and date in the CN tell an operator which installed profile on a phone belongs to which
  // server; anything outside a safe character set is dropped so it cannot break the distinguished name.
  const host = opts.hostname.replace(/[^A-Za-z0-9.-]/g, "").slice(0, 40) || "server";
  const day = opts.now.toISOString().slice(0, 10);

  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: `O=Enclave POS, CN=Enclave POS local CA ${host} ${day}`,
      notBefore,
      notAfter,
      keys,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return { certPem: toPemFile(cert), keyPem: exportPrivateKeyPem(keys.privateKey) };
}

/**
 * A positive 128-bit random serial: unpredictable serials are what the CA/Browser Forum requires, and the
 * top bit is cleared so the DER INTEGER is not read as negative.
 */
export function randomSerial(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString("hex");
}

/** PKCS#8 PEM, the format `tls.createSecureContext` and OpenSSL tools read. */
export function exportPrivateKeyPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: "pkcs8", format: "pem" }).toString();
}

/** PEM with a final newline, so files concatenate into valid bundles (`cat server.pem ca.pem`). */
export function toPemFile(cert: { toString(format: "pem"): string }): string {
  const pem = cert.toString("pem");
  return pem.endsWith("\n") ? pem : `${pem}\n`;
}
