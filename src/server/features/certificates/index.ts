/** The certificates feature's entry point: its plugin, and issuing (the jury issues award certificates). */
export { certificatesPlugin } from "./certificates.plugin";
export { issueCertificate } from "./certificates.service";
export type { CertificatesTable } from "./certificates.table";
