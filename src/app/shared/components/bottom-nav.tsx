import { BottomNavigation, Icon, useLocation, useNavigate } from "zmp-ui";
import { paths } from "../config/paths";

const TABS = [
  { key: paths.home.path, label: "Trang chủ", icon: "zi-home" },
  { key: paths.learn.path, label: "Học", icon: "zi-play" },
  { key: paths.test.path, label: "Kiểm tra", icon: "zi-note" },
  { key: paths.rankings.path, label: "Xếp hạng", icon: "zi-star" },
  { key: paths.me.path, label: "Cá nhân", icon: "zi-user" },
] as const;

/** Pages reached from "Cá nhân" (inbox, unit dashboard, organiser desk) keep that tab lit. */
const UNDER_ME = [paths.inbox.path, "/unit/", paths.organizer.path];

export function activeTab(pathname: string): string {
  if (UNDER_ME.some((p) => pathname.startsWith(p))) return paths.me.path;
  return TABS.find((t) => (t.key === "/" ? pathname === "/" : pathname.startsWith(t.key)))?.key ?? paths.home.path;
}

/** The main sections. Hidden on full-screen flows (sign-in, onboarding, an attempt in progress). */
export function BottomNav(props: { badges?: Partial<Record<string, number>> }) {
  const location = useLocation();
  const navigate = useNavigate();
  const active = activeTab(location.pathname);
  return (
    <BottomNavigation fixed className="app-nav" activeKey={active}>
      {TABS.map((t) => {
        const badge = props.badges?.[t.key];
        return (
          <BottomNavigation.Item
            key={t.key}
            itemKey={t.key}
            label={t.label}
            // A click, not onChange: "Cá nhân" is lit on the inbox too, and must still lead back to the me page.
            onClick={() => {
              if (location.pathname !== t.key) navigate(t.key, { animate: false });
            }}
            icon={
              <span className="nav-icon">
                <Icon icon={t.icon} />
                {badge ? <span className="nav-badge" aria-label={`${badge} chưa đọc`}>{badge > 9 ? "9+" : badge}</span> : null}
              </span>
            }
          />
        );
      })}
    </BottomNavigation>
  );
}
