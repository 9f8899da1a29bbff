/**
 * The entries API's paths, declared once for the server's routes and the app's calls
 * (the typed-endpoint shape of the architecture issue; schemas live in entries.schema.ts).
 */
export const ENTRIES_API = {
  rounds: "/api/entries/rounds",
  entry: "/api/entries/:round/units/:unit",
  join: "/api/entries/:round/units/:unit/join",
  draft: "/api/entries/:round/units/:unit/draft",
  files: "/api/entries/:round/units/:unit/files",
  file: "/api/entries/:round/units/:unit/files/:fileId",
  uploadToken: "/api/entries/:round/units/:unit/upload-token",
  upload: "/api/entries/uploads/:token",
  submit: "/api/entries/:round/units/:unit/submit",
  withdraw: "/api/entries/:round/units/:unit/withdraw",
  receiptPdf: "/api/entries/:round/units/:unit/receipt.pdf",
  inviteLink: "/api/entries/:round/units/:unit/invite-link",
  overview: "/api/entries/:round/overview",
  invitations: "/api/entries/:round/invitations",
  remind: "/api/entries/:round/remind",
  deadline: "/api/entries/:round/deadline",
  exportZip: "/api/entries/:round/export.zip",
  indexXlsx: "/api/entries/:round/index.xlsx",
  downloadLink: "/api/entries/download-link",
  demoQualify: "/api/entries/:round/demo-qualify",
  desktopCode: "/api/entries/desktop-sign-in",
  desktopPoll: "/api/entries/desktop-sign-in/:pollToken",
  desktopConfirm: "/api/entries/desktop-sign-in/confirm",
} as const;

/** Fill ":name" segments of a declared path. */
export function entriesPath(template: string, params: Record<string, string>): string {
  return template.replace(/:([a-zA-Z]+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ""));
}

/** The deep link a lead shares into the unit's Zalo group. */
export const inviteDeepLink = (appId: string, round: string, unit: string, token: string) =>
  `https://zalo.me/s/${appId}/entries/${round}?unit=${encodeURIComponent(unit)}&invite=${encodeURIComponent(token)}`;
