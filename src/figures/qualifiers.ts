/**
 * Hedges written around a number: "more than", "about", "nearly", "as many as", "at least" before
 * it; "or more", "or so", "-plus" after it. Also the words that make a number a further amount
 * ("another", "an additional") or a total ("a total of"), which are exact but belong in the quote.
 */
import type { Qualifier } from './figure.js';

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
  /** "from": a range may follow with "to". */
  from: boolean;
}

const PHRASES: ReadonlyArray<readonly [string, Qualifier]> = [
  ['more than', 'more_than'], ['over', 'more_than'], ['above', 'more_than'], ['in excess of', 'more_than'],
  ['upwards of', 'more_than'], ['upward of', 'more_than'], ['greater than', 'more_than'], ['well over', 'more_than'],
  ['just over', 'more_than'], ['well above', 'more_than'], ['north of', 'more_than'], ['exceeding', 'more_than'],
  ['at least', 'at_least'], ['no fewer than', 'at_least'], ['no less than', 'at_least'], ['not less than', 'at_least'],
  ['a minimum of', 'at_least'], ['at a minimum', 'at_least'],
  ['about', 'about'], ['around', 'about'], ['approximately', 'about'], ['approx.', 'about'], ['roughly', 'about'],
  ['some', 'about'], ['an estimated', 'about'], ['estimated', 'about'], ['circa', 'about'], ['round about', 'about'],
  ['almost', 'almost'], ['nearly', 'almost'], ['close to', 'almost'], ['just under', 'almost'], ['just shy of', 'almost'],
  ['just below', 'almost'], ['not quite', 'almost'],
  ['as many as', 'up_to'], ['up to', 'up_to'], ['as much as', 'up_to'], ['as high as', 'up_to'], ['fewer than', 'up_to'],
  ['less than', 'up_to'], ['under', 'up_to'], ['below', 'up_to'], ['no more than', 'up_to'], ['not more than', 'up_to'],
  ['a maximum of', 'up_to'],
];
const ADDITIONAL = ['another', 'an additional', 'a further', 'an extra', 'additional', 'further'];
const TOTAL = ['a total of', 'total of', 'in all'];

// Longest first; anchored at the end of the few characters before the number.
const PHRASE_RE = new RegExp(
  `[^\\p{L}\\p{N}]((?:${[...PHRASES.map(([p]) => p), ...ADDITIONAL, ...TOTAL, 'between', 'from', 'a', 'an']
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.]/g, '\\.').replace(/ /g, '[ \\t\\u00A0]+'))
    .join('|')}))([ \\t\\u00A0]+)$`,
  'iu',
);
const QUALIFIER_OF = new Map<string, Qualifier>(PHRASES.map(([p, q]) => [p, q]));

const LOOK_BACK = 24;

/**
 * The hedge just before `pos` (at most two stacked: "an estimated", "a total of about"), or an
 * exact qualifier starting at `pos` when there is none.
 */
export function readQualifierBefore(text: string, pos: number, floor: number): QualifierBefore {
  const out: QualifierBefore = { qualifier: 'exact', start: pos, additional: false, total: false, between: false, from: false };
  let end = pos;
  for (let round = 0; round < 3; round++) {
    const from = Math.max(floor, end - LOOK_BACK);
    // The character before the window decides whether the window starts mid-word.
    const window = (from > floor ? text[from - 1]! : ' ') + text.slice(from, end);
    const m = PHRASE_RE.exec(window);
    if (!m) break;
    const phrase = m[1]!.toLowerCase().replace(/[ \t\u00A0]+/g, ' ');
    const phraseStart = end - m[2]!.length - m[1]!.length;
    const q = QUALIFIER_OF.get(phrase);
    if (q !== undefined) {
      if (out.qualifier === 'exact') out.qualifier = q;
    } else if (ADDITIONAL.includes(phrase)) {
      out.additional = true;
    } else if (TOTAL.includes(phrase)) {
      out.total = true;
    } else if (phrase === 'between') {
      out.between = true;
    } else if (phrase === 'from') {
      out.from = true;
    } else if (phrase === 'a' || phrase === 'an') {
      // Kept in the quote only ("a $250 million package"); it stops the look-back.
      out.start = phraseStart;
      break;
    }
    out.start = phraseStart;
    end = phraseStart;
  }
  return out;
}

const AFTER_RE = /[ \t\u00A0]*(?:(or more|or higher|or over|and more|and up)|(or so|or thereabouts)|(-?plus)|(\+))(?![\p{L}\p{N}])/iuy;

/** A hedge written after the number: "1,500 or more", "600 or so", "1,500-plus". */
export function readQualifierAfter(text: string, pos: number): { qualifier: Qualifier; end: number } | null {
  AFTER_RE.lastIndex = pos;
  const m = AFTER_RE.exec(text);
  if (!m) return null;
  const qualifier: Qualifier = m[1] ? 'at_least' : m[2] ? 'about' : 'more_than';
  return { qualifier, end: AFTER_RE.lastIndex };
}
