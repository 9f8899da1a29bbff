/**
 * The roster match rule (issue 14): when a person verifies a phone that is on a unit's list, the
 * row is theirs if it has no account yet (or is already theirs). A row matched to another account
 * never moves by itself — not even when that account no longer holds the number — or that person's
 * progress would silently leave the unit and its participation drop. It is flagged instead, for an
 * organiser to merge the two accounts (or fix the list).
 */
export type RosterMatchDecision = "link" | "already_linked" | "keep_other";

export function rosterMatchDecision(rowUserId: string | null, verifyingUserId: string): RosterMatchDecision {
  if (rowUserId === null) return "link";
  return rowUserId === verifyingUserId ? "already_linked" : "keep_other";
}
