/**
 * HTML → plain text for titles, summaries and article text: parsed by linkedom (an HTML5 parser, so
 * entities and broken markup are read the way browsers read them), scripts and styles dropped,
 * block elements turned into line breaks, whitespace collapsed. Also cleans characters that have
 * no business in text: C1 control codes that are really windows-1252 punctuation (U+0092 → ’) and
 * other control characters.
 */
import { parseHTML } from 'linkedom';
import { decodeEntities } from './htmlEntities.js';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'head', 'title', 'select', 'button', 'canvas', 'audio', 'video']);

// windows-1252 meanings of 0x80–0x9F, for text that carries them as C1 control characters.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Remaps C1 controls to windows-1252 punctuation and removes other control characters. */
export function cleanCharacters(text: string): string {
  return text
    .replace(/[\u0080-\u009f]/g, (c) => {
      const mapped = WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!;
      return mapped.charCodeAt(0) >= 0x80 && mapped.charCodeAt(0) <= 0x9f ? '' : mapped;
    })
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff\ufffe\uffff]/g, '');
}

/** All whitespace runs (NBSP included) → one space, trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u2028\u2029]+/g, ' ').trim();
}

export function looksLikeHtml(text: string): boolean {
  return /<[a-zA-Z!/]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/.test(text);
}

interface MinimalNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  firstChild: MinimalNode | null;
  nextSibling: MinimalNode | null;
}

/** Pushes the children of `node` so that the first child is popped first. */
function pushChildren(stack: Array<MinimalNode | 'break'>, node: { firstChild: MinimalNode | null }): void {
  // Walked by sibling links: linkedom's childNodes builds a fresh list on every access, which made
  // an indexed loop quadratic (10,000 entity-split text nodes took seconds).
  const children: MinimalNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) children.push(c);
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
}

let container: { innerHTML: string; firstChild: MinimalNode | null } | null = null;

function scratch(): { innerHTML: string; firstChild: MinimalNode | null } {
  if (!container) {
    const { document } = parseHTML('<!doctype html><html><head></head><body><div></div></body></html>');
    container = document.querySelector('div') as unknown as { innerHTML: string; firstChild: MinimalNode | null };
  }
  return container;
}

/**
 * Plain text of an HTML fragment: paragraphs separated by a blank line, lines with single spaces.
 * `maxChars` bounds the work on huge inputs (the walk stops once that much text is gathered).
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
export const MAX_DOM_DEPTH = 400;

/** Nesting depth of the tags, roughly (unclosed <p> and friends count as open): cheap, linear. */
export function estimateDepth(html: string): number {
  // [^<>] keeps every attempt from running past the next tag: linear even on "<a <a <a ...".
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (VOID.has(m[2]!.toLowerCase()) || m[3]) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
  }
  return max;
}

/** `html` without <script>/<style>/... elements, found with indexOf (linear even when unclosed). */
function dropRawTextElements(html: string): string {
  const open = /<(script|style|noscript|template)\b/gi;
  let out = '';
  let last = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    out += html.slice(last, m.index);
    const close = html.toLowerCase().indexOf(`</${m[1]!.toLowerCase()}`, m.index);
    if (close < 0) return out;
    const end = html.indexOf('>', close);
    last = end < 0 ? html.length : end + 1;
    open.lastIndex = last;
  }
  return out + html.slice(last);
}

/**
 * Tags removed by pattern and entities decoded by hand: for markup too deep (linkedom recurses) or
 * too fragmented (tens of thousands of nodes cost linkedom about 7 µs each) to build a DOM from.
 */
function flatText(html: string): string {
  const flat = dropRawTextElements(html)
    .replace(/<\/?(p|div|br|li|h[1-6]|tr|blockquote|section|article|pre|table|ul|ol)\b[^<>]*>/gi, '\n')
    .replace(/<[a-zA-Z!/?][^<>]*>/g, '');
  return decodeEntities(flat);
}

/** Number of "<" and "&" in the text: the nodes a DOM of it would have, roughly. */
function markupCount(html: string): number {
  let n = 0;
  for (let i = 0; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === 60 || c === 38) n++;
  }
  return n;
}

const MAX_DOM_NODES = 8000;

export function htmlToText(html: string, maxChars = Infinity): string {
  if (!looksLikeHtml(html)) return tidyLines(cleanCharacters(html));
  if (markupCount(html) > MAX_DOM_NODES || estimateDepth(html) > MAX_DOM_DEPTH) {
    const text = tidyLines(cleanCharacters(flatText(html)));
    return text.length > maxChars ? text.slice(0, maxChars) : text;
  }
  const root = scratch();
  root.innerHTML = html;
  const parts: string[] = [];
  let gathered = 0;
  // Iterative walk: feed HTML may nest deeper than the call stack allows.
  const stack: Array<MinimalNode | 'break'> = [];
  pushChildren(stack, root);
  while (stack.length > 0 && gathered < maxChars) {
    const node = stack.pop()!;
    if (node === 'break') {
      parts.push('\n');
      continue;
    }
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      parts.push(value);
      gathered += value.length;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const name = node.nodeName.toLowerCase();
    if (SKIP.has(name)) continue;
    if (name === 'br') {
      parts.push('\n');
      continue;
    }
    const block = BLOCK.has(name);
    if (block) {
      parts.push('\n');
      stack.push('break');
    } else if (name === 'img') continue;
    pushChildren(stack, node);
  }
  root.innerHTML = '';
  const text = tidyLines(cleanCharacters(parts.join('')));
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}

function tidyLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[ \t\f\v\u00a0\u2028\u2029]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A title: HTML stripped (when it has any), entities decoded, all whitespace one space. */
export function textOfTitle(raw: string, isHtml: boolean): string {
  const text = isHtml && looksLikeHtml(raw) ? htmlToText(raw, 2000) : cleanCharacters(raw);
  return collapseWhitespace(text);
}

/** Cuts text at a word boundary to at most `max` characters, marking the cut with "…". */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
