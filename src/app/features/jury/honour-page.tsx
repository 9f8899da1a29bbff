import { Box, Page, Text } from "zmp-ui";
import { finalEndpoints } from "../../../domain/jury/final.endpoints";
import { useApi } from "../../shared/api/use-api";
import { CertificatesCard } from "../../shared/components/certificates-card";
import { LoadState } from "../../shared/components/load-state";
import { HonourList } from "./honour-list";
import { fmtVnd } from "./jury-texts";

export function HonourPage() {
  const honour = useApi(finalEndpoints.honour);
  const mine = useApi(finalEndpoints.myPrize);
  return (
    <Page className="page honour">
      <Box p={4}>
        <Text.Title size="xLarge">Vinh danh</Text.Title>
        {mine.data?.award ? (
          <section className="card mt-3">
            <Text>
              Đơn vị của bạn đạt <strong>{mine.data.award.prizeName}</strong> ({fmtVnd(mine.data.award.amountVnd)}).
            </Text>
          </section>
        ) : null}
        <LoadState {...honour}>{(h) => <HonourList honour={h} />}</LoadState>
        <CertificatesCard />
      </Box>
    </Page>
  );
}
