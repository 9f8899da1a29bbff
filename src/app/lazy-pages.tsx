import { type ComponentType, lazy, type ReactElement, Suspense } from "react";
import { Box, Spinner } from "zmp-ui";

/**
 * Pages past the first screen load on demand, so sign-in and home carry no dashboard,
 * organiser, roster-import, review or report code. A chunk that fails on patchy data is
 * fetched again a few times before the page's error boundary shows "Thử lại".
 */
function retrying<T>(load: () => Promise<T>, tries = 4, waitMs = 1500): Promise<T> {
  return load().catch((err: unknown) => {
    if (tries <= 1) throw err;
    return new Promise<T>((resolve, reject) => setTimeout(() => retrying(load, tries - 1, waitMs * 2).then(resolve, reject), waitMs));
  });
}

/** Pages take no props: what they show comes from the route and the shared state. */
function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  const Lazy = lazy(() => retrying(load).then((component) => ({ default: component })));
  return function LazyPage() {
    return (
      <Suspense fallback={<PageLoading />}>
        <Lazy />
      </Suspense>
    );
  };
}

function PageLoading() {
  return (
    <Box p={6} flex justifyContent="center" aria-busy="true">
      <Spinner visible />
      <span className="sr-only">Đang tải…</span>
    </Box>
  );
}

export const OnboardingPage = lazyPage(() => import("./features/auth/onboarding-page").then((m) => m.OnboardingPage));
export const PhonePage = lazyPage(() => import("./features/auth/phone-page").then((m) => m.PhonePage));
export const MePage = lazyPage(() => import("./features/me/me-page").then((m) => m.MePage));
export const LessonsPage = lazyPage(() => import("./features/learning/lessons-page").then((m) => m.LessonsPage));
export const LessonPage = lazyPage(() => import("./features/learning/lesson-page").then((m) => m.LessonPage));
export const TestPage = lazyPage(() => import("./features/quiz/test-page").then((m) => m.TestPage));
export const AttemptPage = lazyPage(() => import("./features/quiz/attempt-page").then((m) => m.AttemptPage));
export const ReviewPage = lazyPage(() => import("./features/quiz/review-page").then((m) => m.ReviewPage));
export const InboxPage = lazyPage(() => import("./features/reminders/inbox-page").then((m) => m.InboxPage));
export const RemindersOverviewPage = lazyPage(() => import("./features/reminders/reminders-overview-page").then((m) => m.RemindersOverviewPage));
export const RankingsPage = lazyPage(() => import("./features/units/rankings-page").then((m) => m.RankingsPage));
export const UnitDashboardPage = lazyPage(() => import("./features/units/unit-dashboard-page").then((m) => m.UnitDashboardPage));
export const OrganizerPage = lazyPage(() => import("./features/units/organizer-page").then((m) => m.OrganizerPage));
export const PeoplePage = lazyPage(() => import("./features/people/people-page").then((m) => m.PeoplePage));
export const PersonPage = lazyPage(() => import("./features/people/person-page").then((m) => m.PersonPage));
export const ItemAnalysisPage = lazyPage(() => import("./features/quiz/item-analysis-page").then((m) => m.ItemAnalysisPage));
export const BankPage = lazyPage(() => import("./features/quiz/bank-page").then((m) => m.BankPage));
export const HonourPage = lazyPage(() => import("./features/jury/honour-page").then((m) => m.HonourPage));
export const JudgePage = lazyPage(() => import("./features/jury/judge-page").then((m) => m.JudgePage));
export const JuryOrganizerPage = lazyPage(() => import("./features/jury/jury-organizer-page").then((m) => m.JuryOrganizerPage));
export const PresenterPage = lazyPage(() => import("./features/jury/presenter-page").then((m) => m.PresenterPage));
export const DemoPage = lazyPage(() => import("./features/demo/demo-page").then((m) => m.DemoPage));
export const EntriesPage = lazyPage(() => import("./features/entries/entries-page").then((m) => m.EntriesPage));
export const EntryFormPage = lazyPage(() => import("./features/entries/entry-form-page").then((m) => m.EntryFormPage));
export const RoundPage = lazyPage(() => import("./features/entries/round-page").then((m) => m.RoundPage));
export const DesktopConfirmPage = lazyPage(() => import("./features/entries/desktop-sign-in").then((m) => m.DesktopConfirmPage));

const LazyDesktopSignIn = lazy(() => retrying(() => import("./features/entries/desktop-sign-in")).then((m) => ({ default: m.DesktopSignIn })));

/** An entry link opened in an office PC's browser, before sign-in (loads only on that path). */
export function DesktopSignIn(props: { otherWay: ReactElement }) {
  return (
    <Suspense fallback={<PageLoading />}>
      <LazyDesktopSignIn {...props} />
    </Suspense>
  );
}
export const PrivacyNoticePage = lazyPage(() => import("./features/privacy/privacy-notice-page").then((m) => m.PrivacyNoticePage));
export const MyDataPage = lazyPage(() => import("./features/privacy/my-data-page").then((m) => m.MyDataPage));
export const PrivacyAdminPage = lazyPage(() => import("./features/privacy/privacy-admin-page").then((m) => m.PrivacyAdminPage));
