import type { ParseArgsOptionsConfig } from "node:util";
import type { Database } from "@enclave/db";
import { openDatabase } from "@enclave/db";
import { type Config, loadConfig } from "@enclave/server";

/** What a command returns: one JSON object (for `--json`) and the lines a human reads. */
export interface CommandResult {
  /** false makes the process exit 1 (e.g. audit verification failed). */
  ok: boolean;
  json: Record<string, unknown>;
  lines: string[];
}

/** The parsed flag values of a command, as `parseArgs` returns them. */
export type FlagValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/**
 * The outside world a command sees. Tests pass `db` (the running server's database, since an
 * embedded PGlite directory must not be opened twice) and `env`; the CLI passes process.env.
 */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  /** An already open database; when absent the command opens (and closes) the configured one. */
  db?: Database;
}

/** One CLI command: its words (`["audit", "verify"]`), flags, help text and action. */
export interface Command {
  words: readonly string[];
  summary: string;
  usage: string;
  options: ParseArgsOptionsConfig;
  run(values: FlagValues, io: CommandIo): Promise<CommandResult>;
}

/**
 * An expected failure with a message for the operator (no stack trace). Exit code 2 means the
 * command line was wrong, 1 that the operation failed.
 */
export class CliError extends Error {
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2 = 1) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** Reads a required string flag; a missing one is a usage error (exit 2). */
export function requireFlag(values: FlagValues, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new CliError(`missing required flag --${name}`, 2);
  return value;
}

/** The server configuration from the environment; a bad setting is an operator error, not a crash. */
export function configFrom(env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs `fn` on the database the server would use (same env config: DATABASE_URL, else PGlite
 * in DATA_DIR/pgdata), or on `io.db` when given. Closes only what it opened.
 */
export async function withDatabase<T>(io: CommandIo, fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = configFrom(io.env);
  if (io.db) return fn(io.db, config);
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pgdata`,
    // A CLI run needs one connection, not the server's pool.
    poolSize: 1,
  });
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

/** The operator acting through this CLI, as recorded in the audit trail. */
export function operatorActor(username: string): { type: "operator"; id: string } {
  // Audit identifiers are printable ASCII without spaces; an odd local user name must not fail the audit append.
  const safe = username.replace(/[^\x21-\x7e]/g, "_").slice(0, 120) || "unknown";
  return { type: "operator", id: `cli:${safe}` };
}
