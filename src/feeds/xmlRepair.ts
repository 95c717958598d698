/**
 * One linear pass over a feed's text that turns what tolerant feed readers accept into well-formed
 * XML for the strict parser, and that refuses what no one should parse. It
 *  - drops the prolog noise (XML declaration anywhere, processing instructions, comments) and any
 *    text before the root element or after it;
 *  - reads the DOCTYPE: simple internal entities are expanded here (bounded); parameter, external
 *    or nested entities (billion laughs, XXE) make the document refused;
 *  - escapes a bare "&" and keeps an undefined entity as literal text; turns HTML named entities
 *    (&nbsp;) into character references; removes characters XML forbids; escapes a stray "<";
 *  - quotes unquoted attribute values, drops repeated attributes, closes mismatched elements;
 *  - at a premature end (truncated file), drops the item that was cut off and closes the rest.
 * It also reports the root element, its attributes and the depth, so callers can classify the
 * document and refuse absurd nesting before the parser sees it.
 */
import { htmlEntity } from './htmlEntities.js';

export interface RepairedXml {
  xml: string;
  /** Root element name as written ("rss", "rdf:RDF", "a:feed"), or null when there is none. */
  root: string | null;
  rootAttributes: Record<string, string>;
  /** Local names of every element seen. */
  elementNames: Set<string>;
  /** Names of the root's child elements as written (for "does it have a channel"). */
  rootChildren: Set<string>;
  /** What had to be fixed, one short phrase per kind. */
  repairs: string[];
  /** The document ended inside an element (the items cut off were dropped). */
  truncated: boolean;
  /** Text outside any element, for describing a body that is not XML at all. */
  strayText: string;
}

export class RefusedXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedXmlError';
  }
}

export interface RepairLimits {
  maxDepth: number;
  /** Items (item/entry elements) kept; later ones are dropped (a feed lists its newest first). */
  maxItems: number;
  /** Characters that DOCTYPE entity expansion may add. */
  maxEntityExpansion: number;
}

const DEFAULT_LIMITS: RepairLimits = { maxDepth: 256, maxItems: 2000, maxEntityExpansion: 1024 * 1024 };

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const MAX_ATTRIBUTE_CHARS = 8 * 1024;
const MAX_ATTRIBUTES = 64;
/** Elements whose content is text (or HTML as text), never feed structure. */
const TEXT_ELEMENTS = new Set(['title', 'description', 'summary', 'content', 'content:encoded', 'subtitle', 'rights', 'itunes:summary', 'atom:title', 'atom:summary', 'atom:content']);

interface StackEntry {
  name: string;
  /** Index in the output of this element's start tag. */
  outIndex: number;
  flatten: 'xhtml' | 'text' | null;
  hadChild: boolean;
}
const ITEM_NAMES = new Set(['item', 'entry']);

// Characters XML 1.0 forbids: C0 controls but tab/LF/CR, and U+FFFE/U+FFFF. (Lone surrogates are
// replaced by U+FFFD with String.prototype.toWellFormed.)
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const HAS_FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
type WellFormedString = string & { isWellFormed(): boolean; toWellFormed(): string };
// XML 1.0 name characters (the same classes the strict parser, sax, enforces).
const START_CHARS = ':_A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const BODY_CHARS = `${START_CHARS}\\u00B7\\u0300-\\u036F\\u203F-\\u2040.\\d-`;
const NAME_START = new RegExp(`[${START_CHARS}]`);
// Sticky: matched in place at an index, without slicing the (possibly megabytes long) text.
const NAME_AT = new RegExp(`[${START_CHARS}][${BODY_CHARS}]*`, 'y');
const ENTITY_AT = /&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z_:][\w.:-]{0,63});/y;
const UNQUOTED_VALUE_AT = /[^\s>]*/y;

function nameAt(text: string, i: number): string | null {
  NAME_AT.lastIndex = i;
  const m = NAME_AT.exec(text);
  return m ? m[0] : null;
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface DoctypeEntities {
  map: Map<string, string>;
}

/** Reads the internal subset's <!ENTITY> declarations, refusing the dangerous kinds. */
function readDoctypeEntities(subset: string): DoctypeEntities {
  const map = new Map<string, string>();
  if (subset.length > 64 * 1024) throw new RefusedXmlError(`refused: the DOCTYPE internal subset is ${subset.length} characters long`);
  // [^<>] stops each attempt at the next declaration: linear on unterminated ones.
  const declarations = subset.match(/<!ENTITY[^<>]*>/gi) ?? [];
  if (/<!ENTITY/i.test(subset.replace(/<!ENTITY[^<>]*>/gi, ''))) throw new RefusedXmlError('refused: the DOCTYPE has an entity declaration that cannot be read');
  if (declarations.length > 32) throw new RefusedXmlError(`refused: the DOCTYPE declares ${declarations.length} entities (entity expansion attack?)`);
  for (const decl of declarations) {
    if (/^<!ENTITY\s+%/i.test(decl)) throw new RefusedXmlError('refused: the DOCTYPE declares parameter entities (entity expansion attack?)');
    const m = /^<!ENTITY\s+([^\s"'>]+)\s+(?:(["'])([\s\S]*?)\2|(SYSTEM|PUBLIC)\b[\s\S]*)\s*>$/i.exec(decl);
    if (!m) throw new RefusedXmlError('refused: the DOCTYPE has an entity declaration that cannot be read');
    if (m[4]) throw new RefusedXmlError(`refused: the DOCTYPE declares an external entity "${m[1]}" (XXE)`);
    const value = m[3] ?? '';
    if (/[&%]/.test(value)) throw new RefusedXmlError(`refused: the DOCTYPE declares entity "${m[1]}" that expands other entities (billion laughs)`);
    if (value.length > 1024) throw new RefusedXmlError(`refused: the DOCTYPE declares entity "${m[1]}" of ${value.length} characters`);
    map.set(m[1]!, value);
  }
  return { map };
}

/** Index just past the DOCTYPE that starts at `start`, honouring quotes and the [internal subset]. */
function doctypeEnd(text: string, start: number): { end: number; subset: string } | null {
  let i = start + 9;
  let quote: string | null = null;
  let subsetStart = -1;
  let subsetEnd = -1;
  let inSubset = false;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' && !inSubset && subsetStart < 0) {
      inSubset = true;
      subsetStart = i + 1;
    } else if (c === ']' && inSubset) {
      inSubset = false;
      subsetEnd = i;
    } else if (c === '>' && !inSubset) {
      return { end: i + 1, subset: subsetStart >= 0 && subsetEnd >= 0 ? text.slice(subsetStart, subsetEnd) : '' };
    }
  }
  return null;
}

interface Attribute {
  name: string;
  value: string;
}

/**
 * Parses the inside of a start tag from `i` (just after the name) to its ">" (or "/>"). Returns
 * null when the document ends first.
 */
function readAttributes(text: string, i: number, fixValue: (v: string) => string, repairs: Set<string>): { attrs: Attribute[]; selfClosing: boolean; end: number } | null {
  const attrs: Attribute[] = [];
  const seen = new Set<string>();
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (i >= n) return null;
    const c = text[i]!;
    if (c === '>') return { attrs, selfClosing: false, end: i + 1 };
    if (c === '/' && text[i + 1] === '>') return { attrs, selfClosing: true, end: i + 2 };
    if (c === '<') {
      // A start tag that never closed: end it here.
      repairs.add('unterminated tag closed');
      return { attrs, selfClosing: false, end: i };
    }
    const name = nameAt(text, i);
    if (!name) {
      repairs.add('junk inside a tag dropped');
      i++;
      continue;
    }
    i += name.length;
    let j = i;
    while (j < n && /\s/.test(text[j]!)) j++;
    let value: string;
    if (text[j] === '=') {
      j++;
      while (j < n && /\s/.test(text[j]!)) j++;
      const q = text[j];
      if (q === '"' || q === "'") {
        const close = text.indexOf(q, j + 1);
        if (close < 0) return null;
        value = text.slice(j + 1, close);
        i = close + 1;
      } else {
        UNQUOTED_VALUE_AT.lastIndex = j;
        let raw = UNQUOTED_VALUE_AT.exec(text)![0];
        if (raw.endsWith('/') && text[j + raw.length] === '>') raw = raw.slice(0, -1);
        value = raw;
        i = j + raw.length;
        repairs.add('unquoted attribute value quoted');
      }
    } else {
      value = name;
      repairs.add('attribute without a value given one');
    }
    if (seen.has(name)) {
      repairs.add('repeated attribute dropped');
      continue;
    }
    // No feed needs kilobytes of attribute or hundreds of them; parsing them costs real time.
    if (value.length > MAX_ATTRIBUTE_CHARS || attrs.length >= MAX_ATTRIBUTES) {
      repairs.add('oversized or excess attributes dropped');
      continue;
    }
    seen.add(name);
    attrs.push({ name, value: fixValue(value) });
  }
  return null;
}

export function repairXml(input: string, limits: Partial<RepairLimits> = {}): RepairedXml {
  const { maxDepth, maxItems, maxEntityExpansion } = { ...DEFAULT_LIMITS, ...limits };
  let items = 0;
  const repairs = new Set<string>();
  let text = input;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (HAS_FORBIDDEN_CHARS.test(text)) {
    text = text.replace(FORBIDDEN_CHARS, '');
    repairs.add('characters XML forbids removed');
  }
  if (!(text as WellFormedString).isWellFormed()) {
    text = (text as WellFormedString).toWellFormed();
    repairs.add('broken UTF-16 surrogates replaced');
  }

  const out: string[] = [];
  const emit = (s: string) => {
    out.push(s);
  };
  const stack: StackEntry[] = [];
  /** Index in `stack` of the open text element whose markup will be flattened, or -1. */
  let flattening = -1;
  const close = (entry: StackEntry) => {
    if (stack.length + 1 === flattening) {
      flattening = -1;
      if (entry.flatten === 'xhtml' || entry.hadChild) {
        // CDATA inside carries raw HTML: it joins the markup as it is.
        const inner = out
          .splice(entry.outIndex + 1)
          .join('')
          .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
        out[entry.outIndex] = out[entry.outIndex]!.replace(' type="xhtml"', ' type="html"');
        out.push(escapeText(inner));
        if (entry.flatten === 'text') repairs.add('unescaped HTML inside a text element escaped');
      }
    }
    if (ITEM_NAMES.has(localName(entry.name)) && ++items > maxItems) {
      out.length = entry.outIndex;
      repairs.add(`items beyond the first ${maxItems} dropped`);
      return;
    }
    emit(`</${entry.name}>`);
  };
  let root: string | null = null;
  const rootAttributes: Record<string, string> = {};
  const elementNames = new Set<string>();
  const rootChildren = new Set<string>();
  let rootClosed = false;
  let truncated = false;
  let stray = '';
  let entities = new Map<string, string>();
  let expansion = 0;

  // "&..." at i in text or an attribute value → the well-formed replacement and its length.
  const entityAt = (s: string, i: number): { replacement: string; length: number } => {
    ENTITY_AT.lastIndex = i;
    const m = ENTITY_AT.exec(s);
    if (!m) {
      repairs.add('bare "&" escaped');
      return { replacement: '&amp;', length: 1 };
    }
    const ref = m[1]!;
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // Re-written in decimal: the strict parser is picky about leading zeros and case.
      if (isXmlChar(cp)) return { replacement: `&#${cp};`, length: m[0].length };
      repairs.add('invalid character reference dropped');
      return { replacement: '', length: m[0].length };
    }
    if (XML_ENTITIES.has(ref)) return { replacement: m[0], length: m[0].length };
    const declared = entities.get(ref);
    if (declared !== undefined) {
      expansion += declared.length;
      if (expansion > maxEntityExpansion) throw new RefusedXmlError('refused: DOCTYPE entities expand to more than 1 MiB (entity expansion attack?)');
      return { replacement: escapeText(declared), length: m[0].length };
    }
    const html = htmlEntity(ref);
    if (html !== null) {
      repairs.add('HTML entities turned into characters');
      return { replacement: [...html].map((ch) => `&#${ch.codePointAt(0)};`).join(''), length: m[0].length };
    }
    repairs.add('undefined entity kept as text');
    return { replacement: `&amp;${ref};`, length: m[0].length };
  };

  const fixEntities = (s: string): string => {
    if (!s.includes('&') && !s.includes('<')) return s;
    let r = '';
    let last = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '&') {
        const e = entityAt(s, i);
        r += s.slice(last, i) + e.replacement;
        i += e.length - 1;
        last = i + 1;
      } else if (c === '<') {
        r += s.slice(last, i) + '&lt;';
        last = i + 1;
      }
    }
    return r + s.slice(last);
  };
  const fixAttribute = (v: string) => fixEntities(v).replace(/"/g, '&quot;');

  const n = text.length;
  let i = 0;
  // Text since the last markup, emitted in one piece when something else comes (well-formed
  // entities stay inside it: a description of 60,000 "&lt;" is one piece, not 120,000).
  let runStart = 0;
  const flushText = () => {
    if (i > runStart) {
      const chunk = text.slice(runStart, i);
      if (stack.length > 0) emit(chunk);
      else if (/\S/.test(chunk)) {
        if (stray.length < 200) stray += chunk.slice(0, 200);
        if (root !== null) repairs.add('content after the root element dropped');
      }
    }
    runStart = i;
  };
  const special = /[<&]/g;
  let afterMarkup = false;
  while (i < n) {
    if (afterMarkup) {
      runStart = i;
      afterMarkup = false;
    }
    special.lastIndex = i;
    const found = special.exec(text);
    i = found ? found.index : n;
    if (i >= n) break;
    if (text[i] === '&') {
      const e = entityAt(text, i);
      if (e.replacement.length === e.length && text.startsWith(e.replacement, i)) {
        i += e.length;
        continue;
      }
      flushText();
      if (stack.length > 0) emit(e.replacement);
      else if (stray.length < 200) stray += text.slice(i, i + e.length);
      i += e.length;
      runStart = i;
      continue;
    }
    flushText();
    afterMarkup = true;
    // text[i] === '<'
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) {
        truncated = stack.length > 0;
        i = n;
        break;
      }
      i = close + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      let close = text.indexOf(']]>', i + 9);
      if (close < 0) {
        truncated = true;
        close = n;
      }
      if (stack.length > 0) {
        if (close === n) {
          // The CDATA section was cut off: whatever it held is incomplete, so is its element.
          i = n;
          break;
        }
        emit(text.slice(i, close + 3));
      }
      i = Math.min(n, close + 3);
      continue;
    }
    if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (text[i + 1] === '!' && text.slice(i + 2, i + 9).toUpperCase() === 'DOCTYPE') {
      const dt = doctypeEnd(text, i);
      if (!dt) {
        i = n;
        truncated = true;
        break;
      }
      if (root === null) entities = readDoctypeEntities(dt.subset).map;
      i = dt.end;
      continue;
    }
    if (text[i + 1] === '/') {
      const name = nameAt(text, i + 2);
      if (!name) {
        if (stack.length > 0) emit('&lt;');
        repairs.add('stray "<" escaped');
        i++;
        continue;
      }
      const gt = text.indexOf('>', i + 2 + name.length);
      if (gt < 0 || /\S/.test(text.slice(i + 2 + name.length, gt))) {
        if (gt < 0) {
          // "</rss" at the very end: the end tag lost its ">".
          repairs.add('unfinished end tag completed');
          i = n;
        } else {
          repairs.add('junk in an end tag dropped');
          i = gt + 1;
        }
      } else i = gt + 1;
      let at = -1;
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k]!.name === name) {
          at = k;
          break;
        }
      }
      if (at < 0) {
        repairs.add('end tag without a start tag dropped');
        continue;
      }
      if (at < stack.length - 1) repairs.add('elements left open closed');
      while (stack.length > at) close(stack.pop()!);
      if (stack.length === 0) rootClosed = true;
      continue;
    }
    if (!NAME_START.test(text[i + 1] ?? '') || text[i + 1] === ':') {
      if (text.startsWith('<!', i)) {
        // <!ELEMENT ...> and the like outside a DOCTYPE: markup we do not read.
        const gt = text.indexOf('>', i);
        i = gt < 0 ? n : gt + 1;
        repairs.add('stray declaration dropped');
        continue;
      }
      if (stack.length > 0) emit('&lt;');
      repairs.add('stray "<" escaped');
      i++;
      continue;
    }
    const name = nameAt(text, i + 1)!;
    const tag = readAttributes(text, i + 1 + name.length, fixAttribute, repairs);
    if (!tag) {
      truncated = stack.length > 0 || root === null;
      i = n;
      break;
    }
    i = tag.end;
    if (rootClosed || (root !== null && stack.length === 0)) {
      repairs.add('content after the root element dropped');
      // Skip the rest: a second root is not part of this document.
      i = n;
      break;
    }
    if (root === null) {
      root = name;
      for (const a of tag.attrs) rootAttributes[a.name] = a.value;
    }
    elementNames.add(localName(name));
    if (stack.length === 1) rootChildren.add(name);
    const open = `<${name}${tag.attrs.map((a) => ` ${a.name}="${a.value}"`).join('')}${tag.selfClosing ? '/' : ''}>`;
    if (flattening >= 0) stack[flattening - 1]!.hadChild = true;
    if (tag.selfClosing) {
      emit(open);
      continue;
    }
    // Markup inside a text element (Atom type="xhtml", or HTML a publisher forgot to escape in a
    // <description>) is handed on as escaped HTML, so that its text keeps its order: the parser's
    // object form would separate the text from the tags.
    let flatten: StackEntry['flatten'] = null;
    if (flattening < 0) {
      if (tag.attrs.some((a) => a.name === 'type' && a.value === 'xhtml')) flatten = 'xhtml';
      else if (TEXT_ELEMENTS.has(name) && stack.length >= 1) flatten = 'text';
    }
    stack.push({ name, outIndex: out.length, flatten, hadChild: false });
    if (flatten) flattening = stack.length;
    if (stack.length > maxDepth) throw new RefusedXmlError(`refused: elements nested deeper than ${maxDepth} levels`);
    emit(open);
  }

  if (!afterMarkup) {
    i = n;
    flushText();
  }

  if (stack.length > 0) {
    truncated = true;
    // Cut back to before the outermost item that was still open: it is incomplete.
    const cut = stack.findIndex((e) => ITEM_NAMES.has(localName(e.name)));
    if (cut >= 0) {
      out.length = stack[cut]!.outIndex;
      stack.length = cut;
      repairs.add('truncated document: the item cut off was dropped');
    } else repairs.add('truncated document: open elements closed');
    if (flattening > stack.length) flattening = -1;
    while (stack.length > 0) close(stack.pop()!);
  }
  return { xml: out.join(''), root, rootAttributes, elementNames, rootChildren, repairs: [...repairs], truncated, strayText: stray.trim() };
}
