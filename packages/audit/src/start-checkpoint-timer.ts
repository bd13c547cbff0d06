import type { Queryable } from "@enclave/db";
import type { AuditCheckpoint } from "./checkpoint-statement.ts";
import { createCheckpoint } from "./create-checkpoint.ts";
import type { AuditSigner } from "./load-or-create-audit-signing-key.ts";

/** Options of `startCheckpointTimer`. */
export interface CheckpointTimerOptions {
  /** How often to sign the lane heads, in milliseconds (at least 10). */
  intervalMs: number;
  /** Told about every failed run; the timer keeps going. */
  onError: (error: unknown) => void;
  /** Told about every checkpoint taken (unchanged heads give back the previous one). */
  onCheckpoint?: (checkpoint: AuditCheckpoint) => void;
}

/**
 * Signs a checkpoint every `intervalMs` (only when the heads moved) until stopped. The timer is
 * unref'd so it never keeps a process alive, runs never overlap, and a failure goes to `onError`
 * instead of crashing the server: a missed checkpoint only delays protection, a crash stops sales.
 *
 * @returns stop: clears the timer and resolves once a run in progress has finished, so the
 *   caller can close the database after it.
 */
export function startCheckpointTimer(
  db: Queryable,
  signer: AuditSigner,
  options: CheckpointTimerOptions,
): () => Promise<void> {
  if (!Number.isSafeInteger(options.intervalMs) || options.intervalMs < 10 || options.intervalMs > 2 ** 31 - 1)
    throw new RangeError("intervalMs must be an integer from 10 to 2^31-1");
  let running: Promise<void> | undefined;
  let stopped = false;
  const report = (error: unknown) => {
    try {
      options.onError(error);
    } catch {
      // A throwing reporter must not turn into an unhandled rejection that kills the process.
    }
  };
  const tick = () => {
    if (running || stopped) return;
    running = createCheckpoint(db, signer, { onlyIfChanged: true })
      .then((checkpoint) => options.onCheckpoint?.(checkpoint))
      .catch(report)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
