import { describe, expect, it } from "vitest";
import { WatchTracker } from "./watch-tracker";

const play = (t: WatchTracker, from: number, to: number, step = 0.25) => {
  for (let x = from; x <= to + 1e-9; x += step) t.tick(Math.round(x * 100) / 100);
};

describe("watch tracker", () => {
  it("turns continuous playback into one span and hands it out once", () => {
    const t = new WatchTracker();
    play(t, 0, 10);
    expect(t.drain()).toEqual([[0, 10]]);
    play(t, 10.25, 15);
    expect(t.drain()).toEqual([[10, 15]]);
    expect(t.drain()).toEqual([]);
  });

  it("closes the span at a seek or a jump, so skipped seconds are not counted", () => {
    const t = new WatchTracker();
    play(t, 0, 5);
    t.interrupt();
    play(t, 30, 32);
    play(t, 40, 41);
    expect(t.drain()).toEqual([[0, 5], [30, 32], [40, 41]]);
  });

  it("ignores time going backwards as a new start", () => {
    const t = new WatchTracker();
    play(t, 20, 22);
    play(t, 3, 4);
    expect(t.drain()).toEqual([[20, 22], [3, 4]]);
  });

  it("reports nothing for a single update (no time watched)", () => {
    const t = new WatchTracker();
    t.tick(7);
    t.interrupt();
    expect(t.drain()).toEqual([]);
  });
});
