import { useState } from "react";
import { Box, Button, Text } from "zmp-ui";
import { TextField } from "../../shared/components/text-field";

export type ReasonDialogProps = {
  title: string;
  description: string;
  confirmText: string;
  /** Ask for a number of minutes too (extra time, reopen). */
  minutes?: boolean;
  busy: boolean;
  onConfirm: (v: { reason: string; minutes: number }) => void;
  onCancel: () => void;
};

/** Every override and role change asks "why?": the reason is required, logged, and shown to the person. */
export function ReasonDialog(p: ReasonDialogProps) {
  const [reason, setReason] = useState("");
  const [minutes, setMinutes] = useState("15");
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    const m = Number(minutes);
    if (reason.trim().length < 5) return setError("Ghi lý do (ít nhất 5 ký tự).");
    if (p.minutes && !(Number.isInteger(m) && m >= 1 && m <= 180)) return setError("Số phút từ 1 đến 180.");
    setError(null);
    p.onConfirm({ reason: reason.trim(), minutes: m });
  };
  return (
    <div role="dialog" aria-modal="true" aria-label={p.title} className="reason-dialog">
      <Box p={4}>
        <Text.Title size="large">{p.title}</Text.Title>
        <Text className="mt-2">{p.description}</Text>
        {p.minutes ? <TextField label="Số phút" type="number" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} /> : null}
        <label className="mt-3 block">
          <span>Lý do (bắt buộc, người thi sẽ thấy)</span>
          <textarea aria-label="Lý do" rows={3} className="reason-input" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </label>
        {error ? (
          <Text className="mt-2 text-danger" role="alert">
            {error}
          </Text>
        ) : null}
        <div className="chip-row mt-3">
          <Button variant="secondary" onClick={p.onCancel}>
            Huỷ
          </Button>
          <Button loading={p.busy} onClick={confirm}>
            {p.confirmText}
          </Button>
        </div>
      </Box>
    </div>
  );
}
