import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeFence, resetFakeFence } from "../../test/fake-fence";
import { json, makeUser, renderApp } from "../../test/render-app";
import { NotificationConsentPrompt, useShouldAskConsent } from "./notification-consent-prompt";

const user = makeUser();

/** What the lesson page does after a completion: ask if the person never answered and did not defer. */
function AfterCompletion() {
  const should = useShouldAskConsent();
  const [open, setOpen] = useState(true);
  return (
    <>
      <p>{should ? "sẽ hỏi" : "không hỏi"}</p>
      <NotificationConsentPrompt visible={open && should} onDone={() => setOpen(false)} />
    </>
  );
}

const renderPrompt = () => renderApp(<AfterCompletion />, { user, token: "t" });

describe("notification consent after the first completed lesson", () => {
  const patches: unknown[] = [];
  beforeEach(() => {
    resetFakeFence();
    patches.length = 0;
    fakeFence.askNotificationPermission.mockClear();
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init?: RequestInit) => {
        const body = JSON.parse(String(init?.body)) as { notificationsConsent: boolean };
        patches.push(body);
        return json({ user: { ...user, notificationsConsent: body.notificationsConsent } });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it("explains first, then asks Zalo and records the answer", async () => {
    renderPrompt();
    expect(await screen.findByText("Nhận nhắc hạn qua Zalo?")).toBeTruthy();
    expect(screen.getByText(/Tối đa 1 tin mỗi ngày/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Đồng ý nhận nhắc" }));
    await waitFor(() => expect(patches).toEqual([{ notificationsConsent: true }]));
    expect(fakeFence.askNotificationPermission).toHaveBeenCalledTimes(1);
    // Answered: not asked again.
    await waitFor(() => expect(screen.getByText("không hỏi")).toBeTruthy());
  });

  it("lets the person put it off without asking Zalo or recording anything", async () => {
    renderPrompt();
    await userEvent.click(await screen.findByRole("button", { name: "Để sau" }));
    await waitFor(() => expect(screen.getByText("không hỏi")).toBeTruthy());
    expect(fakeFence.askNotificationPermission).not.toHaveBeenCalled();
    expect(patches).toEqual([]);
  });
});
