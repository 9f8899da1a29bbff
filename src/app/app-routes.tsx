import type { ReactElement } from "react";
import { AnimationRoutes, Route, useLocation } from "zmp-ui";
import { SignInPage } from "./features/auth/sign-in-page";
import { DemoAccounts } from "./features/demo/demo-accounts";
import { entryDraftOutbox } from "./features/entries/draft-outbox";
import { HomePage } from "./features/home/home-page";
import { lessonProgressOutbox } from "./features/learning/progress-outbox";
import { inboxReadsOutbox } from "./features/reminders/pending-reads";
import { useInboxUnreadPolling } from "./features/reminders/use-inbox-unread-polling";
import {
  AttemptPage,
  HonourPage,
  DemoPage,
  DesktopConfirmPage,
  DesktopSignIn,
  EntriesPage,
  EntryFormPage,
  InboxPage,
  JudgePage,
  JuryOrganizerPage,
  PresenterPage,
  PrivacyAdminPage,
  PrivacyNoticePage,
  ItemAnalysisPage,
  BankPage,
  PeoplePage,
  PersonPage,
  LessonPage,
  LessonsPage,
  MePage,
  MyDataPage,
  OnboardingPage,
  OrganizerPage,
  PhonePage,
  RankingsPage,
  RemindersOverviewPage,
  ReviewPage,
  RoundPage,
  TestPage,
  UnitDashboardPage,
} from "./lazy-pages";
import { BottomNav } from "./shared/components/bottom-nav";
import { OutboxSync } from "./shared/offline/outbox-sync";
import { PageErrorBoundary } from "./shared/components/page-error-boundary";
import { isInsideZalo } from "./fence/zalo";
import { paths } from "./shared/config/paths";
import { useSession } from "./shared/state/session-state";

/** Outboxes replayed by the app (quiz answers are flushed by the attempt page on the same triggers). */
const OUTBOXES = [lessonProgressOutbox, inboxReadsOutbox, entryDraftOutbox];

const page = (el: ReactElement) => <PageErrorBoundary>{el}</PageErrorBoundary>;

/** Pages where the bottom navigation would be in the way: onboarding, phone, the hall's presenter screen, a test attempt. */
const FULL_SCREEN = [paths.onboarding.path, paths.phone.path, paths.presenter.path];
const IN_ATTEMPT = /^\/test\/[^/]+\/?$/;

/** Who sees what: signed out → sign-in; not onboarded → onboarding; else the app. */
export function AppRoutes() {
  const { user } = useSession();
  const location = useLocation();
  const unread = useInboxUnreadPolling(Boolean(user?.onboarded));
  // An entry link opened in an office PC's browser: sign in with a code confirmed in the mini app.
  if (!user) return page(location.pathname.startsWith(paths.entries.path) && !isInsideZalo() ? <DesktopSignIn otherWay={<SignInPage demoAccounts={<DemoAccounts />} />} /> : <SignInPage demoAccounts={<DemoAccounts />} />);
  if (!user.onboarded) return page(<OnboardingPage />);
  const showNav = !FULL_SCREEN.some((p) => location.pathname.startsWith(p)) && !IN_ATTEMPT.test(location.pathname);
  return (
    <>
      <AnimationRoutes>
        <Route path={paths.home.path} element={page(<HomePage />)} />
        <Route path={paths.onboarding.path} element={page(<OnboardingPage />)} />
        <Route path={paths.phone.path} element={page(<PhonePage />)} />
        <Route path={paths.me.path} element={page(<MePage />)} />
        <Route path={paths.learn.path} element={page(<LessonsPage />)} />
        <Route path={paths.lesson.path} element={page(<LessonPage />)} />
        <Route path={paths.test.path} element={page(<TestPage />)} />
        <Route path={paths.attempt.path} element={page(<AttemptPage />)} />
        <Route path={paths.review.path} element={page(<ReviewPage />)} />
        <Route path={paths.inbox.path} element={page(<InboxPage />)} />
        <Route path={paths.remindersOverview.path} element={page(<RemindersOverviewPage />)} />
        <Route path={paths.rankings.path} element={page(<RankingsPage />)} />
        <Route path={paths.unit.path} element={page(<UnitDashboardPage />)} />
        <Route path={paths.organizer.path} element={page(<OrganizerPage />)} />
        <Route path={paths.itemAnalysis.path} element={page(<ItemAnalysisPage />)} />
        <Route path={paths.questionBank.path} element={page(<BankPage />)} />
        <Route path={paths.people.path} element={page(<PeoplePage />)} />
        <Route path={paths.person.path} element={page(<PersonPage />)} />
        <Route path={paths.jury.path} element={page(<JudgePage />)} />
        <Route path={paths.juryOrganizer.path} element={page(<JuryOrganizerPage />)} />
        <Route path={paths.presenter.path} element={page(<PresenterPage />)} />
        <Route path={paths.honour.path} element={page(<HonourPage />)} />
        <Route path={paths.demo.path} element={page(<DemoPage />)} />
        <Route path={paths.entries.path} element={page(<EntriesPage />)} />
        <Route path={paths.entriesDesktop.path} element={page(<DesktopConfirmPage />)} />
        <Route path={paths.entryForm.path} element={page(<EntryFormPage />)} />
        <Route path={paths.entriesRound.path} element={page(<RoundPage />)} />
        <Route path={paths.privacy.path} element={page(<PrivacyNoticePage />)} />
        <Route path={paths.myData.path} element={page(<MyDataPage />)} />
        <Route path={paths.privacyAdmin.path} element={page(<PrivacyAdminPage />)} />
        <Route path="*" element={page(<HomePage />)} />
      </AnimationRoutes>
      <OutboxSync outboxes={OUTBOXES} />
      {showNav ? <BottomNav badges={{ [paths.me.path]: unread }} /> : null}
    </>
  );
}
