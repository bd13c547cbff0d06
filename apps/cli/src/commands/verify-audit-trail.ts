import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  AUDIT_SIGNING_KEY_FILE,
  AuditError,
  type AuditProblem,
  loadOrCreateAuditSigningKey,
  verifyAudit,
} from "@enclave/audit";
import type { Config } from "@enclave/server";
import { CliError, type Command, withDatabase } from "../command.ts";

/** Where the trusted keys came from, for the summary. */
type KeySource = "file" | "env" | "local-key-file" | "none";

/**
 * The trusted public keys: the given files, else the local signing key's public half (from
 * AUDIT_SIGNING_KEY or DATA_DIR's key file). Never creates a key: a verifier that minted a key
 * would trust a key that signed nothing and hide that the real one is missing.
 */
async function trustedKeys(files: string[], config: Config): Promise<{ keys: string[]; source: KeySource }> {
  if (files.length > 0) {
    const keys = await Promise.all(
      files.map((f) =>
        readFile(f, "utf8").catch((error: NodeJS.ErrnoException) => {
          throw new CliError(`cannot read public key ${f}: ${error.code ?? error.message}`, 2);
        }),
      ),
    );
    return { keys, source: "file" };
  }
  if (config.auditSigningKey) {
    const signer = await loadOrCreateAuditSigningKey({ envKey: config.auditSigningKey });
    return { keys: [signer.publicKeyPem], source: "env" };
  }
  const keyFile = join(config.dataDir, AUDIT_SIGNING_KEY_FILE);
  const exists = await access(keyFile).then(
    () => true,
    () => false,
  );
  if (!exists) return { keys: [], source: "none" };
  const signer = await loadOrCreateAuditSigningKey({ dataDir: config.dataDir });
  return { keys: [signer.publicKeyPem], source: "local-key-file" };
}

const describe = (p: AuditProblem) =>
  [
    p.entryId ? `entry ${p.entryId}` : undefined,
    p.lane !== undefined ? `lane ${p.lane}` : undefined,
    p.seq !== undefined ? `seq ${p.seq}` : undefined,
    p.checkpointId ? `checkpoint ${p.checkpointId}` : undefined,
    `reason ${p.reason}`,
  ]
    .filter(Boolean)
    .join(", ");

/** `audit verify`: checks the hash chains and the signed checkpoints of the audit trail. */
export const verifyAuditTrailCommand: Command = {
  words: ["audit", "verify"],
  summary: "verify the audit trail's hash chains and signed checkpoints; exit 1 on tampering",
  usage: "audit verify [--public-key FILE]... [--json]",
  options: { "public-key": { type: "string", multiple: true } },
  run: (values, io) =>
    withDatabase(io, async (db, config) => {
      const files = (values["public-key"] as string[] | undefined) ?? [];
      const { keys, source } = await trustedKeys(files, config);
      let result: Awaited<ReturnType<typeof verifyAudit>>;
      try {
        // With no trusted key every checkpoint is "untrusted"; keep them all so they can be set
        // aside below without losing a real problem past the default cap.
        result = await verifyAudit(db, { publicKeys: keys, ...(keys.length ? {} : { maxProblems: 1_000_000 }) });
      } catch (error) {
        if (error instanceof AuditError) throw new CliError(`public key rejected: ${error.message}`, 2);
        throw error;
      }
      const notes: string[] = [];
      let problems = result.ok ? [] : result.problems;
      if (source === "none") {
        notes.push(
          `no audit signing key (AUDIT_SIGNING_KEY unset, no ${AUDIT_SIGNING_KEY_FILE} in DATA_DIR): hash chains verified, checkpoint signatures NOT verified`,
        );
        problems = problems.filter((p) => p.reason !== "checkpoint_untrusted_key");
      }
      const counts = {
        entries: result.entries,
        lanes: result.lanes,
        checkpoints: result.checkpoints,
        unvouched_entries: result.unvouchedEntries,
      };
      const summary = `${result.entries} entries in ${result.lanes} lanes, ${result.checkpoints} trusted checkpoints, ${result.unvouchedEntries} entries not yet covered by a checkpoint`;
      const firstBad = problems.length && !result.ok ? pickFirst(problems, result.firstBad) : undefined;
      if (!firstBad) {
        return {
          ok: true,
          json: { ok: true, key_source: source, ...counts, notes },
          lines: [...notes, `audit trail OK: ${summary}`],
        };
      }
      const shown = {
        reason: firstBad.reason,
        message: firstBad.message,
        entry_id: firstBad.entryId ?? null,
        lane: firstBad.lane ?? null,
        seq: firstBad.seq ?? null,
        checkpoint_id: firstBad.checkpointId ?? null,
      };
      return {
        ok: false,
        json: { ok: false, key_source: source, ...counts, problem_count: problems.length, first_bad: shown, notes },
        lines: [
          ...notes,
          `audit trail FAILED verification: ${problems.length} problem(s); ${summary}`,
          `first bad: ${describe(firstBad)}`,
          `  ${firstBad.message}`,
        ],
      };
    }),
};

/** The verifier's own first problem unless it was set aside; then the earliest remaining one. */
function pickFirst(problems: AuditProblem[], first: AuditProblem): AuditProblem | undefined {
  if (problems.includes(first)) return first;
  return problems[0];
}
