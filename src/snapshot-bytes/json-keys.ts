// Duplicate object keys in JSON text. JSON.parse keeps the last of two equal
// keys; other parsers keep the first or fail, so a pushed document with a
// repeated key can mean one thing to a reviewer's tool and another to this
// server. A push may not repeat a key.
//
// A hand-written scanner, after measuring: no maintained npm parser rejects
// duplicates (momoa, the nearest, builds a full AST with locations and has no
// such check, and walking it costs several times JSON.parse on a 15 MB
// push); this one is linear and allocates a string only per key. It runs
// after JSON.parse accepted the text, and on malformed input it gives up
// (null), leaving the syntax error to JSON.parse.

export interface DuplicateKey {
  /** JSON pointer of the repeated member, e.g. /models/gpt-5/pricing/input. */
  pointer: string;
  key: string;
  /** 1-based, of the repeated key's second occurrence. */
  line: number;
  column: number;
}

interface Frame {
  /** Keys seen so far; null for an array. */
  keys: Set<string> | null;
  /** The member being read (object) — for the pointer. */
  key: string;
  /** The element being read (array) — for the pointer. */
  index: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function locate(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1 };
}

/** The first repeated key (in text order), or null. Linear in text length. */
export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // End of the string: the next quote not escaped by an odd run of backslashes.
      let j = text.indexOf('"', i + 1);
      for (;;) {
        if (j === -1) return null;
        let k = j - 1;
        while (text.charCodeAt(k) === BACKSLASH) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        let key = text.slice(i + 1, j);
        if (key.includes('\\')) {
          // "a" and "\u0061" are the same key: compare decoded names.
          try {
            key = JSON.parse(text.slice(i, j + 1)) as string;
          } catch {
            return null;
          }
        }
        if (top.keys.has(key)) {
          const path = stack.slice(0, -1).map((f) => (f.keys ? escapePointer(f.key) : String(f.index)));
          return { pointer: `/${[...path, escapePointer(key)].join('/')}`, key, ...locate(text, i) };
        }
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      stack.push({ keys: new Set(), key: '', index: 0 });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push({ keys: null, key: '', index: 0 });
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top && !top.keys) top.index++;
      expectKey = top?.keys != null;
    } else if (c === 0x3a /* : */) {
      expectKey = false;
    }
  }
  return null;
}
