/**
 * What one sentence says, found once and shared by every number in it: its words, where the
 * category triggers, actor names and running-total markers are, and where its clauses break.
 * Computed lazily, only for sentences that hold a number (or are read as context for one).
 */
import type { CompiledCategory, CompiledRules, Phrase, VocabularyEntry } from './compileRules.js';
import type { Span } from './sentences.js';
import { equalsFolded as equalsFoldedImported, hashFolded as hashFoldedImported, isDigitCode as isDigitCodeImported, scanWords as scanWordsImported, type WordScan } from './words.js';

// Module-local aliases: a direct call on every number, not a live-binding lookup (tsx runs modules
// through an interop layer that turns each imported call into a getter call).
const isDigitCode = isDigitCodeImported;
const scanWords = scanWordsImported;
const equalsFolded = equalsFoldedImported;
const hashFolded = hashFoldedImported;

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

/** The longest phrase of `list` that starts at word i, with the index of its last word. */
function phraseAt<T>(text: string, w: WordScan, i: number, list: ReadonlyArray<Phrase<T>> | undefined): { phrase: Phrase<T>; last: number } | null {
  if (!list) return null;
  outer: for (const phrase of list) {
    const n = phrase.words.length;
    if (i + n > w.count) continue;
    for (let k = 0; k < n; k++) {
      const j = i + k;
      if (k > 0) {
        if (w.hashes[j] !== phrase.hashes[k] || !equalsFolded(text, w.starts[j]!, w.ends[j]!, phrase.words[k]!)) continue outer;
        if (!joined(text, w.ends[j - 1]!, w.starts[j]!)) continue outer;
      }
      if (phrase.written) {
        const as = text.slice(w.starts[j]!, w.ends[j]!);
        const expected = phrase.written[k]!;
        if (as !== expected && !(k === 0 && phrase.capitalizable && as === expected[0]!.toUpperCase() + expected.slice(1))) continue outer;
      }
    }
    return { phrase, last: i + n - 1 };
  }
  return null;
}

const OF_HASH = hashFolded('of', 0, 2);

// "tranche of military aid", "package of security assistance": the first noun is the head.
function ofLinked(w: WordScan, from: number, to: number, text: string): boolean {
  // Between the two triggers: "of", then at most two modifiers.
  const between = to - from - 1;
  if (between < 1 || between > 3 || w.hashes[from + 1] !== OF_HASH || !equalsFolded(text, w.starts[from + 1]!, w.ends[from + 1]!, 'of')) return false;
  for (let k = from + 1; k <= to; k++) if (!joined(text, w.ends[k - 1]!, w.starts[k]!)) return false;
  return true;
}

/** "US$15 billion" is a currency, "Iranian-made drones" names the maker: neither names who gives or launches. */
const MAKER = /^-(?:made|built|designed|produced|manufactured|developed|supplied)(?![A-Za-z])/;
function notAnActor(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 36) return true;
  return c === 45 && MAKER.test(text.slice(end, end + 14));
}

export function sentenceFacts(text: string, span: Span, rules: CompiledRules): SentenceFacts {
  const w = scanWords(text, span.start, span.end);
  const triggers: TriggerHit[] = [];
  const triggerLast: number[] = [];
  const mentions: ActorMention[] = [];
  const markers: Span[] = [];
  let skipTrigger = -1;
  let skipAlias = -1;
  let skipMarker = -1;
  for (let i = 0; i < w.count; i++) {
    const candidates = rules.vocabulary.get(w.hashes[i]!);
    if (!candidates) continue;
    let entry: VocabularyEntry | undefined;
    for (const e of candidates) {
      if (equalsFolded(text, w.starts[i]!, w.ends[i]!, e.word)) {
        entry = e;
        break;
      }
    }
    if (!entry) continue;
    if (i > skipTrigger) {
      const t = phraseAt(text, w, i, entry.triggers);
      if (t) {
        const prev = triggers[triggers.length - 1];
        const prevLast = triggerLast[triggerLast.length - 1];
        if (prev && prevLast !== undefined && ofLinked(w, prevLast, i, text)) {
          prev.end = w.ends[t.last]!;
          triggerLast[triggerLast.length - 1] = t.last;
        } else {
          triggers.push({ start: w.starts[i]!, end: w.ends[t.last]!, categories: t.phrase.value });
          triggerLast.push(t.last);
        }
        skipTrigger = t.last;
      }
    }
    if (i > skipAlias) {
      const a = phraseAt(text, w, i, entry.aliases);
      if (a && !notAnActor(text, w.ends[a.last]!)) {
        mentions.push({ start: w.starts[i]!, end: w.ends[a.last]!, actor: a.phrase.value, lower: a.phrase.key });
        skipAlias = a.last;
      }
    }
    if (i > skipMarker) {
      const m = phraseAt(text, w, i, entry.markers);
      if (m) {
        markers.push({ start: w.starts[i]!, end: w.ends[m.last]! });
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

  return { start: span.start, end: span.end, triggers, mentions, markers, breaks };
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

