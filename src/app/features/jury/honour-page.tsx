import { Box, Button, Page, Text } from "zmp-ui";
import { CertificatesResponseSchema, CertificateSchema, HonourResponseSchema, MyPrizeResponseSchema } from "../../../domain/jury/jury.schema";
import { api } from "../../shared/api/api-client";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { downloadApiFile } from "../units/transfer";
import { fmtVnd } from "./jury-texts";

/** My certificates (participation from Stage 1; my unit's award), each downloadable and checkable by QR. */
export function CertificatesCard() {
  const notify = useNotify();
  const { session } = useSession();
  const state = useApi("/api/certificates/mine", CertificatesResponseSchema);
  const issue = () => api.post("/api/certificates/participation", CertificateSchema).then(() => void state.reload(), notify.error);
  const download = (path: string, id: string) => downloadApiFile({ path, linkPath: null, fileName: `giay-chung-nhan-${id}.pdf`, token: session?.token ?? null }).catch(notify.error);
  return (
    <section className="card mt-4" aria-labelledby="cert-title">
      <Text.Title id="cert-title" size="large">
        Giấy chứng nhận
      </Text.Title>
      <LoadState {...state}>
        {(d) => (
          <>
            {d.certificates.map((c) => (
              <div key={c.id} className="row mt-2">
                <span>
                  {c.kind === "award" ? "Giấy chứng nhận đạt giải" : "Hoàn thành Giai đoạn 1"}
                  {c.revokedAt ? ` — đã thu hồi (${c.revokeReason ?? ""})` : ""}
                </span>
                {!c.revokedAt ? (
                  <Button size="small" variant="secondary" onClick={() => void download(c.pdfPath, c.id)}>
                    Tải PDF
                  </Button>
                ) : null}
              </div>
            ))}
            {!d.certificates.some((c) => c.kind === "participation" && !c.revokedAt) ? (
              <Button className="mt-2" fullWidth variant="secondary" onClick={() => void issue()}>
                Nhận giấy chứng nhận hoàn thành Giai đoạn 1
              </Button>
            ) : null}
          </>
        )}
      </LoadState>
    </section>
  );
}

export function HonourPage() {
  const honour = useApi("/api/honour", HonourResponseSchema);
  const mine = useApi("/api/prizes/mine", MyPrizeResponseSchema);
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
        <LoadState {...honour}>
          {(h) =>
            h.published ? (
              <ol className="honour-list mt-3">
                {h.awards.map((a) => (
                  <li key={a.unitCode} className="card mt-2">
                    <Text.Title size="normal">
                      {a.prizeName} — {a.unitName}
                    </Text.Title>
                    <Text className="mt-1">
                      <em>{a.title}</em>
                    </Text>
                    <Text size="small">{a.summary}</Text>
                  </li>
                ))}
              </ol>
            ) : (
              <Text className="mt-3">Kết quả chính thức sẽ được công bố sau đêm chung kết.</Text>
            )
          }
        </LoadState>
        <CertificatesCard />
      </Box>
    </Page>
  );
}
