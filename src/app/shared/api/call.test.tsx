import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Button } from "zmp-ui";
import { afterEach, describe, expect, it, vi } from "vitest";
import { quizEndpoints } from "../../../domain/quiz/quiz.endpoints";
import { remindersEndpoints } from "../../../domain/reminders/reminders.endpoints";
import { reportsEndpoints } from "../../../domain/reports/reports.endpoints";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { fakeFetch, json, renderApp } from "../../test/render-app";
import { call, urlOf } from "./call";
import { useAction } from "./use-action";

describe("the typed client", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("builds the URL from the declaration, sends the typed body and parses the declared response", async () => {
    const calls = fakeFetch(() => json({ answer: { questionId: "q1", optionId: "b", seq: 3 }, applied: true }));
    const res = await call(quizEndpoints.saveAnswer, { params: { id: "att 1", questionId: "q1" }, body: { optionId: "b", seq: 3 } });
    expect(calls).toEqual([{ url: "/api/quiz/attempts/att%201/answers/q1", method: "PUT", body: { optionId: "b", seq: 3 } }]);
    expect(res.answer.seq).toBe(3);
    expect(urlOf(remindersEndpoints.inbox, { query: { cursor: "a&b" } })).toBe("/api/inbox?cursor=a%26b");
    expect(urlOf(unitsEndpoints.units, { query: { kind: "all" } })).toBe("/api/units?kind=all");
    expect(urlOf(reportsEndpoints.cityReport)).toBe("/api/reports/city.xlsx");
  });

  it("refuses a response that does not match the declaration, and says which code the server sent", async () => {
    fakeFetch(() => json({ unread: "many" }));
    await expect(call(remindersEndpoints.unreadCount)).rejects.toMatchObject({ code: "BAD_RESPONSE" });
    fakeFetch(() => json({ error: { code: "ATTEMPT_CLOSED", message: "over" } }, 409));
    await expect(call(quizEndpoints.submit, { params: { id: "a1" } })).rejects.toMatchObject({ code: "ATTEMPT_CLOSED", status: 409 });
  });

  it("takes its types from the declaration, so a renamed field breaks the build", () => {
    fakeFetch(() => json({}));
    const unchecked = [
      // @ts-expect-error: the body field is optionId, not option
      () => call(quizEndpoints.saveAnswer, { params: { id: "a", questionId: "q" }, body: { option: "b", seq: 1 } }),
      // @ts-expect-error: the path needs :questionId
      () => call(quizEndpoints.saveAnswer, { params: { id: "a" }, body: { optionId: "b", seq: 1 } }),
      // @ts-expect-error: this endpoint takes no body
      () => call(quizEndpoints.submit, { params: { id: "a" }, body: { now: true } }),
      // @ts-expect-error: the kind is commune, department or all
      () => urlOf(unitsEndpoints.units, { query: { kind: "city" } }),
    ];
    expect(unchecked).toHaveLength(4);
  });
});

function SendButton({ action }: { action: () => Promise<string> }) {
  const send = useAction(action);
  return (
    <Button loading={send.busy} onClick={() => void send.run()}>
      {send.busy ? "Đang gửi" : "Gửi"}
    </Button>
  );
}

describe("useAction", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is busy while the write runs, runs once at a time, and says a failure in Vietnamese", async () => {
    let release: (v: string) => void = () => undefined;
    const action = vi.fn(() => new Promise<string>((r) => (release = r)));
    renderApp(<SendButton action={action} />);
    await userEvent.click(screen.getByRole("button", { name: "Gửi" }));
    expect(await screen.findByText("Đang gửi")).toBeTruthy();
    await userEvent.click(screen.getByText("Đang gửi"));
    expect(action).toHaveBeenCalledTimes(1);
    release("ok");
    expect(await screen.findByText("Gửi")).toBeTruthy();

    fakeFetch(() => json({ error: { code: "FORBIDDEN", message: "no" } }, 403));
    action.mockImplementation(() => call(remindersEndpoints.markAllRead).then(() => "ok"));
    await userEvent.click(screen.getByRole("button", { name: "Gửi" }));
    expect(await screen.findByText("Bạn không có quyền thực hiện thao tác này.")).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("button", { name: "Gửi" })).toBeTruthy());
  });
});
