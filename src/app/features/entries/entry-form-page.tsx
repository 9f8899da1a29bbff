import { useState } from "react";
import { useParams, useSearchParams } from "react-router-dom";
import { Box, Button, Input, Page, Text } from "zmp-ui";
import { consentText, PUBLISH_CONSENT_TEXT } from "../../../domain/entries/completeness";
import type { FormField } from "../../../domain/entries/entries.config";
import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import type { EntryDraft, EntryFile, EntryView } from "../../../domain/entries/entries.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { shareLink } from "../../fence/zalo";
import { ApiRequestError } from "../../shared/api/api-client";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useLoad } from "../../shared/api/use-api";
import { TextField } from "../../shared/components/text-field";
import { errorMessage } from "../../shared/errors/error-messages";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { EntryFiles } from "./entry-files";
import { EntryReceipt } from "./entry-receipt";
import { type SaveState, useEntryDraft } from "./use-entry-draft";

const SAVE_TEXT: Record<SaveState, string> = {
  idle: "",
  pending: "Đang chờ lưu…",
  saving: "Đang lưu…",
  saved: "Đã lưu lên máy chủ.",
  offline: "Mất mạng: nội dung được giữ trên máy và sẽ tự gửi khi có mạng.",
  conflict: "Đồng nghiệp vừa sửa hồ sơ này.",
  error: "Chưa lưu được. Vui lòng xem các mục báo lỗi.",
};
const CONTROLLER = "Sở Khoa học và Công nghệ thành phố Hải Phòng";

function FieldInput(props: { field: FormField; value: string; error?: string; disabled: boolean; onChange: (v: string) => void }) {
  const { field, value, disabled, onChange } = props;
  const label = `${field.label}${field.required ? " *" : ""}`;
  const common = { label, value, disabled, helperText: props.error ?? field.help, status: props.error ? ("error" as const) : undefined, maxLength: field.maxLength };
  if (field.type === "textarea")
    return <Input.TextArea {...common} aria-label={label} showCount onChange={(e) => onChange(e.target.value)} />;
  return <TextField {...common} inputMode={field.type === "number" ? "decimal" : field.type === "url" ? "url" : undefined} onChange={(e) => onChange(e.target.value)} />;
}

/** The round, the unit, the deadline and who writes with me; the unit lead invites colleagues from here. */
function EntryHeader({ view, sharing, onShare }: { view: EntryView; sharing: boolean; onShare: (() => void) | null }) {
  return (
    <Box className="card">
      <Text.Title size="large">{view.round.name}</Text.Title>
      <Text className="mt-1">{view.unit.name}</Text>
      <Text className="mt-1">
        Hạn nộp: <strong>{formatVnDateTime(view.deadline)}</strong>
        {view.entryCode ? ` · Số hồ sơ ${view.entryCode}` : ""}
      </Text>
      <Text size="small" className="muted mt-1">
        Cùng soạn: {view.contributors.map((c) => c.name).join(", ") || "—"}
      </Text>
      {onShare ? (
        <Button className="mt-2" size="small" variant="secondary" loading={sharing} onClick={onShare}>
          Mời đồng nghiệp qua nhóm Zalo
        </Button>
      ) : null}
    </Box>
  );
}

/** The person who represents the entry, with the two consents (unticked until they tick them). */
function RepresentativeCard({ rep, editable, onChange }: { rep: EntryDraft["representative"]; editable: boolean; onChange: (patch: Partial<EntryDraft["representative"]>) => void }) {
  return (
    <Box className="card form" aria-labelledby="rep-title">
      <Text.Title id="rep-title">Người đại diện</Text.Title>
      <TextField label="Họ và tên *" value={rep.fullName} disabled={!editable} onChange={(e) => onChange({ fullName: e.target.value })} />
      <TextField label="Chức vụ *" value={rep.position} disabled={!editable} onChange={(e) => onChange({ position: e.target.value })} />
      <TextField label="Số điện thoại *" inputMode="tel" value={rep.phone} disabled={!editable} onChange={(e) => onChange({ phone: e.target.value })} />
      <TextField label="Thư điện tử *" inputMode="email" value={rep.email} disabled={!editable} onChange={(e) => onChange({ email: e.target.value })} />
      <label className="consent">
        <input type="checkbox" checked={rep.consent} disabled={!editable} onChange={(e) => onChange({ consent: e.target.checked })} />
        <span>{consentText(CONTROLLER)}</span>
      </label>
      <label className="consent">
        <input type="checkbox" checked={rep.publishConsent} disabled={!editable} onChange={(e) => onChange({ publishConsent: e.target.checked })} />
        <span>{PUBLISH_CONSENT_TEXT}</span>
      </label>
    </Box>
  );
}

/** The entry form a unit's team opens from the chat link: /entries/:round?unit=…&invite=… */
export function EntryFormPage() {
  const { round = "" } = useParams();
  const [search] = useSearchParams();
  const { user } = useSession();
  const notify = useNotify();
  const unit = search.get("unit") ?? user?.unitCode ?? "";
  const invite = search.get("invite");
  const [files, setFiles] = useState<EntryFile[]>([]);
  // Opening the chat link joins the unit's team (idempotent); otherwise just read the entry.
  const loaded = useLoad(
    async (signal) => {
      const params = { round, unit };
      const v = invite ? await call(E.join, { params, body: { invite }, signal }) : await call(E.entry, { params, signal });
      setFiles(v.files);
      return v;
    },
    [round, unit, invite],
  );
  const view: EntryView | undefined = loaded.data;
  const refusal = loaded.error;
  const setView = loaded.setData;
  const load = loaded.reload;
  const d = useEntryDraft(view);
  const submit = useAction(
    async () => {
      await d.flush();
      const fresh = await call(E.entry, { params: { round, unit } });
      const { receipt } = await call(E.submit, { params: { round, unit }, body: { version: fresh.version } });
      setView({ ...fresh, receipt, status: "submitted" });
      notify.success(`Đã nộp hồ sơ ${receipt.entryCode}.`);
    },
    {
      onError: (err) => {
        if (err instanceof ApiRequestError && err.code === "ENTRY_INCOMPLETE" && err.fields) d.setMissing(Object.entries(err.fields).map(([key, label]) => ({ key, label })));
        if (err instanceof ApiRequestError && err.code === "ENTRY_ALREADY_SUBMITTED") void load();
      },
    },
  );
  const withdraw = useAction(async () => {
    await call(E.withdraw, { params: { round, unit } });
    await load();
  });
  const share = useAction(async (v: EntryView) => {
    const { url } = await call(E.inviteLink, { params: { round, unit } });
    await shareLink({ title: v.round.name, description: `Mời đồng chí cùng soạn hồ sơ dự thi của ${v.unit.name}`, url });
  });

  if (refusal)
    return (
      <Page className="page">
        <Box className="card" role="alert">
          <Text.Title>Không mở được hồ sơ dự thi</Text.Title>
          <Text className="mt-2">{errorMessage(refusal)}</Text>
          {refusal instanceof ApiRequestError && refusal.code === "NETWORK" ? <Button className="mt-3" onClick={() => void load()}>Thử lại</Button> : null}
        </Box>
      </Page>
    );
  if (!view || !d.draft) return <Page className="page"><Text>Đang tải hồ sơ…</Text></Page>;

  const draft = d.draft;
  const editable = view.canEdit && view.status !== "submitted" && !view.receipt;
  const set = (patch: Partial<EntryDraft>) => d.change({ ...draft, ...patch });
  const setField = (key: string, v: string) => set({ fields: { ...draft.fields, [key]: v } });
  const setRep = (patch: Partial<EntryDraft["representative"]>) => set({ representative: { ...draft.representative, ...patch } });
  const missingFiles = files.length < view.round.attachments.minCount;
  const missing = d.missing.filter((m) => m.key !== "files" || missingFiles);

  return (
    <Page className="page entry-form">
      <EntryHeader view={view} sharing={share.busy} onShare={user?.role === "unit_lead" ? () => void share.run(view) : null} />

      {view.receipt ? <EntryReceipt receipt={view.receipt} canWithdraw={view.canEdit} onWithdraw={() => void withdraw.run()} /> : null}
      {!view.canEdit && !view.receipt ? (
        <Box className="card" role="status">
          <Text>{Date.parse(view.serverNow) > Date.parse(view.deadline) ? "Đã hết hạn nộp hồ sơ." : "Hồ sơ chỉ xem, không sửa được."}</Text>
        </Box>
      ) : null}

      <p className={`save-state save-${d.state}`} role="status" aria-live="polite" data-testid="save-state">
        {SAVE_TEXT[d.state]}
      </p>
      {d.conflict ? (
        <Box className="card conflict" role="alert">
          <Text>
            {d.conflict.updatedBy ?? "Một đồng nghiệp"} đã lưu bản khác{d.conflict.updatedAt ? ` lúc ${formatVnDateTime(d.conflict.updatedAt)}` : ""}. Tên sản phẩm của họ: “{d.conflict.draft.fields.title ?? ""}”.
          </Text>
          <Button className="mt-2" size="small" onClick={() => d.resolve("theirs")}>Dùng bản của đồng nghiệp</Button>
          <Button className="mt-2" size="small" variant="secondary" onClick={() => d.resolve("mine")}>Giữ bản của tôi</Button>
        </Box>
      ) : null}

      <Box className="card form">
        {view.round.fields.map((f) => (
          <FieldInput key={f.key} field={f} value={draft.fields[f.key] ?? ""} error={d.fieldErrors[`fields.${f.key}`]} disabled={!editable} onChange={(v) => setField(f.key, v)} />
        ))}
        {view.round.videoLinkRequired || draft.videoUrl ? (
          <TextField label={`Đường dẫn video${view.round.videoLinkRequired ? " *" : ""}`} inputMode="url" value={draft.videoUrl} disabled={!editable} onChange={(e) => set({ videoUrl: e.target.value })} />
        ) : null}
      </Box>

      <EntryFiles view={view} files={files} editable={editable} onChange={setFiles} />

      <RepresentativeCard rep={draft.representative} editable={editable} onChange={setRep} />

      {editable ? (
        <Box className="card">
          {missing.length ? (
            <>
              <Text.Title>Còn thiếu để nộp</Text.Title>
              <ul className="missing" aria-label="Các mục còn thiếu">
                {missing.map((m) => (
                  <li key={m.key}>{m.label}</li>
                ))}
              </ul>
            </>
          ) : (
            <Text>Hồ sơ đã đủ thông tin.</Text>
          )}
          <Button className="mt-3" fullWidth loading={submit.busy} disabled={submit.busy || missing.length > 0 || d.state === "conflict"} onClick={() => void submit.run()}>
            Nộp hồ sơ
          </Button>
        </Box>
      ) : null}
    </Page>
  );
}
