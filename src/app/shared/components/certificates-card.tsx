import { Button } from "zmp-ui";
import { certificatesEndpoints } from "../../../domain/certificates/certificates.endpoints";
import { call, urlOf } from "../api/call";
import { downloadApiFile } from "../api/transfer";
import { useAction } from "../api/use-action";
import { useApi } from "../api/use-api";
import { useSession } from "../state/session-state";
import { LoadState } from "./load-state";
import { Card } from "./page-layout";

/**
 * My certificates (participation from Stage 1; my unit's award), each downloadable and checkable
 * by QR. Shared because both the me page and the honour page (jury) show it.
 */
export function CertificatesCard() {
  const { session } = useSession();
  const state = useApi(certificatesEndpoints.mine);
  const issue = useAction(async () => {
    await call(certificatesEndpoints.participation);
    await state.reload();
  });
  const download = useAction((id: string) =>
    downloadApiFile({
      path: urlOf(certificatesEndpoints.pdf, { params: { id } }),
      // Zalo's downloader cannot send the bearer: it gets a 5-minute link signed for this PDF.
      link: () => call(certificatesEndpoints.pdfLink, { params: { id } }),
      fileName: `giay-chung-nhan-${id}.pdf`,
      token: session?.token ?? null,
    }),
  );
  return (
    <Card id="cert-title" title="Giấy chứng nhận">
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
                  <Button size="small" variant="secondary" disabled={download.busy} onClick={() => void download.run(c.id)}>
                    Tải PDF
                  </Button>
                ) : null}
              </div>
            ))}
            {!d.certificates.some((c) => c.kind === "participation" && !c.revokedAt) ? (
              <Button className="mt-2" fullWidth variant="secondary" loading={issue.busy} disabled={issue.busy} onClick={() => void issue.run()}>
                Nhận giấy chứng nhận hoàn thành Giai đoạn 1
              </Button>
            ) : null}
          </>
        )}
      </LoadState>
    </Card>
  );
}
