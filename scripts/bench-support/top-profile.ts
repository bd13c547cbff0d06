/**
 * `node scripts/bench-support/top-profile.ts <file.cpuprofile> [N]`: the top self-time functions
 * of a V8 CPU profile written by `npm run bench -- --cpu-prof DIR`, so a slow run can be explained
 * without opening DevTools.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const [file, n = "25"] = process.argv.slice(2);
if (!file) throw new Error("usage: top-profile.ts <file.cpuprofile> [N]");
const profile = JSON.parse(readFileSync(file, "utf8")) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const frame = byId.get(id)?.callFrame;
  const where = frame?.url ? frame.url.replace(/^.*\/(node_modules|apps|packages)\//, "$1/") : "";
  const key = `${frame?.functionName || "(anonymous)"} ${where}:${(frame?.lineNumber ?? 0) + 1}`;
  self.set(key, (self.get(key) ?? 0) + dt);
});
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
for (const [key, us] of rows) process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}\n`);
