import { createPrivateKey } from "node:crypto";
import { canonicalIp, type SubjectAltNames } from "./collect-subject-alt-names.ts";
import { BACKDATE_MS, exportPrivateKeyPem, type IssuedPair, randomSerial, toPemFile } from "./create-local-ca.ts";
import { crypto, EC_P256, ECDSA_SHA256, x509 } from "./x509.ts";

/** Browsers reject leaf certificates valid longer than 398 days; one day of margin. */
export const SERVER_CERT_DAYS = 397;

/**
 * Issues a TLS server certificate signed by the local CA: a fresh ECDSA P-256 key, serverAuth only, the given
 * SANs, valid at most 397 days and never beyond the CA itself (a chain is only as valid as its shortest link).
 */
export async function issueServerCertificate(opts: {
  caCertPem: string;
  caKeyPem: string;
  names: SubjectAltNames;
  now: Date;
}): Promise<IssuedPair> {
  const caCert = new x509.X509Certificate(opts.caCertPem);
  const caKey = await crypto.subtle.importKey(
    "pkcs8",
    createPrivateKey(opts.caKeyPem).export({ type: "pkcs8", format: "der" }),
    EC_P256,
    false,
    ["sign"],
  );
  const keys = await crypto.subtle.generateKey(EC_P256, true, ["sign", "verify"]);

  const notBefore = new Date(opts.now.getTime() - BACKDATE_MS);
  const wanted = notBefore.getTime() + SERVER_CERT_DAYS * 24 * 60 * 60 * 1000;
  const notAfter = new Date(Math.min(wanted, caCert.notAfter.getTime()));

  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: `O=Enclave POS, CN=${opts.names.dns.find((n) => n !== "localhost") ?? "localhost"}`,
      issuer: caCert.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: caKey,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        // ECDHE key exchange only needs the certificate key to sign the handshake.
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        new x509.SubjectAlternativeNameExtension(
          [
            ...opts.names.dns.map((value) => ({ type: "dns" as const, value })),
            ...opts.names.ip.map((value) => ({ type: "ip" as const, value })),
          ],
          false,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(caCert, false, crypto),
      ],
    },
    crypto,
  );
  return { certPem: toPemFile(cert), keyPem: exportPrivateKeyPem(keys.privateKey) };
}

/** The SANs a certificate carries, in the same canonical shape as `collectSubjectAltNames`. */
export function readSubjectAltNames(certPem: string): SubjectAltNames {
  const ext = new x509.X509Certificate(certPem).getExtension(x509.SubjectAlternativeNameExtension);
  const dns: string[] = [];
  const ip: string[] = [];
  for (const name of ext?.names.items ?? []) {
    if (name.type === "dns") dns.push(name.value.toLowerCase());
    else if (name.type === "ip") ip.push(canonicalIp(name.value));
  }
  return { dns: dns.sort(), ip: ip.sort() };
}
