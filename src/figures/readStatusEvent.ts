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

export function readStatus(a: Around, rules: FigureRulesLike): FigureStatus | null {
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
