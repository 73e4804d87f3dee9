// Check results → the report, and the exit decision: pure.
import type { CheckResult, ModelResult, ProbeReport, ProbeStatus, ProbeTarget, SourceResult } from './types.js';

/** Worst first: what a source's line shows when its checks disagree. */
const SEVERITY: Record<ProbeStatus, number> = { error: 4, timeout: 3, unsupported: 2, skipped: 1, usable: 0 };

export function sourceStatus(checks: readonly CheckResult[]): ProbeStatus {
  const basic = checks.find((c) => c.check === 'basic');
  if (basic && basic.status !== 'usable') return basic.status;
  // Skipped capability checks do not make a usable source less usable.
  return checks.filter((c) => c.status !== 'skipped').reduce<ProbeStatus>((worst, c) => (SEVERITY[c.status] > SEVERITY[worst] ? c.status : worst), 'usable');
}

export function assembleReport(targets: readonly ProbeTarget[], results: ReadonlyMap<string, CheckResult[]>): ProbeReport {
  const byModel = new Map<string, ModelResult>();
  const summary = { models: 0, sources: 0, usable: 0, error: 0, timeout: 0, unsupported: 0, skipped: 0 };
  for (const t of targets) {
    let model = byModel.get(t.model);
    if (!model) byModel.set(t.model, (model = { name: t.model, purpose: t.purpose, usableSources: 0, totalSources: 0, sources: [] }));
    const checks = results.get(t.sourceId) ?? [];
    const source: SourceResult = {
      id: t.sourceId,
      model: t.model,
      provider: t.provider,
      providerType: t.providerType,
      upstreamModel: t.upstreamModel,
      protocol: t.protocol,
      baseUrl: t.baseUrl,
      status: sourceStatus(checks),
      checks,
    };
    model.sources.push(source);
    model.totalSources++;
    if (source.status === 'usable') model.usableSources++;
    summary[source.status]++;
    summary.sources++;
  }
  summary.models = byModel.size;
  return { formatVersion: 1, summary, models: [...byModel.values()] };
}

export const FAIL_ON: readonly ProbeStatus[] = ['error', 'timeout', 'unsupported'];

/** Whether the run failed: any source in one of the `failOn` states. */
export function failed(report: ProbeReport, failOn: readonly ProbeStatus[] = FAIL_ON): boolean {
  return report.models.some((m) => m.sources.some((s) => failOn.includes(s.status)));
}
