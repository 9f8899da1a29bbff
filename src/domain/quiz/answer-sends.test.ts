import { describe, expect, it } from "vitest";
import { AnswersOnTheirWay, IN_FLIGHT_MS } from "./answer-sends";

const waiting = (entries: Record<string, number>) => Object.entries(entries).map(([q, seq]) => [q, { optionId: "a", seq }] as [string, { optionId: string; seq: number }]);

describe("answers on their way", () => {
  it("a replay skips a tap whose request has not come back, and sends the rest oldest first", () => {
    const sends = new AnswersOnTheirWay();
    sends.begin("q2", 5, 1000);
    expect(sends.due(waiting({ q3: 7, q2: 5, q1: 2 }), 1500).map(([q]) => q)).toEqual(["q1", "q3"]);
  });

  it("sends the tap again once its request came back without an acknowledgement", () => {
    const sends = new AnswersOnTheirWay();
    sends.begin("q1", 3, 0);
    sends.end("q1", 3);
    expect(sends.due(waiting({ q1: 3 }), 10).map(([q]) => q)).toEqual(["q1"]);
  });

  it("a newer tap for the same question is sent although an older one is on its way", () => {
    const sends = new AnswersOnTheirWay();
    sends.begin("q1", 3, 0);
    expect(sends.due(waiting({ q1: 4 }), 10).map(([q, p]) => `${q}@${p.seq}`)).toEqual(["q1@4"]);
  });

  it("the end of an older request does not clear the newer one on its way", () => {
    const sends = new AnswersOnTheirWay();
    sends.begin("q1", 3, 0);
    sends.begin("q1", 4, 5);
    sends.end("q1", 3);
    expect(sends.isOnItsWay("q1", 4, 10)).toBe(true);
    expect(sends.due(waiting({ q1: 4 }), 10)).toEqual([]);
  });

  it("a request on its way too long is presumed lost and its tap goes again", () => {
    const sends = new AnswersOnTheirWay();
    sends.begin("q1", 3, 0);
    expect(sends.due(waiting({ q1: 3 }), IN_FLIGHT_MS - 1)).toEqual([]);
    expect(sends.due(waiting({ q1: 3 }), IN_FLIGHT_MS).map(([q]) => q)).toEqual(["q1"]);
  });

  it("a new tap joins the backlog only when another tap waits and is not on its way", () => {
    const sends = new AnswersOnTheirWay();
    expect(sends.joinsBacklog(waiting({ q1: 1 }), 0)).toBe(false);
    expect(sends.joinsBacklog(waiting({ q1: 1, q2: 2 }), 0)).toBe(true);
    sends.begin("q1", 1, 0);
    expect(sends.joinsBacklog(waiting({ q1: 1, q2: 2 }), 10)).toBe(false);
    expect(sends.joinsBacklog(waiting({ q1: 1, q2: 2 }), IN_FLIGHT_MS + 1)).toBe(true);
  });
});
