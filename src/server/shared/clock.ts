/** The server's clock. Tests replace it to cross deadlines without waiting. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

export function createTestClock(start: Date = new Date()): Clock & { set(d: Date): void; advance(ms: number): void } {
  let t = start.getTime();
  return { now: () => new Date(t), set: (d) => void (t = d.getTime()), advance: (ms) => void (t += ms) };
}
