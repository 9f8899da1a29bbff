import { Box, Button, Page, Text } from "zmp-ui";
import { remindersEndpoints } from "../../../domain/reminders/reminders.endpoints";
import type { DeliveryStatus, OverviewResponse, OverviewRule } from "../../../domain/reminders/reminders.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSetInboxUnread } from "../../shared/state/inbox-unread";
import { AUDIENCE_LABELS, describeReasons, STATE_LABELS } from "./reminder-labels";

const fmt = (n: number) => n.toLocaleString("vi-VN");

const PROBLEM_STATUS: Record<DeliveryStatus, string> = {
  queued: "sẽ thử lại",
  claimed: "đang gửi",
  sending: "đang gửi",
  sent: "đã gửi",
  failed: "gửi không thành công",
  unknown: "không rõ kết quả, không gửi lại",
  skipped: "bỏ qua",
};

function Limits({ limits }: { limits: OverviewResponse["limits"] }) {
  return (
    <section className="card mt-3" aria-labelledby="limits-title">
      <Text.Title id="limits-title" size="normal">Kênh và giới hạn của Zalo</Text.Title>
      <dl className="profile reminder-facts">
        <dt>Thông báo Zalo</dt>
        <dd>{limits.zaloConfigured ? "Đã cấu hình" : "Chưa cấu hình — chỉ gửi vào mục Thông báo trong ứng dụng"}</dd>
        <dt>Hôm nay đã gửi</dt>
        <dd>
          {fmt(limits.usedToday)} / {fmt(limits.dailyCap)} tin
        </dd>
        <dt>Giờ gửi</dt>
        <dd>
          {limits.sendWindow} ({limits.inWindowNow ? "đang trong giờ gửi" : "ngoài giờ gửi"})
        </dd>
        <dt>Người nhận</dt>
        <dd>Đã cho phép nhận thông báo, mở ứng dụng trong {limits.activeDays} ngày qua, tối đa 1 tin/người/ngày</dd>
        <dt>Bộ gửi tự động</dt>
        <dd>{limits.workerRunning ? "Đang chạy trên máy chủ này" : "Không chạy trên máy chủ này"}</dd>
      </dl>
    </section>
  );
}

function Reach({ reach }: { reach: NonNullable<OverviewResponse["reach"]> }) {
  const blocked = describeReasons({ no_zalo_id: reach.noZaloId, no_consent: reach.noConsent, inactive: reach.inactive });
  return (
    <section className="card mt-3 reach-card" aria-labelledby="reach-title">
      <Text.Title id="reach-title" size="normal">Khả năng nhắc kịp trước hạn</Text.Title>
      <Text size="small" className="muted">
        {reach.label} lúc {formatVnDateTime(reach.deadlineAt)}
      </Text>
      <p className="reach-figure">
        <strong>{fmt(reach.reachableInTime)}</strong> / {fmt(reach.pending)} người chưa hoàn thành có thể nhận nhắc qua Zalo kịp hạn
      </p>
      <Text size="small">
        {fmt(reach.eligible)} người có thể nhận tin Zalo; còn {fmt(reach.sendDays)} ngày gửi, tối đa {fmt(reach.capacity)} tin.
      </Text>
      {blocked ? <Text size="small" className="muted mt-1">Không nhận được qua Zalo: {blocked}. Những người này chỉ thấy lời nhắc trong ứng dụng.</Text> : null}
    </section>
  );
}

/** Send one rule's message to myself: checks the Zalo key, the template and the wording before the real moment. */
function TestSendButton({ rule, onSent }: { rule: OverviewRule; onSent: () => void }) {
  const notify = useNotify();
  const setUnread = useSetInboxUnread();
  const send = useAction(async () => {
    await call(remindersEndpoints.sendTest, { body: { ruleId: rule.ruleId } });
    setUnread((n) => n + 1);
    notify.success("Đã gửi thử: xem trong mục Thông báo; tin Zalo đi theo giới hạn của Zalo.");
    onSent();
  });
  return (
    <Button className="mt-2" size="small" variant="tertiary" loading={send.busy} onClick={() => void send.run()} aria-label={`Gửi thử cho tôi: ${rule.title}`}>
      Gửi thử cho tôi
    </Button>
  );
}

function RuleRow({ rule, onTested }: { rule: OverviewRule; onTested: () => void }) {
  const z = rule.zalo;
  const skipped = describeReasons(rule.skippedBy);
  const waiting = describeReasons(rule.waitingBy);
  return (
    <li className="card reminder-rule">
      <Text bold>{rule.title}</Text>
      <Text size="small" className="muted">
        {AUDIENCE_LABELS[rule.audience]}
        {rule.at ? ` · ${formatVnDateTime(rule.at)}` : ""} · {STATE_LABELS[rule.state]}
      </Text>
      <ul className="reminder-counts" aria-label={`Số liệu: ${rule.title}`}>
        <li>
          <span>Trong ứng dụng</span>
          <strong>{fmt(rule.messages)}</strong>
        </li>
        <li>
          <span>Chờ gửi</span>
          <strong>{fmt(z.queued + z.sending)}</strong>
        </li>
        <li>
          <span>Đã gửi Zalo</span>
          <strong>{fmt(z.sent)}</strong>
        </li>
        <li>
          <span>Lỗi</span>
          <strong>{fmt(z.failed)}</strong>
        </li>
        <li>
          <span>Không rõ kết quả</span>
          <strong>{fmt(z.unknown)}</strong>
        </li>
        <li>
          <span>Bỏ qua</span>
          <strong>{fmt(z.skipped)}</strong>
        </li>
      </ul>
      {skipped ? <Text size="small" className="mt-1">Bỏ qua vì: {skipped}.</Text> : null}
      {waiting ? <Text size="small" className="mt-1">Đang chờ vì: {waiting}.</Text> : null}
      {rule.audience !== "nudge" && rule.audience !== "test" ? <TestSendButton rule={rule} onSent={onTested} /> : null}
    </li>
  );
}

/** Organisers: what each reminder did, why pushes were skipped, and whether the rest can be reached in time. */
export function RemindersOverviewPage() {
  const overview = useApi(remindersEndpoints.overview);
  return (
    <Page className="page reminders-overview">
      <Box p={4}>
        <Text.Title size="xLarge">Theo dõi nhắc hạn</Text.Title>
        <Button className="mt-2" size="medium" variant="secondary" loading={overview.loading} onClick={() => void overview.reload()}>
          Cập nhật số liệu
        </Button>
        <LoadState {...overview}>
          {(o) => (
            <>
              <Text size="small" className="muted mt-2">Số liệu lúc {formatVnDateTime(o.generatedAt)}</Text>
              {o.reach ? <Reach reach={o.reach} /> : null}
              <Limits limits={o.limits} />
              <Text.Title size="large" className="mt-4">Các lần nhắc</Text.Title>
              <ul className="reminder-rules" aria-label="Các lần nhắc">
                {o.rules.map((r) => (
                  <RuleRow key={r.ruleId} rule={r} onTested={() => void overview.reload()} />
                ))}
              </ul>
              {o.recentProblems.length ? (
                <section className="mt-4" aria-labelledby="problems-title">
                  <Text.Title id="problems-title" size="large">Lỗi gần đây</Text.Title>
                  <ul className="reminder-problems">
                    {o.recentProblems.map((p, i) => (
                      <li key={`${p.at}-${i}`}>
                        <Text size="small">
                          {formatVnDateTime(p.at)} · {p.fullName ?? "Không rõ tên"} · {PROBLEM_STATUS[p.status]} · chi tiết kỹ thuật: {p.error}
                        </Text>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
            </>
          )}
        </LoadState>
      </Box>
    </Page>
  );
}
