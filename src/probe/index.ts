// modelctl test: probe upstream sources in their real protocols.
export type { CheckResult, HttpCall, Latency, ModelResult, ProbeCheck, ProbeReport, ProbeStatus, ProbeTarget, SourceResult, Verdict } from './types.js';
export { CAPABILITY_CHECKS } from './types.js';
export { selectTargets, changedSources, checksFor, type Selection } from './select.js';
export { assembleReport, failed, sourceStatus, FAIL_ON } from './report.js';
export { runProbes, DEFAULTS as PROBE_DEFAULTS, type RunOptions } from './run.js';
export { redactSecrets } from './redact.js';
export { ADAPTERS } from './protocols/index.js';
