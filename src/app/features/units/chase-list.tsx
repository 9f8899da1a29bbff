import { type ReactNode, useMemo, useState } from "react";
import { Box, Button, Icon, Text } from "zmp-ui";
import type { ChaseItem } from "../../../domain/units/roster.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { shareToZalo } from "../../fence/zalo";
import { paths } from "../../shared/config/paths";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { fmtInt, missingText, NO_SUB_UNIT } from "./units-texts";

const ALL = "__all__";
const NAMES_IN_MESSAGE = 15;

/** The text posted to the unit's Zalo group: who is missing what, and the link into the app. */
export function nudgeMessage(items: ChaseItem[], lessonCount: number, deadline: string | null, subUnit: string | null): string {
  const where = subUnit ? `Bộ phận ${subUnit}` : "Đơn vị";
  const names = items.slice(0, NAMES_IN_MESSAGE).map((p) => `• ${p.fullName} (${missingText(p, lessonCount)})`);
  const more = items.length > NAMES_IN_MESSAGE ? [`… và ${fmtInt(items.length - NAMES_IN_MESSAGE)} người khác`] : [];
  const by = deadline ? ` trước ${formatVnDateTime(deadline)}` : "";
  // The link into the app is added once by the share itself (Zalo's card, or the copied text).
  return [`${where} còn ${fmtInt(items.length)} người chưa hoàn thành Giai đoạn 1 cuộc thi Học vụ AI. Đề nghị các đồng chí vào học và làm bài kiểm tra${by}:`, ...names, ...more].join("\n");
}

/**
 * Named people who have not finished, filterable by sub-unit, with a free nudge through the
 * unit's Zalo group. `renderAction` lets other features add a per-person action (e.g. a reminder).
 */
export function ChaseList(props: { items: ChaseItem[]; lessonCount: number; deadline: string | null; renderAction?: (item: ChaseItem) => ReactNode }) {
  const notify = useNotify();
  const [filter, setFilter] = useState(ALL);
  const subUnits = useMemo(() => [...new Set(props.items.map((i) => i.subUnit ?? NO_SUB_UNIT))].sort((a, b) => a.localeCompare(b, "vi")), [props.items]);
  const shown = filter === ALL ? props.items : props.items.filter((i) => (i.subUnit ?? NO_SUB_UNIT) === filter);

  const share = async () => {
    try {
      const sub = filter === ALL ? null : filter;
      const result = await shareToZalo({ title: "Nhắc hoàn thành Giai đoạn 1 cuộc thi Học vụ AI", description: nudgeMessage(shown, props.lessonCount, props.deadline, sub), path: paths.learn.getHref() });
      if (result === "shared") notify.success("Đã mở chia sẻ vào nhóm Zalo.");
      else if (result === "copied") notify.success("Đã sao chép lời nhắc và đường dẫn. Hãy dán vào nhóm Zalo của đơn vị.");
    } catch (err) {
      // Cancelling the system share sheet is not an error worth a red message.
      if ((err as Error).name !== "AbortError") notify.error(err);
    }
  };

  if (props.items.length === 0) {
    return (
      <Box className="card chase-done" role="status">
        <Icon icon="zi-check-circle" /> <Text>Tất cả mọi người trong danh sách đã hoàn thành. Xin chúc mừng!</Text>
      </Box>
    );
  }

  return (
    <section aria-labelledby="chase-title" className="chase">
      <Text.Title id="chase-title" size="large">
        Chưa hoàn thành ({fmtInt(props.items.length)})
      </Text.Title>
      <label className="field-label mt-2" htmlFor="chase-filter">
        Lọc theo bộ phận
      </label>
      <select id="chase-filter" className="native-select" value={filter} onChange={(e) => setFilter(e.target.value)}>
        <option value={ALL}>Tất cả bộ phận ({fmtInt(props.items.length)})</option>
        {subUnits.map((s) => (
          <option key={s} value={s}>
            {s} ({fmtInt(props.items.filter((i) => (i.subUnit ?? NO_SUB_UNIT) === s).length)})
          </option>
        ))}
      </select>
      <Button className="mt-3" fullWidth prefixIcon={<Icon icon="zi-share-external-1" />} onClick={() => void share()}>
        Nhắc qua nhóm Zalo ({fmtInt(shown.length)} người)
      </Button>
      <ul className="chase-list mt-3" aria-label="Danh sách chưa hoàn thành">
        {shown.map((p) => (
          <li key={p.entryId} className="chase-item" data-user-id={p.userId ?? undefined}>
            <div className="chase-main">
              <span className="chase-name">{p.fullName}</span>
              <span className="chase-meta">{[p.position, p.subUnit].filter(Boolean).join(" · ") || NO_SUB_UNIT}</span>
              <span className="chase-missing">{missingText(p, props.lessonCount)}</span>
            </div>
            {props.renderAction ? <div className="chase-action">{props.renderAction(p)}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
