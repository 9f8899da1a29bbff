import { Button } from "zmp-ui";
import { useAction } from "../../shared/api/use-action";
import { downloadSnapshotCsv } from "../../shared/api/transfer";
import type { StageId } from "../../../domain/contest/contest.schema";

/** "Tải tệp CSV công bố": the published Stage 1 ranking, whose SHA-256 is shown beside it. */
export function SnapshotCsvButton({ stageId }: { stageId: StageId }) {
  const download = useAction(() => downloadSnapshotCsv(stageId));
  return (
    <Button className="mt-2" size="small" variant="secondary" loading={download.busy} onClick={() => void download.run()}>
      Tải tệp CSV công bố
    </Button>
  );
}
