import { randomUUID } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";

/**
 * Writes `data` to `path` with exactly `mode`, atomically: a crash mid-write leaves the old file or none,
 * never a truncated key that would make the next start fail in a confusing way.
 */
export async function writeFileAtomic(path: string, data: string, mode: number): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  // "wx" refuses to follow a planted file or symlink; the file is born with `mode`, so a private key is never
  // readable by others, not even for the instant before a chmod.
  const handle = await open(tmp, "wx", mode);
  try {
    // The process umask may have removed bits from `mode`; chmod sets it exactly.
    await handle.chmod(mode);
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(tmp, path);
}
