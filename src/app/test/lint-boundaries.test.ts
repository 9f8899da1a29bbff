import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ overrideConfigFile: ".config/eslint.config.js" });

/** The rule ids lint reports for `code` as if it were the file at `filePath`. */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe("lint enforces the boundaries the README claims", () => {
  it("keeps src/domain free of I/O, UI and zmp-sdk", async () => {
    for (const pkg of ["node:fs", "pg", "better-sqlite3", "fastify", "kysely", "react", "zmp-sdk", "../../server/app"]) {
      expect(await problems("src/domain/quiz/x.ts", `import "${pkg}";\n`), pkg).toContain("no-restricted-imports");
    }
    expect(await problems("src/domain/quiz/x.ts", `import { z } from "zod";\nexport const s = z.string();\n`)).toEqual([]);
  });

  it("lets app features reach each other only through src/app/shared, and never src/server", async () => {
    expect(await problems("src/app/features/units/x.ts", `export { quizOutbox } from "../quiz/quiz-outbox";\n`)).toContain("hvai/boundaries");
    expect(await problems("src/app/features/units/x.ts", `import { call } from "../../shared/api/call";\nexport { call };\n`)).toEqual([]);
    expect(await problems("src/app/features/units/x.ts", `import { buildApp } from "../../../server/app";\nexport { buildApp };\n`)).toContain("hvai/boundaries");
    expect(await problems("src/app/shared/x.ts", `import "zmp-sdk";\n`)).toContain("no-restricted-imports");
    expect(await problems("src/app/fence/zalo.ts", `import "zmp-sdk";\n`)).toEqual([]);
    expect(await problems("src/app/fence/zalo-actions.ts", `import "zmp-sdk";\n`)).toEqual([]);
  });

  it("wants kebab-case file names", async () => {
    expect(await problems("src/app/features/units/RosterImport.tsx", `export const a = 1;\n`)).toContain("hvai/kebab-files");
    expect(await problems("src/app/features/units/roster-import.test.tsx", `export const a = 1;\n`)).toEqual([]);
  });
});
