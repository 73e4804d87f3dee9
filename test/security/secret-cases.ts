// Seeded generator of catalogs that plant a secret in a credential position,
// in every shape a careless or hostile author can write one. Each case knows
// the planted value(s): no output may contain them.
import { mulberry32 } from '../support/random.js';

export interface SecretCase {
  seed: number;
  shape: string;
  damage: string;
  files: Record<string, string>;
  /** Strings that must appear in no output. */
  planted: string[];
  /** The secret stands after a `#`: YAML reads a comment, so it is masked but need not be a literal. */
  commentOnly: boolean;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PUNCT = '_-.+/=~%^$';
const INDICATORS = ['*', '|', '>', '!', '&', '#', '@', '"', "'", '[', '{', '%', '`', '?', ':', '-'];

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** A secret-looking value: a run no diagnostic could contain by chance. */
function secretCore(rng: Rng): string {
  const n = 14 + Math.floor(rng() * 18);
  let s = 'Q'; // never a YAML indicator, never an env var start issue
  for (let i = 1; i < n; i++) s += rng() < 0.85 ? pick(rng, [...ALNUM]) : pick(rng, [...PUNCT]);
  return s;
}

const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

interface Shape {
  name: string;
  /** Lines under `credentials:` (indented two spaces), or a replacement of the whole credentials line. */
  build(secret: string, rng: Rng): { credentials: string; planted: string[]; commentOnly?: boolean };
}

/** Every shape the issue lists, and a few more. `S` is planted raw. */
const SHAPES: readonly Shape[] = [
  { name: 'unknown field in a reference', build: (s) => ({ credentials: `credentials:\n  default: { apiKey: ${s} }`, planted: [s] }) },
  { name: 'credentials: <value>', build: (s) => ({ credentials: `credentials: ${s}`, planted: [s] }) },
  { name: 'credentials: [<value>]', build: (s) => ({ credentials: `credentials: [${s}]`, planted: [s] }) },
  { name: 'credentials: block sequence', build: (s) => ({ credentials: `credentials:\n  - ${s}`, planted: [s] }) },
  { name: 'env is not a variable name', build: (s) => ({ credentials: `credentials:\n  default: { env: "${s} x" }`, planted: [s] }) },
  { name: 'file is not a path', build: (s) => ({ credentials: `credentials:\n  default: { file: ${s} }`, planted: [s] }) },
  { name: '!!binary', build: (s) => ({ credentials: `credentials:\n  default: !!binary ${base64(s)}`, planted: [base64(s), s] }) },
  { name: 'custom tag', build: (s) => ({ credentials: `credentials:\n  default: !secret ${s}`, planted: [s] }) },
  {
    name: 'value starting with a YAML indicator',
    build: (s, rng) => {
      const ind = pick(rng, INDICATORS);
      return { credentials: `credentials:\n  default: ${ind}${s}`, planted: [s], commentOnly: ind === '#' };
    },
  },
  { name: 'plain literal', build: (s) => ({ credentials: `credentials:\n  default: ${s}`, planted: [s] }) },
  { name: 'double-quoted literal', build: (s) => ({ credentials: `credentials:\n  default: "${s}"`, planted: [s] }) },
  { name: 'single-quoted literal', build: (s) => ({ credentials: `credentials:\n  default: '${s}'`, planted: [s] }) },
  { name: 'block scalar', build: (s) => ({ credentials: `credentials:\n  default: |\n    ${s}`, planted: [s] }) },
  { name: 'flow key only', build: (s) => ({ credentials: `credentials:\n  default: { ${s} }`, planted: [s] }) },
  { name: 'binding name is the secret', build: (s) => ({ credentials: `credentials: { ${s} }`, planted: [s] }) },
  { name: 'unclosed quote', build: (s) => ({ credentials: `credentials:\n  default: "${s}`, planted: [s] }) },
  { name: 'unclosed bracket', build: (s) => ({ credentials: `credentials:\n  default: [${s}`, planted: [s] }) },
  { name: 'alias to an anchor under credentials', build: (s) => ({ credentials: `credentials:\n  default: &k ${s}\n  batch: *k`, planted: [s] }) },
  { name: 'nested mapping', build: (s) => ({ credentials: `credentials:\n  default:\n    env: OK_NAME\n    token: ${s}`, planted: [s] }) },
  { name: 'multi-line plain scalar', build: (s) => ({ credentials: `credentials:\n  default: first\n    ${s}`, planted: [s] }) },
  { name: 'comment under credentials', build: (s) => ({ credentials: `credentials:\n  # old: ${s}\n  default: plain-${s}`, planted: [s] }) },
];

const DAMAGE: readonly { name: string; apply(doc: string[]): string[] }[] = [
  { name: 'none', apply: (d) => d },
  { name: 'syntax error after', apply: (d) => [...d, 'foo: [unclosed'] },
  { name: 'syntax error before', apply: (d) => ['foo: "unclosed', ...d] },
  { name: 'tab indentation', apply: (d) => [...d, 'extra:', '\tbad: 1'] },
  { name: 'unknown field', apply: (d) => [...d, 'colour: blue'] },
  { name: 'wrong type', apply: (d) => d.map((l) => (l.startsWith('type:') ? 'type: [anthropic]' : l)) },
  { name: 'duplicate key', apply: (d) => [...d, 'name: again'] },
  { name: 'bad indentation', apply: (d) => [...d, '   stray: 1', ' other: 2'] },
];

export function secretCase(seed: number): SecretCase {
  const rng = mulberry32(seed);
  const shape = pick(rng, SHAPES);
  const damage = pick(rng, DAMAGE);
  const secret = secretCore(rng);
  const built = shape.build(secret, rng);
  const doc = ['apiVersion: modelctl/v1', 'kind: Provider', `name: p${seed % 97}`, 'type: anthropic', ...built.credentials.split('\n')];
  const damaged = damage.apply(doc).join('\n') + '\n';
  const good = 'apiVersion: modelctl/v1\nkind: Provider\nname: good\ntype: openai\ncredentials:\n  default: { env: OPENAI_API_KEY }\n';
  const layout = rng();
  const files: Record<string, string> =
    layout < 0.6 ? { 'provider.yaml': damaged } : layout < 0.8 ? { 'all.yaml': `${good}---\n${damaged}` } : { 'a.yaml': good, 'b/provider.yaml': damaged };
  return { seed, shape: shape.name, damage: damage.name, files, planted: built.planted, commentOnly: built.commentOnly ?? false };
}

export const SHAPE_NAMES = SHAPES.map((s) => s.name);
