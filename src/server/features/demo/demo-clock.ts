import type { Stage } from "../../../domain/contest/contest.schema";
import type { DemoMoment, DemoMomentId } from "../../../domain/demo/demo.schema";
import type { Db } from "../../db/database";
import type { Clock } from "../../shared/clock";
import { readSetting, writeSetting } from "./demo.repository";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A clock running at real speed, shifted by an offset the demo panel sets. */
export type OffsetClock = Clock & { offsetMs(): number; setOffset(ms: number): void };

export function createOffsetClock(base: Clock, offsetMs = 0): OffsetClock {
  let offset = offsetMs;
  return {
    now: () => new Date(base.now().getTime() + offset),
    offsetMs: () => offset,
    setOffset: (ms) => void (offset = ms),
  };
}

const KEYS = { anchor: "clock.anchor", offset: "clock.offset" } as const;

/**
 * The demo clock as persisted: `anchor` is the instant the demo pack's relative dates were first
 * resolved (so a restart keeps the same calendar), `offset` the shift the organiser chose.
 */
export async function loadDemoClock(db: Db, base: Clock): Promise<{ clock: OffsetClock; anchor: Date }> {
  const [anchor, offset] = await Promise.all([readSetting(db, KEYS.anchor), readSetting(db, KEYS.offset)]);
  const realNow = base.now();
  if (!anchor) await writeSetting(db, KEYS.anchor, realNow.toISOString(), realNow);
  return { clock: createOffsetClock(base, offset ? Number(offset) || 0 : 0), anchor: anchor ? new Date(anchor) : realNow };
}

export async function saveOffset(db: Db, clock: OffsetClock, offsetMs: number): Promise<void> {
  clock.setOffset(offsetMs);
  await writeSetting(db, KEYS.offset, String(offsetMs), clock.now());
}

const LABELS: Record<DemoMomentId, { label: string; hint: string }> = {
  s1_open: { label: "Giai đoạn 1 đang mở", hint: "Cán bộ học bài và làm bài kiểm tra; bảng xếp hạng cập nhật trực tiếp." },
  s1_last_evening: { label: "Những giờ cuối của Giai đoạn 1", hint: "Còn 3 giờ: nhắc hạn cuối được gửi cho người chưa hoàn thành." },
  s1_closed: { label: "Giai đoạn 1 đã kết thúc", hint: "Ban tổ chức chốt kết quả, xác nhận đơn vị vào Giai đoạn 2; cán bộ xem lại bài làm." },
  s2_open: { label: "Giai đoạn 2 đang mở", hint: "Đơn vị được chọn gửi sản phẩm ứng dụng AI." },
  s2_closed: { label: "Giai đoạn 2 đã kết thúc", hint: "Hội đồng chấm sản phẩm, chọn đơn vị vào chung kết." },
  final: { label: "Chung kết", hint: "Các đơn vị xuất sắc trình bày tại chung kết." },
  results: { label: "Công bố kết quả", hint: "Giải thưởng và giấy chứng nhận." },
};

/** The demo's moments, placed from the pack's stage windows (whatever dates the pack holds). */
export function demoMoments(stages: readonly Stage[]): DemoMoment[] {
  const t = (iso: string) => Date.parse(iso);
  const [s1, s2, s3] = stages;
  if (!s1 || !s2 || !s3) return [];
  const s1o = t(s1.opensAt);
  const s1c = t(s1.closesAt);
  const s2o = t(s2.opensAt);
  const s2c = t(s2.closesAt);
  const s3o = t(s3.opensAt);
  const s3c = t(s3.closesAt);
  // Land inside each window even when the pack's windows are short or touch each other.
  const after = (edge: number, next: number) => edge + Math.min(HOUR, Math.max(1000, (next - edge) / 2));
  const at: Record<DemoMomentId, number> = {
    s1_open: Math.min(s1o + 2 * DAY, s1o + (s1c - s1o) / 3),
    s1_last_evening: Math.max(s1c - 3 * HOUR, s1o + (s1c - s1o) / 2),
    s1_closed: after(s1c, s2o),
    s2_open: after(s2o, s2c),
    s2_closed: after(s2c, s3o),
    final: after(s3o, s3c),
    results: s3c + HOUR,
  };
  return (Object.keys(LABELS) as DemoMomentId[]).map((id) => ({ id, ...LABELS[id], at: new Date(at[id]).toISOString() }));
}

/** The latest moment already reached at `now`. */
export function currentMoment(moments: readonly DemoMoment[], now: Date): DemoMomentId | null {
  let current: DemoMomentId | null = null;
  for (const m of moments) if (Date.parse(m.at) <= now.getTime()) current = m.id;
  return current;
}
