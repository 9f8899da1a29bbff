/**
 * Which waiting answers a phone sends when it replays its outbox. A tap whose request is still on
 * its way is not sent again: the app replays after every acknowledgement and on a timer, and when
 * the API answered slowly (the deadline surge, the restart after a crash) each replay re-sent
 * every unacknowledged tap, multiplying the load exactly when it was highest. A request on its way
 * for longer than IN_FLIGHT_MS is presumed lost (a stalled mobile connection may never fail) and
 * its tap goes again; a duplicate is harmless (the server keeps the highest seq).
 */
export const IN_FLIGHT_MS = 20_000;

type Sending = { seq: number; since: number };

export class AnswersOnTheirWay {
  private readonly sending = new Map<string, Sending>();

  /** A request for this tap leaves now. */
  begin(questionId: string, seq: number, now: number): void {
    this.sending.set(questionId, { seq, since: now });
  }

  /** Its answer (or failure) came back. A newer tap's request for the same question stays marked. */
  end(questionId: string, seq: number): void {
    if (this.sending.get(questionId)?.seq === seq) this.sending.delete(questionId);
  }

  /** This tap (or a newer one for the question) is on its way, and not for so long that it is presumed lost. */
  isOnItsWay(questionId: string, seq: number, now: number): boolean {
    const s = this.sending.get(questionId);
    return s !== undefined && s.seq >= seq && now - s.since < IN_FLIGHT_MS;
  }

  /**
   * Whether a new tap should go with the others in one backlog request rather than alone: other
   * taps are waiting and not on their way (the connection was lost). The app and the bench's phones ask this.
   */
  joinsBacklog<P extends { seq: number }>(waiting: Iterable<[string, P]>, now: number): boolean {
    return this.due(waiting, now).length > 1;
  }

  /** The waiting taps a replay sends, oldest first: all but those on their way. */
  due<P extends { seq: number }>(waiting: Iterable<[string, P]>, now: number): [string, P][] {
    return [...waiting].filter(([questionId, p]) => !this.isOnItsWay(questionId, p.seq, now)).sort((a, b) => a[1].seq - b[1].seq);
  }
}
