import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

const MAIN = join(import.meta.dirname, "main.ts");

/** Runs the CLI as an operator would, with exactly `env` (no DATABASE_URL leaks in from CI). */
function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("main.ts", () => {
  it("--help lists every command and exits 0", () => {
    const r = cli(["--help"]);
    assert.equal(r.code, 0, r.stderr);
    for (const c of ["migrate", "audit verify", "audit checkpoint", "merchant create", "apikey create", "demo sale"]) {
      assert.match(r.stdout, new RegExp(`^  ${c}$`, "m"));
    }
  });

  it("an unknown command or flag is a clear usage error (exit 2)", () => {
    const unknown = cli(["frobnicate"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const badFlag = cli(["audit", "verify", "--public-kee", "x"]);
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.stderr, /Unknown option '--public-kee'/);
    const missing = cli(["merchant", "create", "--name", "X", "--json"]);
    assert.equal(missing.code, 2);
    assert.deepEqual(JSON.parse(missing.stdout), { ok: false, error: "missing required flag --country" });
  });

  it("demo sale without a key says how to give one", () => {
    const r = cli(["demo", "sale"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ENCLAVE_API_KEY/);
  });

  it("migrate, then audit verify without any signing key (chains only, and says so)", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "enclave-cli-main-"));
    try {
      const migrated = cli(["migrate", "--json"], { DATA_DIR: dataDir });
      assert.equal(migrated.code, 0, migrated.stderr);
      const m = JSON.parse(migrated.stdout);
      assert.ok(m.applied.length > 0);
      assert.equal(m.current, m.latest);
      const again = cli(["migrate"], { DATA_DIR: dataDir });
      assert.match(again.stdout, /nothing to apply/);

      const verified = cli(["audit", "verify"], { DATA_DIR: dataDir });
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, /checkpoint signatures NOT verified/);
      assert.match(verified.stdout, /audit trail OK/);
      // Verifying must not mint a key that would then be "trusted".
      assert.equal(existsSync(join(dataDir, "audit-signing-key.pem")), false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
