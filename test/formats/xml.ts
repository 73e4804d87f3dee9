// A small, strict XML 1.0 reader for the JUnit tests (no XML parser is in
// node_modules). It rejects what a real parser rejects in practice: characters
// XML forbids, a raw `<` or a bare `&`, unknown entities, unquoted or
// duplicate attributes, mismatched or unclosed tags, more than one root.
// Attribute values are normalised as the spec says (a literal tab or newline
// becomes a space; only character references keep them).

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw '<' in ${where}`);
  return raw.replace(/&([^;&\s]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`bare '&' in ${where}: ${JSON.stringify(m)}`);
    if (body in ENTITIES) return ENTITIES[body]!;
    const num = /^#(\d+)$/.exec(body)?.[1] ?? (/^#x([0-9a-fA-F]+)$/.exec(body) ? String(parseInt(body.slice(2), 16)) : undefined);
    if (num === undefined) throw new Error(`unknown entity ${m} in ${where}`);
    const c = String.fromCodePoint(Number(num));
    if (FORBIDDEN.test(c)) throw new Error(`reference to a forbidden character ${m} in ${where}`);
    return c;
  });
}

export function parseXml(xml: string): XmlElement {
  if (FORBIDDEN.test(xml)) throw new Error('document holds a character XML 1.0 forbids');
  let i = 0;
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end === -1) throw new Error('unclosed XML declaration');
    i = end + 2;
  }
  skipSpace();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const next = xml.indexOf('<', i);
      const raw = xml.slice(i, next === -1 ? xml.length : next);
      if (!stack.length) {
        if (raw.trim()) throw new Error(`text outside the root: ${JSON.stringify(raw.slice(0, 40))}`);
      } else stack[stack.length - 1]!.text += decode(raw.replace(/\r\n?/g, '\n'), 'text');
      i = next === -1 ? xml.length : next;
      continue;
    }
    if (xml.startsWith('</', i)) {
      const end = xml.indexOf('>', i);
      const name = xml.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      i = end + 1;
      continue;
    }
    i++;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (!name) throw new Error(`bad tag at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith('/>', i) || xml[i] === '>') break;
      if (i === before) throw new Error(`no space before an attribute of <${name}>`);
      const attr = NAME.exec(xml.slice(i))?.[0];
      if (!attr) throw new Error(`bad attribute in <${name}> at ${i}`);
      i += attr.length;
      if (xml[i] !== '=') throw new Error(`attribute ${attr} without '='`);
      const quote = xml[i + 1];
      if (quote !== '"' && quote !== "'") throw new Error(`attribute ${attr} is not quoted`);
      const end = xml.indexOf(quote, i + 2);
      if (end === -1) throw new Error(`attribute ${attr} never ends`);
      if (attr in el.attrs) throw new Error(`duplicate attribute ${attr} in <${name}>`);
      el.attrs[attr] = decode(xml.slice(i + 2, end).replace(/[\t\n\r]/g, ' '), `attribute ${attr}`);
      i = end + 1;
    }
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else if (root) throw new Error('more than one root element');
    else root = el;
    if (xml.startsWith('/>', i)) i += 2;
    else {
      i += 1;
      stack.push(el);
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
