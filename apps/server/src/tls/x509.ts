// @peculiar/x509 resolves its ASN.1 parsers through tsyringe, which throws at import time unless a Reflect
// metadata polyfill is loaded first; ES modules evaluate imports in order, so this import must stay first.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

/**
 * Node's WebCrypto, typed as the DOM `Crypto` @peculiar/x509 expects. It is passed explicitly to every call
 * instead of set as the library's global provider, so nothing here mutates shared module state.
 */
export const crypto = webcrypto as unknown as Crypto;

/** ECDSA P-256 key generation parameters (the key type every browser and phone accepts for TLS). */
export const EC_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;

/** ECDSA with SHA-256 signature parameters for certificates. */
export const ECDSA_SHA256 = { name: "ECDSA", hash: "SHA-256" } as const;

export { x509 };
