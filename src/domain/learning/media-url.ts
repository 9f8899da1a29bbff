/**
 * The URL a lesson's media path is fetched from. Absolute URLs in the pack stay as they are;
 * otherwise MEDIA_BASE_URL (a CDN mirroring the content folder) or, when it is empty, this
 * API's /media route. Always absolute or root-relative: the app runs under /zapps/… in a browser.
 */
export function mediaUrl(mediaBaseUrl: string, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  const clean = path.replace(/^\.?\/+/, "");
  const base = mediaBaseUrl.replace(/\/+$/, "");
  return base ? `${base}/${clean}` : `/media/${clean}`;
}
