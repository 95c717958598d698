/**
 * HTML → plain text for titles, summaries and article text: read by htmlparser2's streaming Parser
 * (the tokenizer linkedom builds its DOM from, with the same implied closes and the full HTML5
 * entity table) with no tree built: text is gathered as it streams past, scripts and styles are
 * skipped, block elements turn into line breaks, whitespace is collapsed. Also cleans characters
 * that have no business in text: C1 control codes that are really windows-1252 punctuation
 * (U+0092 → ’) and other control characters.
 */
import { Parser } from 'htmlparser2';
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

/** Tags removed by pattern and entities decoded by hand: for markup nested too deep to stream through the Parser. */
function flatText(html: string): string {
  const flat = dropRawTextElements(html)
    .replace(/<\/?(p|div|br|li|h[1-6]|tr|blockquote|section|article|pre|table|ul|ol)\b[^<>]*>/gi, '\n')
    .replace(/<[a-zA-Z!/?][^<>]*>/g, '');
  return decodeEntities(flat);
}

/** Thrown from a Parser callback to stop reading: enough text, or nesting too deep. */
const ENOUGH = Symbol('enough text');
const TOO_DEEP = Symbol('too deep');

/**
 * Text of the elements as they stream past: a line break where a block element opens and where it
 * closes (one for <br>), nothing from skipped elements and their contents. The Parser closes every
 * element it opens (implied closes included), so the depth counts below stay balanced.
 */
function streamText(html: string, maxChars: number): string[] | typeof TOO_DEEP {
  const parts: string[] = [];
  let gathered = 0;
  let depth = 0;
  /** Depth inside a skipped element (0: not in one). */
  let skipped = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        // The Parser keeps its stack in an array it shifts: past a few hundred levels that is
        // quadratic, so such markup goes to flatText instead.
        if (++depth > MAX_DOM_DEPTH) throw TOO_DEEP;
        if (skipped > 0 || SKIP.has(name)) skipped++;
        else if (BLOCK.has(name)) parts.push('\n');
      },
      onclosetag(name) {
        depth--;
        if (skipped > 0) skipped--;
        else if (name !== 'br' && BLOCK.has(name)) parts.push('\n');
      },
      ontext(text) {
        if (skipped > 0) return;
        parts.push(text);
        gathered += text.length;
        if (gathered >= maxChars) throw ENOUGH;
      },
    },
    { decodeEntities: true },
  );
  try {
    parser.end(html);
  } catch (err) {
    if (err === TOO_DEEP) return TOO_DEEP;
    if (err !== ENOUGH) throw err;
  }
  return parts;
}

/**
 * Plain text of an HTML fragment: paragraphs separated by a blank line, lines with single spaces.
 * `maxChars` bounds the work on huge inputs (reading stops once that much text is gathered).
 */
export function htmlToText(html: string, maxChars = Infinity): string {
  if (!looksLikeHtml(html)) return tidyLines(cleanCharacters(html));
  const parts = streamText(html, maxChars);
  const text = tidyLines(cleanCharacters(parts === TOO_DEEP ? flatText(html) : parts.join('')));
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
