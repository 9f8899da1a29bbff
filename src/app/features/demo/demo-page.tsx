import { useState } from "react";
import { Box, Button, Page, Text } from "zmp-ui";
import { demoEndpoints } from "../../../domain/demo/demo.endpoints";
import type { DemoMomentId } from "../../../domain/demo/demo.schema";
import { juryEndpoints } from "../../../domain/jury/jury.endpoints";
import type { JuryRound } from "../../../domain/jury/jury.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { offsetFrom, useServerNow, useSetClockOffset } from "../../shared/state/server-clock";
import { useSession } from "../../shared/state/session-state";
import { DemoAccounts } from "./demo-accounts";

/**
 * The demo panel (AUTH_DEV only; the server answers 404 otherwise): move the contest's clock
 * between its moments, finish the lessons for this demo account, switch demo accounts.
 */
export function DemoPage() {
  const { user } = useSession();
  const clock = useApi(demoEndpoints.clock);
  const setOffset = useSetClockOffset();
  const now = useServerNow();
  const [target, setTarget] = useState<DemoMomentId | null>(null);
  const [status, setStatus] = useState("");
  const isOrganizer = user?.role === "organizer";

  const move = useAction(async (moment: DemoMomentId, label: string) => {
    setTarget(moment);
    const sentAt = Date.now();
    const state = await call(demoEndpoints.moveClock, { body: { moment } });
    setOffset(offsetFrom(state.now, sentAt)); // every countdown and stage label follows at once
    await clock.reload();
    setStatus(`Đã chuyển đồng hồ cuộc thi đến: ${label} (${formatVnDateTime(state.now)}).`);
  });

  const completeLessons = useAction(async () => {
    const r = await call(demoEndpoints.completeLessons);
    setStatus(`Đã đánh dấu xem xong ${r.total}/${r.total} bài học cho tài khoản này (${r.completed} bài mới).`);
  });
  const fillSheets = useAction(async (roundId: JuryRound, label: string) => {
    const r = await call(juryEndpoints.demoFillSheets, { params: { roundId } });
    setStatus(`${label}: đã điền ${r.sheets} phiếu chấm mẫu cho ${r.judges} giám khảo (chỉ trong bản trình diễn).`);
  });
  const busy = move.busy || completeLessons.busy || fillSheets.busy;

  return (
    <Page className="page demo-panel">
      <Box p={4}>
        <Text.Title size="xLarge">Bảng điều khiển trình diễn</Text.Title>
        <Text className="demo-warning mt-2" role="note">
          Chỉ có trong bản trình diễn (AUTH_DEV). Ứng dụng thật trên Zalo không có trang này: thời gian theo đồng hồ thật và bài học phải xem đủ.
        </Text>
        <Text role="status" aria-live="polite" className="mt-2" bold>{status}</Text>

        <Text.Title size="normal" className="mt-6">Đồng hồ cuộc thi</Text.Title>
        <Text className="mt-1">Thời điểm trong bản trình diễn: <strong>{formatVnDateTime(now.toISOString())}</strong></Text>
        {!isOrganizer ? <Text className="muted mt-1">Đăng nhập vai trò Ban tổ chức để dời đồng hồ.</Text> : null}
        <LoadState {...clock}>
          {(data) => (
          <ol className="demo-moments" aria-label="Các mốc của cuộc thi">
            {data.moments.map((m) => {
              const current = data.current === m.id;
              return (
                <li key={m.id} className={current ? "demo-moment current" : "demo-moment"}>
                  <Button
                    fullWidth
                    size="small"
                    variant={current ? "primary" : "secondary"}
                    disabled={!isOrganizer || busy}
                    loading={move.busy && target === m.id}
                    aria-pressed={current}
                    onClick={() => void move.run(m.id, m.label)}
                  >
                    {m.label}
                  </Button>
                  <Text size="xSmall" className="muted">{formatVnDateTime(m.at)} — {m.hint}</Text>
                </li>
              );
            })}
          </ol>
          )}
        </LoadState>

        <Text.Title size="normal" className="mt-6">Bài học</Text.Title>
        <Text className="muted mt-1">Để thử ngay bài kiểm tra: đánh dấu cả 14 bài là đã xem cho tài khoản trình diễn này.</Text>
        <Button className="mt-2" fullWidth variant="secondary" loading={completeLessons.busy} disabled={busy} onClick={() => void completeLessons.run()}>
          Hoàn thành tất cả bài học (trình diễn)
        </Button>

        {isOrganizer ? (
          <>
            <Text.Title size="normal" className="mt-6">Hội đồng chấm</Text.Title>
            <Text className="muted mt-1">
              Lối tắt của bản trình diễn: bổ sung giám khảo từ thành phố mẫu cho đủ số tối thiểu, rồi điền điểm mẫu vào mọi phiếu chưa nộp của các giám khảo. Phiếu đã nộp giữ nguyên; xung đột lợi ích vẫn áp dụng.
            </Text>
            <Button className="mt-2" fullWidth variant="secondary" loading={fillSheets.busy} disabled={busy} onClick={() => void fillSheets.run("stage2", "Vòng chấm sản phẩm")}>
              Chấm hộ các giám khảo còn lại — vòng sản phẩm (trình diễn)
            </Button>
            <Button className="mt-2" fullWidth variant="secondary" loading={fillSheets.busy} disabled={busy} onClick={() => void fillSheets.run("stage3", "Chung kết")}>
              Chấm hộ các giám khảo còn lại — chung kết (trình diễn)
            </Button>
          </>
        ) : null}

        <DemoAccounts currentId={user?.id} title="Chuyển sang tài khoản trình diễn khác" />
      </Box>
    </Page>
  );
}
