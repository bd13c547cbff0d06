// Hand-written from ANSI X9.24-3-2017 (AES DUKPT): no maintained JS library implements it against
// the standard's published vectors.
/**
 * Key types of ANSI X9.24-3-2017 AES DUKPT (6.2.2; their algorithm indicator and key length in
 * the derivation data, 6.3.2 Tables 2-3). `strength` orders them: a working key may not be stronger
 * than the derivation key it comes from (6.1.3), so an AES-128 BDK can give TDES keys but no AES-256.
 */
export const AES_DUKPT_KEY_TYPES = {
  TDES2: { algorithm: 0x0000, bits: 128, strength: 80 },
  TDES3: { algorithm: 0x0001, bits: 192, strength: 112 },
  AES128: { algorithm: 0x0002, bits: 128, strength: 128 },
  AES192: { algorithm: 0x0003, bits: 192, strength: 192 },
  AES256: { algorithm: 0x0004, bits: 256, strength: 256 },
} as const;

/** A key type an AES DUKPT working key can have. */
export type AesDukptKeyType = keyof typeof AES_DUKPT_KEY_TYPES;

/** The key types a BDK, initial key or transaction (derivation) key can have: AES only. */
export type AesDukptDerivationKeyType = "AES128" | "AES192" | "AES256";

/**
 * Key usage indicators of X9.24-3-2017 6.3.2 (Tables 2-3), the 16-bit value in bytes 2-3 of the
 * derivation data that binds each working key to one use.
 * - `keyEncryption`: key encryption key (0x0002)
 * - `pinEncryption`: PIN encryption (0x1000)
 * - `macGeneration` / `macVerification` / `macBothWays`: MAC keys (0x2000 / 0x2001 / 0x2002)
 * - `dataEncryptionEncrypt` / `dataEncryptionDecrypt` / `dataEncryptionBothWays`: data keys
 *   (0x3000 / 0x3001 / 0x3002); "encrypt" is the key the originating device encrypts with (the host
 *   decrypts request data with it), "decrypt" the key it decrypts with (the host encrypts responses).
 * - `keyDerivation`: a derivation key handed to another process (0x8000)
 */
export const AES_DUKPT_KEY_USAGES = {
  keyEncryption: 0x0002,
  pinEncryption: 0x1000,
  macGeneration: 0x2000,
  macVerification: 0x2001,
  macBothWays: 0x2002,
  dataEncryptionEncrypt: 0x3000,
  dataEncryptionDecrypt: 0x3001,
  dataEncryptionBothWays: 0x3002,
  keyDerivation: 0x8000,
} as const;

/** A use an AES DUKPT working key is derived for. */
export type AesDukptKeyUsage = keyof typeof AES_DUKPT_KEY_USAGES;

/** Usage indicator of the intermediate derivation keys (X9.24-3-2017 6.3.2). */
export const KEY_DERIVATION = 0x8000;

/** Usage indicator of the initial key derived from the BDK (X9.24-3-2017 6.3.2). */
export const KEY_DERIVATION_INITIAL_KEY = 0x8001;

/** The derivation key type of an AES key, by its length. */
export function derivationKeyTypeOf(key: Buffer): AesDukptDerivationKeyType {
  return key.length === 16 ? "AES128" : key.length === 24 ? "AES192" : "AES256";
}
