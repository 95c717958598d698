/**
 * Whether a figure is a running total to date. Signals, all within the figure's clause: a marker
 * from config ("since", "to date", "a total of"); a present perfect that governs the number ("the
 * U.S. has delivered more than $58 billion", "600 troops have been killed"); an ordinal (the 68th
 * tranche counts every tranche before it). A part of a running total is one too ("About $23.6
 * billion of that"), as is the next item of a list that began with one. A single event ("overnight",
 * "on Monday") or a count the config marks as a snapshot is not.
 */
import type { CompiledCategory } from './compileRules.js';
import { clauseAt, type SentenceFacts } from './sentenceFacts.js';

export interface CumulativeContext {
  text: string;
  facts: SentenceFacts;
  category: CompiledCategory;
  unit: string;
  quoteStart: number;
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
  /** The figure's status is proposed (asked for, requested). */
  proposed: boolean;
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
  '(?:[a-z]+ed|given|sent|spent|lost|shot|brought|taken|made|built|paid|sold|bought|won|done|flown|drawn|thrown|struck|fought|caught|taught|begun|grown|undergone|put|hit|held|kept|led|dealt)';
/** Perfects that report, plan or hold up an amount rather than add to a running total. */
const NOT_ACCUMULATING = [
  'been', 'not', 'yet', 'said', 'claimed', 'reported', 'stated', 'announced', 'warned', 'added', 'noted', 'estimated', 'confirmed',
  'stalled', 'blocked', 'frozen', 'held', 'requested', 'proposed', 'approved', 'unveiled', 'promised', 'sought', 'asked',
  'demanded', 'budgeted', 'planned', 'earmarked', 'offered', 'agreed', 'signed', 'set', 'put', 'valued', 'priced',
].join('|');
// Active perfect before the number: "has delivered", "have also trained", "'ve sent".
const PERFECT_BEFORE = new RegExp(
  `(?<![\\p{L}])(?<!(?:would|will|could|should|might|may|must|to)[ \\t\\u00A0]+)(?:has|have|['’]ve)(?:[ \\t\\u00A0]+(?:also|already|so far|now|collectively|together|jointly|reportedly|since|previously|in total))?[ \\t\\u00A0]+(?!(?:${NOT_ACCUMULATING})\\b)${PARTICIPLE}(?![\\p{L}])`,
  'iu',
);
// Passive perfect after the number: "has been provided", "have been killed", "had been killed" (a tally as reported).
const PERFECT_AFTER = new RegExp(`^[^.;:]{0,40}?(?<![\\p{L}])(has|have|had)[ \\t\\u00A0]+(?:also[ \\t\\u00A0]+|now[ \\t\\u00A0]+|reportedly[ \\t\\u00A0]+)?been[ \\t\\u00A0]+(${PARTICIPLE})(?![\\p{L}])`, 'iu');
/** Words that pin a figure to one event. */
const EVENT_TIME = /(?<![\p{L}])(?:overnight|yesterday|today|tonight|this morning|last night|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?![\p{L}])/iu;

export function isCumulative(c: CumulativeContext): boolean {
  if (c.category.cumulative === false) return false;
  if (c.unit === 'ordinal') return true;
  if (c.proposed) return false; // a request adds up to nothing yet: "seeking a total of $37.7 billion"
  if (c.total) return true;
  const clause = clauseAt(c.facts, c.quoteStart);
  for (const m of c.facts.markers) {
    if (m.start >= clause.start && m.end <= Math.max(clause.end, c.nounEnd)) return true;
    // "Since Russia invaded in February, the US has approved $5.6 billion": a fronted since-phrase covers the sentence
    // (after a dateline too: "WASHINGTON — Since ...").
    if (m.end <= c.quoteStart && /^since\b/i.test(c.text.slice(m.start, m.start + 6)) && opensSentence(c.text, c.facts.start, m.start)) return true;
  }
  // Bounded windows: a verb 160 characters away governs nothing here, and long clauses stay cheap.
  const before = c.text.slice(Math.max(clause.start, c.quoteStart - 160), c.quoteStart);
  const after = c.text.slice(c.nounEnd, Math.min(Math.max(c.nounEnd, clause.end), c.nounEnd + 160));
  const single = EVENT_TIME.test(before) || EVENT_TIME.test(after);
  if (!single && PERFECT_BEFORE.test(before)) return true;
  if (!single) {
    // "600 troops have been killed"; with "had" only when the participle names the figure's own kind
    // ("40 people had been killed" is a tally, "50 drones had been spotted" is one night's sighting).
    const perfect = PERFECT_AFTER.exec(after);
    if (perfect && (perfect[1]!.toLowerCase() !== 'had' || namesCategory(c, c.nounEnd + perfect.index + perfect[0].length - perfect[2]!.length))) return true;
  }
  if (c.anaphoric && c.previousNearby) return c.previousNearby.cumulative;
  if (!single && c.previousInSentence) return c.previousInSentence.cumulative;
  return false;
}
