import { useState } from "react";
import { Button, Text } from "zmp-ui";
import { remindersEndpoints } from "../../../domain/reminders/reminders.endpoints";
import { call } from "../api/call";
import { useNotify } from "../hooks/use-error-snackbar";
import { useSession } from "../state/session-state";

type State = "idle" | "sending" | "queued" | "already" | "finished";

/**
 * "Nhắc": a unit lead (or an organiser) reminds one named person. It lands in their in-app inbox at
 * once and goes out through Zalo within Zalo's limits (one a day per person, 06:00–22:00).
 * Shared so that the units feature's chase list can offer it without depending on reminders.
 */
export function NudgeButton(props: { userId: string | null; name: string }) {
  const { user } = useSession();
  const notify = useNotify();
  const [state, setState] = useState<State>("idle");
  if (!user || (user.role !== "unit_lead" && user.role !== "organizer")) return null;
  if (!props.userId) return <Text size="xSmall" className="muted">Chưa vào ứng dụng</Text>;
  const userId = props.userId;

  const send = async () => {
    setState("sending");
    try {
      const res = await call(remindersEndpoints.nudge, { body: { userIds: [userId] } });
      const next: State = res.queued.includes(userId) ? "queued" : res.alreadyToday.includes(userId) ? "already" : "finished";
      setState(next);
      notify.success(
        next === "queued" ? `Đã nhắc ${props.name}.` : next === "already" ? `${props.name} đã được nhắc hôm nay.` : `${props.name} đã hoàn thành, không cần nhắc.`,
      );
    } catch (err) {
      setState("idle");
      notify.error(err);
    }
  };

  const done = state === "queued" || state === "already" || state === "finished";
  return (
    <Button size="small" variant={done ? "tertiary" : "secondary"} disabled={done} loading={state === "sending"} onClick={() => void send()} aria-label={done ? `Đã nhắc ${props.name}` : `Nhắc ${props.name}`}>
      {done ? "Đã nhắc" : "Nhắc"}
    </Button>
  );
}
