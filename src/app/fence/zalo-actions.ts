/**
 * Part of the zmp-sdk fence (only zalo.ts imports this file), loaded on demand: these calls
 * (share, phone, web view, download, file picker) pull zmp-sdk's own copy of zod, which the first screen
 * does not need.
 */
export { downloadFile, openMediaPicker, openOutApp, openPhone, openShareSheet, openWebview } from "zmp-sdk";
