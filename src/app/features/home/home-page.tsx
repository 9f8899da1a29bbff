import { Box, Icon, Page, Text } from "zmp-ui";
import { nextDeadline, stageStatus, type StageStatus } from "../../../domain/contest/calendar";
import { contestEndpoints } from "../../../domain/contest/contest.endpoints";
import type { Contact, ContestResponse } from "../../../domain/contest/contest.schema";
import { formatCountdown, formatVnDate, formatVnDateTime } from "../../../domain/shared/time";
import { callPhone, openExternal } from "../../fence/zalo";
import { call } from "../../shared/api/call";
import { useLoad } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { offsetFrom, useServerNow, useSetClockOffset } from "../../shared/state/server-clock";
import { useSession } from "../../shared/state/session-state";

const STATUS_LABEL: Record<StageStatus, string> = { upcoming: "Sắp diễn ra", open: "Đang diễn ra", closed: "Đã kết thúc" };

/** Loads the contest and records the server clock offset from its serverNow. */
function useContest() {
  const setOffset = useSetClockOffset();
  return useLoad(
    async (signal) => {
      const sentAt = Date.now();
      const contest = await call(contestEndpoints.contest, { signal });
      setOffset(offsetFrom(contest.serverNow, sentAt));
      return contest;
    },
    [setOffset],
  );
}

function Countdown({ contest }: { contest: ContestResponse }) {
  const now = useServerNow();
  const next = nextDeadline(contest.stages, now);
  if (!next) return <Text>Cuộc thi đã kết thúc. Cảm ơn bạn đã tham gia!</Text>;
  return (
    <Box className="countdown" role="timer" aria-live="off">
      <Text size="small" className="muted">{next.label} sau</Text>
      <Text.Title size="xLarge" className="countdown-value">{formatCountdown(Date.parse(next.at) - now.getTime())}</Text.Title>
      <Text size="small" className="muted">lúc {formatVnDateTime(next.at)}</Text>
    </Box>
  );
}

function Timeline({ contest }: { contest: ContestResponse }) {
  const now = useServerNow(30_000);
  return (
    <ol className="timeline" aria-label="Các giai đoạn của cuộc thi">
      {contest.stages.map((s) => {
        const status = stageStatus(s, now);
        return (
          <li key={s.id} className={`timeline-item ${status}`}>
            <div className="timeline-dot" aria-hidden />
            <div>
              <Text bold>{s.name}</Text>
              <Text size="small">{formatVnDate(s.opensAt)} – {formatVnDateTime(s.closesAt)}</Text>
              <span className={`chip chip-${status}`}>{STATUS_LABEL[status]}</span>
              <Text size="small" className="muted mt-1">{s.description}</Text>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function Contacts({ contacts }: { contacts: Contact[] }) {
  const notify = useNotify();
  const open = (c: Contact) => {
    const action =
      c.kind === "phone" ? callPhone(c.value) : c.kind === "zalo" ? openExternal(`https://zalo.me/${c.value}`) : openExternal(`mailto:${c.value}`);
    action.catch(notify.error);
  };
  const icon = { phone: "zi-call", zalo: "zi-chat", email: "zi-at" } as const;
  return (
    <ul className="contacts">
      {contacts.map((c) => (
        <li key={`${c.kind}-${c.value}`}>
          <button type="button" className="contact" onClick={() => open(c)}>
            <Icon icon={icon[c.kind]} />
            <span>
              <span className="contact-label">{c.label}</span>
              <span className="contact-value">{c.value}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function HomePage() {
  const contest = useContest();
  const { user } = useSession();
  return (
    <Page className="page home">
      <LoadState {...contest}>
        {(c) => (
          <Box p={4}>
            <Text size="small" className="muted">{c.organizer}</Text>
            <Text.Title size="xLarge" className="mt-1">Cuộc thi “{c.name}”</Text.Title>
            {user?.fullName ? <Text className="mt-2">Xin chào, {user.fullName}!</Text> : null}
            <section className="card mt-4">
              <Countdown contest={c} />
            </section>
            <section className="mt-4" aria-labelledby="stages-title">
              <Text.Title id="stages-title" size="large">Lịch thi</Text.Title>
              <Timeline contest={c} />
            </section>
            <section className="mt-4" aria-labelledby="prizes-title">
              <Text.Title id="prizes-title" size="large">Giải thưởng</Text.Title>
              <ul className="prizes">
                {c.prizes.map((p) => (
                  <li key={p.name}>
                    <Text bold>{p.name}</Text>
                    <Text size="small">{p.count} giải × {p.amountVnd.toLocaleString("vi-VN")} đồng{p.extra ? ` + ${p.extra}` : ""}</Text>
                  </li>
                ))}
              </ul>
            </section>
            <section className="mt-4" aria-labelledby="contacts-title">
              <Text.Title id="contacts-title" size="large">Liên hệ Ban tổ chức</Text.Title>
              <Contacts contacts={c.contacts} />
            </section>
          </Box>
        )}
      </LoadState>
    </Page>
  );
}
