import { useState } from "react";
import { Box, Button, Text, useNavigate } from "zmp-ui";
import type { RankedUnitDto } from "../../../domain/ranking/ranking.schema";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { TextField } from "../../shared/components/text-field";
import { paths } from "../../shared/config/paths";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { fmtPct, fmtScore } from "./units-texts";

/** Where I and my unit stand; a way onto my unit's list if I am not on it. */
export function MyStanding({ myUnit, rankedCount }: { myUnit: RankedUnitDto | undefined; rankedCount: number }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const notify = useNotify();
  const status = useApi(unitsEndpoints.myStatus);
  const [form, setForm] = useState(false);
  const [subUnit, setSubUnit] = useState(user?.subUnit ?? "");
  const [position, setPosition] = useState(user?.position ?? "");
  const [note, setNote] = useState("");
  const claim = useAction(async (unitCode: string) => {
    await call(unitsEndpoints.createClaim, { params: { code: unitCode }, body: { subUnit: subUnit.trim() || null, position: position.trim() || null, note: note.trim() || null } });
    notify.success("Đã gửi đề nghị. Lãnh đạo đơn vị sẽ xem xét.");
    setForm(false);
    await status.reload();
  });
  const busy = claim.busy;
  if (!user) return null;
  const s = status.data;

  const sendClaim = async () => {
    if (user.unitCode) await claim.run(user.unitCode);
  };

  return (
    <section className="card my-standing" aria-labelledby="my-standing-title">
      <Text.Title id="my-standing-title" size="normal">
        Đơn vị của bạn
      </Text.Title>
      {myUnit ? (
        <Text className="mt-1">
          <strong>{myUnit.fullName}</strong>
          {myUnit.rank ? ` — hạng ${myUnit.rank}/${rankedCount}, tham gia ${fmtPct(myUnit.participationPct)}, điểm tổng hợp ${fmtScore(myUnit.composite)}` : " — chưa có danh sách cán bộ nên chưa được xếp hạng"}
        </Text>
      ) : null}
      {s ? (
        <Text size="small" className="mt-1">
          Bạn: đã học {Math.min(s.lessonsDone, s.lessonCount)}/{s.lessonCount} bài · {s.testDone ? `đã làm bài kiểm tra (điểm ${fmtScore(s.countedScore)})` : "chưa làm bài kiểm tra"}
          {s.participated ? " · đã hoàn thành Giai đoạn 1" : ""}
        </Text>
      ) : null}
      {/* Organisers and judges run the contest: they are on no unit's list and are not asked to join one. */}
      {s && !s.onRoster && (user.role === "staff" || user.role === "unit_lead") ? (
        <Box mt={2} className="banner banner-offline">
          {s.claim?.status === "pending" ? (
            <Text size="small">Đề nghị vào danh sách của bạn đang chờ lãnh đạo đơn vị duyệt.</Text>
          ) : (
            <>
              <Text size="small">
                Bạn chưa có trong danh sách cán bộ của đơn vị nên kết quả của bạn chưa được tính cho đơn vị.
                {user.phone ? "" : " Hãy xác minh số điện thoại để được tự động đối chiếu."}
                {s.claim?.status === "rejected" ? " Đề nghị trước của bạn đã bị từ chối." : ""}
              </Text>
              {!form ? (
                <Button className="mt-2" size="small" variant="secondary" onClick={() => setForm(true)}>
                  Đề nghị vào danh sách đơn vị
                </Button>
              ) : null}
            </>
          )}
        </Box>
      ) : null}
      {form ? (
        <Box mt={2}>
          <TextField label="Bộ phận" value={subUnit} onChange={(e) => setSubUnit(e.target.value)} />
          <TextField className="mt-2" label="Chức vụ" value={position} onChange={(e) => setPosition(e.target.value)} />
          <TextField className="mt-2" label="Ghi chú cho lãnh đạo (không bắt buộc)" value={note} onChange={(e) => setNote(e.target.value)} />
          <Button className="mt-2" fullWidth loading={busy} onClick={() => void sendClaim()}>
            Gửi đề nghị
          </Button>
        </Box>
      ) : null}
      {(user.role === "unit_lead" || user.role === "organizer") && user.unitCode ? (
        <Button className="mt-3" size="small" variant="tertiary" onClick={() => navigate(paths.unit.getHref(user.unitCode!))}>
          Mở bảng theo dõi đơn vị
        </Button>
      ) : null}
    </section>
  );
}
