/** Every route of the app, in one place (use getHref, never raw strings). */
export const paths = {
  home: { path: "/", getHref: () => "/" },
  signIn: { path: "/sign-in", getHref: () => "/sign-in" },
  onboarding: { path: "/onboarding", getHref: () => "/onboarding" },
  phone: { path: "/phone", getHref: () => "/phone" },
  learn: { path: "/learn", getHref: () => "/learn" },
  lesson: { path: "/learn/:lessonId", getHref: (lessonId: string) => `/learn/${lessonId}` },
  test: { path: "/test", getHref: () => "/test" },
  attempt: { path: "/test/:attemptId", getHref: (attemptId: string) => `/test/${attemptId}` },
  review: { path: "/test/:attemptId/review", getHref: (attemptId: string) => `/test/${attemptId}/review` },
  rankings: { path: "/rankings", getHref: () => "/rankings" },
  unit: { path: "/unit/:unitCode", getHref: (unitCode: string) => `/unit/${unitCode}` },
  organizer: { path: "/organizer", getHref: () => "/organizer" },
  remindersOverview: { path: "/organizer/reminders", getHref: () => "/organizer/reminders" },
  itemAnalysis: { path: "/organizer/items", getHref: () => "/organizer/items" },
  inbox: { path: "/inbox", getHref: () => "/inbox" },
  me: { path: "/me", getHref: () => "/me" },
  /** Demo panel (AUTH_DEV only). */
  demo: { path: "/demo", getHref: () => "/demo" },
} as const;
