import type { Queryable } from "@enclave/db";
import { z } from "zod";
import {
  type AuditCheckpoint,
  CHECKPOINT_COLUMNS,
  type CheckpointRow,
  checkpointFromRow,
} from "./checkpoint-statement.ts";
import { AuditError } from "./errors.ts";

/** Options of `listCheckpoints`. */
export interface ListCheckpointsOptions {
  /** 1–100, default 10. */
  limit?: number | undefined;
  /** The id of the last checkpoint of the previous page (checkpoints come newest first). */
  startingAfter?: string | undefined;
}

/** One page of checkpoints, newest first. */
export interface CheckpointPage {
  data: AuditCheckpoint[];
  hasMore: boolean;
}

const optionsSchema = z.strictObject({
  limit: z.number().int().min(1).max(100).default(10),
  startingAfter: z
    .string()
    .regex(/^acp_[0-9a-f]{32}$/)
    .optional(),
});

/**
 * Lists signed checkpoints, newest first, with cursor pagination: what an auditor downloads to
 * keep outside the system and verify the trail against later. Platform-level: checkpoints cover
 * every merchant's lanes, so only operators should reach this.
 *
 * @throws AuditError LIST_PARAMS_INVALID when an option is malformed.
 */
export async function listCheckpoints(q: Queryable, options: ListCheckpointsOptions = {}): Promise<CheckpointPage> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new AuditError("LIST_PARAMS_INVALID", `invalid checkpoint list parameters: ${why}`);
  }
  const { limit, startingAfter } = parsed.data;
  const rows =
    startingAfter === undefined
      ? await q.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY id DESC LIMIT $1`, [
          limit + 1,
        ])
      : await q.query<CheckpointRow>(
          `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE id < $1 ORDER BY id DESC LIMIT $2`,
          [startingAfter, limit + 1],
        );
  return { data: rows.rows.slice(0, limit).map(checkpointFromRow), hasMore: rows.rows.length > limit };
}
