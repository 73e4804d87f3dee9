// LiteLLM proxy config ↔ modelctl: export (snapshot → config.yaml) and import
// (config.yaml → catalog files). Pure; the CLI does the reading and writing.
export { exportLitellm, costsOf, AZURE_CLASSIC_API_VERSION } from './export.js';
export type { ExportOptions, ExportResult, FileCredential, NotExported } from './export.js';
export { renderLitellmConfig } from './render.js';
export { importLitellm } from './import.js';
export type { ImportResult } from './import.js';
export type { CatalogFile } from './import-build.js';
export { perMillionToPerToken, perTokenToPerMillion, plainDecimal, shiftDecimal } from './decimal.js';
export type { LitellmConfig, Deployment } from './types.js';
