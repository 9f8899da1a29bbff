import "zmp-ui/zaui.css";
import "./app.css";
import { createRoot } from "react-dom/client";
import appConfig from "../../app-config.json";
import { Root } from "./app";
import { isInsideZalo } from "./fence/zalo";

// zmp-sdk reads the view configuration from window.APP_CONFIG.
if (!window.APP_CONFIG) (window as { APP_CONFIG?: unknown }).APP_CONFIG = appConfig;

// A production build routes under /zapps/{APP_ID} (zmp-ui's ZMPRouter). Outside Zalo there is
// no APP_ID, so the browser build uses "local" and moves the URL under that base.
if (import.meta.env.PROD && !isInsideZalo()) {
  const w = window as { APP_ID?: string };
  w.APP_ID ??= "local";
  const base = `/zapps/${w.APP_ID}`;
  if (!location.pathname.startsWith(base)) history.replaceState(null, "", `${base}${location.pathname}${location.search}`);
}

const container = document.getElementById("app");
if (!container) throw new Error("#app is missing from index.html");
createRoot(container).render(<Root />);
