/** Every key the app keeps on the phone, in one place. */
export const STORAGE_KEYS = {
  session: "hvai.session.v1",
  lessonOutbox: "hvai.learning.outbox.v1",
  quizOutbox: "hvai.quiz.outbox.v1",
  inboxPendingReads: "hvai.inbox.pending-reads.v1",
  entryDrafts: "hvai.entries.drafts.v1",
} as const;
