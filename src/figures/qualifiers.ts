/**
 * Hedges written around a number: "more than", "about", "nearly", "as many as", "at least" before
 * it; "or more", "or so", "-plus" after it. Also the words that make a number a further amount
 * ("another", "an additional") or a total ("a total of"), which are exact but belong in the quote.
 * Matched word by word backwards from the number, so the cost does not depend on the phrase list.
 */
import type { Qualifier } from './figure.js';
import { wordAfter as wordAfterImported, wordBefore as wordBeforeImported, type Word } from './words.js';

// Module-local aliases: a direct call, not a live-binding lookup, on every number.
const wordBefore = wordBeforeImported;
const wordAfter = wordAfterImported;

export interface QualifierBefore {
  qualifier: Qualifier;
  /** Where the hedge starts (the quote starts here). */
  start: number;
  /** "another", "an additional", "a further": an amount on top of one already named. */
  additional: boolean;
  /** "a total of" */
  total: boolean;
  /** "between": a range follows with "and". */
  between: boolean;
}

/** Verbs whose particle is "over": "hand over 14 tanks" is exactly 14. */
const PHRASAL_OVER = new Set(['hand', 'hands', 'handed', 'handing', 'turn', 'turns', 'turned', 'turning', 'take', 'takes', 'took', 'taken', 'taking', 'give', 'gives', 'gave', 'giving', 'sign', 'signed', 'signs', 'pass', 'passed', 'passing', 'fly', 'flew', 'flown']);

type Role = Qualifier | 'additional' | 'total' | 'between' | 'article';

const PHRASES: ReadonlyArray<readonly [string, Role]> = [
  ['more than', 'more_than'], ['over', 'more_than'], ['above', 'more_than'], ['in excess of', 'more_than'],
  ['upwards of', 'more_than'], ['upward of', 'more_than'], ['greater than', 'more_than'], ['well over', 'more_than'],
  ['just over', 'more_than'], ['well above', 'more_than'], ['north of', 'more_than'], ['exceeding', 'more_than'],
  // A total going past a mark: "the death toll has passed 8,000".
  ['has passed', 'more_than'], ['have passed', 'more_than'], ['had passed', 'more_than'], ['surpassed', 'more_than'],
  ['exceeded', 'more_than'], ['topped', 'more_than'],
  ['at least', 'at_least'], ['no fewer than', 'at_least'], ['no less than', 'at_least'], ['not less than', 'at_least'],
  ['a minimum of', 'at_least'],
  ['about', 'about'], ['around', 'about'], ['approximately', 'about'], ['approx', 'about'], ['roughly', 'about'],
  ['some', 'about'], ['an estimated', 'about'], ['estimated', 'about'], ['circa', 'about'], ['an approximate', 'about'],
  ['almost', 'almost'], ['nearly', 'almost'], ['close to', 'almost'], ['just under', 'almost'], ['just shy of', 'almost'],
  ['just below', 'almost'], ['not quite', 'almost'],
  ['as many as', 'up_to'], ['up to', 'up_to'], ['as much as', 'up_to'], ['as high as', 'up_to'], ['fewer than', 'up_to'],
  ['less than', 'up_to'], ['under', 'up_to'], ['below', 'up_to'], ['no more than', 'up_to'], ['not more than', 'up_to'],
  ['a maximum of', 'up_to'],
  ['another', 'additional'], ['an additional', 'additional'], ['a further', 'additional'], ['an extra', 'additional'],
  ['additional', 'additional'], ['further', 'additional'],
  ['a total of', 'total'], ['total of', 'total'],
  ['between', 'between'],
  ['a', 'article'], ['an', 'article'],
];

/** Phrases by their last word, longest first: matched backwards from the number. */
const BY_LAST_WORD = new Map<string, Array<{ words: string[]; role: Role }>>();
for (const [phrase, role] of PHRASES) {
  const words = phrase.split(' ');
  const last = words[words.length - 1]!;
  const list = BY_LAST_WORD.get(last) ?? [];
  list.push({ words, role });
  list.sort((a, b) => b.words.length - a.words.length);
  BY_LAST_WORD.set(last, list);
}

/** The phrase that ends right before `pos`, as [start, role], or null. */
function phraseBefore(text: string, pos: number, floor: number): { start: number; role: Role } | null {
  let last: Word | null = wordBefore(text, pos, floor);
  // "approx. 500"
  if (!last && pos - 2 >= floor && text.charCodeAt(pos - 2) === 46) last = wordBefore(text, pos - 2, floor);
  if (!last) return null;
  const list = BY_LAST_WORD.get(last.lower);
  if (!list) return null;
  const before: Word[] = [last];
  for (const { words, role } of list) {
    while (before.length < words.length) {
      const w = wordBefore(text, before[before.length - 1]!.start, floor);
      if (!w) break;
      before.push(w);
    }
    if (before.length < words.length) continue;
    let ok = true;
    for (let k = 0; k < words.length && ok; k++) ok = before[k]!.lower === words[words.length - 1 - k];
    if (ok) return { start: before[words.length - 1]!.start, role };
  }
  return null;
}

/**
 * The hedge just before `pos` (up to three stacked: "a total of about", "an estimated"), with where
 * the quote should start. Exact when there is none.
 */
export function readQualifierBefore(text: string, pos: number, floor: number): QualifierBefore {
  const out: QualifierBefore = { qualifier: 'exact', start: pos, additional: false, total: false, between: false };
  let end = pos;
  for (let round = 0; round < 3; round++) {
    const found = phraseBefore(text, end, floor);
    if (!found) break;
    const { role } = found;
    // "hand over 14 tanks", "took over 30 villages": the verb's particle, not a hedge.
    if (role === 'more_than' && text.slice(found.start, found.start + 4).toLowerCase() === 'over') {
      const verb = wordBefore(text, found.start, floor);
      if (verb && PHRASAL_OVER.has(verb.lower)) break;
    }
    if (role === 'additional') out.additional = true;
    else if (role === 'total') out.total = true;
    else if (role === 'between') out.between = true;
    else if (role !== 'article') {
      if (out.qualifier !== 'exact') break; // "over about 50": keep the hedge next to the number
      out.qualifier = role;
    }
    out.start = found.start;
    // "a $250 million package": the article joins the quote and ends the look-back.
    if (role === 'article') break;
    end = found.start;
  }
  return out;
}

const OR_MORE = new Set(['more', 'higher', 'over', 'above']);
const OR_SO = new Set(['so', 'thereabouts']);

/** A hedge written after the number: "1,500 or more", "600 or so", "1,500-plus", "1,500+". */
export function readQualifierAfter(text: string, pos: number): { qualifier: Qualifier; end: number } | null {
  if (text.charCodeAt(pos) === 43) return { qualifier: 'more_than', end: pos + 1 };
  const w = wordAfter(text, pos);
  if (!w) return null;
  if (w.lower === 'plus' && (text.charCodeAt(pos) === 45 || w.start === pos + 1)) return { qualifier: 'more_than', end: w.end };
  if (w.lower !== 'or' && w.lower !== 'and') return null;
  const w2 = wordAfter(text, w.end);
  if (!w2) return null;
  // "1,500 or more"; "$5 billion and up", but not "... and up to 30 percent".
  const w3 = w.lower === 'and' ? wordAfter(text, w2.end) : null;
  if ((w.lower === 'or' && OR_MORE.has(w2.lower)) || (w.lower === 'and' && (w2.lower === 'up' || w2.lower === 'above') && w3?.lower !== 'to')) {
    return { qualifier: 'at_least', end: w2.end };
  }
  if (w.lower === 'or' && OR_SO.has(w2.lower)) return { qualifier: 'about', end: w2.end };
  return null;
}
