import { describe, expect, it } from "vitest";
import { activeTab } from "./bottom-nav";

describe("the highlighted bottom-navigation tab", () => {
  it("follows the section a page belongs to", () => {
    expect(activeTab("/")).toBe("/");
    expect(activeTab("/learn/bai-01")).toBe("/learn");
    expect(activeTab("/test/abc/review")).toBe("/test");
    expect(activeTab("/rankings")).toBe("/rankings");
    // Reached from "Cá nhân": the inbox, a unit's dashboard, the organiser desk and its reminders view.
    for (const p of ["/me", "/inbox", "/unit/10507", "/organizer", "/organizer/reminders"]) expect(activeTab(p), p).toBe("/me");
    expect(activeTab("/somewhere-else")).toBe("/");
  });
});
