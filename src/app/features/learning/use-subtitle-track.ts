import { useEffect, useState } from "react";
import { mediaSrc } from "./media-src";

/**
 * The WebVTT file as a blob: URL. A <track> from another origin (the API or a CDN, while the
 * mini app runs on Zalo's domain) needs CORS on the video element, which would also make the
 * video itself depend on CORS; fetching the text keeps the video playable whatever happens.
 */
export function useSubtitleTrack(url: string): { src: string | null; failed: boolean } {
  const [state, setState] = useState<{ src: string | null; failed: boolean }>({ src: null, failed: false });
  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    fetch(mediaSrc(url), { signal: controller.signal })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        objectUrl = URL.createObjectURL(new Blob([await res.text()], { type: "text/vtt" }));
        setState({ src: objectUrl, failed: false });
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ src: null, failed: true });
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return state;
}
