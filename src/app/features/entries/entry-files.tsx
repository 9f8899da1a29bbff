import { useRef, useState } from "react";
import { Button, Progress, Text } from "zmp-ui";
import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import type { EntryFile, EntryView } from "../../../domain/entries/entries.schema";
import { isInsideZalo } from "../../fence/zalo";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { pickAndUpload, uploadEntryFile } from "./entries-client";

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const KIND_LABEL: Record<string, string> = { pdf: "PDF", docx: "Word", pptx: "PowerPoint", xlsx: "Excel", jpeg: "ảnh JPEG", png: "ảnh PNG", mp4: "video MP4" };

/** Attachments: Zalo's file picker (upload URL with a single-use token) or <input type=file>, with progress. */
export function EntryFiles(props: { view: EntryView; files: EntryFile[]; editable: boolean; onChange: (files: EntryFile[]) => void }) {
  const { view, files, editable, onChange } = props;
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const rules = view.round.attachments;
  const round = view.round.id;
  const unit = view.unit.code;

  const added = (file: EntryFile, deduplicated: boolean) => {
    if (deduplicated) notify.success(`Tệp này đã có trong hồ sơ (${file.name}).`);
    else onChange([...files, file]);
  };

  const params = { round, unit };
  const choose = async () => {
    if (!isInsideZalo()) return input.current?.click();
    try {
      const { url } = await call(E.uploadToken, { params });
      setProgress(-1);
      const res = await pickAndUpload(url);
      if (res) added(res.file, res.deduplicated);
    } catch (err) {
      notify.error(err);
    } finally {
      setProgress(null);
    }
  };

  const upload = async (file: File) => {
    try {
      const { url } = await call(E.uploadToken, { params });
      setProgress(0);
      const res = await uploadEntryFile(url, file, setProgress).promise;
      added(res.file, res.deduplicated);
    } catch (err) {
      notify.error(err);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = "";
    }
  };

  const remove = useAction(async (f: EntryFile) => {
    await call(E.removeFile, { params: { ...params, fileId: f.id } });
    onChange(files.filter((x) => x.id !== f.id));
  });

  return (
    <section className="card" aria-labelledby="files-title">
      <Text.Title id="files-title">Tệp đính kèm</Text.Title>
      <Text size="small" className="muted">
        Nhận {rules.kinds.map((k) => KIND_LABEL[k] ?? k).join(", ")}; mỗi tệp tối đa {size(rules.maxFileBytes)}, tổng {size(rules.maxTotalBytes)}, tối đa {rules.maxCount} tệp.
      </Text>
      <ul className="entry-files" aria-label="Các tệp đã tải lên">
        {files.map((f) => (
          <li key={f.id}>
            <span>
              {f.name} <span className="muted">({size(f.size)})</span>
            </span>
            {editable ? (
              <Button size="small" variant="tertiary" disabled={remove.busy} onClick={() => void remove.run(f)} aria-label={`Xoá ${f.name}`}>
                Xoá
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {progress !== null ? (
        <div role="progressbar" aria-label="Đang tải tệp lên" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress < 0 ? undefined : Math.round(progress * 100)}>
          <Progress completed={progress < 0 ? 50 : Math.round(progress * 100)} maxCompleted={100} />
          <Text size="small">{progress < 0 ? "Đang tải tệp lên…" : `Đang tải lên ${Math.round(progress * 100)}%`}</Text>
        </div>
      ) : null}
      {editable ? (
        <>
          <input ref={input} type="file" hidden data-testid="entry-file-input" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
          <Button className="mt-2" variant="secondary" fullWidth disabled={progress !== null || files.length >= rules.maxCount} onClick={() => void choose()}>
            Chọn tệp để tải lên
          </Button>
        </>
      ) : null}
    </section>
  );
}
