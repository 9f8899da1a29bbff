import { describe, expect, it } from "vitest";
import { canonicalJson, draftProblems, entryCodeOf, missingItems } from "./completeness";
import { EntryRoundSchema } from "./entries.config";
import { EntryDraftSchema } from "./entries.schema";
import { normaliseText, sanitiseFileName, textProblem } from "./text-rules";

const round = EntryRoundSchema.parse({
  id: "stage2",
  name: "Vòng 2",
  codePrefix: "V2",
  opens: "2026-06-11T17:00:00.000Z",
  closes: "2026-06-20T16:59:59.000Z",
  eligible: { fromStage: "stage1" },
  fields: [
    { key: "title", label: "Tên sản phẩm", type: "text", required: true, maxLength: 10 },
    { key: "hours", label: "Số giờ", type: "number", required: false, maxLength: 12 },
    { key: "link", label: "Liên kết", type: "url", required: false, maxLength: 200 },
  ],
  attachments: { kinds: ["pdf"], maxFileBytes: 10, maxTotalBytes: 20, maxCount: 2, minCount: 1 },
  videoLinkRequired: true,
});

describe("entries text rules", () => {
  it("normalises to NFC and \\n, refuses control and bidi characters, counts code points", () => {
    expect(normaliseText("Vie\u0323\u0302t\r\nNam")).toBe("Việt\nNam");
    expect(textProblem("a\u0000b", 10)).toBe("control");
    expect(textProblem("a\u202Eb", 10)).toBe("control");
    expect(textProblem("dòng 1\n\tdòng 2", 20)).toBeNull();
    expect(textProblem("😀".repeat(10), 10)).toBeNull();
    expect(textProblem("x".repeat(11), 10)).toBe("too_long");
  });

  it("sanitises file names: no path, no reserved or control characters, bounded", () => {
    expect(sanitiseFileName("..\\..\\C:\\evil<1>.pdf")).toBe("evil1.pdf");
    expect(sanitiseFileName("a\u0000b|c?.docx")).toBe("abc.docx");
    expect(sanitiseFileName("   ")).toBe("tep");
    const long = sanitiseFileName(`${"Báo cáo ".repeat(40)}.pptx`);
    expect([...long].length).toBeLessThanOrEqual(120);
    expect(long.endsWith(".pptx")).toBe(true);
  });
});

describe("entries completeness", () => {
  it("lists what is missing in form order, with the labels people see", () => {
    const draft = EntryDraftSchema.parse({ representative: { fullName: "A", phone: "123", email: "x@y" } });
    expect(missingItems(round, draft, 0).map((m) => m.key)).toEqual([
      "fields.title",
      "videoUrl",
      "representative.position",
      "representative.phone",
      "representative.email",
      "representative.consent",
      "files",
    ]);
    const full = EntryDraftSchema.parse({
      fields: { title: "Tên" },
      videoUrl: "https://youtu.be/abc",
      representative: { fullName: "A", position: "B", phone: "0912345678", email: "a@b.vn", consent: true },
    });
    expect(missingItems(round, full, 1)).toEqual([]);
  });

  it("names per-field problems: length, unknown field, numbers, links, control characters", () => {
    const draft = EntryDraftSchema.parse({ fields: { title: "x".repeat(11), hours: "nhiều", link: "không phải link", other: "?" }, representative: { fullName: "a\u0007" } });
    expect(Object.keys(draftProblems(round, draft)).sort()).toEqual(["fields.hours", "fields.link", "fields.other", "fields.title", "representative.fullName"]);
    expect(draftProblems(round, EntryDraftSchema.parse({ fields: { hours: "12,5", link: "https://a.vn/x" } }))).toEqual({});
  });

  it("entry codes and the canonical JSON the receipt hash is computed on", () => {
    expect(entryCodeOf("V2", 7)).toBe("V2-07");
    expect(entryCodeOf("V3", 12)).toBe("V3-12");
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: "ế" } })).toBe('{"a":{"c":"ế","d":[2,{"y":0,"z":1}]},"b":1}');
  });
});
