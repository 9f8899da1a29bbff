import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { RecoilRoot } from "recoil";
import { vi } from "vitest";
import { App, SnackbarProvider, ZMPRouter } from "zmp-ui";
import type { User } from "../../domain/auth/auth.schema";
import { setApiToken } from "../shared/api/api-client";
import { sessionState } from "../shared/state/session-state";

/** A signed-in, onboarded staff member of unit 10507; override what a test is about. */
export function makeUser(over: Partial<User> = {}): User {
  return {
    id: "u1",
    fullName: "Nguyễn Thị Lan",
    zaloName: null,
    phone: null,
    role: "staff",
    unitCode: "10507",
    subUnit: null,
    position: null,
    onboarded: true,
    notificationsConsent: null,
    createdAt: "2026-06-01T00:00:00.000Z",
    ...over,
  };
}

/** A JSON response as the API sends it. */
export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

export type FakeCall = { url: string; method: string; body: unknown };

/** Replace fetch with `route`; returns every request made (url, method, parsed JSON body). Undo with vi.unstubAllGlobals(). */
export function fakeFetch(route: (url: string, init?: RequestInit) => Response | Promise<Response>): FakeCall[] {
  const calls: FakeCall[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return route(url, init);
    }),
  );
  return calls;
}

/**
 * Render a page or component inside the app's providers (recoil with a session, zmp-ui's App,
 * snackbars, the router), as the real app does. `user: null` renders signed out.
 */
export function renderApp(ui: ReactNode, opts: { user?: User | null; token?: string } = {}) {
  const user = opts.user === undefined ? makeUser() : opts.user;
  const token = opts.token ?? "test-token";
  setApiToken(user ? token : null);
  return render(
    <RecoilRoot initializeState={({ set }) => set(sessionState, user ? { token, user } : null)}>
      <App>
        <SnackbarProvider>
          <ZMPRouter>{ui}</ZMPRouter>
        </SnackbarProvider>
      </App>
    </RecoilRoot>,
  );
}

/**
 * Render a component with only the state and snackbar providers, for tests that talk to the real
 * API with a token of their own (setApiToken) rather than a signed-in session.
 */
export function renderWithProviders(ui: ReactNode) {
  return render(
    <RecoilRoot>
      <SnackbarProvider>{ui}</SnackbarProvider>
    </RecoilRoot>,
  );
}
