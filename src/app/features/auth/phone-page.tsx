import { useState } from "react";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { authEndpoints } from "../../../domain/auth/auth.endpoints";
import { isInsideZalo, zaloAccessToken, zaloPhoneToken } from "../../fence/zalo";
import { PRIVACY_LAW, PrivacyNotice } from "../../shared/components/privacy-notice";
import { TextField } from "../../shared/components/text-field";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { paths } from "../../shared/config/paths";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";

/**
 * Explains why we ask for the phone number before Zalo's permission prompt (Zalo review
 * policy; Law 91/2025/QH15 and Decree 356/2025 on personal data), with the privacy notice
 * shown first. Optional: the person can skip.
 */
export function PhonePage() {
  const { user, setUser } = useSession();
  const navigate = useNavigate();
  const notify = useNotify();
  const [demoPhone, setDemoPhone] = useState("");
  const inZalo = isInsideZalo();

  const verify = useAction(async () => {
    const body = inZalo
      ? { phoneToken: await zaloPhoneToken(), accessToken: await zaloAccessToken() }
      : { phoneToken: `dev:${demoPhone.replace(/\s/g, "")}` };
    const { user: updated } = await call(authEndpoints.verifyPhone, { body });
    setUser(updated);
    notify.success("Đã xác minh số điện thoại.");
    navigate(paths.home.getHref(), { replace: true });
  });

  return (
    <Page className="page phone">
      <Box p={4}>
        <Text.Title size="xLarge">Xác minh số điện thoại</Text.Title>
        {user?.phone ? <Text className="mt-2" bold>Số đã xác minh: {user.phone}</Text> : null}
        <Text className="mt-3">Vì sao cần số điện thoại của bạn?</Text>
        <ul className="reasons">
          <li>Để đối chiếu với danh sách cán bộ mà đơn vị đã gửi Ban tổ chức, tự động xếp bạn vào đúng đơn vị và bộ phận.</li>
          <li>Để đơn vị tính đúng tỷ lệ tham gia của bạn.</li>
        </ul>
        <Text className="mt-2 muted">
          Số điện thoại chỉ dùng cho cuộc thi, không chia sẻ cho bên thứ ba, được xử lý theo {PRIVACY_LAW}. Zalo sẽ hỏi bạn có đồng ý chia sẻ hay không; bạn có thể bỏ qua bước này.
        </Text>
        <PrivacyNotice />
        {!inZalo ? (
          <TextField className="mt-4" label="Số điện thoại (chế độ trình diễn)" inputMode="tel" placeholder="09xx xxx xxx" value={demoPhone} onChange={(e) => setDemoPhone(e.target.value)} />
        ) : null}
        <Button className="mt-6" fullWidth size="large" loading={verify.busy} onClick={() => void verify.run()}>
          Đồng ý chia sẻ số điện thoại
        </Button>
        <Button className="mt-3" fullWidth variant="tertiary" onClick={() => navigate(paths.home.getHref(), { replace: true })}>
          Để sau
        </Button>
      </Box>
    </Page>
  );
}
