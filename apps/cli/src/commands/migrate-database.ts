import { migrate, migrationStatus } from "@enclave/db";
import { type Command, withDatabase } from "../command.ts";

/** `migrate`: applies pending schema migrations to the configured database. */
export const migrateDatabaseCommand: Command = {
  words: ["migrate"],
  summary: "apply pending database migrations (DATABASE_URL, else PGlite in DATA_DIR/pgdata)",
  usage: "migrate [--json]",
  options: {},
  run: (_values, io) =>
    withDatabase(io, async (db) => {
      const result = await migrate(db);
      const status = await migrationStatus(db);
      const lines = result.applied.length
        ? result.applied.map((m) => `applied ${String(m.version).padStart(4, "0")}_${m.name}`)
        : ["nothing to apply"];
      lines.push(`schema version ${status.applied} of ${status.latest}${status.current ? " (current)" : ""}`);
      return {
        ok: status.current,
        json: { applied: result.applied, current: status.applied, latest: status.latest, engine: db.engine },
        lines,
      };
    }),
};
