/**
 * A cheap first look at a number before its sentence is analysed: a count can only become a figure
 * with a trigger or a people noun in the few words after it, a trigger in the few words before it,
 * or a figure already read in the same sentence (a list going on). Most numbers in general text
 * ("version 2", "one of the", "10 comments") stop here, so sentence facts are built only where a
 * figure is possible. Money and lists always go on to the full reading.
 */
import type { CompiledRules } from './compileRules.js';
import type { NumberMention } from './readNumber.js';
import {
  equalsFolded as equalsFoldedImported,
  hashFolded as hashFoldedImported,
  isLetterCode as isLetterCodeImported,
  wordEnd as wordEndImported,
} from './words.js';

// Module-local aliases: direct calls on every number (see extractFigures.ts).
const equalsFolded = equalsFoldedImported;
const hashFolded = hashFoldedImported;
const isLetterCode = isLetterCodeImported;
const wordEnd = wordEndImported;

const WORDS_AFTER = 6;
const WORDS_AFTER_PARTITIVE = 9;
const WORDS_BEFORE = 4;
/** After a linking verb: far enough for "the death toll from the strike rose to 25". */
const WORDS_BEFORE_LINKED = 20;
const WORDS_BEFORE_TALLY = 20;

/** Whether text[start, end) is a word that starts a trigger phrase or is a people noun. */
function isKeyWord(text: string, start: number, end: number, rules: CompiledRules): boolean {
  const h = hashFolded(text, start, end);
  const list = rules.vocabulary.get(h);
  if (list) {
    for (const e of list) if (e.triggers && equalsFolded(text, start, end, e.word)) return true;
  }
  return rules.peopleNounHashes.has(h);
}

/** Verbs after which the trigger may stand further back: "the death toll from the strike rose to 25". */
const LINKING = [
  'rose', 'risen', 'rises', 'rising', 'reached', 'reaches', 'climbed', 'climbs', 'stood', 'stands', 'stand', 'increased', 'increases', 'jumped',
  'totaled', 'totalled', 'hit', 'grew', 'swelled', 'surged', 'soared', 'mounted', 'passed', 'surpassed', 'exceeded', 'topped', 'tops',
  'is', 'was', 'are', 'were', 'remains', 'remained',
];
const LINKING_HASHES = new Set(LINKING.map((w) => hashFolded(w, 0, w.length)));

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
// A slash joins model names ("Iskander-M/KN-23 missiles").
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 0xa0 || c === 45 || c === 47;

export function mayBeFigure(text: string, m: NumberMention, sentenceStart: number, sentenceEnd: number, rules: CompiledRules, figureEarlierInSentence: boolean): boolean {
  if (m.isMoney || figureEarlierInSentence) return true;
  // Words after: letters separated by spaces or hyphens; any other character ends the look.
  let i = m.end;
  let wordsAfter = WORDS_AFTER;
  for (let n = 0; n < wordsAfter; n++) {
    while (i < sentenceEnd && isBlank(text.charCodeAt(i))) i++;
    // "23 of 26 drones": step over the whole after "of".
    while (i < sentenceEnd && (isDigit(text.charCodeAt(i)) || (text.charCodeAt(i) === 44 && isDigit(text.charCodeAt(i + 1))))) i++;
    while (i < sentenceEnd && isBlank(text.charCodeAt(i))) i++;
    if (i >= sentenceEnd || !isLetterCode(text.charCodeAt(i))) break;
    const e = wordEnd(text, i, sentenceEnd);
    if (isKeyWord(text, i, e, rules)) return true;
    // "15 of the Russia-launched Iranian-made Shahed drones": a partitive's noun may stand further on.
    if (n === 0 && equalsFolded(text, i, e, 'of')) wordsAfter = WORDS_AFTER_PARTITIVE;
    i = e;
    // Step over a possessive or an apostrophe ending the word.
    if (i < sentenceEnd && (text.charCodeAt(i) === 39 || text.charCodeAt(i) === 0x2019)) i += 2;
  }
  if (m.unit === 'ordinal') return false;
  // Words before, nearest first; punctuation other than a period of an initialism ends the look.
  let j = m.start;
  let limit = WORDS_BEFORE;
  for (let n = 0; n < limit; n++) {
    while (j > sentenceStart && isBlank(text.charCodeAt(j - 1))) j--;
    // "the deadliest U.S. fire": an initialism's periods belong to the word.
    if (j - 3 > sentenceStart && text.charCodeAt(j - 1) === 46 && isLetterCode(text.charCodeAt(j - 2)) && text.charCodeAt(j - 3) === 46) j--;
    if (j <= sentenceStart || !isLetterCode(text.charCodeAt(j - 1))) break;
    let s = j - 1;
    while (s > sentenceStart && (isLetterCode(text.charCodeAt(s - 1)) || (text.charCodeAt(s - 1) === 46 && isLetterCode(text.charCodeAt(s - 2))))) s--;
    if (isKeyWord(text, s, j, rules)) return true;
    if (LINKING_HASHES.has(hashFolded(text, s, j))) limit = WORDS_BEFORE_LINKED;
    // "the tally of Marders that Germany has delivered during the war to 120": a tally's kind stands far back.
    if (n === 0 && (equalsFolded(text, s, j, 'to') || equalsFolded(text, s, j, 'at'))) limit = WORDS_BEFORE_TALLY;
    j = s;
  }
  return false;
}
