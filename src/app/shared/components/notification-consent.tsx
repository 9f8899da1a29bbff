import { useCallback, useState } from "react";
import { Box, Switch, Text } from "zmp-ui";
import { MeResponseSchema } from "../../../domain/auth/auth.schema";
import { askNotificationPermission } from "../../fence/zalo";
import { api } from "../api/api-client";
import { useNotify } from "../hooks/use-error-snackbar";
import { useSession } from "../state/session-state";

/**
 * Ask Zalo for permission (through the fence), then record the answer on the server, which only
 * pushes reminders to people who said yes. Used after the first lesson and in "me".
 */
export function useNotificationConsent() {
  const { user, setUser } = useSession();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const setConsent = useCallback(
    async (wanted: boolean): Promise<boolean | null> => {
      setBusy(true);
      try {
        const granted = wanted ? await askNotificationPermission() : false;
        const { user: updated } = await api.patch("/api/me", MeResponseSchema, { notificationsConsent: granted });
        setUser(updated);
        if (wanted && !granted) notify.info("Zalo chưa cho phép gửi thông báo. Bạn vẫn xem được mọi lời nhắc trong mục Thông báo.");
        else if (granted) notify.success("Đã bật nhắc hạn qua Zalo.");
        else notify.success("Đã tắt nhắc hạn qua Zalo. Lời nhắc vẫn có trong mục Thông báo.");
        return granted;
      } catch (err) {
        notify.error(err);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [notify, setUser],
  );
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
