import yazl from "yazl";

/** A ZIP built in memory from (name, content) pairs; content may be a generator of chunks for huge entries. */
export async function zipOf(entries: Array<[string, string | (() => Iterable<string>)]>, compress = true): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of entries) {
    if (typeof content === "string") zip.addBuffer(Buffer.from(content, "utf8"), name, { compress });
    else {
      const { Readable } = await import("node:stream");
      zip.addReadStream(Readable.from(content(), { objectMode: false }), name, { compress });
    }
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const XLSX_SKELETON: Array<[string, string]> = [
  [
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  ],
  ["_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
  [
    "xl/workbook.xml",
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>',
  ],
  ["xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
];

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

/** The stall: `rows` rows of inline strings and `merges` merged two-cell ranges (exceljs is quadratic in merges). */
export function mergeHeavyXlsx(rows = 10_000, merges = 50_000): Promise<Buffer> {
  function* sheet() {
    yield SHEET_HEAD;
    for (let r = 1; r <= rows; r++) yield `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Người ${r}</t></is></c></row>`;
    yield `</sheetData><mergeCells count="${merges}">`;
    for (let i = 0; i < merges; i++) {
      const row = (i % rows) + 1;
      const col = Math.floor(i / rows) * 2; // B:C, D:E, F:G … (never overlapping)
      const a = String.fromCharCode(66 + col);
      const b = String.fromCharCode(67 + col);
      yield `<mergeCell ref="${a}${row}:${b}${row}"/>`;
    }
    yield "</mergeCells></worksheet>";
  }
  return zipOf([...XLSX_SKELETON, ["xl/worksheets/sheet1.xml", sheet]]);
}

/** A ZIP bomb shaped like a workbook: `mib` MiB of repetitive sheet XML that deflates to a few hundred KiB. */
export function bombXlsx(mib = 200): Promise<Buffer> {
  function* sheet() {
    yield SHEET_HEAD;
    const row = `<row><c t="inlineStr"><is><t>${"A".repeat(1000)}</t></is></c></row>`;
    const block = row.repeat(Math.floor((1024 * 1024) / row.length));
    for (let i = 0; i < mib; i++) yield block;
    yield "</sheetData></worksheet>";
  }
  return zipOf([...XLSX_SKELETON, ["xl/worksheets/sheet1.xml", sheet]]);
}
