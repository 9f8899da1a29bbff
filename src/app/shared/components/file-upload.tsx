import { Box, Button, Icon, Progress, Text } from "zmp-ui";

/** The file chooser of an import: the chosen file's name and size, or what to choose. */
export function FilePick(props: { accept: string; label: string; placeholder: string; upload: { file: File | null; busy: boolean; choose: (file: File | null) => void } }) {
  const { file, busy, choose } = props.upload;
  return (
    <label className="file-pick mt-3">
      <input type="file" accept={props.accept} aria-label={props.label} disabled={busy} onChange={(e) => choose(e.target.files?.[0] ?? null)} />
      <Icon icon="zi-upload" />
      <span>{file ? `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)` : props.placeholder}</span>
    </label>
  );
}

/** The share of the file sent so far, with a cancel. */
export function UploadProgress({ fraction, onCancel }: { fraction: number; onCancel: () => void }) {
  return (
    <Box mt={3} role="status">
      <Text size="small">Đang tải tệp lên… {Math.round(fraction * 100)}%</Text>
      <Progress completed={Math.round(fraction * 100)} maxCompleted={100} />
      <Button className="mt-2" size="small" variant="tertiary" onClick={onCancel}>
        Huỷ
      </Button>
    </Box>
  );
}
