import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import { formatVnDateTime } from "../../../domain/shared/time";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { paths } from "../../shared/config/paths";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { STATE_LABEL } from "./entry-state-label";

/** "Nộp sản phẩm": the rounds, my unit's entry in each, and the organisers' round pages. */
export function EntriesPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const state = useApi(E.rounds);
  const notify = useNotify();
  const tryDemo = useAction(async (round: string) => {
    await call(E.demoQualify, { params: { round } });
    notify.success("Đơn vị của bạn đã được đưa vào vòng này (bản trình diễn). Lời mời đã vào hộp thư.");
    await state.reload();
  });
  return (
    <Page className="page">
      <LoadState {...state}>
        {(r) => (
          <>
            {r.rounds.map(({ round, myUnit }) => (
              <Box key={round.id} className="card">
                <Text.Title>{round.name}</Text.Title>
                <Text className="mt-1">
                  {formatVnDateTime(round.opens)} – {formatVnDateTime(round.closes)}
                </Text>
                {myUnit?.eligible ? (
                  <>
                    <Text className="mt-1">Hồ sơ của đơn vị: {STATE_LABEL[myUnit.status]}</Text>
                    <Button className="mt-2" fullWidth onClick={() => navigate(paths.entryForm.getHref(round.id, myUnit.code))}>
                      Mở hồ sơ dự thi
                    </Button>
                  </>
                ) : user?.role !== "organizer" ? (
                  <Text className="mt-1 muted">Đơn vị của bạn không thuộc danh sách nộp ở vòng này (hoặc danh sách chưa được xác nhận).</Text>
                ) : null}
                {r.demo && myUnit && !myUnit.eligible && (user?.role === "unit_lead" || user?.role === "organizer") ? (
                  <Button className="mt-2" fullWidth variant="tertiary" loading={tryDemo.busy} onClick={() => void tryDemo.run(round.id)}>
                    Thử ngay: đưa đơn vị của tôi vào vòng này (bản trình diễn)
                  </Button>
                ) : null}
                {user?.role === "organizer" ? (
                  <Button className="mt-2" fullWidth variant="secondary" onClick={() => navigate(paths.entriesRound.getHref(round.id))}>
                    Trang theo dõi vòng nộp
                  </Button>
                ) : null}
              </Box>
            ))}
          </>
        )}
      </LoadState>
    </Page>
  );
}
