import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { PrivacyNotice } from "../../shared/components/privacy-notice";
import { paths } from "../../shared/config/paths";

/** The privacy notice on its own page (from "me" and "Dữ liệu của tôi"). */
export function PrivacyNoticePage() {
  const navigate = useNavigate();
  return (
    <Page className="page privacy">
      <Box p={4}>
        <Text.Title size="xLarge" role="heading" aria-level={1}>
          Bảo vệ dữ liệu cá nhân
        </Text.Title>
        <PrivacyNotice />
        <Button className="mt-4" fullWidth variant="secondary" onClick={() => navigate(paths.myData.getHref())}>
          Dữ liệu của tôi
        </Button>
      </Box>
    </Page>
  );
}
