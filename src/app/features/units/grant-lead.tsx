import { useState } from "react";
import { Button, useNavigate } from "zmp-ui";
import { peopleEndpoints } from "../../../domain/people/people.endpoints";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { REASON_MIN } from "../../../domain/quiz/overrides.schema";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { TextField } from "../../shared/components/text-field";
import { UnitPicker } from "../../shared/components/unit-picker";
import { paths } from "../../shared/config/paths";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { Card } from "../../shared/components/page-layout";

/** Organisers: pick a unit, see its accounts, make one its lead — with a reason (as in the people console, whose route this uses), audited. */
export function GrantLead() {
  const notify = useNotify();
  const navigate = useNavigate();
  const [unitCode, setUnitCode] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const members = useApi(unitsEndpoints.members, unitCode ? { params: { code: unitCode } } : null);
  /** The person being granted (their button spins; the others wait). */
  const [granting, setGranting] = useState<string | null>(null);
  const granted = useAction(async (userId: string, name: string) => {
    if (!unitCode) return;
    setGranting(userId);
    await call(peopleEndpoints.setRole, { params: { id: userId }, body: { role: "unit_lead", unitCode, reason: reason.trim() } });
    notify.success(`Đã cấp quyền lãnh đạo đơn vị cho ${name}.`);
    setReason("");
    await members.reload();
  });
  const busy = granted.busy ? granting : null;
  const hasReason = reason.trim().length >= REASON_MIN;
  return (
    <Card id="grant-title" title="Đơn vị và quyền lãnh đạo">
      <UnitPicker value={unitCode} onChange={setUnitCode} label="Chọn đơn vị" />
      {unitCode ? (
        <>
          <Button className="mt-3" size="small" variant="secondary" onClick={() => navigate(paths.unit.getHref(unitCode))}>
            Mở bảng theo dõi của đơn vị
          </Button>
          <TextField className="mt-3" label="Lý do cấp quyền (ghi vào nhật ký)" value={reason} onChange={(e) => setReason(e.target.value)} helperText="Ví dụ: Quyết định phân công số 12/QĐ-UBND" />
          <LoadState {...members}>
            {({ members: list }) => (
              <ul className="members mt-3" aria-label="Tài khoản của đơn vị">
                {list.length === 0 ? <li className="muted">Chưa có tài khoản nào chọn đơn vị này.</li> : null}
                {list.map((m) => (
                  <li key={m.userId} className="member">
                    <span>
                      <strong>{m.fullName ?? "Chưa rõ tên"}</strong>
                      <small>
                        {[m.phone ?? "chưa xác minh số", m.onRoster ? "có trong danh sách" : "chưa có trong danh sách", m.role === "unit_lead" ? "lãnh đạo đơn vị" : null].filter(Boolean).join(" · ")}
                      </small>
                    </span>
                    {m.role === "staff" ? (
                      <Button size="small" variant="secondary" loading={busy === m.userId} disabled={busy !== null || !hasReason} onClick={() => void granted.run(m.userId, m.fullName ?? "")}>
                        Cấp quyền lãnh đạo
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </LoadState>
        </>
      ) : null}
    </Card>
  );
}
