import { useCallback } from "react";
import { Box, Switch, Text } from "zmp-ui";
import { authEndpoints } from "../../../domain/auth/auth.endpoints";
import { askNotificationPermission } from "../../fence/zalo";
import { call } from "../api/call";
import { useAction } from "../api/use-action";
import { useNotify } from "../hooks/use-error-snackbar";
import { useSession } from "../state/session-state";

/**
 * Ask Zalo for permission (through the fence), then record the answer on the server, which only
 * pushes reminders to people who said yes. Used after the first lesson and in "me".
 */
export function useNotificationConsent() {
  const { user, setUser } = useSession();
  const notify = useNotify();
  const action = useAction(async (wanted: boolean): Promise<boolean> => {
    const granted = wanted ? await askNotificationPermission() : false;
    const { user: updated } = await call(authEndpoints.updateMe, { body: { notificationsConsent: granted } });
    setUser(updated);
    if (wanted && !granted) notify.info("Zalo chưa cho phép gửi thông báo. Bạn vẫn xem được mọi lời nhắc trong mục Thông báo.");
    else if (granted) notify.success("Đã bật nhắc hạn qua Zalo.");
    else notify.success("Đã tắt nhắc hạn qua Zalo. Lời nhắc vẫn có trong mục Thông báo.");
    return granted;
  });
  const run = action.run;
  /** Resolves to the recorded answer, or null when it could not be recorded (the person was told). */
  const setConsent = useCallback(async (wanted: boolean): Promise<boolean | null> => (await run(wanted)) ?? null, [run]);
  const busy = action.busy;
  return { consent: user?.notificationsConsent ?? null, busy, setConsent };
}

/** The switch in "me": on = Zalo may push deadline reminders to this person. */
export function NotificationConsentToggle() {
  const { consent, busy, setConsent } = useNotificationConsent();
  return (
    <Box className="card consent-card mt-4">
      <Switch
        label="Nhắc hạn qua Zalo"
        checked={consent === true}
        disabled={busy}
        aria-describedby="consent-help"
        onChange={(e) => void setConsent(e.target.checked)}
      />
      <Text id="consent-help" size="small" className="muted mt-1">
        Zalo sẽ gửi tối đa 1 tin mỗi ngày, từ 06:00 đến 22:00, khi sắp đến hạn của cuộc thi. Mọi lời nhắc luôn có trong mục Thông báo.
      </Text>
    </Box>
  );
}
