// Where credentials sit, decided from the syntax tree: every value under a
// `credentials` key is masked, except a binding that is a well-formed
// reference (`name: { env: VAR }` or `name: { file: /path }`), which is shown
// so that a valid catalog keeps readable code frames. A value in a credential
// position that is not a reference is a literal: reported as `secret-literal`,
// whatever else is wrong with the document.
import type { Document, Node } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from './yaml-lazy.js';
import type { OffsetRange } from './ranges.js';
import { toPointer } from './source-map.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';

export interface CredentialLiteral {
  range: OffsetRange;
  /** JSON pointer of the literal; never includes a segment that may itself be the secret. */
  pointer: string;
  message: string;
  /** Schema errors at or under the pointer only repeat this finding (false for an env/file value, whose pattern error says more). */
  coversSchema: boolean;
}

export interface CredentialFindings {
  /** Ranges to mask in every output. */
  mask: OffsetRange[];
  /** Shown as written: well-formed references (only in documents without errors) and plain key names. */
  safe: OffsetRange[];
  /** Scalar values under credentials that are masked: also removed from messages. */
  values: string[];
  literals: CredentialLiteral[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BINDING_NAME = /^[a-z0-9][a-z0-9._-]*$/;
/** A field name inside a binding that reads as a word, not a token. */
const FIELD_NAME = /^[A-Za-z][A-Za-z_-]{0,23}$/;
/** An alias under credentials can pull in any anchored node; enough for honest files, bounded for hostile ones. */
const MAX_ALIAS_NODES = 1000;

type Path = (string | number)[];

const rangeOf = (node: Node): OffsetRange => ({ start: node.range![0], end: Math.max(node.range![1], node.range![0]) });
const isNull = (node: unknown): boolean => node == null || (isScalar(node) && node.value === null);
const keyName = (key: unknown): string | undefined => (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : undefined);

function isReference(value: unknown): boolean {
  if (!isMap(value) || value.items.length !== 1) return false;
  const [pair] = value.items;
  const kind = keyName(pair!.key);
  const target = pair!.value;
  if (!isScalar(target) || typeof target.value !== 'string' || target.tag) return false;
  return (kind === 'env' && ENV_NAME.test(target.value)) || (kind === 'file' && target.value.startsWith('/'));
}

class Finder {
  readonly found: CredentialFindings = { mask: [], safe: [], values: [], literals: [] };
  private aliasBudget = MAX_ALIAS_NODES;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly trusted: boolean,
    private readonly text: string,
  ) {}

  /**
   * A node's range leaves out its properties: `!tag` and `&anchor` written
   * before it (a pasted `!secret` is a tag). Walks back over at most two of them.
   */
  private withProperties(node: Node): OffsetRange {
    const r = rangeOf(node);
    let start = r.start;
    for (let n = 0; n < 2; n++) {
      let i = start;
      while (i > 0 && (this.text[i - 1] === ' ' || this.text[i - 1] === '\t')) i--;
      let j = i;
      while (j > 0 && !/[\s]/.test(this.text[j - 1]!)) j--;
      if (j < i && (this.text[j] === '!' || this.text[j] === '&')) start = j;
      else break;
    }
    return { start, end: r.end };
  }

  /** Masks a node and everything it reaches, aliases followed to their anchors. */
  private maskNode(node: unknown, seen = new Set<unknown>()): void {
    const stack: unknown[] = [node];
    while (stack.length > 0) {
      const n = stack.pop();
      if (!n || seen.has(n) || this.aliasBudget-- <= 0) continue;
      seen.add(n);
      if (isAlias(n)) {
        let target: unknown;
        try {
          target = n.resolve(this.doc);
        } catch {
          target = undefined;
        }
        stack.push(target);
      } else if (isScalar(n)) {
        if (typeof n.value === 'string' || typeof n.value === 'number') this.found.values.push(String(n.value));
      } else if (isMap(n) || isSeq(n)) {
        for (const item of n.items) {
          if (isPair(item)) stack.push(item.key, item.value);
          else stack.push(item);
        }
      }
      // Only scalars and aliases: a collection's brackets and colons stay readable in a code frame.
      if ((isScalar(n) || isAlias(n)) && n.range) this.found.mask.push(this.withProperties(n));
      else if ((isMap(n) || isSeq(n)) && n.range && (n.tag || n.anchor)) this.found.mask.push({ ...this.withProperties(n), end: n.range[0] });
    }
  }

  private literal(node: unknown, pointer: Path, message: string, coversSchema = true): void {
    if (!node || !(node as Node).range) return;
    this.found.literals.push({ range: this.withProperties(node as Node), pointer: toPointer(pointer), message, coversSchema });
  }

  credentials(value: unknown, at: Path): void {
    if (isNull(value)) return this.maskNode(value);
    if (!isMap(value)) {
      this.maskNode(value);
      return this.literal(value, at, 'credentials must be named references ({ name: { env: VAR } }), not a value');
    }
    for (const item of value.items) {
      const name = keyName(item.key);
      const binding = item.value;
      const plain = name !== undefined && BINDING_NAME.test(name);
      if (plain && isReference(binding) && this.trusted) {
        this.found.safe.push({ start: rangeOf(item.key as Node).start, end: rangeOf(binding as Node).end });
        continue;
      }
      if (isNull(binding)) {
        // `{ hunter2 }`: a flow mapping whose only key is the pasted secret. (An empty value may still carry `&anchor`.)
        this.maskNode(item.key);
        this.maskNode(binding);
        this.literal(item.key, at, 'a credential binding holds no reference; credentials must be references');
        continue;
      }
      // A binding name is a name, shown as written; anything else in a key's place may be the secret.
      if (plain) this.found.safe.push(rangeOf(item.key as Node));
      else this.maskNode(item.key);
      const where = plain ? [...at, name] : at;
      const label = plain ? `credential '${name}'` : 'a credential';
      if (!isMap(binding)) {
        this.maskNode(binding);
        this.literal(binding, where, `${label} is a literal value; credentials must be references`);
        continue;
      }
      for (const field of binding.items) this.field(field.key, field.value, where, label);
    }
  }

  /** One field of a binding's mapping: `env`/`file` with a well-formed value, or a literal. */
  private field(key: unknown, target: unknown, where: Path, label: string): void {
    const kind = keyName(key);
    if (isNull(target)) {
      this.maskNode(key);
      this.maskNode(target);
      if (kind !== 'env' && kind !== 'file') this.literal(key, where, `${label} holds a field that is not a reference`);
      return;
    }
    // A field name is shown when it is a plain word (`apiKey`, `evn`); the value never is.
    if (kind !== undefined && FIELD_NAME.test(kind)) this.found.safe.push(rangeOf(key as Node));
    else this.maskNode(key);
    this.maskNode(target);
    const text = isScalar(target) && typeof target.value === 'string' && !target.tag ? target.value : undefined;
    const asEnv = text !== undefined && ENV_NAME.test(text);
    const asFile = text !== undefined && text.startsWith('/');
    if ((kind === 'env' && asEnv) || (kind === 'file' && asFile)) return;
    // `evn: ANTHROPIC_API_KEY` is a misspelt reference, which the schema reports with a hint.
    const typo = kind !== undefined && kind !== 'env' && kind !== 'file' ? didYouMean(kind, ['env', 'file']) : undefined;
    if ((typo === 'env' && asEnv) || (typo === 'file' && asFile)) return;
    if (kind === 'env' || kind === 'file') {
      const wanted = kind === 'env' ? 'name an environment variable' : 'be an absolute path';
      this.literal(target, [...where, kind], `${label}: ${kind} must ${wanted}; this value is not one (is it the secret itself?)`, false);
      return;
    }
    this.literal(target, where, `${label} holds a value that is not a reference; credentials must be { env: VAR } or { file: /path }`);
  }
}

/** Every `credentials` value in the document, at any depth. */
export function findCredentials(doc: Document.Parsed, trusted: boolean, text: string): CredentialFindings {
  const finder = new Finder(doc, trusted, text);
  const stack: { node: unknown; path: Path }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      for (const item of node.items) {
        const key = keyName(item.key);
        if (key === 'credentials') finder.credentials(item.value, [...path, key]);
        else if (isMap(item.value) || isSeq(item.value)) stack.push({ node: item.value, path: [...path, key ?? '?'] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    }
  }
  return finder.found;
}

/** A binding the value tree shows to be references only: `{ env: VAR }` or `{ file: /path }` fields, at least one. */
function isReferenceBinding(binding: unknown): boolean {
  if (binding === null || typeof binding !== 'object' || Array.isArray(binding)) return false;
  const fields = Object.entries(binding);
  if (fields.length === 0) return false;
  for (const [kind, target] of fields) {
    if (typeof target !== 'string') return false;
    if (!((kind === 'env' && ENV_NAME.test(target)) || (kind === 'file' && target.startsWith('/')))) return false;
  }
  return true;
}

/**
 * The value-tree side of findCredentials, for a file the fast reader took:
 * true when every `credentials` value, at any depth, is empty or maps binding
 * names to references, so findCredentials would report no literal in it.
 * Stricter than findCredentials (a doubtful file goes the full way); what it
 * would mask is left to a full parse, made only if a code frame or a message
 * needs it.
 */
export function credentialsAreReferences(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    for (const [key, item] of Object.entries(node)) {
      if (key !== 'credentials') stack.push(item);
      else if (item !== null && !isReferenceMap(item)) return false;
    }
  }
  return true;
}

function isReferenceMap(credentials: unknown): boolean {
  if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) return false;
  for (const [name, binding] of Object.entries(credentials)) if (!BINDING_NAME.test(name) || !isReferenceBinding(binding)) return false;
  return true;
}
