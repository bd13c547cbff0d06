/**
 * Stable codes for TLS set-up failures. The server refuses to start on any of them rather than fall back to
 * plain HTTP: a point of sale must never serve its API unencrypted.
 */
export type TlsErrorCode =
  | "TLS_FILE_UNREADABLE"
  | "TLS_CERT_INVALID"
  | "TLS_KEY_INVALID"
  | "TLS_KEY_MISMATCH"
  | "TLS_CERT_EXPIRED"
  | "TLS_CERT_NOT_YET_VALID"
  | "TLS_CONFIG_INCOMPLETE"
  | "TLS_INVALID_HOSTNAME"
  | "TLS_LOCAL_CA_INVALID";

/** The error thrown when the server cannot obtain usable TLS material; `message` names the file and the problem. */
export class TlsError extends Error {
  readonly code: TlsErrorCode;
  constructor(code: TlsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TlsError";
    this.code = code;
  }
}
