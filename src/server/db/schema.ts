import type { RevokedSessionsTable } from "../features/auth/sessions.table";
import type { UsersTable } from "../features/auth/users.table";
import type { LessonProgressTable } from "../features/learning/lesson-progress.table";
import type { QuizBankQuestionsTable, QuizBankRetiredTable, QuizBankVersionsTable, QuizPaperBankVersionsTable } from "../features/quiz/bank.table";
import type { QuizOverridesTable } from "../features/quiz/overrides.table";
import type { QuizAnswersTable, QuizAttemptQuestionsTable, QuizAttemptsTable, QuizFocusEventsTable, QuizItemTallyTable } from "../features/quiz/quiz.table";
import type { UnitsTable } from "../features/units/units.table";
import type { RosterChangesTable, RosterEntriesTable, UnitClaimsTable } from "../features/units/roster.table";
import type { QualifierConfirmationsTable, StageSnapshotsTable } from "../features/stages/stage-close.table";
import type { AuditLogTable } from "../shared/audit/audit.table";
import type { ParticipationDirtyTable, ParticipationMetaTable, ParticipationSummaryTable, UnitHeadcountsTable } from "../features/participation";
import type { JuryConflictsTable, JuryJudgesTable, JuryRoundsTable, JurySheetsTable, JurySnapshotsTable } from "../features/jury";
import type { CertificatesTable } from "../features/certificates";
import type { DemoAccountsTable, DemoSettingsTable } from "../features/demo";
import type { EntriesTable, EntryContributorsTable, EntryFilesTable, EntrySignInCodesTable, EntryUploadTokensTable, EntryVersionsTable } from "../features/entries";
import type { PrivacyRequestsTable, PrivacySettingsTable } from "../features/privacy";
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
  rosterChanges: RosterChangesTable;
  unitHeadcounts: UnitHeadcountsTable;
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
  quizItemTally: QuizItemTallyTable;
  quizBankVersions: QuizBankVersionsTable;
  quizBankQuestions: QuizBankQuestionsTable;
  quizBankRetired: QuizBankRetiredTable;
  quizPaperBankVersions: QuizPaperBankVersionsTable;
  quizOverrides: QuizOverridesTable;
  reminderOccurrences: ReminderOccurrencesTable;
  reminderOutbox: ReminderOutboxTable;
  reminderDeliveries: ReminderDeliveriesTable;
  reminderQuota: ReminderQuotaTable;
  juryJudges: JuryJudgesTable;
  juryConflicts: JuryConflictsTable;
  jurySheets: JurySheetsTable;
  juryRounds: JuryRoundsTable;
  jurySnapshots: JurySnapshotsTable;
  certificates: CertificatesTable;
  demoSettings: DemoSettingsTable;
  demoAccounts: DemoAccountsTable;
  entries: EntriesTable;
  entryVersions: EntryVersionsTable;
  entryFiles: EntryFilesTable;
  entryContributors: EntryContributorsTable;
  entryUploadTokens: EntryUploadTokensTable;
  entrySignInCodes: EntrySignInCodesTable;
  privacyRequests: PrivacyRequestsTable;
  privacySettings: PrivacySettingsTable;
  revokedSessions: RevokedSessionsTable;
}
