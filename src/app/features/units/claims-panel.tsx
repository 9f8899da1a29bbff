import { useState } from "react";
import { Button, Text } from "zmp-ui";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { formatVnDateTime } from "../../../domain/shared/time";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";

/** People who say they work here but are not on the list: the lead approves (adds them) or rejects. */
export function ClaimsPanel({ unitCode, onDecided }: { unitCode: string; onDecided: () => void }) {
  const claims = useApi(unitsEndpoints.claims, { params: { code: unitCode } });
  const notify = useNotify();
  /** The claim being decided (its button spins; the others wait). */
  const [deciding, setDeciding] = useState<string | null>(null);
  const decision = useAction(async (id: string, approve: boolean, name: string) => {
    setDeciding(id);
    await call(unitsEndpoints.decideClaim, { params: { code: unitCode, id }, body: { approve } });
    notify.success(approve ? `Đã thêm ${name} vào danh sách.` : `Đã từ chối yêu cầu của ${name}.`);
    await claims.reload();
    onDecided();
  });
  const busy = decision.busy ? deciding : null;
  const decide = decision.run;

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
