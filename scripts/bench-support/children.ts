import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/**
 * Child processes of one bench run. Every child is registered here so that a failure anywhere
 * (or Ctrl-C) still leaves no server running behind: `killAll` on the way out, and a synchronous
 * SIGKILL on process exit as the last resort.
 */
const live = new Set<ChildProcess>();

process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** A free loopback port: listen on 0, read the number, close. The tiny race is fine on a bench box. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("no port"))));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  /** Everything the child wrote to stdout so far (we parse the key and CA path from it). */
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `node <args>` with the same Node binary as the bench, tracked for cleanup. */
export function spawnNode(args: string[], env: Record<string, string>, cwd: string): Spawned {
  const child = spawn(process.execPath, args, {
    cwd,
    // A clean environment: an inherited DATABASE_URL or PORT must not leak into the embedded run.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  let out = "";
  let err = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    // Bounded: a chatty child must not grow the bench's memory without limit.
    err = (err + d).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => live.delete(child));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGTERM first so the server can close its database cleanly (and write a --cpu-prof file).
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function killAll(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
        }),
    ),
  );
}

/** Polls `check` until it returns a value or the deadline passes; the child dying fails fast. */
export async function waitFor<T>(
  what: string,
  spawned: Spawned,
  timeoutMs: number,
  check: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawned.child.exitCode !== null || spawned.child.signalCode !== null) {
      throw new Error(
        `${what}: child exited (${spawned.child.exitCode ?? spawned.child.signalCode})\n${spawned.stderr()}`,
      );
    }
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch {
      // not ready yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: timed out after ${timeoutMs} ms\n${spawned.stderr()}`);
}
