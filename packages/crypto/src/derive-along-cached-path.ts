// Hand-written from ANSI X9.24-1:2009 / X9.24-3-2017 (DUKPT host derivation): no maintained JS
// library implements DUKPT with Buffers and published-vector tests.
/** One key of a cached DUKPT derivation chain: the key for `counter` (a prefix of later counters). */
export type PathNode = { readonly counter: number; readonly key: Buffer };

/**
 * A DUKPT host derivation (X9.24-1:2009 Annex A, X9.24-3-2017 6.1 and 6.4) that remembers its chain. The host
 * algorithms walk the counter's one-bits from the left, deriving one key per bit from the previous
 * one; the keys for the leading bits depend only on those bits. A reader's consecutive counters share
 * almost all of them, so `path` keeps the chain of the reader's last counter and the walk resumes
 * where the new counter departs from it — about one derivation per transaction instead of one per
 * one-bit. The cache holds nothing the cached initial key could not re-derive, so it widens no
 * exposure; stale nodes are wiped when replaced.
 *
 * `step(parent, reached, parentIsRoot)` derives the key for the counter prefix `reached` from the key
 * of the previous prefix. Returns a copy of the counter's key, owned (and wiped) by the caller.
 */
export function deriveAlongCachedPath(
  path: PathNode[],
  root: Buffer,
  counter: number,
  topBit: number,
  step: (parent: Buffer, reached: number, parentIsRoot: boolean) => Buffer,
): Buffer {
  let key = root;
  let depth = 0;
  let reached = 0;
  let diverged = false;
  for (let bit = topBit; bit !== 0; bit >>>= 1) {
    if ((counter & bit) === 0) continue;
    reached = (reached | bit) >>> 0;
    const cached = diverged ? undefined : path[depth];
    if (cached && cached.counter === reached) {
      key = cached.key;
      depth++;
      continue;
    }
    if (!diverged) {
      // The new counter leaves the cached chain here: everything below this point is stale.
      for (let i = depth; i < path.length; i++) path[i]?.key.fill(0);
      path.length = depth;
      diverged = true;
    }
    key = step(key, reached, key === root);
    path.push({ counter: reached, key });
    depth++;
  }
  return Buffer.from(key);
}

/** Wipes every key of a cached chain. */
export function wipePath(path: PathNode[]): void {
  for (const node of path) node.key.fill(0);
  path.length = 0;
}
