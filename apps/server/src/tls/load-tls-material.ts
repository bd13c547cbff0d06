import { ensureLocalCertificates } from "./ensure-local-certificates.ts";
import { TlsError } from "./errors.ts";
import { loadOperatorCertificate } from "./load-operator-certificate.ts";

/** What the HTTPS server needs to listen, and what it should print so a phone can trust it. */
export interface TlsMaterial {
  /** PEM private key of the server certificate. */
  key: string;
  /** PEM server certificate (for an operator certificate, the file as given, chain included). */
  cert: string;
  /** PEM certificate of the local CA; absent for an operator certificate. */
  ca?: string;
  /** Where `ca` is stored, for the operator to copy to phones. */
  caPath?: string;
  /** SHA-256 fingerprint of the local CA as browsers and phones show it (`AB:CD:…`), to compare on install. */
  caFingerprintSha256?: string;
  /** True when a new local CA was created by this call, i.e. phones must install `ca.pem` (again). */
  generated: boolean;
  source: "operator" | "local-ca";
}

/**
 * Gets the server's TLS key and certificate so it can serve HTTPS by default. With `certFile` and `keyFile`
 * (the operator's certificate) both are read and checked; otherwise a local CA and a server certificate for
 * this machine's names are created under `<dataDir>/tls/` on first start and reused or renewed afterwards.
 * Throws `TlsError` with a message naming the file and the problem; there is no plain-HTTP fallback.
 */
export async function loadTlsMaterial(opts: {
  dataDir: string;
  certFile?: string;
  keyFile?: string;
  hostnames?: string[];
  now?: Date;
}): Promise<TlsMaterial> {
  const now = opts.now ?? new Date();
  const { certFile, keyFile } = opts;
  if (certFile !== undefined || keyFile !== undefined) {
    // Half a configuration must not quietly fall back to a self-made certificate the operator did not expect.
    if (!certFile || !keyFile) {
      throw new TlsError(
        "TLS_CONFIG_INCOMPLETE",
        `TLS needs both a certificate file and a key file; only the ${certFile ? "certificate" : "key"} file was given`,
      );
    }
    return loadOperatorCertificate({ certFile, keyFile, now });
  }
  return ensureLocalCertificates({ dataDir: opts.dataDir, hostnames: opts.hostnames ?? [], now });
}
