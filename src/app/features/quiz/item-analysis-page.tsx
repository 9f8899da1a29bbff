import { useState } from "react";
import { Button, Text } from "zmp-ui";
import type { ItemAnalysisResponse } from "../../../domain/quiz/item-analysis.schema";
import { quizEndpoints } from "../../../domain/quiz/quiz.endpoints";
import { urlOf } from "../../shared/api/call";
import { useApi } from "../../shared/api/use-api";
import { ChoiceChips } from "../../shared/components/choice-chips";
import { LoadState } from "../../shared/components/load-state";
import { OrganizersOnly, TitledPage } from "../../shared/components/page-layout";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { downloadApiFile } from "../../shared/api/transfer";

const SCOPES = [{ value: "first", label: "Lần thi đầu" }, { value: "all", label: "Mọi lần thi" }] as const;

type Item = ItemAnalysisResponse["items"][number];

const FLAG_TEXT: Record<Item["flags"][number], string> = {
  too_hard: "Quá khó (dưới 20 % làm đúng)",
  too_easy: "Quá dễ (trên 95 % làm đúng)",
  low_discrimination: "Độ phân biệt thấp",
  key_avoided_by_strong: "Người điểm cao tránh đáp án đúng — kiểm tra lại đáp án",
  distractor_unused: "Có phương án nhiễu không ai chọn",
  distractor_attracts_strong: "Phương án nhiễu hút người điểm cao",
};

const pct = (x: number) => `${(100 * x).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} %`;
const num = (x: number | null, digits = 1) => (x === null ? "—" : x.toLocaleString("vi-VN", { maximumFractionDigits: digits }));

function TestSummary({ test }: { test: ItemAnalysisResponse["test"] }) {
  const max = Math.max(1, ...test.histogram.map((h) => h.count));
  return (
    <section className="card" aria-labelledby="test-stats">
      <Text.Title id="test-stats" size="large">
        Toàn bài
      </Text.Title>
      <dl className="stat-list mt-2">
        <dt>Số bài làm</dt>
        <dd>{test.attempts.toLocaleString("vi-VN")}</dd>
        <dt>Trung bình / trung vị (số câu đúng)</dt>
        <dd>
          {num(test.mean)} / {num(test.median)}
        </dd>
        <dt>Độ lệch chuẩn</dt>
        <dd>{num(test.sd)}</dd>
        <dt>Hệ số tin cậy KR-20</dt>
        <dd>{num(test.kr20, 2)}</dd>
      </dl>
      <div className="histogram mt-2" role="list" aria-label="Phân bố số câu đúng">
        {test.histogram.map((h) => (
          <div key={h.total} role="listitem" className="histogram-row">
            <span className="histogram-label">{h.total} câu</span>
            <span className="histogram-bar" style={{ width: `${(100 * h.count) / max}%` }} />
            <span className="histogram-count">{h.count.toLocaleString("vi-VN")}</span>
          </div>
        ))}
      </div>
    </section>
  );
}

function ItemRow({ item }: { item: Item }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="card item-row">
      <button type="button" className="item-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="item-id">{item.questionId}</span>
        <span className="item-stem">{item.stem}</span>
        <span className="item-figures">
          n = {item.n.toLocaleString("vi-VN")} · độ dễ {pct(item.facility)} · phân biệt {item.discrimination === null ? "chưa đủ 30 người" : `${num(item.discrimination)} %`}
        </span>
      </button>
      {item.flags.length ? (
        <ul className="item-flags">
          {item.flags.map((f) => (
            <li key={f}>{FLAG_TEXT[f]}</li>
          ))}
        </ul>
      ) : null}
      {open ? (
        <table className="item-options mt-2">
          <thead>
            <tr>
              <th scope="col">Phương án</th>
              <th scope="col">Tỷ lệ chọn</th>
              <th scope="col">Điểm TB người chọn</th>
            </tr>
          </thead>
          <tbody>
            {item.options.map((o) => (
              <tr key={o.optionId ?? "blank"} className={o.isKey ? "is-key" : undefined}>
                <td>
                  {o.label}
                  {o.isKey ? " (đáp án đúng)" : ""}
                </td>
                <td>{pct(o.share)}</td>
                <td>{num(o.meanTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open ? <Text className="mt-2">Hiệu quả phân biệt: {item.efficiency === null ? "—" : `${num(item.efficiency)} %`}</Text> : null}
    </li>
  );
}

/** Organisers: which questions work (Moodle's quiz statistics, adapted to random papers). */
export function ItemAnalysisPage() {
  const { user, session } = useSession();
  const notify = useNotify();
  const [scope, setScope] = useState<"first" | "all">("first");
  const [onlyFlagged, setOnlyFlagged] = useState(true);
  const result = useApi(quizEndpoints.itemAnalysis, user?.role === "organizer" ? { query: { attempts: scope } } : null);
  if (user?.role !== "organizer") return <OrganizersOnly />;
  const download = () =>
    downloadApiFile({ path: urlOf(quizEndpoints.itemAnalysisXlsx, { query: { attempts: scope } }), link: null, fileName: "phan-tich-cau-hoi.xlsx", token: session?.token ?? null }).catch(notify.error);
  return (
    <TitledPage className="page item-analysis" title="Phân tích câu hỏi">
      <Text className="mt-2">Mỗi câu chỉ được tính trên những bài thi có câu đó. Chỉ số phân biệt chỉ hiện khi có từ 30 người gặp câu hỏi.</Text>
      <ChoiceChips label="Tính trên" value={scope} options={SCOPES} onChange={setScope} />
      <LoadState {...result}>
        {(r) => {
          const items = onlyFlagged ? r.items.filter((i) => i.flags.length) : r.items;
          return (
            <>
              <TestSummary test={r.test} />
              <label className="check-row mt-3">
                <input type="checkbox" checked={onlyFlagged} onChange={(e) => setOnlyFlagged(e.target.checked)} /> Chỉ câu cần xem lại ({r.items.filter((i) => i.flags.length).length}/{r.items.length})
              </label>
              <ul className="item-list mt-2">
                {items.map((i) => (
                  <ItemRow key={i.questionId} item={i} />
                ))}
              </ul>
              {items.length === 0 ? <Text className="mt-2">Chưa có câu nào cần xem lại.</Text> : null}
            </>
          );
        }}
      </LoadState>
      <Button className="mt-4" fullWidth variant="secondary" onClick={() => void download()}>
        Tải bảng phân tích (.xlsx)
      </Button>
    </TitledPage>
  );
}
