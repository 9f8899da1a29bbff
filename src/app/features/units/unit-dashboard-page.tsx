import { useEffect } from "react";
import { Box, Button, Icon, Page, Progress, Text, useParams } from "zmp-ui";
import { contestEndpoints } from "../../../domain/contest/contest.endpoints";
import { participationStage } from "../../../domain/contest/participation";
import { reportsEndpoints } from "../../../domain/reports/reports.endpoints";
import { formatVnDateTime } from "../../../domain/shared/time";
import type { DashboardResponse } from "../../../domain/units/roster.schema";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { call, urlOf } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { NudgeButton } from "../../shared/components/nudge-button";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { ChaseList } from "./chase-list";
import { ClaimsPanel } from "./claims-panel";
import { HeadcountEditor } from "./headcount-editor";
import { RosterChangeStatus } from "./roster-changes";
import { RosterImport } from "./roster-import";
import { SelfMatchNotice, ThisIsMeTag, useSelfMatch } from "./self-match-notice";
import { SubUnitChart } from "./sub-unit-chart";
import { downloadApiFile } from "../../shared/api/transfer";
import { fmtInt, fmtPct, fmtScore } from "./units-texts";

const REFRESH_MS = 60_000;

function Figures({ d }: { d: DashboardResponse }) {
  const c = d.counts;
  const items: Array<[string, string]> = [
    ["Trong danh sách", fmtInt(c.roster)],
    ["Đã đăng nhập", fmtInt(c.signedIn)],
    [`Học xong ${d.lessonCount} bài`, fmtInt(c.lessonsDone)],
    ["Đã làm bài kiểm tra", fmtInt(c.testDone)],
    ["Điểm trung bình", fmtScore(d.meanScore)],
    ["Xếp hạng", d.rank ? `${d.rank.rank}/${d.rank.of}` : "—"],
  ];
  return (
    <dl className="figures" aria-label="Số liệu của đơn vị">
      {items.map(([label, value]) => (
        <div key={label} className="figure">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ReportButton({ d }: { d: DashboardResponse }) {
  const { session } = useSession();
  const notify = useNotify();
  const download = useAction(async () => {
    const params = { code: d.unit.code };
    await downloadApiFile({
      path: urlOf(reportsEndpoints.unitReport, { params }),
      link: () => call(reportsEndpoints.unitReportLink, { params }),
      fileName: `Báo cáo tham gia - ${d.unit.fullName}.xlsx`,
      token: session?.token ?? null,
    });
    notify.success("Đã tải báo cáo.");
  });
  return (
    <Button className="mt-4" fullWidth variant="secondary" loading={download.busy} prefixIcon={<Icon icon="zi-download" />} onClick={() => void download.run()}>
      Tải báo cáo Excel (.xlsx)
    </Button>
  );
}

/** The unit lead's live view: counts against the roster, by sub-unit, who to chase, the list itself and the report. */
export function UnitDashboardPage() {
  const { unitCode = "" } = useParams();
  const { user } = useSession();
  const dash = useApi(unitsEndpoints.dashboard, unitCode ? { params: { code: unitCode } } : null);
  const contest = useApi(contestEndpoints.contest);
  const deadline = contest.data ? participationStage(contest.data.stages).closesAt : null;
  const { reload } = dash;
  const self = useSelfMatch(unitCode);

  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === "visible") void reload();
    }, REFRESH_MS);
    return () => clearInterval(id);
  }, [reload]);

  return (
    <Page className="page unit-dashboard">
      <Box p={4}>
        <LoadState {...dash}>
          {(d) => (
            <>
              <Text size="small" className="muted">
                Theo dõi tham gia
              </Text>
              <Text.Title size="xLarge" role="heading" aria-level={1}>
                {d.unit.fullName}
              </Text.Title>
              <div className="board-head">
                <Text size="small" className="muted">
                  Cập nhật lúc {formatVnDateTime(d.generatedAt)}
                </Text>
                <Button size="small" variant="tertiary" loading={dash.loading} onClick={() => void reload()}>
                  Làm mới
                </Button>
              </div>

              <section className="card mt-3 participation" aria-labelledby="participation-title">
                <Text.Title id="participation-title" size="normal">
                  Tỷ lệ tham gia
                </Text.Title>
                {d.counts.roster === 0 ? (
                  <Text className="mt-2">Đơn vị chưa có danh sách cán bộ. Hãy tải danh sách lên (bên dưới) để tính tỷ lệ tham gia và được xếp hạng.</Text>
                ) : (
                  <>
                    <p className="big-figure">{fmtPct(d.participationPct)}</p>
                    <Progress completed={Math.round(d.participationPct ?? 0)} maxCompleted={100} strokeWidth={10} />
                    <Text size="small" className="mt-2">
                      {fmtInt(d.counts.participants)}/{fmtInt(Math.max(d.counts.roster, d.headcount ?? 0))} người đã hoàn thành (học xong {d.lessonCount} bài và làm bài kiểm tra).
                    </Text>
                    {d.headcount !== null && d.headcount > d.counts.roster ? (
                      <Text size="small" className="mt-1">
                        Tính trên số cán bộ chính thức do Ban tổ chức công bố ({fmtInt(d.headcount)} người), lớn hơn danh sách ({fmtInt(d.counts.roster)} người).
                      </Text>
                    ) : null}
                  </>
                )}
                <Figures d={d} />
                {d.counts.notOnRoster > 0 ? (
                  <Text size="small" className="muted mt-2">
                    {fmtInt(d.counts.notOnRoster)} tài khoản đã chọn đơn vị này nhưng chưa khớp với danh sách (chưa xác minh số điện thoại hoặc không có tên trong danh sách) — chưa được tính.
                  </Text>
                ) : null}
              </section>

              {d.bySubUnit.length > 0 ? (
                <section className="card mt-4" aria-labelledby="chart-title">
                  <Text.Title id="chart-title" size="normal">
                    Theo bộ phận
                  </Text.Title>
                  <SubUnitChart groups={d.bySubUnit} />
                </section>
              ) : null}

              {d.counts.roster > 0 ? (
                <Box mt={4}>
                  {self.unmatched ? <SelfMatchNotice /> : null}
                  <ChaseList
                    items={d.chase}
                    lessonCount={d.lessonCount}
                    deadline={deadline}
                    renderAction={(p) => (self.isProbablyMe(p) ? <ThisIsMeTag /> : <NudgeButton userId={p.userId} name={p.fullName} />)}
                  />
                </Box>
              ) : null}

              <ReportButton d={d} />
              <ClaimsPanel unitCode={d.unit.code} onDecided={() => void reload()} />
              <RosterChangeStatus change={d.rosterFreeze.latestChange} canDecide={user?.role === "organizer"} onDecided={() => void reload()} />
              <RosterImport unitCode={d.unit.code} canGrantLead={user?.role === "organizer"} freeze={d.rosterFreeze} onImported={() => void reload()} />
              {user?.role === "organizer" ? <HeadcountEditor key={d.headcount ?? "none"} unitCode={d.unit.code} headcount={d.headcount} roster={d.counts.roster} onSaved={() => void reload()} /> : null}
            </>
          )}
        </LoadState>
      </Box>
    </Page>
  );
}
