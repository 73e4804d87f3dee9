// `modelctl test` output: one formatter per format, each a pure function of
// the report. Messages in the report are already redacted by the probe.
import type { ProbeReport } from '../../probe/index.js';
import { formatProbeJunit } from './probe-junit.js';
import { formatProbeMarkdown } from './probe-markdown.js';
import { formatProbeText } from './probe-text.js';
import type { ProbeFormatOptions } from './probe-words.js';

export const PROBE_FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
export type ProbeFormat = (typeof PROBE_FORMATS)[number];

export type { ProbeFormatOptions } from './probe-words.js';

export type ProbeFormatter = (report: ProbeReport, opts: ProbeFormatOptions) => string;

export const probeFormatters: Record<ProbeFormat, ProbeFormatter> = {
  text: formatProbeText,
  json: (report) => JSON.stringify(report, null, 2) + '\n',
  markdown: formatProbeMarkdown,
  junit: formatProbeJunit,
};
