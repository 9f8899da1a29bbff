import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { chooseChromium, launchChromium } from "./chromium";

async function renders(choice: ReturnType<typeof chooseChromium>): Promise<string | null> {
  const browser = await launchChromium(choice, ["--no-sandbox", "--disable-gpu"]);
  try {
    const page = await browser.newPage();
    await page.setContent("<main><h1>Học vụ AI — Hải Phòng</h1></main>");
    return await page.getByRole("heading").textContent();
  } finally {
    await browser.close();
  }
}

describe("the Chromium the browser tests use", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is the one chosen for this run, and it starts headless", async () => {
    const choice = inject("chromium");
    if (process.env.TEST_CHROMIUM === "bundled") expect(choice.source).toBe("@sparticuz/chromium");
    else if (process.env.CHROMIUM_PATH) expect(choice.executablePath).toBe(process.env.CHROMIUM_PATH);
    expect(await renders(choice)).toBe("Học vụ AI — Hải Phòng");
  });

  it("TEST_CHROMIUM=bundled unpacks the one from npm (@sparticuz/chromium) and it runs with its own libraries", async () => {
    vi.stubEnv("TEST_CHROMIUM", "bundled");
    const choice = chooseChromium();
    expect(choice.problem).toBeUndefined();
    expect(choice.source).toBe("@sparticuz/chromium");
    expect(choice.env.LD_LIBRARY_PATH).toContain("sparticuz-chromium");
    expect(await renders(choice)).toBe("Học vụ AI — Hải Phòng");
  });

  it("a Chromium that cannot start fails the test with one line saying what to install", async () => {
    const failure = launchChromium({ executablePath: "/bin/false", source: "CHROMIUM_PATH", env: {} }, []);
    await expect(failure).rejects.toThrow(/^Chromium for the browser tests \(\/bin\/false, from CHROMIUM_PATH\) did not start: it exited with code 1 — install Chromium .*apt-get install chromium.*TEST_CHROMIUM=bundled/);
    await expect(failure).rejects.toThrow(/^[^\n]*$/);
    vi.stubEnv("TEST_CHROMIUM", undefined);
    vi.stubEnv("CHROMIUM_PATH", "/nowhere/chromium");
    const missing = chooseChromium();
    await expect(launchChromium(missing, [])).rejects.toThrow(/^Chromium for the browser tests: CHROMIUM_PATH=\/nowhere\/chromium does not exist: install Chromium/);
  });
});
