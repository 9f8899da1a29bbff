import type { Stage, StageId } from "./contest.schema";

export type StageStatus = "upcoming" | "open" | "closed";

export function stageStatus(stage: Pick<Stage, "opensAt" | "closesAt">, now: Date): StageStatus {
  const t = now.getTime();
  if (t < Date.parse(stage.opensAt)) return "upcoming";
  if (t <= Date.parse(stage.closesAt)) return "open";
  return "closed";
}

export function isStageOpen(stages: readonly Stage[], id: StageId, now: Date): boolean {
  const stage = stages.find((s) => s.id === id);
  return stage !== undefined && stageStatus(stage, now) === "open";
}

export type Deadline = { stageId: StageId; kind: "opens" | "closes"; at: string; label: string };

/** The next moment that matters: the opening of an upcoming stage or the close of an open one. */
export function nextDeadline(stages: readonly Stage[], now: Date): Deadline | null {
  const moments: Deadline[] = stages.flatMap((s) => [
    { stageId: s.id, kind: "opens" as const, at: s.opensAt, label: `${s.name} bắt đầu` },
    { stageId: s.id, kind: "closes" as const, at: s.closesAt, label: `${s.name} kết thúc` },
  ]);
  const future = moments
    .filter((m) => Date.parse(m.at) > now.getTime())
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return future[0] ?? null;
}

/** Relative dates in the demo pack: "+3d", "-2h", "+30m". */
export function resolveRelative(spec: string, now: Date): Date {
  const m = /^([+-])(\d+)([dhm])$/.exec(spec);
  if (!m) throw new Error(`Không hiểu mốc thời gian tương đối "${spec}"`);
  const unit = { d: 86400_000, h: 3600_000, m: 60_000 }[m[3] as "d" | "h" | "m"];
  const sign = m[1] === "-" ? -1 : 1;
  return new Date(now.getTime() + sign * Number(m[2]) * unit);
}
