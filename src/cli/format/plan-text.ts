// Plan as terminal text: `+ create`, `~ update`, `- delete`, field before → after,
// unified diffs for long text. Colour only when the caller says so.
import { hasChanges, type FieldChange, type Plan, type PlanChange } from '../../plan/index.js';
import { SYMBOL, shortVersion, showValue, summaryWords } from './plan-values.js';
import { isSourceField, sourceRows, sourceTableText } from './plan-sources.js';

type Paint = (code: string, s: string) => string;
const painter = (on: boolean): Paint => (code, s) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
const COLOR = { create: '32', update: '33', delete: '31' } as const;

function diffLines(diff: string, indent: string, paint: Paint): string {
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => {
      const code = line.startsWith('+++') || line.startsWith('---') ? '1' : line.startsWith('+') ? '32' : line.startsWith('-') ? '31' : line.startsWith('@@') ? '36' : '';
      return indent + (code ? paint(code, line) : line);
    })
    .join('\n');
}

function field(f: FieldChange, paint: Paint): string {
  if (f.diff) return `      ${f.path}:\n${diffLines(f.diff, '        ', paint)}\n`;
  if (f.before === undefined) return `      ${f.path}: ${paint('32', showValue(f.after))}\n`;
  return `      ${f.path}: ${paint('31', showValue(f.before))} → ${paint('32', showValue(f.after))}\n`;
}

function change(c: PlanChange, paint: Paint): string {
  let head = `  ${paint(COLOR[c.action], `${SYMBOL[c.action]} ${c.address}`)}  ${c.action}`;
  if (c.action === 'delete' && c.guarded) head += paint('31', '  (active and public: apply needs --allow-destroy)');
  const sources = sourceRows(c);
  const fields = sources ? c.fields.filter((f) => !isSourceField(f)) : c.fields;
  let out = head + '\n' + fields.map((f) => field(f, paint)).join('');
  if (sources && c.action !== 'delete') out += `      sources:\n${sourceTableText(sources, '        ')}`;
  return out;
}

export function planText(plan: Plan, color: boolean): string {
  const paint = painter(color);
  const base = plan.base ? shortVersion(plan.base.version) : '(nothing live)';
  if (!hasChanges(plan)) return `No changes. The live snapshot ${base} already matches the catalog.\n`;
  let out = `Plan against live ${base} → desired ${shortVersion(plan.desired.version)}\n\n`;
  out += plan.changes.map((c) => change(c, paint)).join('\n');
  if (plan.impact.length) {
    out += `\nImpact:\n`;
    for (const i of plan.impact) out += `  • ${i.kind === 'destroy-guarded' || i.kind === 'route-lost' ? paint('31', i.message) : i.message}\n`;
  }
  return out + `\n${paint('1', 'Plan:')} ${summaryWords(plan)}.\n`;
}
