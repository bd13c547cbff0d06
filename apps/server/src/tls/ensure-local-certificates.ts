import { createPrivateKey, X509Certificate } from "node:crypto";
import { chmod, mkdir, readFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { collectSubjectAltNames, type SubjectAltNames, sameNames } from "./collect-subject-alt-names.ts";
import { createLocalCa } from "./create-local-ca.ts";
import { TlsError } from "./errors.ts";
import { issueServerCertificate, readSubjectAltNames } from "./issue-server-certificate.ts";
import type { TlsMaterial } from "./load-tls-material.ts";
import { writeFileAtomic } from "./write-file-atomic.ts";

/** Renew (the server certificate, or the CA itself) once less than this is left. */
export const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

const PRIVATE_FILE = 0o600;
const PUBLIC_FILE = 0o644;
const PRIVATE_DIR = 0o700;

/** File names under `<dataDir>/tls/`; `ca.pem` is the one to copy to phones. */
export const TLS_FILES = {
  caCert: "ca.pem",
  caKey: "ca-key.pem",
  cert: "server.pem",
  key: "server-key.pem",
} as const;

/**
 * Makes sure `<dataDir>/tls/` holds a local CA and a current server certificate for this machine's names,
 * creating or re-issuing what is missing, near expiry or for other names. The CA is kept across starts so a
 * phone installs it once; the server certificate is disposable and re-issued silently. `generated` is true
 * only when a new CA was created, the one case where phones need to install `ca.pem` again.
 */
export async function ensureLocalCertificates(opts: {
  dataDir: string;
  hostnames?: readonly string[];
  now: Date;
}): Promise<TlsMaterial> {
  const { now } = opts;
  const dir = join(opts.dataDir, "tls");
  const path = {
    caCert: join(dir, TLS_FILES.caCert),
    caKey: join(dir, TLS_FILES.caKey),
    cert: join(dir, TLS_FILES.cert),
    key: join(dir, TLS_FILES.key),
  };
  // The directory holds the CA key: only the server's own user may list or enter it. chmod also tightens a
  // directory that already existed with looser permissions.
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
  await chmod(dir, PRIVATE_DIR);

  const names = collectSubjectAltNames(opts.hostnames);

  let ca = await readLocalCa(path.caCert, path.caKey);
  let generated = false;
  if (ca === undefined || ca.cert.validToDate.getTime() - now.getTime() < RENEW_BEFORE_MS) {
    const made = await createLocalCa({ now, hostname: os.hostname() });
    // Key first: a crash between the two writes leaves a key without its certificate, which the next start
    // treats as "no CA" and replaces, instead of a certificate whose key is lost.
    await writeFileAtomic(path.caKey, made.keyPem, PRIVATE_FILE);
    await writeFileAtomic(path.caCert, made.certPem, PUBLIC_FILE);
    ca = { certPem: made.certPem, keyPem: made.keyPem, cert: new X509Certificate(made.certPem) };
    generated = true;
  } else {
    // The key may have been copied or restored with looser permissions.
    await chmod(path.caKey, PRIVATE_FILE);
  }

  let server = generated ? undefined : await readServerCertificate(path.cert, path.key);
  if (server === undefined || needsReissue(server, ca.cert, names, now)) {
    const issued = await issueServerCertificate({ caCertPem: ca.certPem, caKeyPem: ca.keyPem, names, now });
    await writeFileAtomic(path.key, issued.keyPem, PRIVATE_FILE);
    await writeFileAtomic(path.cert, issued.certPem, PUBLIC_FILE);
    server = { certPem: issued.certPem, keyPem: issued.keyPem, cert: new X509Certificate(issued.certPem) };
  } else {
    await chmod(path.key, PRIVATE_FILE);
  }

  return {
    key: server.keyPem,
    cert: server.certPem,
    ca: ca.certPem,
    caPath: path.caCert,
    caFingerprintSha256: ca.cert.fingerprint256,
    generated,
    source: "local-ca",
  };
}

interface StoredPair {
  certPem: string;
  keyPem: string;
  cert: X509Certificate;
}

/**
 * Reads the CA; `undefined` when either file is missing (nothing usable to keep). Files that exist but do not
 * parse or do not belong together throw instead of being overwritten: a CA phones already trust is not
 * silently replaced, and tampering should stop the start-up, not be papered over.
 */
async function readLocalCa(certPath: string, keyPath: string): Promise<StoredPair | undefined> {
  const certPem = await readIfExists(certPath);
  const keyPem = await readIfExists(keyPath);
  if (certPem === undefined || keyPem === undefined) return undefined;
  const advice = `delete ${certPath} and ${keyPath} to create a new local CA (phones must then install the new ca.pem)`;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) throw new Error("key does not match");
  } catch (cause) {
    throw new TlsError("TLS_LOCAL_CA_INVALID", `Local CA in ${certPath} / ${keyPath} is unusable; ${advice}`, {
      cause,
    });
  }
  if (!cert.ca) throw new TlsError("TLS_LOCAL_CA_INVALID", `${certPath} is not a CA certificate; ${advice}`);
  return { certPem, keyPem, cert };
}

/** Reads the server pair; `undefined` when missing or unreadable, since it can always be re-issued. */
async function readServerCertificate(certPath: string, keyPath: string): Promise<StoredPair | undefined> {
  const certPem = await readIfExists(certPath);
  const keyPem = await readIfExists(keyPath);
  if (certPem === undefined || keyPem === undefined) return undefined;
  try {
    const cert = new X509Certificate(certPem);
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return undefined;
    return { certPem, keyPem, cert };
  } catch {
    return undefined;
  }
}

function needsReissue(server: StoredPair, ca: X509Certificate, names: SubjectAltNames, now: Date): boolean {
  // Issued by a CA other than the current one (e.g. the CA was renewed): phones would not trust it.
  if (!server.cert.checkIssued(ca) || !server.cert.verify(ca.publicKey)) return true;
  if (server.cert.validToDate.getTime() - now.getTime() < RENEW_BEFORE_MS) return true;
  if (server.cert.validFromDate.getTime() > now.getTime()) return true;
  // A new address or host name would fail the browser's name check on the phone.
  return !sameNames(readSubjectAltNames(server.certPem), names);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new TlsError("TLS_FILE_UNREADABLE", `Cannot read ${path} (${(error as NodeJS.ErrnoException).code})`, {
      cause: error,
    });
  }
}
