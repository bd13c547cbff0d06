// Hand-written from ANSI X9.143-2021 / ASC X9 TR-31:2018: no maintained JS library carries these
// header field definitions.
/**
 * Key usages of ANSI X9.143-2021 / TR-31:2018 (header field "key usage") that this package
 * accepts, with the modes of use and algorithms each may be combined with. Mode `N` ("no special
 * restrictions") is accepted with every usage. Usages outside this table — including the numeric,
 * proprietary ones — are refused: a key whose purpose we cannot name cannot be checked.
 */
export const TR31_KEY_USAGES = {
  B0: { meaning: "BDK (base derivation key)", modes: "X", algorithms: "TA" },
  B1: { meaning: "initial DUKPT key", modes: "X", algorithms: "TA" },
  B2: { meaning: "base key variant key", modes: "X", algorithms: "T" },
  B3: { meaning: "key derivation key (non-X9.24)", modes: "X", algorithms: "TAH" },
  C0: { meaning: "card verification key", modes: "CGV", algorithms: "T" },
  D0: { meaning: "symmetric data encryption key", modes: "BDE", algorithms: "TA" },
  D1: { meaning: "asymmetric data encryption key", modes: "BDE", algorithms: "RE" },
  D2: { meaning: "decimalization table data encryption key", modes: "BDE", algorithms: "TA" },
  D3: { meaning: "sensitive data encryption key", modes: "BDE", algorithms: "TA" },
  E0: { meaning: "EMV issuer master key: application cryptograms", modes: "X", algorithms: "TA" },
  E1: { meaning: "EMV issuer master key: secure messaging for confidentiality", modes: "X", algorithms: "TA" },
  E2: { meaning: "EMV issuer master key: secure messaging for integrity", modes: "X", algorithms: "TA" },
  E3: { meaning: "EMV issuer master key: data authentication code", modes: "X", algorithms: "TA" },
  E4: { meaning: "EMV issuer master key: dynamic numbers", modes: "X", algorithms: "TA" },
  E5: { meaning: "EMV issuer master key: card personalization", modes: "X", algorithms: "TA" },
  E6: { meaning: "EMV issuer master key: other", modes: "X", algorithms: "TA" },
  I0: { meaning: "initialization vector", modes: "N", algorithms: "TA" },
  K0: { meaning: "key encryption or wrapping key", modes: "BDE", algorithms: "TA" },
  K1: { meaning: "TR-31 key block protection key", modes: "BDE", algorithms: "TA" },
  K2: { meaning: "TR-34 asymmetric key", modes: "BDE", algorithms: "R" },
  K3: { meaning: "asymmetric key for key agreement or wrapping", modes: "BDEX", algorithms: "RE" },
  M0: { meaning: "ISO 16609 MAC algorithm 1 key", modes: "CGV", algorithms: "T" },
  M1: { meaning: "ISO 9797-1 MAC algorithm 1 key", modes: "CGV", algorithms: "T" },
  M2: { meaning: "ISO 9797-1 MAC algorithm 2 key", modes: "CGV", algorithms: "T" },
  M3: { meaning: "ISO 9797-1 MAC algorithm 3 key (retail MAC)", modes: "CGV", algorithms: "T" },
  M4: { meaning: "ISO 9797-1 MAC algorithm 4 key", modes: "CGV", algorithms: "T" },
  M5: { meaning: "ISO 9797-1:1999 MAC algorithm 5 key", modes: "CGV", algorithms: "TA" },
  M6: { meaning: "ISO 9797-1:2011 MAC algorithm 5 (CMAC) key", modes: "CGV", algorithms: "TA" },
  M7: { meaning: "HMAC key", modes: "CGV", algorithms: "H" },
  M8: { meaning: "ISO 9797-1:2011 MAC algorithm 6 key", modes: "CGV", algorithms: "TA" },
  P0: { meaning: "PIN encryption key", modes: "BDE", algorithms: "TA" },
  S0: { meaning: "asymmetric key pair for digital signature", modes: "SV", algorithms: "RES" },
  S1: { meaning: "asymmetric key pair, CA key", modes: "SV", algorithms: "RES" },
  S2: { meaning: "asymmetric key pair, non-X9.24 key", modes: "BDESTV", algorithms: "RES" },
  V0: { meaning: "PIN verification key, other algorithm", modes: "CGV", algorithms: "TA" },
  V1: { meaning: "PIN verification key, IBM 3624", modes: "CGV", algorithms: "T" },
  V2: { meaning: "PIN verification key, VISA PVV", modes: "CGV", algorithms: "T" },
  V3: { meaning: "PIN verification key, X9.132 algorithm 1", modes: "CGV", algorithms: "TA" },
  V4: { meaning: "PIN verification key, X9.132 algorithm 2", modes: "CGV", algorithms: "TA" },
} as const;

/** A TR-31 key usage this package accepts. */
export type Tr31KeyUsage = keyof typeof TR31_KEY_USAGES;

/**
 * Algorithms (header field "algorithm", X9.143-2021) this package accepts. `D` (single DES) is refused: it is
 * brute-forceable and X9.143 keeps it only for legacy.
 */
export const TR31_ALGORITHMS = {
  A: "AES",
  E: "elliptic curve",
  H: "HMAC",
  R: "RSA",
  S: "DSA",
  T: "TDEA",
} as const;

/** A TR-31 algorithm this package accepts. */
export type Tr31Algorithm = keyof typeof TR31_ALGORITHMS;

/** Modes of use (header field "mode of use", X9.143-2021). */
export const TR31_MODES_OF_USE = {
  B: "encrypt/wrap and decrypt/unwrap",
  C: "generate and verify (MAC)",
  D: "decrypt/unwrap only",
  E: "encrypt/wrap only",
  G: "generate only (MAC)",
  N: "no special restrictions",
  S: "signature only",
  T: "sign and decrypt",
  V: "verify only",
  X: "key derivation",
  Y: "create key variants",
} as const;

/** A TR-31 mode of use. */
export type Tr31ModeOfUse = keyof typeof TR31_MODES_OF_USE;

/** Exportability (header field "exportability", X9.143-2021). */
export const TR31_EXPORTABILITY = {
  E: "exportable under a KEK in a form meeting X9.24",
  N: "non-exportable",
  S: "sensitive: exportable under a KEK in a form not necessarily meeting X9.24",
} as const;

/** A TR-31 exportability value. */
export type Tr31Exportability = keyof typeof TR31_EXPORTABILITY;

/**
 * Key block versions (X9.143-2021, TR-31:2018): A (TDES, key variant binding; deprecated), B (TDES,
 * key derivation binding), C (TDES, key variant binding), D (AES, key derivation binding).
 */
export type Tr31Version = "A" | "B" | "C" | "D";

/** One optional header block: a two-character ID and its printable-ASCII data. */
export type Tr31OptionalBlock = { readonly id: string; readonly data: string };

/** The decoded header of a TR-31 key block. */
export type Tr31Header = {
  readonly versionId: Tr31Version;
  readonly keyUsage: Tr31KeyUsage;
  readonly algorithm: Tr31Algorithm;
  readonly modeOfUse: Tr31ModeOfUse;
  /** "00" for none, two alphanumerics, or "c" and a digit for a key component. */
  readonly keyVersionNumber: string;
  readonly exportability: Tr31Exportability;
  readonly optionalBlocks: readonly Tr31OptionalBlock[];
};

/** Cipher block size of each version's KBPK algorithm, in bytes. */
export const TR31_BLOCK_SIZE: Readonly<Record<Tr31Version, number>> = { A: 8, B: 8, C: 8, D: 16 };

/** MAC length of each version, in bytes (4 for A/C, 8 for B, 16 for D). */
export const TR31_MAC_LENGTH: Readonly<Record<Tr31Version, number>> = { A: 4, B: 8, C: 4, D: 16 };
