import { atom, useRecoilState } from "recoil";
import { Modal, Text } from "zmp-ui";
import { useNotificationConsent } from "../../shared/components/notification-consent";

/** "Để sau" holds for the rest of this app session; the next completed lesson after a restart asks again. */
const consentDeferredState = atom<boolean>({ key: "learning.consentDeferred", default: false });

/** Whether to offer the prompt now: the person has never answered and did not just say "later". */
export function useShouldAskConsent(): boolean {
  const { consent } = useNotificationConsent();
  const [deferred] = useRecoilState(consentDeferredState);
  return consent === null && !deferred;
}

/**
 * Shown after a completed lesson (the first one, for most people): explains what the reminders
 * are before Zalo's own permission dialog, and records the answer on the server.
 */
export function NotificationConsentPrompt(props: { visible: boolean; onDone: () => void }) {
  const { busy, setConsent } = useNotificationConsent();
  const [, setDeferred] = useRecoilState(consentDeferredState);
  const later = () => {
    setDeferred(true);
    props.onDone();
  };
  const accept = async () => {
    // The hook reports failures and the result in Vietnamese itself.
    await setConsent(true);
    props.onDone();
  };
  return (
    <Modal
      visible={props.visible}
      title="Nhận nhắc hạn qua Zalo?"
      onClose={later}
      actions={[
        { text: "Để sau", close: true, onClick: later },
        { text: "Đồng ý nhận nhắc", highLight: true, disabled: busy, onClick: () => void accept() },
      ]}
    >
      <div className="consent-explain">
        <Text>Bạn vừa hoàn thành một bài học. Ban tổ chức có thể nhắc bạn qua Zalo khi:</Text>
        <ul className="reasons mt-2">
          <li>còn bài học chưa hoàn thành gần hết hạn Giai đoạn 1;</li>
          <li>bài kiểm tra năng lực sắp đóng;</li>
          <li>có kết quả hoặc thông báo mới của cuộc thi.</li>
        </ul>
        <Text size="small" className="muted mt-2">Tối đa 1 tin mỗi ngày, từ 06:00 đến 22:00. Bạn có thể tắt bất cứ lúc nào trong mục Cá nhân.</Text>
      </div>
    </Modal>
  );
}
