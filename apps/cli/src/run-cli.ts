import { parseArgs } from "node:util";
import { CliError, type Command, type CommandIo } from "./command.ts";
import { createApiKeyCommand } from "./commands/create-api-key.ts";
import { createAuditCheckpointCommand } from "./commands/create-audit-checkpoint.ts";
import { createMerchantCommand } from "./commands/create-merchant.ts";
import { migrateDatabaseCommand } from "./commands/migrate-database.ts";
import { runDemoSaleCommand } from "./commands/run-demo-sale.ts";
import { verifyAuditTrailCommand } from "./commands/verify-audit-trail.ts";

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  migrateDatabaseCommand,
  verifyAuditTrailCommand,
  createAuditCheckpointCommand,
  createMerchantCommand,
  createApiKeyCommand,
  runDemoSaleCommand,
];

/** Where the CLI writes; the process streams in main.ts, buffers in tests. */
export interface CliStreams {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The `--help` text: every command with its usage. */
export function helpText(): string {
  const lines = [
    "Enclave POS operator CLI",
    "",
    "usage: npm run cli -- <command> [flags]",
    "",
    "commands:",
    ...COMMANDS.flatMap((c) => [`  ${c.words.join(" ")}`, `      ${c.summary}`, `      ${c.usage}`]),
    "",
    "every command takes --json (print one JSON object) and --help.",
    "database commands read the server's environment (DATA_DIR, DATABASE_URL, AUDIT_SIGNING_KEY);",
    "stop the server first when it uses embedded PGlite (one process per data directory).",
    "exit codes: 0 ok, 1 failed (or audit verification failed), 2 bad command line.",
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * Parses `argv` (without node and the script), runs the command and writes its output.
 * Returns the exit code; never calls process.exit, so tests can run it in-process.
 */
export async function runCli(argv: readonly string[], io: CommandIo, streams: CliStreams): Promise<number> {
  const wantsJson = argv.includes("--json");
  const fail = (error: CliError | Error, exitCode: number): number => {
    if (wantsJson) streams.stdout(`${JSON.stringify({ ok: false, error: error.message })}\n`);
    else streams.stderr(`error: ${error.message}\n`);
    if (exitCode === 2 && !wantsJson) streams.stderr("run with --help to list commands\n");
    return exitCode;
  };
  const positionals = argv.filter((a) => !a.startsWith("-"));
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    streams.stdout(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.words.every((w, i) => positionals[i] === w));
  if (!command) {
    const known = COMMANDS.map((c) => c.words.join(" ")).join(", ");
    return fail(new CliError(`unknown command "${positionals.slice(0, 2).join(" ")}" (known: ${known})`, 2), 2);
  }
  let values: Record<string, unknown>;
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: { ...command.options, json: { type: "boolean", default: false }, help: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.positionals.length > command.words.length) {
      throw new CliError(`unexpected argument "${parsed.positionals[command.words.length]}"`, 2);
    }
    values = parsed.values;
  } catch (error) {
    // parseArgs' messages name the bad flag ("Unknown option '--nope'"); keep them.
    const message = error instanceof Error ? error.message : String(error);
    return fail(new CliError(`${command.words.join(" ")}: ${message}`, 2), 2);
  }
  if (values.help) {
    streams.stdout(`${command.words.join(" ")}: ${command.summary}\nusage: ${command.usage}\n`);
    return 0;
  }
  try {
    const result = await command.run(values as Parameters<Command["run"]>[0], io);
    if (values.json) streams.stdout(`${JSON.stringify(result.json)}\n`);
    else streams.stdout(`${result.lines.join("\n")}\n`);
    return result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof CliError) return fail(error, error.exitCode);
    // Anything else (a database error, a validation error from a package) is an operation
    // failure; its message is shown, the stack only on request.
    if (io.env.ENCLAVE_CLI_DEBUG) streams.stderr(`${(error as Error).stack}\n`);
    return fail(error instanceof Error ? error : new Error(String(error)), 1);
  }
}
