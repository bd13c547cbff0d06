/** TLS 1.3 suites, listed explicitly: Node disables TLS 1.3 when a `ciphers` string names no TLS 1.3 suite. */
const TLS13_SUITES = ["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"];

/**
 * TLS 1.2 suites: forward-secret (ECDHE) and AEAD only; no CBC (Lucky13/POODLE family), no static RSA key
 * exchange (no forward secrecy), no SHA-1 MACs. ECDSA first because the local CA issues P-256 certificates;
 * the RSA variants stay for operators who bring an RSA certificate.
 */
const TLS12_SUITES = [
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-RSA-CHACHA20-POLY1305",
  "ECDHE-RSA-AES128-GCM-SHA256",
];

/**
 * Options to spread into `https.createServer` / `tls.createServer` (or Fastify's `https`): TLS 1.2 as the
 * floor (PCI DSS 4.2.1 forbids SSL and early TLS), AEAD-only suites for TLS 1.2, the standard TLS 1.3 suites,
 * and the server's cipher preference so a client cannot steer the handshake to its weakest offer.
 */
export const TLS_OPTIONS = Object.freeze({
  minVersion: "TLSv1.2",
  ciphers: [...TLS13_SUITES, ...TLS12_SUITES].join(":"),
  honorCipherOrder: true,
  ecdhCurve: "X25519:P-256:P-384",
} as const);
