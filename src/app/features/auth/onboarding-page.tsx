import { useState } from "react";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { authEndpoints } from "../../../domain/auth/auth.endpoints";
import { TextField } from "../../shared/components/text-field";
import { ApiRequestError } from "../../shared/api/api-client";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { UnitPicker } from "../../shared/components/unit-picker";
import { paths } from "../../shared/config/paths";
import { useSession } from "../../shared/state/session-state";

export const SUB_UNIT_SUGGESTIONS = [
  "Văn phòng HĐND và UBND",
  "Phòng Kinh tế",
  "Phòng Văn hóa – Xã hội",
  "Trung tâm Phục vụ hành chính công",
  "Trung tâm Dịch vụ sự nghiệp công",
  "Trường học",
  "Trạm Y tế",
  "Đảng ủy, HĐND, MTTQ và các đoàn thể",
];

/** First run: who you are and where you work. Then the optional phone step. */
export function OnboardingPage() {
  const { user, setUser } = useSession();
  const navigate = useNavigate();
  const [fullName, setFullName] = useState(user?.fullName ?? user?.zaloName ?? "");
  const [unitCode, setUnitCode] = useState<string | null>(user?.unitCode ?? null);
  const [subUnit, setSubUnit] = useState(user?.subUnit ?? "");
  const [position, setPosition] = useState(user?.position ?? "");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const send = useAction(
    async (body: { fullName: string; unitCode: string; subUnit: string | null; position: string | null }) => {
      const { user: updated } = await call(authEndpoints.updateMe, { body });
      setUser(updated);
      navigate(updated.phone ? paths.home.getHref() : paths.phone.getHref(), { replace: true });
    },
    { onError: (err) => err instanceof ApiRequestError && err.fields && setFieldErrors(err.fields) },
  );

  const save = async () => {
    const errors: Record<string, string> = {};
    if (fullName.trim().length < 2) errors.fullName = "Vui lòng nhập họ và tên.";
    if (!unitCode) errors.unitCode = "Vui lòng chọn đơn vị của bạn.";
    setFieldErrors(errors);
    if (Object.keys(errors).length || !unitCode) return;
    await send.run({ fullName: fullName.trim(), unitCode, subUnit: subUnit.trim() || null, position: position.trim() || null });
  };

  return (
    <Page className="page onboarding">
      <Box p={4}>
        <Text.Title size="xLarge">Thông tin của bạn</Text.Title>
        <Text className="mt-2 muted">Để tính kết quả cho đúng đơn vị, vui lòng cho biết bạn là ai và công tác ở đâu.</Text>
        <TextField
          className="mt-4"
          label="Họ và tên"
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
          status={fieldErrors.fullName ? "error" : undefined}
          errorText={fieldErrors.fullName}
        />
        <Box mt={4}>
          <UnitPicker value={unitCode} onChange={setUnitCode} label="Đơn vị (xã, phường, đặc khu hoặc sở, ngành)" />
          {fieldErrors.unitCode ? <Text role="alert" className="error-text">{fieldErrors.unitCode}</Text> : null}
        </Box>
        <TextField
          className="mt-4"
          label="Bộ phận (phòng, trung tâm, trường, trạm…)"
          placeholder="Ví dụ: Trung tâm Phục vụ hành chính công"
          value={subUnit}
          list="sub-unit-suggestions"
          onChange={(e) => setSubUnit(e.target.value)}
        />
        <datalist id="sub-unit-suggestions">
          {SUB_UNIT_SUGGESTIONS.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <TextField className="mt-4" label="Chức vụ" placeholder="Ví dụ: Chuyên viên" value={position} onChange={(e) => setPosition(e.target.value)} />
        <Button className="mt-6" fullWidth size="large" loading={send.busy} onClick={() => void save()}>
          Lưu và tiếp tục
        </Button>
      </Box>
    </Page>
  );
}
