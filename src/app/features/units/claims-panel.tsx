import { useState } from "react";
import { Button, Text } from "zmp-ui";
import { ClaimResponseSchema, ClaimsResponseSchema } from "../../../domain/units/roster.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { api } from "../../shared/api/api-client";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";

/** People who say they work here but are not on the list: the lead approves (adds them) or rejects. */
export function ClaimsPanel({ unitCode, onDecided }: { unitCode: string; onDecided: () => void }) {
  const claims = useApi(`/api/units/${unitCode}/claims`, ClaimsResponseSchema);
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);

  const decide = async (id: string, approve: boolean, name: string) => {
    setBusy(id);
    try {
      await api.post(`/api/units/${unitCode}/claims/${id}/decision`, ClaimResponseSchema, { approve });
      notify.success(approve ? `Đã thêm ${name} vào danh sách.` : `Đã từ chối yêu cầu của ${name}.`);
      await claims.reload();
      onDecided();
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <LoadState {...claims}>
      {({ claims: list }) =>
        list.length === 0 ? null : (
          <section className="card mt-4" aria-labelledby="claims-title">
            <Text.Title id="claims-title" size="large">
              Đề nghị vào danh sách ({list.length})
            </Text.Title>
            <ul className="claims">
              {list.map((c) => (
                <li key={c.id} className="claim">
                  <Text bold>{c.fullName ?? "Chưa rõ tên"}</Text>
                  <Text size="small" className="muted">
                    {[c.position, c.subUnit, c.phone ?? "chưa xác minh số điện thoại"].filter(Boolean).join(" · ")} — gửi lúc {formatVnDateTime(c.createdAt)}
                  </Text>
                  {c.note ? <Text size="small">“{c.note}”</Text> : null}
                  <div className="claim-actions">
                    <Button size="small" loading={busy === c.id} disabled={busy !== null} onClick={() => void decide(c.id, true, c.fullName ?? "")}>
                      Đồng ý
                    </Button>
                    <Button size="small" variant="secondary" disabled={busy !== null} onClick={() => void decide(c.id, false, c.fullName ?? "")}>
                      Từ chối
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )
      }
    </LoadState>
  );
}
