import type { Migration } from "kysely";
import * as foundation from "./2026-11-22-0001-foundation";
import * as learning from "./2026-11-22-0002-learning";
import * as quiz from "./2026-11-22-0003-quiz";
import * as units from "./2026-11-22-0004-units";
import * as reminders from "./2026-11-22-0005-reminders";
import * as jury from "./2026-12-02-0009-jury";
import * as demo from "./2026-12-02-0010-demo";
import * as quizItemTally from "./2026-12-02-0011-quiz-item-tally";
import * as entries from "./2026-12-02-0008-entries";
import * as privacy from "./2026-12-02-0012-privacy";
import * as questionBank from "./2026-12-02-0013-question-bank";
import * as overrides from "./2026-12-02-0014-overrides";
import * as hardening from "./2026-12-02-0007-hardening";
import * as juryTotalDouble from "./2026-12-02-0015-jury-total-double";
import * as rosterFreeze from "./2026-12-02-0016-roster-freeze";
import * as tallyLockOrder from "./2026-12-02-0017-tally-lock-order";

/**
 * Every migration, by name; names sort by their date prefix and run in that order.
 * A static list (not a folder scan) so that tsx, vitest and a bundler all see the same set.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-22-0001-foundation": foundation,
  "2026-11-22-0002-learning": learning,
  "2026-11-22-0003-quiz": quiz,
  "2026-11-22-0004-units": units,
  "2026-11-22-0005-reminders": reminders,
  "2026-12-02-0009-jury": jury,
  "2026-12-02-0010-demo": demo,
  "2026-12-02-0011-quiz-item-tally": quizItemTally,
  "2026-12-02-0008-entries": entries,
  "2026-12-02-0012-privacy": privacy,
  "2026-12-02-0013-question-bank": questionBank,
  "2026-12-02-0014-overrides": overrides,
  "2026-12-02-0007-hardening": hardening,
  "2026-12-02-0015-jury-total-double": juryTotalDouble,
  "2026-12-02-0016-roster-freeze": rosterFreeze,
  "2026-12-02-0017-tally-lock-order": tallyLockOrder,
};
