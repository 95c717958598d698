/**
 * HTML named entities (&nbsp;, &eacute;, ... the full HTML5 list) resolved by htmlparser2's
 * decoder rather than a table of our own, one lookup per name, cached.
 */
import { Parser } from 'htmlparser2';

const cache = new Map<string, string | null>();

function decodeOne(reference: string): string {
  let text = '';
  new Parser({ ontext: (t) => void (text += t) }, { decodeEntities: true }).end(reference);
  return text;
}

/** The text an HTML named entity stands for (&nbsp; → U+00A0), or null when HTML has no such entity. */
export function htmlEntity(name: string): string | null {
  if (name.length > 32 || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) return null;
  let hit = cache.get(name);
  if (hit !== undefined) return hit;
  const text = decodeOne(`&${name};`);
  hit = text === `&${name};` || text === '' ? null : text;
  if (cache.size < 4096) cache.set(name, hit);
  return hit;
}

/** Decodes character references and named entities in text (unknown names stay as written). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
    }
    return htmlEntity(ref) ?? whole;
  });
}
