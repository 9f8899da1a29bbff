import type { Interval } from "./intervals";

/**
 * Turns the player's time updates into watched spans. Only continuous playback counts: a jump
 * (seek, or a gap larger than `maxStepSec` of video between two updates) closes the span.
 * Pure and clock-free so it can be tested without a video element.
 */
export class WatchTracker {
  private segStart: number | null = null;
  private last: number | null = null;
  private closed: Interval[] = [];

  /** `maxStepSec`: timeupdate fires about 4× a second; at 1.5× that is well under a second of video. */
  constructor(private readonly maxStepSec = 2.5) {}

  /** The video is playing and reached `t` seconds. */
  tick(t: number): void {
    if (this.last !== null && t >= this.last && t - this.last <= this.maxStepSec) {
      this.last = t;
      return;
    }
    this.interrupt();
    this.segStart = t;
    this.last = t;
  }

  /** Playback stopped or jumped (pause, seeking, ended, buffering). */
  interrupt(): void {
    if (this.segStart !== null && this.last !== null && this.last > this.segStart) this.closed.push([this.segStart, this.last]);
    this.segStart = null;
    this.last = null;
  }

  /** Spans watched since the previous drain; playback in progress carries on from here. */
  drain(): Interval[] {
    const out = this.closed;
    this.closed = [];
    if (this.segStart !== null && this.last !== null && this.last > this.segStart) {
      out.push([this.segStart, this.last]);
      this.segStart = this.last;
    }
    return out;
  }
}
