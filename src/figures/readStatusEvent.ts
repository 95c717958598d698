/**
 * Where a money or equipment figure stands (proposed, pledged, delivered) and what happened to
 * counted drones or missiles (launched, shot down, hit), from the config word lists: the listed word
 * nearest the figure within its sentence decides ("Congress approved $5 billion and the White House
 * asked for $10 billion more": each amount takes its own verb). With no word in the sentence, the
 * previous figure of the same kind in the sentence lends its own ("six F-16s in January and eight
 * in 2024"), then the category's default.
 */
import type { FigureEvent, FigureStatus } from './figure.js';
import type { FigureRulesLike } from './compileRules.js';
import { nearestWord } from './wordListPattern.js';

type Lists<L extends string> = ReadonlyArray<readonly [L, readonly string[]]>;

const statusCache = new WeakMap<object, Lists<FigureStatus>>();
const eventCache = new WeakMap<object, Lists<FigureEvent>>();

function statusLists(rules: FigureRulesLike): Lists<FigureStatus> {
  let l = statusCache.get(rules);
  if (!l) {
    const w = rules.statusWords ?? { proposed: [], pledged: [], delivered: [] };
    l = [['proposed', w.proposed ?? []], ['pledged', w.pledged ?? []], ['delivered', w.delivered ?? []]];
    statusCache.set(rules, l);
  }
  return l;
}

function eventLists(rules: FigureRulesLike): Lists<FigureEvent> {
  let l = eventCache.get(rules);
  if (!l) {
    const w = rules.eventWords ?? { launched: [], shot_down: [], hit: [] };
    l = [['shot_down', w.shot_down ?? []], ['hit', w.hit ?? []], ['launched', w.launched ?? []]];
    eventCache.set(rules, l);
  }
  return l;
}

export interface Around {
  text: string;
  /** The sentence. */
  floor: number;
  ceiling: number;
  /** The figure's quote. */
  from: number;
  to: number;
}

/** The status lists without the nouns (config statusNouns): what the verbs of a clause say. */
const verbCache = new WeakMap<object, Lists<FigureStatus>>();
function statusVerbLists(rules: FigureRulesLike): Lists<FigureStatus> {
  let l = verbCache.get(rules);
  if (!l) {
    const nouns = new Set((rules.statusNouns ?? []).map((w) => w.toLowerCase()));
    l = statusLists(rules).map(([label, words]) => [label, words.filter((w) => !nouns.has(w.toLowerCase()))] as const);
    verbCache.set(rules, l);
  }
  return l;
}

const isBreak = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  if (c === 44) return !(/\d/.test(text.charAt(i - 1)) && /\d/.test(text.charAt(i + 1)));
  return c === 59 || c === 58 || c === 40 || c === 41 || c === 0x2014 || c === 0x2013;
};

/** The clause around [from, to): between the nearest clause breaks (commas in "13,000" are none). */
function clauseOf(a: Around): { start: number; end: number } {
  // Within [floor, ceiling) even when the figure lies outside it (a part read after its whole).
  let start = Math.max(a.floor, Math.min(a.from, a.ceiling));
  while (start > a.floor && !isBreak(a.text, start - 1)) start--;
  let end = Math.min(a.ceiling, Math.max(a.to, a.floor));
  while (end < a.ceiling && !isBreak(a.text, end)) end++;
  return { start, end };
}

/**
 * The status word nearest the figure; but a verb of the figure's own clause says what happened to
 * the thing a noun names ("the aid bill finally clears Congress", "the request was approved"),
 * so it beats a noun there (config statusNouns).
 */
export function readStatus(a: Around, rules: FigureRulesLike): FigureStatus | null {
  if ((rules.statusNouns ?? []).length > 0) {
    const clause = clauseOf(a);
    const verb = nearestWord(a.text, clause.start, clause.end, a.from, a.to, statusVerbLists(rules));
    if (verb) return verb.label;
  }
  return nearestWord(a.text, a.floor, a.ceiling, a.from, a.to, statusLists(rules))?.label ?? null;
}

export function readEvent(a: Around, rules: FigureRulesLike): FigureEvent | null {
  return nearestWord(a.text, a.floor, a.ceiling, a.from, a.to, eventLists(rules))?.label ?? null;
}

/** A shoot-down word ("downed", "intercepted") stands in the sentence before the figure. */
export function shootDownBefore(a: Around, rules: FigureRulesLike): boolean {
  const lists = eventLists(rules).filter(([label]) => label === 'shot_down');
  return a.from > a.floor && nearestWord(a.text, a.floor, a.from, a.from, a.to, lists) !== null;
}

/**
 * "5 of the 31 promised tanks have been handed over": the part stands where the predicate puts it;
 * the word on the whole ("promised") is the whole's. Words of the quote count only when the
 * sentence has none outside it.
 */
export function readStatusOfPart(a: Around, rules: FigureRulesLike): FigureStatus | null {
  return readStatus({ ...a, floor: a.to }, rules) ?? readStatus({ ...a, ceiling: a.from }, rules) ?? readStatus(a, rules);
}
