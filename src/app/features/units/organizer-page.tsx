import { Box, Button, Icon, Text, useNavigate } from "zmp-ui";
import { contestEndpoints } from "../../../domain/contest/contest.endpoints";
import { participationStage } from "../../../domain/contest/participation";
import { reportsEndpoints } from "../../../domain/reports/reports.endpoints";
import { formatVnDateTime } from "../../../domain/shared/time";
import { call, urlOf } from "../../shared/api/call";
import { downloadApiFile } from "../../shared/api/transfer";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { paths } from "../../shared/config/paths";
import { useSession } from "../../shared/state/session-state";
import { GrantLead } from "./grant-lead";
import { PendingRosterChanges } from "./roster-changes";
import { StageDesk } from "./stage-desk";
import { Card, OrganizersOnly, TitledPage } from "../../shared/components/page-layout";

const ACTION_LABEL: Record<string, string> = {
  "roster.import": "Nhập danh sách cán bộ",
  "roster.change_requested": "Gửi danh sách mới chờ duyệt",
  "roster.change_approved": "Duyệt danh sách mới",
  "roster.change_rejected": "Từ chối danh sách mới",
  "unit.headcount_set": "Nhập số cán bộ chính thức",
  "claim.approve": "Đồng ý đề nghị vào danh sách",
  "claim.reject": "Từ chối đề nghị vào danh sách",
  "role.grant_from_roster": "Cấp quyền lãnh đạo theo danh sách",
  "people.role_granted": "Cấp vai trò",
  "people.role_revoked": "Thu hồi vai trò",
  "stage.close": "Chốt kết quả Giai đoạn 1",
  "qualifiers.confirm": "Xác nhận đơn vị vào Giai đoạn 2",
};

function AuditLog() {
  const audit = useApi(reportsEndpoints.audit, { query: { limit: 30 } });
  return (
    <Card id="audit-title" title="Nhật ký thao tác">
      <LoadState {...audit}>
        {({ entries }) => (
          <ol className="audit">
            {entries.length === 0 ? <li className="muted">Chưa có thao tác nào.</li> : null}
            {entries.map((e) => (
              <li key={e.id}>
                <Text size="small">
                  <strong>{formatVnDateTime(e.at)}</strong> — {ACTION_LABEL[e.action] ?? e.action} ({e.subjectName ?? e.subject}){e.actorName ? `, ${e.actorName}` : ""}
                  {typeof e.details.reason === "string" && e.details.reason ? ` — lý do: ${e.details.reason}` : ""}
                </Text>
              </li>
            ))}
          </ol>
        )}
      </LoadState>
    </Card>
  );
}

/** The organiser's desk: close Stage 1, confirm qualifiers, city-wide report, unit leads, audit log. */
export function OrganizerPage() {
  const { user, session } = useSession();
  const navigate = useNavigate();
  const contest = useApi(contestEndpoints.contest, user?.role === "organizer" ? {} : null);
  const cityReport = useAction(() =>
    downloadApiFile({
      path: urlOf(reportsEndpoints.cityReport),
      link: () => call(reportsEndpoints.cityReportLink),
      fileName: "bao-cao-toan-thanh-pho.xlsx",
      token: session?.token ?? null,
    }),
  );
  if (user?.role !== "organizer") return <OrganizersOnly className="page organizer" alert />;
  return (
    <TitledPage className="page organizer" title="Ban tổ chức">
      <Box mt={3}>
        <LoadState {...contest}>{(c) => <StageDesk stageId={participationStage(c.stages).id} />}</LoadState>
      </Box>
      <Button className="mt-4" fullWidth variant="secondary" loading={cityReport.busy} prefixIcon={<Icon icon="zi-download" />} onClick={() => void cityReport.run()}>
        Báo cáo toàn thành phố (.xlsx)
      </Button>
      <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.itemAnalysis.getHref())}>
        Phân tích câu hỏi
      </Button>
      <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.questionBank.getHref())}>
        Ngân hàng câu hỏi
      </Button>
      <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.people.getHref())}>
        Tra cứu cán bộ
      </Button>
      <PendingRosterChanges />
      <GrantLead />
      <AuditLog />
    </TitledPage>
  );
}
