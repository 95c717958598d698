/**
 * Whether a figure is a running total to date. Signals, all within the figure's clause: a marker
 * from config ("since", "to date", "a total of"); a present perfect that governs the number ("the
 * U.S. has delivered more than $58 billion", "600 troops have been killed"); an ordinal (the 68th
 * tranche counts every tranche before it). A part of a running total is one too ("About $23.6
 * billion of that", "100,000 casualties, with over 20,000 killed"), as is the next item of a list
 * that began with one. A single event ("overnight", "on Monday") or a count the config marks as a
 * snapshot is not, nor is the toll of one event that kills ("the earthquake's toll has risen to 3,000").
 */
import type { CompiledCategory } from './compileRules.js';
import { clauseAt, type SentenceFacts } from './sentenceFacts.js';
import { wordListPattern } from './wordListPattern.js';

export interface CumulativeContext {
  text: string;
  facts: SentenceFacts;
  category: CompiledCategory;
  unit: string;
  quoteStart: number;
  numberStart: number;
  numberEnd: number;
  nounEnd: number;
  /** "a total of" was read before the number. */
  total: boolean;
  /** "of that", "of them": part of an amount named before. */
  anaphoric: boolean;
  /** The previous figure in this sentence, same category and unit, if any. */
  previousInSentence: { cumulative: boolean } | null;
  /** The previous figure in the last few sentences with the same unit, if any. */
  previousNearby: { cumulative: boolean } | null;
  /** The previous figure in this sentence with the same unit, of any category: the whole a part word ("including") refers to. */
  wholeInSentence: { cumulative: boolean } | null;
  /** The figure's status is proposed (asked for, requested). */
  proposed: boolean;
  /** Config singleEventNouns and partWords. */
  singleEventNouns: readonly string[];
  partWords: readonly string[];
}

const partCache = new WeakMap<readonly string[], RegExp>();
/** One of `words` ends `before`, with only spaces or a comma after it: "..., including ", "with ". */
function endsWithPartWord(before: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  let re = partCache.get(words);
  if (!re) {
    const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ \t]+/g, '[ \\t\\u00A0]+'));
    re = new RegExp(`(?<![\\p{L}])(?:${alternatives.join('|')})[ \\t\\u00A0,]*$`, 'iu');
    partCache.set(words, re);
  }
  return re.test(before);
}

/** The sentence names one event that kills or wounds ("the earthquake", "the strike on the market"). */
function namesOneEvent(text: string, facts: SentenceFacts, words: readonly string[]): boolean {
  const re = wordListPattern(words);
  if (!re) return false;
  re.lastIndex = 0;
  return re.test(text.slice(facts.start, facts.end));
}

/** Only a dateline ("WASHINGTON —", "KYIV, Ukraine (AP) —") or nothing stands before `at` in the sentence. */
function opensSentence(text: string, start: number, at: number): boolean {
  const before = text.slice(start, at);
  return /^[\s"“]*$/.test(before) || /^[^a-z]{0,60}[—–-][\s]*$/.test(before) || /^[A-Z][A-Z ,.()'’]{0,58}[—–-][\s]*$/.test(before);
}

function namesCategory(c: CumulativeContext, at: number): boolean {
  return c.facts.triggers.some((t) => t.start === at && t.categories.includes(c.category));
}

const PARTICIPLE =
  '(?:[a-z]+ed|given|sent|spent|lost|shot|brought|taken|made|built|paid|sold|bought|won|done|flown|drawn|thrown|struck|fought|caught|taught|begun|grown|risen|undergone|put|hit|held|kept|led|dealt)';
/** Perfects that report, plan or hold up an amount rather than add to a running total. */
const NOT_ACCUMULATING = [
  'been', 'not', 'yet', 'said', 'claimed', 'reported', 'stated', 'announced', 'warned', 'added', 'noted', 'estimated', 'confirmed',
  'stalled', 'blocked', 'frozen', 'held', 'requested', 'proposed', 'approved', 'unveiled', 'promised', 'sought', 'asked',
  'demanded', 'budgeted', 'planned', 'earmarked', 'offered', 'agreed', 'signed', 'set', 'put', 'valued', 'priced',
].join('|');
// Active perfect before the number: "has delivered", "have also trained", "'ve sent"; a past perfect
// only with an adverb that looks back over time ("had already trained", "had earlier delivered");
// a perfect participle ("the second-largest donor, having provided €28 billion").
const PERFECT_BEFORE = new RegExp(
  `(?<![\\p{L}])(?<!(?:would|will|could|should|might|may|must|to)[ \\t\\u00A0]+)(?:(?:has|have|['’]ve)(?:[ \\t\\u00A0]+(?:also|already|so far|now|collectively|together|jointly|reportedly|since|previously|in total))?|had[ \\t\\u00A0]+(?:already|earlier|previously)|having)[ \\t\\u00A0]+(?!(?:${NOT_ACCUMULATING})\\b)${PARTICIPLE}(?![\\p{L}])`,
  'iu',
);
// Passive perfect after the number: "has been provided", "have been killed", "had been killed" (a tally as reported).
const PERFECT_AFTER = new RegExp(`^[^.;:]{0,40}?(?<![\\p{L}])(has|have|had)[ \\t\\u00A0]+(?:also[ \\t\\u00A0]+|now[ \\t\\u00A0]+|reportedly[ \\t\\u00A0]+)?been[ \\t\\u00A0]+(${PARTICIPLE})(?![\\p{L}])`, 'iu');
// Active perfect right after the counted people: "have fled", "have died" (not "have said", "have been ...").
const PERFECT_AFTER_ACTIVE = new RegExp(`^[ \\t\\u00A0]*(?:[\\p{L}-]+[ \\t\\u00A0]+){0,2}?(?:has|have)[ \\t\\u00A0]+(?:also[ \\t\\u00A0]+|now[ \\t\\u00A0]+|reportedly[ \\t\\u00A0]+|already[ \\t\\u00A0]+)?(?!(?:${NOT_ACCUMULATING})\\b)${PARTICIPLE}(?![\\p{L}])`, 'iu');
/** Words that pin a figure to one event. */
const EVENT_TIME = /(?<![\p{L}])(?:overnight|yesterday|today|tonight|this morning|last night|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?![\p{L}])/iu;

export function isCumulative(c: CumulativeContext): boolean {
  if (c.category.cumulative === false) return false;
  if (c.unit === 'ordinal') return true;
  if (c.proposed) return false; // a request adds up to nothing yet: "seeking a total of $37.7 billion"
  if (c.total) return true;
  // "100,000 casualties since December, with over 20,000 killed": a part is what its whole is.
  if (c.wholeInSentence && endsWithPartWord(c.text.slice(Math.max(c.facts.start, c.quoteStart - 24), c.quoteStart), c.partWords)) return c.wholeInSentence.cumulative;
  const clause = clauseAt(c.facts, c.quoteStart);
  for (const m of c.facts.markers) {
    if (m.start >= clause.start && m.end <= Math.max(clause.end, c.nounEnd)) return true;
    // "Since Russia invaded in February, the US has approved $5.6 billion": a fronted since-phrase covers the sentence
    // (after a dateline too: "WASHINGTON — Since ...").
    if (m.end <= c.quoteStart && /^since\b/i.test(c.text.slice(m.start, m.start + 6)) && opensSentence(c.text, c.facts.start, m.start)) return true;
  }
  // Bounded windows: a verb 160 characters away governs nothing here, and long clauses stay cheap.
  // Up to the number itself: a verb read as its qualifier ("the toll has passed 8,000") governs it too.
  const before = c.text.slice(Math.max(clause.start, c.numberStart - 160), c.numberStart);
  const after = c.text.slice(c.nounEnd, Math.min(Math.max(c.nounEnd, clause.end), c.nounEnd + 160));
  // The toll of one earthquake, fire or strike grows as bodies are found, yet counts one event.
  const single = EVENT_TIME.test(before) || EVENT_TIME.test(after) || (c.category.actorRole === 'victim' && namesOneEvent(c.text, c.facts, c.singleEventNouns));
  if (!single && PERFECT_BEFORE.test(before)) return true;
  if (!single) {
    // "600 troops have been killed"; with "had" only when the participle names the figure's own kind
    // ("40 people had been killed" is a tally, "50 drones had been spotted" is one night's sighting).
    const perfect = PERFECT_AFTER.exec(after);
    if (perfect && (perfect[1]!.toLowerCase() !== 'had' || namesCategory(c, c.nounEnd + perfect.index + perfect[0].length - perfect[2]!.length))) return true;
    // People as the subject of an active perfect: "6 million Ukrainians have fled", "300 soldiers have died".
    if (c.category.actorRole === 'victim' && PERFECT_AFTER_ACTIVE.test(c.text.slice(c.numberEnd, Math.min(c.facts.end, c.numberEnd + 80)))) return true;
  }
  if (c.anaphoric && c.previousNearby) return c.previousNearby.cumulative;
  if (!single && c.previousInSentence) return c.previousInSentence.cumulative;
  return false;
}
