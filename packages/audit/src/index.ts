export { type AppendedAuditEntry, appendAuditEntry } from "./append-audit-entry.ts";
export { canonicalizeJson, type JsonValue } from "./canonicalize-json.ts";
export {
  AUDIT_CHECKPOINT_TYPE,
  type AuditCheckpoint,
  type AuditLaneHead,
} from "./checkpoint-statement.ts";
export { type CreateCheckpointOptions, createCheckpoint } from "./create-checkpoint.ts";
export {
  AUDIT_ACTOR_TYPES,
  AUDIT_LIMITS,
  AUDIT_OUTCOMES,
  type AuditActorType,
  type AuditEntry,
  type AuditEntryBody,
  type AuditEntryInput,
  type AuditOutcome,
} from "./entry-schema.ts";
export { AuditError, type AuditErrorCode } from "./errors.ts";
export { AUDIT_GENESIS_HASH, type AuditHashInput, hashAuditEntry } from "./hash-audit-entry.ts";
export { type AuditEntryPage, type ListAuditEntriesOptions, listAuditEntries } from "./list-audit-entries.ts";
export { type CheckpointPage, type ListCheckpointsOptions, listCheckpoints } from "./list-checkpoints.ts";
export {
  AUDIT_SIGNING_KEY_FILE,
  type AuditSigner,
  type LoadAuditSigningKeyOptions,
  loadOrCreateAuditSigningKey,
} from "./load-or-create-audit-signing-key.ts";
export { type AuditPublicKey, parseAuditPublicKey } from "./parse-audit-public-key.ts";
export { type CheckpointTimerOptions, startCheckpointTimer } from "./start-checkpoint-timer.ts";
export {
  AUDIT_PROBLEM_REASONS,
  type AuditAnchor,
  type AuditCounts,
  type AuditProblem,
  type AuditProblemReason,
  type VerifyAuditOptions,
  type VerifyAuditResult,
  verifyAudit,
} from "./verify-audit.ts";
