import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import type { Role } from "../../../domain/auth/auth.schema";
import { authEndpoints } from "../../../domain/auth/auth.endpoints";
import { call } from "../../shared/api/call";
import { CertificatesCard } from "../../shared/components/certificates-card";
import { isInsideZalo } from "../../fence/zalo";
import { NotificationConsentToggle } from "../../shared/components/notification-consent";
import { paths } from "../../shared/config/paths";
import { useUnitName } from "../../shared/hooks/use-unit-name";
import { useInboxUnread } from "../../shared/state/inbox-unread";
import { useSession } from "../../shared/state/session-state";

const ROLE_LABELS: Record<Role, string> = { staff: "Cán bộ, công chức", unit_lead: "Lãnh đạo đơn vị", organizer: "Ban tổ chức", judge: "Giám khảo" };

export function MePage() {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const unread = useInboxUnread();
  const unitName = useUnitName(user?.unitCode ?? null);
  // The server forgets the session (this phone, or every device); the phone forgets it even offline.
  const signOutOn = (everywhere: boolean) => () => void call(authEndpoints.signOut, { body: { everywhere } }).catch(() => undefined).finally(signOut);
  if (!user) return null;
  return (
    <Page className="page me">
      <Box p={4}>
        <Text.Title size="xLarge">{user.fullName ?? user.zaloName ?? "Tài khoản"}</Text.Title>
        <dl className="profile">
          <dt>Vai trò</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          <dt>Đơn vị</dt>
          <dd>{unitName ?? "Chưa chọn"}</dd>
          <dt>Bộ phận</dt>
          <dd>{user.subUnit ?? "—"}</dd>
          <dt>Chức vụ</dt>
          <dd>{user.position ?? "—"}</dd>
          <dt>Số điện thoại</dt>
          <dd>{user.phone ?? "Chưa xác minh"}</dd>
        </dl>
        {(user.role === "unit_lead" || user.role === "organizer") && user.unitCode ? (
          <Button className="mt-4" fullWidth onClick={() => navigate(paths.unit.getHref(user.unitCode ?? ""))}>
            Theo dõi đơn vị của tôi
          </Button>
        ) : null}
        {user.role === "organizer" ? (
          <Button className="mt-3" fullWidth onClick={() => navigate(paths.organizer.getHref())}>
            Trang Ban tổ chức
          </Button>
        ) : null}
        {user.role === "judge" || user.role === "organizer" ? (
          <Button className="mt-3" fullWidth onClick={() => navigate(paths.jury.getHref())}>
            Chấm điểm (giám khảo)
          </Button>
        ) : null}
        {user.role === "organizer" ? (
          <Button className="mt-3" fullWidth onClick={() => navigate(paths.juryOrganizer.getHref())}>
            Hội đồng chấm, chung kết và giải thưởng
          </Button>
        ) : null}
        <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.honour.getHref())}>
          Vinh danh
        </Button>
        <CertificatesCard />
        {user.role !== "judge" ? (
          <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.entries.getHref())}>
            Nộp sản phẩm dự thi (Giai đoạn 2, 3)
          </Button>
        ) : null}
        <Button className="mt-3" fullWidth variant="tertiary" onClick={() => navigate(paths.entriesDesktop.getHref())}>
          Đăng nhập trên máy tính
        </Button>
        <Button className="mt-4" fullWidth variant="secondary" onClick={() => navigate(paths.inbox.getHref())}>
          {unread ? `Thông báo (${unread} chưa đọc)` : "Thông báo"}
        </Button>
        <NotificationConsentToggle />
        {user.role === "organizer" ? (
          <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.remindersOverview.getHref())}>
            Theo dõi nhắc hạn
          </Button>
        ) : null}
        {user.role === "organizer" ? (
          <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.privacyAdmin.getHref())}>
            Yêu cầu về dữ liệu cá nhân
          </Button>
        ) : null}
        <Button className="mt-4" fullWidth variant="secondary" onClick={() => navigate(paths.onboarding.getHref())}>
          Sửa thông tin
        </Button>
        <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.myData.getHref())}>
          Dữ liệu của tôi
        </Button>
        <Button className="mt-3" fullWidth variant="tertiary" onClick={() => navigate(paths.privacy.getHref())}>
          Bảo vệ dữ liệu cá nhân
        </Button>
        {!user.phone ? (
          <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.phone.getHref())}>
            Xác minh số điện thoại
          </Button>
        ) : null}
        {!isInsideZalo() ? (
          <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.demo.getHref())}>
            Bảng điều khiển trình diễn
          </Button>
        ) : null}
        <Button className="mt-6" fullWidth variant="tertiary" onClick={signOutOn(false)}>
          Đăng xuất
        </Button>
        <Button className="mt-2" fullWidth variant="tertiary" onClick={signOutOn(true)}>
          Đăng xuất trên mọi thiết bị
        </Button>
      </Box>
    </Page>
  );
}
