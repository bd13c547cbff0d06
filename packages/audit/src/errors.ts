/**
 * Stable codes for audit failures. Expected verification outcomes (a tampered trail) are not
 * errors: `verifyAudit` returns them as a value.
 */
export type AuditErrorCode =
  /** The entry given to `appendAuditEntry` has the wrong shape, is too large or looks like it holds card data. */
  | "ENTRY_INVALID"
  /** No chain lane could be taken (the audit migration has not run). */
  | "LANE_UNAVAILABLE"
  /** The signing key in AUDIT_SIGNING_KEY or the key file is not an Ed25519 PKCS#8 private key. */
  | "SIGNING_KEY_INVALID"
  /** The key file can be read by other users, or neither a key nor a data directory was given. */
  | "SIGNING_KEY_UNAVAILABLE"
  /** A public key given to the verifier is not an Ed25519 SPKI public key. */
  | "PUBLIC_KEY_INVALID"
  /** `limit`, `starting_after` or a filter of a list call is malformed. */
  | "LIST_PARAMS_INVALID";

/** The base error of the audit package. Messages never contain key material or entry details. */
export class AuditError extends Error {
  readonly code: AuditErrorCode;
  constructor(code: AuditErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AuditError";
    this.code = code;
  }
}
