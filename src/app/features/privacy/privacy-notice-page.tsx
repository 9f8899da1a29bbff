import { Button, useNavigate } from "zmp-ui";
import { PrivacyNotice } from "../../shared/components/privacy-notice";
import { paths } from "../../shared/config/paths";
import { TitledPage } from "../../shared/components/page-layout";

/** The privacy notice on its own page (from "me" and "Dữ liệu của tôi"). */
export function PrivacyNoticePage() {
  const navigate = useNavigate();
  return (
    <TitledPage className="page privacy" title="Bảo vệ dữ liệu cá nhân">
      <PrivacyNotice />
      <Button className="mt-4" fullWidth variant="secondary" onClick={() => navigate(paths.myData.getHref())}>
        Dữ liệu của tôi
      </Button>
    </TitledPage>
  );
}
