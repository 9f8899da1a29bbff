import { Button, Text } from "zmp-ui";
import type { Receipt } from "../../../domain/entries/entries.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { useAction } from "../../shared/api/use-action";
import { useSession } from "../../shared/state/session-state";
import { entriesDownloads } from "./entries-client";

/** The receipt: entry number, server time, each file's size and SHA-256, the hash of the whole. */
export function EntryReceipt(props: { receipt: Receipt; canWithdraw: boolean; onWithdraw: () => void }) {
  const { receipt } = props;
  const { session } = useSession();
  const pdf = useAction(() => entriesDownloads.receiptPdf(receipt.roundId, receipt.unitCode, receipt.entryCode, session?.token ?? null));
  return (
    <section className="card receipt" aria-labelledby="receipt-title">
      <Text.Title id="receipt-title" size="large">
        Biên nhận hồ sơ {receipt.entryCode}
      </Text.Title>
      <Text className="mt-2">
        {receipt.unitName} đã nộp lúc <strong>{formatVnDateTime(receipt.submittedAt)}</strong> (giờ máy chủ).
      </Text>
      <ol className="receipt-files">
        {receipt.files.map((f) => (
          <li key={f.sha256}>
            {f.name} — {f.size.toLocaleString("vi-VN")} byte
            <div className="hash">SHA-256: {f.sha256}</div>
          </li>
        ))}
      </ol>
      <Text size="small">Mã SHA-256 của toàn bộ hồ sơ:</Text>
      <div className="hash" data-testid="receipt-hash">
        {receipt.sha256}
      </div>
      <Button className="mt-3" fullWidth loading={pdf.busy} onClick={() => void pdf.run()}>
        Tải biên nhận (PDF)
      </Button>
      {props.canWithdraw ? (
        <Button className="mt-2" fullWidth variant="tertiary" onClick={props.onWithdraw}>
          Rút hồ sơ để sửa (nộp lại trước hạn)
        </Button>
      ) : null}
    </section>
  );
}
