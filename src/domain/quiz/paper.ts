import type { BankQuestion } from "./question.schema";

/** Uniform random number in [0, 1). The server passes a crypto-backed one; tests pass a seeded one. */
export type Rng = () => number;

/** One question of a frozen paper: which bank question, and its options (bank ids) in the order shown. */
export type PaperItem = { questionId: string; optionOrder: string[] };

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/**
 * Draw a paper: for every lesson exactly its quota of distinct questions, then the question
 * order and each question's option order shuffled. Throws if the bank is too small (the pack
 * is checked at start-up, so this means a programming error).
 */
export function drawPaper(bank: readonly BankQuestion[], quota: ReadonlyMap<string, number>, rng: Rng): PaperItem[] {
  const byLesson = new Map<string, BankQuestion[]>();
  for (const q of bank) byLesson.set(q.lessonId, [...(byLesson.get(q.lessonId) ?? []), q]);
  const picked: BankQuestion[] = [];
  for (const [lessonId, count] of quota) {
    const pool = byLesson.get(lessonId) ?? [];
    if (pool.length < count) throw new Error(`lesson ${lessonId}: need ${count} questions, bank has ${pool.length}`);
    picked.push(...shuffled(pool, rng).slice(0, count));
  }
  return shuffled(picked, rng).map((q) => ({ questionId: q.id, optionOrder: shuffled(q.options.map((o) => o.id), rng) }));
}

/**
 * A taker never sees bank option ids: many banks put the right answer first ("a"), so the id
 * itself would leak the key. Options are relabelled a, b, c… in the order shown.
 */
export const DISPLAY_IDS = ["a", "b", "c", "d", "e", "f"] as const;

export function displayIdOf(optionOrder: readonly string[], bankOptionId: string): string | null {
  const i = optionOrder.indexOf(bankOptionId);
  return i < 0 ? null : (DISPLAY_IDS[i] ?? null);
}

export function bankIdOf(optionOrder: readonly string[], displayId: string): string | null {
  const i = (DISPLAY_IDS as readonly string[]).indexOf(displayId);
  return i < 0 ? null : (optionOrder[i] ?? null);
}

/** Option order as stored in the database ("c,a,d,b"). */
export const encodeOptionOrder = (order: readonly string[]) => order.join(",");
export const decodeOptionOrder = (stored: string) => stored.split(",");
