// Plan as a pull-request comment: the summary line first, the impact list,
// then one collapsible block per change. GitHub caps a comment at 65,536
// characters, so the whole stays under LIMIT and says what it left out.
import type { FieldChange, Plan, PlanChange } from '../../plan/index.js';
import { SYMBOL, shortVersion, showValue, summaryWords } from './plan-values.js';
import { isSourceField, sourceRows, sourceTableMarkdown } from './plan-sources.js';

export const MARKDOWN_LIMIT = 60_000;
/** Room kept for the closing note. */
const RESERVE = 600;
/** No one change may take more than this; the rest of the block is cut. */
const BLOCK_LIMIT = 8_000;

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A code fence longer than any backtick run inside, so content can never close it. */
function fenced(lang: string, body: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body.replace(/\n$/, '')}\n${fence}\n`;
}

function fieldLine(f: FieldChange): string {
  if (f.before === undefined) return `+ ${f.path}: ${showValue(f.after)}`;
  if (f.after === undefined) return `- ${f.path}: ${showValue(f.before)}`;
  return `~ ${f.path}: ${showValue(f.before)} → ${showValue(f.after)}`;
}

function body(c: PlanChange): string {
  if (c.action === 'delete') return fenced('json', JSON.stringify(c.before, null, 2));
  // A create lists the fields it sets, like an update lists the ones it changes.
  const sources = sourceRows(c);
  const fields = sources ? c.fields.filter((f) => !isSourceField(f)) : c.fields;
  const plain = fields.filter((f) => !f.diff).map(fieldLine);
  let out = plain.length ? fenced('diff', plain.join('\n')) : '';
  if (sources) out += `\n${sourceTableMarkdown(sources)}`;
  for (const f of fields.filter((f) => f.diff)) out += `\n\`${f.path}\`\n\n${fenced('diff', f.diff!)}`;
  return out;
}

function block(c: PlanChange): string {
  const guard = c.action === 'delete' && c.guarded ? ' ⚠️ active and public: needs `--allow-destroy`' : '';
  const detail = c.action === 'update' ? ` (${c.fields.length} field${c.fields.length === 1 ? '' : 's'})` : '';
  let inner = body(c);
  if (inner.length > BLOCK_LIMIT) inner = `${fenced('text', inner.slice(0, BLOCK_LIMIT).replace(/`/g, "'"))}\n_…${inner.length - BLOCK_LIMIT} more characters of this change cut._\n`;
  return `<details><summary><code>${SYMBOL[c.action]} ${escapeHtml(c.address)}</code> ${c.action}${detail}${guard}</summary>\n\n${inner}\n</details>\n`;
}

export function planMarkdown(plan: Plan): string {
  let out = `**Plan:** ${summaryWords(plan)}\n\n`;
  out += `Live \`${shortVersion(plan.base?.version)}\` → desired \`${shortVersion(plan.desired.version)}\`\n`;
  const cut = { impact: 0, changes: 0 };
  const fits = (extra: string) => out.length + extra.length + RESERVE <= MARKDOWN_LIMIT;

  if (plan.impact.length) {
    out += '\n#### Impact\n\n';
    for (const [i, entry] of plan.impact.entries()) {
      const line = `- ${entry.kind === 'destroy-guarded' ? '⚠️ ' : ''}${escapeHtml(entry.message)}\n`;
      // Impact may use at most half the room, so changes always get some.
      if (out.length + line.length > MARKDOWN_LIMIT / 2 || !fits(line)) {
        cut.impact = plan.impact.length - i;
        break;
      }
      out += line;
    }
  }
  if (plan.changes.length) {
    out += '\n#### Changes\n\n';
    for (const [i, c] of plan.changes.entries()) {
      const b = block(c);
      if (!fits(b)) {
        cut.changes = plan.changes.length - i;
        break;
      }
      out += b;
    }
  }
  if (cut.impact || cut.changes) {
    const parts = [
      cut.impact ? `${cut.impact} of ${plan.impact.length} impact entries` : '',
      cut.changes ? `${cut.changes} of ${plan.changes.length} changes` : '',
    ].filter(Boolean);
    out += `\n> **Note:** cut to fit a pull-request comment (${MARKDOWN_LIMIT.toLocaleString('en-US')} characters): ${parts.join(' and ')} are not shown. Run \`modelctl plan\` for the full plan.\n`;
  }
  return out;
}
