import { createCheckpoint, loadOrCreateAuditSigningKey } from "@enclave/audit";
import { type Command, withDatabase } from "../command.ts";

/** `audit checkpoint`: signs the current lane heads now (as the server's timer does periodically). */
export const createAuditCheckpointCommand: Command = {
  words: ["audit", "checkpoint"],
  summary: "sign a checkpoint of the audit trail now with the audit signing key",
  usage: "audit checkpoint [--json]",
  options: {},
  run: (_values, io) =>
    withDatabase(io, async (db, config) => {
      // Same key source as the server (env, else DATA_DIR), so the checkpoint is one it trusts.
      const signer = await loadOrCreateAuditSigningKey({ dataDir: config.dataDir, envKey: config.auditSigningKey });
      const cp = await createCheckpoint(db, signer);
      const entries = cp.heads.reduce((n, h) => n + h.seq, 0);
      return {
        ok: true,
        json: { id: cp.id, time: cp.time.toISOString(), key_id: cp.keyId, lanes: cp.heads.length, entries },
        lines: [
          `checkpoint ${cp.id} signed at ${cp.time.toISOString()}`,
          `  key ${cp.keyId}, ${cp.heads.length} lanes, ${entries} entries covered`,
        ],
      };
    }),
};
