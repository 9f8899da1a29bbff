import { beforeEach, describe, expect, it } from "vitest";
import { EntryDraftSchema } from "../../../domain/entries/entries.schema";
import { resetFakeFence } from "../../test/fake-fence";
import { draftQueue } from "./draft-queue";

const draft = (title: string) => EntryDraftSchema.parse({ fields: { title } });

describe("the phone's draft queue", () => {
  beforeEach(() => resetFakeFence());

  it("keeps every unacknowledged draft per (round, unit), across reads", () => {
    draftQueue.put("stage2", "10507", { baseVersion: 3, draft: draft("A"), at: 1 });
    draftQueue.put("stage2", "10513", { baseVersion: 1, draft: draft("B"), at: 2 });
    expect(draftQueue.get("stage2", "10507")?.draft.fields.title).toBe("A");
    expect(draftQueue.get("stage2", "10513")?.baseVersion).toBe(1);
    expect(draftQueue.get("stage3", "10507")).toBeUndefined();
  });

  it("an acknowledgement forgets only the draft it acknowledged, never newer typing", () => {
    draftQueue.put("stage2", "10507", { baseVersion: 3, draft: draft("sent"), at: 10 });
    draftQueue.put("stage2", "10507", { baseVersion: 3, draft: draft("typed during the save"), at: 11 });
    draftQueue.ack("stage2", "10507", 10);
    expect(draftQueue.get("stage2", "10507")?.draft.fields.title).toBe("typed during the save");
    draftQueue.ack("stage2", "10507", 11);
    expect(draftQueue.get("stage2", "10507")).toBeUndefined();
  });
});
