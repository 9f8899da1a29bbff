/**
 * mulberry32: a small deterministic PRNG (0 ≤ x < 1), so a seed always gives the same sequence —
 * the final's presentation draw, the demo's synthetic city, reproducible tests.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
