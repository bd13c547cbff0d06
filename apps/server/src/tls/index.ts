export { TlsError, type TlsErrorCode } from "./errors.ts";
export { loadTlsMaterial, type TlsMaterial } from "./load-tls-material.ts";
export { TLS_OPTIONS } from "./tls-options.ts";
