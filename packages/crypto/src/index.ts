// The public API of @enclave/crypto: payment cryptography written from the standards on node:crypto
// primitives (see docs/crypto.md). Everything is a pure function of its inputs except the two DUKPT
// host factories, which hold a bounded key cache.

export {
  AES_DUKPT_KEY_TYPES,
  AES_DUKPT_KEY_USAGES,
  type AesDukptDerivationKeyType,
  type AesDukptKeyType,
  type AesDukptKeyUsage,
} from "./aes-dukpt-tables.ts";
export {
  type AesDukptTransaction,
  type BeginAesDukptTransactionOptions,
  beginAesDukptTransaction,
} from "./begin-aes-dukpt-transaction.ts";
export {
  type BeginTdesDukptTransactionOptions,
  beginTdesDukptTransaction,
  type TdesDukptTransaction,
} from "./begin-tdes-dukpt-transaction.ts";
export type { DukptCounterRule } from "./check-dukpt-counter.ts";
export { type ComputeAesCmacOptions, computeAesCmac } from "./compute-aes-cmac.ts";
export { type ComputeKeyCheckValueOptions, computeKeyCheckValue } from "./compute-key-check-value.ts";
export { type ComputeRetailMacOptions, computeRetailMac } from "./compute-retail-mac.ts";
export { type AesDukptHost, type CreateAesDukptHostOptions, createAesDukptHost } from "./create-aes-dukpt-host.ts";
export { type CreateTdesDukptHostOptions, createTdesDukptHost, type TdesDukptHost } from "./create-tdes-dukpt-host.ts";
export { type DecodeIso0PinBlockOptions, decodeIso0PinBlock } from "./decode-iso0-pin-block.ts";
export { type DecryptIso0PinBlockOptions, decryptIso0PinBlock } from "./decrypt-iso0-pin-block.ts";
export { type DecryptIso4PinBlockOptions, decryptIso4PinBlock } from "./decrypt-iso4-pin-block.ts";
export { type DeriveAesDukptInitialKeyOptions, deriveAesDukptInitialKey } from "./derive-aes-dukpt-initial-key.ts";
export {
  type DeriveAesDukptTransactionKeyOptions,
  deriveAesDukptTransactionKey,
} from "./derive-aes-dukpt-transaction-key.ts";
export { type DeriveAesDukptWorkingKeyOptions, deriveAesDukptWorkingKey } from "./derive-aes-dukpt-working-key.ts";
export { type DeriveTdesDukptIpekOptions, deriveTdesDukptIpek } from "./derive-tdes-dukpt-ipek.ts";
export {
  type DeriveTdesDukptTransactionKeyOptions,
  deriveTdesDukptTransactionKey,
} from "./derive-tdes-dukpt-transaction-key.ts";
export {
  type DeriveTdesDukptWorkingKeyOptions,
  deriveTdesDukptWorkingKey,
  TDES_DUKPT_VARIANTS,
  type TdesDukptKeyUsage,
} from "./derive-tdes-dukpt-working-key.ts";
export { type EncodeIso0PinBlockOptions, encodeIso0PinBlock } from "./encode-iso0-pin-block.ts";
export { type EncryptIso0PinBlockOptions, encryptIso0PinBlock } from "./encrypt-iso0-pin-block.ts";
export { type EncryptIso4PinBlockOptions, encryptIso4PinBlock } from "./encrypt-iso4-pin-block.ts";
export { CryptoError, type CryptoErrorCode } from "./errors.ts";
export {
  AES_DUKPT_MAX_COUNTER,
  AES_DUKPT_MAX_ONE_BITS,
  isValidAesDukptCounter,
} from "./is-valid-aes-dukpt-counter.ts";
export {
  isValidTdesDukptCounter,
  TDES_DUKPT_MAX_COUNTER,
  TDES_DUKPT_MAX_ONE_BITS,
} from "./is-valid-tdes-dukpt-counter.ts";
export {
  type AesDukptDeviceState,
  type LoadAesDukptInitialKeyOptions,
  loadAesDukptInitialKey,
} from "./load-aes-dukpt-initial-key.ts";
export {
  type LoadTdesDukptInitialKeyOptions,
  loadTdesDukptInitialKey,
  type TdesDukptDeviceState,
} from "./load-tdes-dukpt-initial-key.ts";
export { type ParsedTr31Header, parseTr31Header } from "./parse-tr31-header.ts";
export {
  TR31_ALGORITHMS,
  TR31_EXPORTABILITY,
  TR31_KEY_USAGES,
  TR31_MODES_OF_USE,
  type Tr31Algorithm,
  type Tr31Exportability,
  type Tr31Header,
  type Tr31KeyUsage,
  type Tr31ModeOfUse,
  type Tr31OptionalBlock,
  type Tr31Version,
} from "./tr31-tables.ts";
export { type UnwrappedTr31Key, type UnwrapTr31KeyBlockOptions, unwrapTr31KeyBlock } from "./unwrap-tr31-key-block.ts";
export { type VerifyAesCmacOptions, verifyAesCmac } from "./verify-aes-cmac.ts";
export { type VerifyRetailMacOptions, verifyRetailMac } from "./verify-retail-mac.ts";
export { type Tr31HeaderInput, type WrapTr31KeyBlockOptions, wrapTr31KeyBlock } from "./wrap-tr31-key-block.ts";
