/**
 * What one sentence says, found once and shared by every number in it: its words, where the
 * category triggers, actor names and running-total markers are, and where its clauses break.
 * Computed lazily, only for sentences that hold a number (or are read as context for one).
 */
import type { CompiledCategory, CompiledRules, Phrase } from './compileRules.js';
import type { Span } from './sentences.js';
import { isDigitCode as isDigitCodeImported, wordsIn as wordsInImported, type Word } from './words.js';

// Module-local aliases: a direct call on every number, not a live-binding lookup (tsx runs modules
// through an interop layer that turns each imported call into a getter call).
const isDigitCode = isDigitCodeImported;
const wordsIn = wordsInImported;

export interface TriggerHit {
  start: number;
  end: number;
  /** The categories the trigger serves, in priority order. */
  categories: CompiledCategory[];
}

export interface ActorMention {
  start: number;
  end: number;
  actor: string;
  /** Lower-cased words joined by one space ("north koreans"). */
  lower: string;
}

export interface SentenceFacts extends Span {
  words: Word[];
  /** In text order, as are mentions and markers. */
  triggers: TriggerHit[];
  mentions: ActorMention[];
  markers: Span[];
  /** Offsets of clause breaks (commas, semicolons, colons, dashes, brackets), ascending. */
  breaks: number[];
}

/** Words of one phrase must stand next to each other: only spaces or one hyphen between. */
function joined(text: string, from: number, to: number): boolean {
  if (to - from > 3) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 45) return false;
  }
  return true;
}

function phraseAt<T>(text: string, words: Word[], i: number, list: ReadonlyArray<Phrase<T>> | undefined): { phrase: Phrase<T>; last: number } | null {
  if (!list) return null;
  outer: for (const phrase of list) {
    const n = phrase.words.length;
    if (i + n > words.length) continue;
    for (let k = 0; k < n; k++) {
      const w = words[i + k]!;
      if (w.lower !== phrase.words[k]) continue outer;
      if (k > 0 && !joined(text, words[i + k - 1]!.end, w.start)) continue outer;
      if (phrase.written) {
        const as = text.slice(w.start, w.end);
        const expected = phrase.written[k]!;
        if (as !== expected && !(k === 0 && phrase.capitalizable && as === expected[0]!.toUpperCase() + expected.slice(1))) continue outer;
      }
    }
    return { phrase, last: i + n - 1 };
  }
  return null;
}

// "tranche of military aid", "package of security assistance": the first noun is the head.
function ofLinked(words: Word[], from: number, to: number, text: string): boolean {
  // words strictly between two triggers: "of" then at most two modifiers
  const between = to - from - 1;
  if (between < 1 || between > 3 || words[from + 1]!.lower !== 'of') return false;
  for (let k = from + 1; k < to; k++) if (!joined(text, words[k - 1]!.end, words[k]!.start)) return false;
  return joined(text, words[to - 1]!.end, words[to]!.start);
}

export function sentenceFacts(text: string, span: Span, rules: CompiledRules): SentenceFacts {
  const words = wordsIn(text, span.start, span.end);
  const triggers: TriggerHit[] = [];
  const triggerIndex: number[] = [];
  const mentions: ActorMention[] = [];
  const markers: Span[] = [];
  let skipTrigger = -1;
  let skipAlias = -1;
  let skipMarker = -1;
  for (let i = 0; i < words.length; i++) {
    const entry = rules.vocabulary.get(words[i]!.lower);
    if (!entry) continue;
    if (i > skipTrigger) {
      const t = phraseAt(text, words, i, entry.triggers);
      if (t) {
        const prev = triggers[triggers.length - 1];
        const prevLast = triggerIndex[triggerIndex.length - 1];
        if (prev && prevLast !== undefined && ofLinked(words, prevLast, i, text)) {
          prev.end = words[t.last]!.end;
          triggerIndex[triggerIndex.length - 1] = t.last;
        } else {
          triggers.push({ start: words[i]!.start, end: words[t.last]!.end, categories: t.phrase.value });
          triggerIndex.push(t.last);
        }
        skipTrigger = t.last;
      }
    }
    if (i > skipAlias) {
      const a = phraseAt(text, words, i, entry.aliases);
      if (a) {
        mentions.push({ start: words[i]!.start, end: words[a.last]!.end, actor: a.phrase.value, lower: a.phrase.words.join(' ') });
        skipAlias = a.last;
      }
    }
    if (i > skipMarker) {
      const m = phraseAt(text, words, i, entry.markers);
      if (m) {
        markers.push({ start: words[i]!.start, end: words[m.last]!.end });
        skipMarker = m.last;
      }
    }
  }

  const breaks: number[] = [];
  for (let i = span.start; i < span.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      // The comma in "13,000" is no clause break.
      if (!(isDigitCode(text.charCodeAt(i - 1)) && isDigitCode(text.charCodeAt(i + 1)))) breaks.push(i);
    } else if (c === 59 || c === 58 || c === 40 || c === 41 || c === 91 || c === 93 || c === 0x2014 || c === 0x2013) {
      if (!(c === 58 && isDigitCode(text.charCodeAt(i - 1)) && isDigitCode(text.charCodeAt(i + 1)))) breaks.push(i);
    } else if (c === 45 && text.charCodeAt(i - 1) === 32 && text.charCodeAt(i + 1) === 32) {
      breaks.push(i);
    }
  }

  return { start: span.start, end: span.end, words, triggers, mentions, markers, breaks };
}

/** The item of `list` (sorted by start) that starts exactly at `pos`. */
function startingAt<T extends Span>(list: readonly T[], pos: number): T | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  const item = list[lo];
  return item && item.start === pos ? item : undefined;
}

export const triggerAt = (facts: SentenceFacts, pos: number): TriggerHit | undefined => startingAt(facts.triggers, pos);
export const mentionAt = (facts: SentenceFacts, pos: number): ActorMention | undefined => startingAt(facts.mentions, pos);

/** The clause of `facts` that holds `pos`: between the clause breaks around it. */
export function clauseAt(facts: SentenceFacts, pos: number): Span {
  const breaks = facts.breaks;
  // Binary search: the first break at or after pos.
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return { start: lo > 0 ? breaks[lo - 1]! + 1 : facts.start, end: lo < breaks.length ? breaks[lo]! : facts.end };
}

