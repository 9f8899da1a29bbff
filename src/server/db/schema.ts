import type { RevokedSessionsTable } from "../features/auth/sessions.table";
import type { UsersTable } from "../features/auth/users.table";
import type { LessonProgressTable } from "../features/learning/lesson-progress.table";
import type { QuizAnswersTable, QuizAttemptQuestionsTable, QuizAttemptsTable, QuizFocusEventsTable } from "../features/quiz/quiz.table";
import type { UnitsTable } from "../features/units/units.table";
import type { RosterEntriesTable, UnitClaimsTable } from "../features/units/roster.table";
import type { QualifierConfirmationsTable, StageSnapshotsTable } from "../features/units/stage-close.table";
import type { AuditLogTable } from "../features/units/audit.table";
import type { ParticipationDirtyTable, ParticipationMetaTable, ParticipationSummaryTable } from "../features/units/participation.table";
import type { ReminderDeliveriesTable, ReminderOccurrencesTable, ReminderOutboxTable, ReminderQuotaTable } from "../features/reminders/reminders.table";

/**
 * The whole database as Kysely sees it, assembled from each feature's *.table.ts.
 * Conventions (both dialects): text ids made by the app, timestamps as ISO-8601 UTC text
 * (they sort as text), booleans as integer 0/1.
 */
export interface Database {
  users: UsersTable;
  units: UnitsTable;
  lessonProgress: LessonProgressTable;
  rosterEntries: RosterEntriesTable;
  unitClaims: UnitClaimsTable;
  stageSnapshots: StageSnapshotsTable;
  qualifierConfirmations: QualifierConfirmationsTable;
  auditLog: AuditLogTable;
  participationSummary: ParticipationSummaryTable;
  participationDirty: ParticipationDirtyTable;
  participationMeta: ParticipationMetaTable;
  quizAttempts: QuizAttemptsTable;
  quizAttemptQuestions: QuizAttemptQuestionsTable;
  quizAnswers: QuizAnswersTable;
  quizFocusEvents: QuizFocusEventsTable;
  reminderOccurrences: ReminderOccurrencesTable;
  reminderOutbox: ReminderOutboxTable;
  reminderDeliveries: ReminderDeliveriesTable;
  reminderQuota: ReminderQuotaTable;
  revokedSessions: RevokedSessionsTable;
}
