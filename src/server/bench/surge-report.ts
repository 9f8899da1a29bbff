import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fmt, percentile } from "./load";

/** Pieces of bench:surge's printout: latency lines and the top of a CPU profile. */

export function latencyLine(name: string, list: readonly number[]): string {
  const s = [...list].sort((a, b) => a - b);
  const p = (q: number) => fmt(percentile(s, q), 1).padStart(8);
  return `  ${name.padEnd(8)} ${String(s.length).padStart(9)} ok   p50 ${p(50)} ms   p95 ${p(95)} ms   p99 ${p(99)} ms   max ${fmt(s[s.length - 1] ?? 0, 0).padStart(7)} ms`;
}

export function distribution(list: readonly number[], unit = "s", scale = 1000): string {
  if (list.length === 0) return "none";
  const s = [...list].sort((a, b) => a - b);
  const v = (x: number) => `${fmt(x / scale, 1)} ${unit}`;
  return `${list.length} takers, p50 ${v(percentile(s, 50))}, p95 ${v(percentile(s, 95))}, max ${v(s[s.length - 1]!)}`;
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** The profile files `node --cpu-prof` wrote for this process id (CPU.<date>.<time>.<pid>.<tid>.<n>.cpuprofile). */
export function profilesOf(dir: string, pid: number): string[] {
  try {
    return readdirSync(dir)
      // Thread 0 only: the others are tsx's module-loader worker.
      .filter((f) => f.endsWith(".cpuprofile") && f.split(".")[3] === String(pid) && f.split(".")[4] === "0")
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** The functions with the most self time in a .cpuprofile, as printable lines (idle time left out of the shares). */
export function topSelfTime(file: string, n = 10): string[] {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)?.callFrame;
    if (!f) return;
    const where = f.url ? `${f.url.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "")}:${f.lineNumber + 1}` : "";
    const name = `${f.functionName || "(anonymous)"}${where ? ` ${where}` : ""}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  self.delete("(idle)");
  const total = [...self.values()].reduce((s, v) => s + v, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `  ${fmt((100 * us) / total, 1).padStart(5)} %  ${fmt(us / 1000, 0).padStart(7)} ms  ${name}`);
}

/**
 * Saves by the second they were sent, from 2 s before the kill to `afterS` after it: how many
 * were acknowledged and their p50/p99. Shows where the restart's slow requests come from.
 */
export function aroundTheKill(latencies: readonly number[], sentAt: readonly number[], killedAt: number, afterS = 12): string[] {
  const buckets = new Map<number, number[]>();
  sentAt.forEach((t, i) => {
    const s = Math.floor((t - killedAt) / 1000);
    if (s < -2 || s >= afterS) return;
    const b = buckets.get(s) ?? [];
    b.push(latencies[i]!);
    buckets.set(s, b);
  });
  const lines: string[] = [];
  for (let s = -2; s < afterS; s++) {
    const b = (buckets.get(s) ?? []).sort((a, c) => a - c);
    lines.push(`    ${s >= 0 ? "+" : ""}${s} s: ${String(b.length).padStart(5)} acknowledged, p50 ${fmt(percentile(b, 50), 0).padStart(5)} ms, p99 ${fmt(percentile(b, 99), 0).padStart(5)} ms`);
  }
  return lines;
}
