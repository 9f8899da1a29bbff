/**
 * The zmp-sdk fence's face (ADR 0003): with zalo-actions.ts, loaded on demand, the only code that
 * imports zmp-sdk (lint enforces it). Every other module calls these functions, so component tests mock this file and a plain browser gets
 * working fallbacks (localStorage, page-visibility events, window.open).
 */
import { events, EventName, getAccessToken, getPhoneNumber, nativeStorage, requestSendNotification } from "zmp-sdk";
import { appEnv } from "../shared/config/env";

/** Share, phone, web view and download load with their chunk when first used (first-screen size). */
const actions = () => import("./zalo-actions");

/** Inside the Zalo app's WebView (not a desktop browser or a test). */
export function isInsideZalo(): boolean {
  return typeof navigator !== "undefined" && (/zalo/i.test(navigator.userAgent) || location.hostname.endsWith("h5.zdn.vn"));
}

/** The mini app's id: Zalo injects window.APP_ID; a browser build takes VITE_ZALO_APP_ID; null when neither is set. */
export function miniAppId(): string | null {
  // zmp-ui types APP_ID as always set; outside Zalo it is not.
  return (window.APP_ID as string | undefined) || appEnv.VITE_ZALO_APP_ID || null;
}

export async function zaloAccessToken(): Promise<string> {
  return getAccessToken();
}

/** A single-use phone token (2 minutes) that only our server may exchange. */
export async function zaloPhoneToken(): Promise<string> {
  const res = await getPhoneNumber();
  if (!res.token) throw new Error("Zalo did not return a phone token");
  return res.token;
}

/** Ask Zalo for permission to send mini-app notifications. Resolves true if granted. */
export async function askNotificationPermission(): Promise<boolean> {
  if (!isInsideZalo()) return typeof Notification !== "undefined" ? (await Notification.requestPermission()) === "granted" : true;
  try {
    await requestSendNotification();
    return true;
  } catch {
    return false;
  }
}

/** Synchronous key-value storage that survives app restarts: nativeStorage in Zalo, localStorage elsewhere. */
export const storage = {
  getItem(key: string): string | null {
    if (isInsideZalo()) return nativeStorage.getItem(key) || null;
    return window.localStorage.getItem(key);
  },
  setItem(key: string, value: string): void {
    if (isInsideZalo()) nativeStorage.setItem(key, value);
    else window.localStorage.setItem(key, value);
  },
  removeItem(key: string): void {
    if (isInsideZalo()) nativeStorage.removeItem(key);
    else window.localStorage.removeItem(key);
  },
};

type Unsubscribe = () => void;

/** The app went to the background (Zalo AppPaused, or the browser tab was hidden/closed). */
export function onAppPaused(cb: () => void): Unsubscribe {
  if (isInsideZalo()) {
    events.on(EventName.AppPaused, cb);
    return () => events.off(EventName.AppPaused, cb);
  }
  const onHide = () => document.visibilityState === "hidden" && cb();
  document.addEventListener("visibilitychange", onHide);
  window.addEventListener("pagehide", cb);
  return () => {
    document.removeEventListener("visibilitychange", onHide);
    window.removeEventListener("pagehide", cb);
  };
}

export function onAppResumed(cb: () => void): Unsubscribe {
  if (isInsideZalo()) {
    events.on(EventName.AppResumed, cb);
    return () => events.off(EventName.AppResumed, cb);
  }
  const onShow = () => document.visibilityState === "visible" && cb();
  document.addEventListener("visibilitychange", onShow);
  return () => document.removeEventListener("visibilitychange", onShow);
}

/**
 * https://zalo.me/s/{appId}/{path}?k=v — opens the mini app at that page from a chat. Without a
 * configured app id (the browser demo) the link is this site's own page, which works from a chat too.
 */
export function deepLink(path: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  const id = miniAppId();
  const rest = `${path.replace(/^\//, "")}${query ? `?${query}` : ""}`;
  return id ? `https://zalo.me/s/${id}/${rest}` : `${window.location.origin}/${rest}`;
}

/** What sharing did: opened Zalo's (or the system's) share sheet, copied the text, or the person cancelled. */
export type ShareResult = "shared" | "copied" | "cancelled";

/** Share a page of the app into a Zalo chat or group; the link is added once, here. */
export async function shareToZalo(opts: { title: string; description: string; path: string; thumbnail?: string }): Promise<ShareResult> {
  if (!isInsideZalo()) {
    const url = deepLink(opts.path);
    if (navigator.share) {
      await navigator.share({ title: opts.title, text: opts.description, url });
      return "shared";
    }
    if (!navigator.clipboard) throw new Error("Trình duyệt không cho sao chép");
    await navigator.clipboard.writeText(`${opts.description}\n${url}`);
    return "copied";
  }
  const { openShareSheet } = await actions();
  const res = await openShareSheet({
    type: "zmp_deep_link",
    data: { title: opts.title, description: opts.description, thumbnail: opts.thumbnail ?? "", path: opts.path },
  });
  return res?.status !== 0 ? "shared" : "cancelled";
}

export async function callPhone(phoneNumber: string): Promise<void> {
  if (isInsideZalo()) await (await actions()).openPhone({ phoneNumber });
  else window.location.href = `tel:${phoneNumber}`;
}

/** Open a page outside the app (a Zalo chat link, a website). */
export async function openExternal(url: string): Promise<void> {
  if (isInsideZalo()) await (await actions()).openWebview({ url });
  else window.open(url, "_blank", "noopener");
}

/**
 * Save a file from an absolute https URL onto the phone. In Zalo: the mini-app downloader
 * (needs the downloadFile permission in the Zalo console), else the system browser, which
 * downloads it. Elsewhere: a new tab. The URL must work without our bearer header (signed link).
 */
export async function downloadToDevice(url: string): Promise<void> {
  if (!isInsideZalo()) {
    window.open(url, "_blank", "noopener");
    return;
  }
  const { downloadFile, openOutApp } = await actions();
  try {
    await downloadFile({ url });
  } catch {
    await openOutApp({ url });
  }
}

/**
 * Zalo's file picker uploading straight to our API (the URL carries a single-use upload token,
 * since the picker cannot send our header). Resolves the server's JSON text, or null when the
 * person cancelled. Outside Zalo there is no picker: callers use <input type="file">.
 */
export async function pickFileAndUpload(serverUploadUrl: string): Promise<string | null> {
  if (!isInsideZalo()) throw new Error("openMediaPicker exists only inside Zalo");
  try {
    const { openMediaPicker } = await actions();
    const res = await openMediaPicker({ type: "file", serverUploadUrl, maxSelectItem: 1 });
    const data = Array.isArray(res.data) ? res.data[0] : res.data;
    return data ?? null;
  } catch (err) {
    // -2003: the person closed the picker.
    if ((err as { code?: number }).code === -2003) return null;
    throw err;
  }
}

/** Share any link (the entry invitation) into a Zalo chat or group through the share sheet. */
export async function shareLink(opts: { title: string; description: string; url: string }): Promise<boolean> {
  if (!isInsideZalo()) {
    if (navigator.share) {
      await navigator.share({ title: opts.title, text: opts.description, url: opts.url });
      return true;
    }
    await navigator.clipboard?.writeText(`${opts.description}\n${opts.url}`);
    return true;
  }
  const { openShareSheet } = await actions();
  const res = await openShareSheet({ type: "link", data: { link: opts.url, chatOnly: false } });
  return res?.status !== 0;
}
