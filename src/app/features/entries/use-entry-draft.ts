import { useCallback, useEffect, useRef, useState } from "react";
import type { EntryDraft, EntryView, MissingItem } from "../../../domain/entries/entries.schema";
import { onAppResumed } from "../../fence/zalo";
import { ApiRequestError } from "../../shared/api/api-client";
import { useSession } from "../../shared/state/session-state";
import { draftQueue } from "./draft-queue";
import { DraftConflict, entriesClient } from "./entries-client";

export type SaveState = "idle" | "pending" | "saving" | "saved" | "offline" | "conflict" | "error";
const DEBOUNCE_MS = 1200;
const RETRY_MS = 5000;

/**
 * The form's draft: kept on the phone at every change, saved to the server after a pause in
 * typing (debounced), replayed when the network or the app comes back, and never overwriting a
 * colleague's newer save silently (a conflict shows their text).
 */
export function useEntryDraft(view: EntryView | undefined) {
  const { session } = useSession();
  const token = session?.token ?? null;
  const round = view?.round.id ?? "";
  const unit = view?.unit.code ?? "";
  const [draft, setDraft] = useState<EntryDraft | null>(null);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<SaveState>("idle");
  const [problem, setProblem] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<MissingItem[]>([]);
  const [conflict, setConflict] = useState<DraftConflict["current"] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);

  // Start from the server's draft, or from what is still pending on the phone for this entry.
  useEffect(() => {
    if (!view) return;
    const pending = draftQueue.get(view.round.id, view.unit.code);
    setMissing(view.missing);
    if (pending && pending.baseVersion === view.version) {
      setDraft(pending.draft);
      setVersion(view.version);
      setState("pending");
    } else {
      setDraft(view.draft);
      setVersion(view.version);
      setState(pending ? "conflict" : "idle");
      if (pending) setConflict({ version: view.version, draft: view.draft, updatedAt: view.updatedAt, updatedBy: null });
    }
  }, [view]);

  const flush = useCallback(async () => {
    if (!round || inFlight.current) return;
    const pending = draftQueue.get(round, unit);
    if (!pending) return;
    inFlight.current = true;
    setState("saving");
    try {
      const res = await entriesClient.save(round, unit, { baseVersion: pending.baseVersion, draft: pending.draft }, token);
      draftQueue.ack(round, unit, pending.at);
      // Typing during the save continues from the new version.
      const newer = draftQueue.get(round, unit);
      if (newer) draftQueue.put(round, unit, { ...newer, baseVersion: res.version });
      setVersion(res.version);
      setMissing(res.missing);
      setFieldErrors({});
      setProblem(null);
      setState(newer ? "pending" : "saved");
    } catch (err) {
      if (err instanceof DraftConflict) {
        setConflict(err.current);
        setState("conflict");
      } else if (err instanceof ApiRequestError && err.code === "NETWORK") setState("offline");
      else {
        if (err instanceof ApiRequestError && err.fields) setFieldErrors(err.fields);
        setProblem(err);
        setState("error");
      }
    } finally {
      inFlight.current = false;
    }
  }, [round, unit, token]);

  const change = useCallback(
    (next: EntryDraft) => {
      setDraft(next);
      draftQueue.put(round, unit, { baseVersion: version, draft: next, at: Date.now() });
      setState((s) => (s === "conflict" ? s : "pending"));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [round, unit, version, flush],
  );

  /** Conflict resolved: keep mine on top of their version, or take theirs. */
  const resolve = useCallback(
    (keep: "mine" | "theirs") => {
      if (!conflict || !draft) return;
      if (keep === "theirs") {
        draftQueue.ack(round, unit, draftQueue.get(round, unit)?.at ?? 0);
        setDraft(conflict.draft);
        setState("saved");
      } else {
        draftQueue.put(round, unit, { baseVersion: conflict.version, draft, at: Date.now() });
        setState("pending");
        void flush();
      }
      setVersion(conflict.version);
      setConflict(null);
    },
    [conflict, draft, round, unit, flush],
  );

  // Replay: network back, app back to the front, and every few seconds while something is pending.
  useEffect(() => {
    const retry = () => void flush();
    window.addEventListener("online", retry);
    const off = onAppResumed(retry);
    const every = setInterval(() => state !== "conflict" && draftQueue.get(round, unit) && retry(), RETRY_MS);
    return () => {
      window.removeEventListener("online", retry);
      off();
      clearInterval(every);
    };
  }, [flush, round, unit, state]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  return { draft, version, state, problem, fieldErrors, missing, conflict, change, flush, resolve, setMissing };
}
