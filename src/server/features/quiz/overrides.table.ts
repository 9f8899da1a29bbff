import type { Selectable } from "kysely";
import type { OverrideKind } from "../../../domain/quiz/overrides.schema";

/** An organiser's override of one person's test, with its reason (migration 0014). Append-only. */
export interface QuizOverridesTable {
  id: string;
  userId: string;
  /** Null for an extra attempt. */
  attemptId: string | null;
  kind: OverrideKind;
  minutes: number | null;
  reason: string;
  actorId: string;
  at: string;
}
export type QuizOverrideRow = Selectable<QuizOverridesTable>;
