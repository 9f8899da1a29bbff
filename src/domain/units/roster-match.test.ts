import { describe, expect, it } from "vitest";
import { rosterMatchDecision } from "./roster-match";

describe("the roster match rule", () => {
  it("links a free row, keeps one already linked to the same person", () => {
    expect(rosterMatchDecision(null, "u1")).toBe("link");
    expect(rosterMatchDecision("u1", "u1")).toBe("already_linked");
  });
  it("never moves a row matched to another account", () => {
    expect(rosterMatchDecision("u1", "u2")).toBe("keep_other");
  });
});
