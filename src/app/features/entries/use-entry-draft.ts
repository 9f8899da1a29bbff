import { useCallback, useEffect, useRef, useState } from "react";
import type { EntryDraft, EntryView, MissingItem } from "../../../domain/entries/entries.schema";
import { ApiRequestError } from "../../shared/api/api-client";
import { useSession } from "../../shared/state/session-state";
import { type ConflictCurrent, draftKey, type DraftSendResult, entryDraftOutbox, entryDrafts, onDraftSent, sendEntryDraft } from "./draft-outbox";

export type SaveState = "idle" | "pending" | "saving" | "saved" | "offline" | "conflict" | "error";
const DEBOUNCE_MS = 1200;

/**
 * The form's draft: kept in the offline outbox at every change, saved to the server after a pause
 * in typing (debounced); the app's OutboxSync replays it when the network or the app comes back.
 * A colleague's newer save is never overwritten silently (a conflict shows their text).
 */
export function useEntryDraft(view: EntryView | undefined) {
  const { user } = useSession();
  const userId = user?.id ?? "";
  const round = view?.round.id ?? "";
  const unit = view?.unit.code ?? "";
  const id = draftKey(userId, round, unit);
  const [draft, setDraft] = useState<EntryDraft | null>(null);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<SaveState>("idle");
  const [problem, setProblem] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<MissingItem[]>([]);
  const [conflict, setConflict] = useState<ConflictCurrent | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Start from the server's draft, or from what is still pending on the phone for this entry.
  useEffect(() => {
    if (!view) return;
    const pending = entryDrafts.get(userId, view.round.id, view.unit.code);
    setMissing(view.missing);
    setVersion(view.version);
    if (pending && pending.baseVersion === view.version && !pending.conflicted) {
      setDraft(pending.draft);
      setState("pending");
      void sendEntryDraft(draftKey(userId, view.round.id, view.unit.code));
    } else if (pending) {
      setDraft(pending.draft);
      setState("conflict");
      setConflict({ version: view.version, draft: view.draft, updatedAt: view.updatedAt, updatedBy: null });
    } else {
      setDraft(view.draft);
      setState("idle");
    }
  }, [view, userId]);

  // Outcomes of every send of this draft: the form's own and the app's replays.
  useEffect(
    () =>
      onDraftSent((sentId, r: DraftSendResult) => {
        if (sentId !== id) return;
        if (r.status === "saved") {
          setVersion(r.response.version);
          setMissing(r.response.missing);
          setFieldErrors({});
          setProblem(null);
          setState(r.newer ? "pending" : "saved");
        } else if (r.status === "conflict") {
          setConflict(r.current);
          setState("conflict");
        } else if (r.status === "offline") setState("offline");
        else if (r.status === "refused") {
          if (r.error instanceof ApiRequestError && r.error.fields) setFieldErrors(r.error.fields);
          setProblem(r.error);
          setState("error");
        }
      }),
    [id],
  );

  const flush = useCallback(async () => {
    if (!round || !entryDraftOutbox.get(id)) return;
    setState((s) => (s === "conflict" ? s : "saving"));
    await sendEntryDraft(id);
  }, [id, round]);

  const change = useCallback(
    (next: EntryDraft) => {
      setDraft(next);
      const prev = entryDraftOutbox.get(id);
      // While a conflict is open the typing stays marked so nothing is sent before it is resolved.
      entryDraftOutbox.put(id, { userId, round, unit, baseVersion: prev?.conflicted ? prev.baseVersion : version, draft: next, at: Date.now(), conflicted: prev?.conflicted ?? false });
      setState((s) => (s === "conflict" ? s : "pending"));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [id, userId, round, unit, version, flush],
  );

  /** Conflict resolved: keep mine on top of their version, or take theirs. */
  const resolve = useCallback(
    (keep: "mine" | "theirs") => {
      if (!conflict || !draft) return;
      if (keep === "theirs") {
        entryDraftOutbox.remove(id);
        setDraft(conflict.draft);
        setState("saved");
      } else {
        entryDrafts.put(userId, round, unit, conflict.version, draft);
        setState("pending");
        void flush();
      }
      setVersion(conflict.version);
      setConflict(null);
    },
    [conflict, draft, id, userId, round, unit, flush],
  );

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  return { draft, version, state, problem, fieldErrors, missing, conflict, change, flush, resolve, setMissing };
}
