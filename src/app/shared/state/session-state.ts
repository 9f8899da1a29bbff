import { atom, useRecoilState } from "recoil";
import { useCallback } from "react";
import type { SessionResponse, User } from "../../../domain/auth/auth.schema";
import { onTokenRenewed, setApiToken } from "../api/api-client";
import { readJson, removeKey, writeJson } from "../storage/json-storage";
import { STORAGE_KEYS } from "../storage/storage-keys";

export type Session = { token: string; user: User };

function initialSession(): Session | null {
  const saved = readJson<Session | null>(STORAGE_KEYS.session, null);
  setApiToken(saved?.token ?? null);
  return saved;
}

// A renewed token replaces the stored one, so the next app start is still signed in.
onTokenRenewed((token) => {
  const saved = readJson<Session | null>(STORAGE_KEYS.session, null);
  if (saved) writeJson(STORAGE_KEYS.session, { ...saved, token });
});

export const sessionState = atom<Session | null>({ key: "session", default: initialSession() });

/** Read and change the session; keeps the API client's token and the phone's storage in step. */
export function useSession() {
  const [session, setSession] = useRecoilState(sessionState);
  const signIn = useCallback(
    (s: SessionResponse) => {
      setApiToken(s.token);
      writeJson(STORAGE_KEYS.session, s);
      setSession(s);
    },
    [setSession],
  );
  const setUser = useCallback(
    (user: User) =>
      setSession((prev) => {
        if (!prev) return prev;
        const next = { ...prev, user };
        writeJson(STORAGE_KEYS.session, next);
        return next;
      }),
    [setSession],
  );
  const signOut = useCallback(() => {
    setApiToken(null);
    removeKey(STORAGE_KEYS.session);
    setSession(null);
  }, [setSession]);
  return { session, user: session?.user ?? null, signIn, setUser, signOut };
}
