// Before the PostgreSQL storage suite: fail loudly when the server is not there, never pass silently.
import pg from "pg";

const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  const r = await client.query<{ server_version: string }>("SHOW server_version");
  await client.end();
  process.stdout.write(`PostgreSQL ${r.rows[0]?.server_version} reachable for the storage suite\n`);
} catch (error) {
  process.stderr.write(
    `The PostgreSQL storage suite needs a server at ${url.replace(/:[^:@/]*@/, ":***@")} and none answered (${(error as Error).message}).\n` +
      "Start one (e.g. pg_ctlcluster <version> main start) or set DATABASE_URL.\n",
  );
  process.exit(1);
}
