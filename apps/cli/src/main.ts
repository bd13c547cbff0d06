import { runCli } from "./run-cli.ts";

// The entry point of `npm run cli -- <command>`: all logic lives in runCli so tests can call it.
const code = await runCli(
  process.argv.slice(2),
  { env: process.env },
  { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
);
process.exitCode = code;
