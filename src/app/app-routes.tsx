import type { ReactElement } from "react";
import { AnimationRoutes, Route, useLocation } from "zmp-ui";
import { OnboardingPage } from "./features/auth/onboarding-page";
import { PhonePage } from "./features/auth/phone-page";
import { SignInPage } from "./features/auth/sign-in-page";
import { HomePage } from "./features/home/home-page";
import { LessonPage } from "./features/learning/lesson-page";
import { LessonsPage } from "./features/learning/lessons-page";
import { lessonProgressOutbox } from "./features/learning/progress-outbox";
import { MePage } from "./features/me/me-page";
import { MyDataPage } from "./features/privacy/my-data-page";
import { PrivacyAdminPage } from "./features/privacy/privacy-admin-page";
import { PrivacyNoticePage } from "./features/privacy/privacy-notice-page";
import { AttemptPage } from "./features/quiz/attempt-page";
import { ItemAnalysisPage } from "./features/quiz/item-analysis-page";
import { ReviewPage } from "./features/quiz/review-page";
import { TestPage } from "./features/quiz/test-page";
import { InboxPage } from "./features/reminders/inbox-page";
import { inboxReadsOutbox } from "./features/reminders/pending-reads";
import { RemindersOverviewPage } from "./features/reminders/reminders-overview-page";
import { useInboxUnreadPolling } from "./features/reminders/use-inbox-unread-polling";
import { OrganizerPage } from "./features/units/organizer-page";
import { RankingsPage } from "./features/units/rankings-page";
import { UnitDashboardPage } from "./features/units/unit-dashboard-page";
import { BottomNav } from "./shared/components/bottom-nav";
import { OutboxSync } from "./shared/offline/outbox-sync";
import { PageErrorBoundary } from "./shared/components/page-error-boundary";
import { paths } from "./shared/config/paths";
import { useSession } from "./shared/state/session-state";

/** Outboxes replayed by the app (quiz answers are flushed by the attempt page on the same triggers). */
const OUTBOXES = [lessonProgressOutbox, inboxReadsOutbox];

const page = (el: ReactElement) => <PageErrorBoundary>{el}</PageErrorBoundary>;

/** Pages where the bottom navigation would be in the way. */
const FULL_SCREEN = [paths.onboarding.path, paths.phone.path];

/** Who sees what: signed out → sign-in; not onboarded → onboarding; else the app. */
export function AppRoutes() {
  const { user } = useSession();
  const location = useLocation();
  const unread = useInboxUnreadPolling(Boolean(user?.onboarded));
  if (!user) return page(<SignInPage />);
  if (!user.onboarded) return page(<OnboardingPage />);
  const showNav = !FULL_SCREEN.some((p) => location.pathname.startsWith(p));
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
