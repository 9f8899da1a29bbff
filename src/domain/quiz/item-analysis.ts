/**
 * Item analysis in the way Moodle's quiz statistics report computes it, adapted to random papers:
 * each question is judged only over the attempts whose paper contained it. Inputs are small
 * histograms the database aggregates (question × right/wrong × total score), so 100 000 attempts
 * never travel to the API row by row.
 */

/** How many attempts with this total score got this question right (correct 1) or not (0). */
export type ItemCell = { questionId: string; correct: 0 | 1; total: number; count: number };
/** How many attempts chose this option (null: left unanswered) and the sum of their total scores. */
export type OptionCell = { questionId: string; optionId: string | null; isKey: boolean; count: number; sumTotal: number };
export type TotalCell = { total: number; count: number };

export type ItemFlag = "too_hard" | "too_easy" | "low_discrimination" | "key_avoided_by_strong" | "distractor_unused" | "distractor_attracts_strong";

export type OptionStat = { optionId: string | null; isKey: boolean; count: number; share: number; meanTotal: number | null };
export type ItemStat = {
  questionId: string;
  n: number;
  facility: number;
  /** 100·cov(item, rest) / √(var item · var rest); null when n < minN or a variance is 0. */
  discrimination: number | null;
  /** 100·cov(item, rest) / the largest covariance these marginals allow; null like discrimination. */
  efficiency: number | null;
  options: OptionStat[];
  flags: ItemFlag[];
};
export type TestStat = {
  attempts: number;
  mean: number;
  median: number;
  sd: number;
  /** KR-20 with each paper's own items: k/(k−1)·(1 − mean Σ p·q over a paper / var total). */
  kr20: number | null;
  histogram: TotalCell[];
};

export const ITEM_ANALYSIS_DEFAULTS = { minN: 30, facilityLow: 0.2, facilityHigh: 0.95, discriminationLow: 15 };

type Moments = { n: number; sx: number; st: number; stt: number; sxt: number };

function covariances(m: Moments) {
  const { n, sx, st, stt, sxt } = m;
  const mx = sx / n;
  const mt = st / n;
  const varX = sx / n - mx * mx; // x is 0/1, so Σx² = Σx
  const varT = stt / n - mt * mt;
  const covXT = sxt / n - mx * mt;
  // rest = total − item
  const covXR = covXT - varX;
  const varR = varT - 2 * covXT + varX;
  return { varX, varR, covXR };
}

/** Largest cov(x, rest) with the same marginals: the k = Σx highest rest scores paired with 1s. */
function maxCovariance(cells: ItemCell[], n: number, k: number): number {
  const rests: { rest: number; count: number }[] = cells.map((c) => ({ rest: c.total - c.correct, count: c.count }));
  rests.sort((a, b) => b.rest - a.rest);
  let left = k;
  let sumTopRest = 0;
  let sumRest = 0;
  for (const r of rests) {
    sumRest += r.rest * r.count;
    const take = Math.min(left, r.count);
    sumTopRest += take * r.rest;
    left -= take;
  }
  return sumTopRest / n - (k / n) * (sumRest / n);
}

function optionStats(options: OptionCell[], n: number): OptionStat[] {
  return options
    .map((o) => ({ optionId: o.optionId, isKey: o.isKey, count: o.count, share: n ? o.count / n : 0, meanTotal: o.count ? o.sumTotal / o.count : null }))
    .sort((a, b) => String(a.optionId).localeCompare(String(b.optionId)));
}

function flagsOf(stat: Omit<ItemStat, "flags">, cfg: typeof ITEM_ANALYSIS_DEFAULTS): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (stat.facility < cfg.facilityLow) flags.push("too_hard");
  if (stat.facility > cfg.facilityHigh) flags.push("too_easy");
  if (stat.n < cfg.minN) return flags;
  if (stat.discrimination !== null && stat.discrimination < cfg.discriminationLow) flags.push("low_discrimination");
  const key = stat.options.find((o) => o.isKey);
  const distractors = stat.options.filter((o) => !o.isKey && o.optionId !== null);
  const strongest = Math.max(...distractors.map((o) => o.meanTotal ?? -Infinity));
  if (key?.meanTotal != null && strongest > key.meanTotal) flags.push("key_avoided_by_strong");
  // A distractor whose choosers score above everyone who saw the item pulls strong candidates away.
  const answered = stat.options.filter((o) => o.count > 0 && o.meanTotal !== null);
  const overall = answered.reduce((s, o) => s + (o.meanTotal ?? 0) * o.count, 0) / Math.max(1, answered.reduce((s, o) => s + o.count, 0));
  if (distractors.some((o) => o.count >= 0.05 * stat.n && (o.meanTotal ?? -Infinity) > overall)) flags.push("distractor_attracts_strong");
  if (distractors.some((o) => o.count === 0)) flags.push("distractor_unused");
  return flags;
}

/**
 * `optionIds` lists, per question, every option of the question (so an option nobody chose still
 * shows as unused).
 */
export function analyseItems(
  cells: ItemCell[],
  options: OptionCell[],
  optionIds: Map<string, { id: string; isKey: boolean }[]> = new Map(),
  cfg = ITEM_ANALYSIS_DEFAULTS,
): ItemStat[] {
  const byQuestion = new Map<string, ItemCell[]>();
  for (const c of cells) byQuestion.set(c.questionId, [...(byQuestion.get(c.questionId) ?? []), c]);
  const optionsBy = new Map<string, OptionCell[]>();
  for (const o of options) optionsBy.set(o.questionId, [...(optionsBy.get(o.questionId) ?? []), o]);

  const stats: ItemStat[] = [];
  for (const [questionId, qCells] of byQuestion) {
    const m: Moments = { n: 0, sx: 0, st: 0, stt: 0, sxt: 0 };
    for (const c of qCells) {
      m.n += c.count;
      m.sx += c.correct * c.count;
      m.st += c.total * c.count;
      m.stt += c.total * c.total * c.count;
      m.sxt += c.correct * c.total * c.count;
    }
    const { varX, varR, covXR } = covariances(m);
    const enough = m.n >= cfg.minN && varX > 1e-12 && varR > 1e-12;
    const covMax = enough ? maxCovariance(qCells, m.n, m.sx) : 0;
    const seen = [...(optionsBy.get(questionId) ?? [])];
    for (const o of optionIds.get(questionId) ?? []) {
      if (!seen.some((s) => s.optionId === o.id)) seen.push({ questionId, optionId: o.id, isKey: o.isKey, count: 0, sumTotal: 0 });
    }
    const base = {
      questionId,
      n: m.n,
      facility: m.n ? m.sx / m.n : 0,
      discrimination: enough ? (100 * covXR) / Math.sqrt(varX * varR) : null,
      efficiency: enough && covMax > 1e-12 ? (100 * covXR) / covMax : null,
      options: optionStats(seen, m.n),
    };
    stats.push({ ...base, flags: flagsOf(base, cfg) });
  }
  return stats.sort((a, b) => a.questionId.localeCompare(b.questionId));
}

export function analyseTest(totals: TotalCell[], items: ItemStat[], questionsPerPaper: number): TestStat {
  const histogram = [...totals].filter((t) => t.count > 0).sort((a, b) => a.total - b.total);
  const attempts = histogram.reduce((s, t) => s + t.count, 0);
  if (attempts === 0) return { attempts, mean: 0, median: 0, sd: 0, kr20: null, histogram };
  const mean = histogram.reduce((s, t) => s + t.total * t.count, 0) / attempts;
  const variance = histogram.reduce((s, t) => s + (t.total - mean) ** 2 * t.count, 0) / attempts;
  let median = 0;
  let seen = 0;
  const lowMid = Math.floor((attempts - 1) / 2);
  const highMid = Math.floor(attempts / 2);
  let low: number | null = null;
  for (const t of histogram) {
    if (low === null && seen + t.count > lowMid) low = t.total;
    if (seen + t.count > highMid) {
      median = ((low ?? t.total) + t.total) / 2;
      break;
    }
    seen += t.count;
  }
  // Σ over every appearance of p·q, divided by the attempts: the expected item variance of one paper.
  const pqPerPaper = items.reduce((s, i) => s + i.n * i.facility * (1 - i.facility), 0) / attempts;
  const k = questionsPerPaper;
  const kr20 = k > 1 && variance > 1e-12 ? (k / (k - 1)) * (1 - pqPerPaper / variance) : null;
  return { attempts, mean, median, sd: Math.sqrt(variance), kr20, histogram };
}
