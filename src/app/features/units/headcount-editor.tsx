import { useState } from "react";
import { Button, Text } from "zmp-ui";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { REASON_MIN } from "../../../domain/quiz/overrides.schema";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { TextField } from "../../shared/components/text-field";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { fmtInt } from "./units-texts";
import { Card } from "../../shared/components/page-layout";

/** Organisers: the unit's official headcount (the rate is over the larger of it and the list), with a reason. */
export function HeadcountEditor({ unitCode, headcount, roster, onSaved }: { unitCode: string; headcount: number | null; roster: number; onSaved: () => void }) {
  const notify = useNotify();
  const [value, setValue] = useState(headcount === null ? "" : String(headcount));
  const [reason, setReason] = useState("");
  const save = useAction(async (clear: boolean) => {
    const next = clear ? null : Number(value);
    await call(unitsEndpoints.setHeadcount, { params: { code: unitCode }, body: { headcount: next, reason: reason.trim() } });
    notify.success(next === null ? "Đã bỏ số cán bộ chính thức." : `Đã lưu số cán bộ chính thức: ${fmtInt(next)} người.`);
    setReason("");
    if (clear) setValue("");
    onSaved();
  });
  const number = /^\d{1,6}$/.test(value.trim()) && Number(value) > 0;
  const hasReason = reason.trim().length >= REASON_MIN;
  return (
    <Card id="headcount-title" title="Số cán bộ chính thức">
      <Text className="mt-1">
        Tỷ lệ tham gia tính trên số lớn hơn giữa danh sách ({fmtInt(roster)} người) và số này. {headcount === null ? "Chưa nhập." : `Hiện tại: ${fmtInt(headcount)} người.`}
      </Text>
      <TextField className="mt-2" label="Số cán bộ chính thức của đơn vị" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} />
      <TextField className="mt-2" label="Lý do (ghi vào nhật ký)" value={reason} onChange={(e) => setReason(e.target.value)} helperText="Ví dụ: Theo báo cáo biên chế năm 2026" />
      <Button className="mt-3" fullWidth disabled={!number || !hasReason || save.busy} loading={save.busy} onClick={() => void save.run(false)}>
        Lưu số cán bộ chính thức
      </Button>
      {headcount !== null ? (
        <Button className="mt-2" fullWidth variant="secondary" disabled={!hasReason || save.busy} onClick={() => void save.run(true)}>
          Bỏ số này (chỉ tính theo danh sách)
        </Button>
      ) : null}
    </Card>
  );
}
