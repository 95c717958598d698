/**
 * Which tracked kind a number belongs to, by how tightly a trigger word is bound to it: the noun it
 * counts ("12 drones"), then a predicate ("600 troops have been killed"), a trigger right before
 * ("injured 15"), a phrase right after ("$110 billion in aid"), and only for money, or for a number
 * that continues a list, the sentence and its neighbours. No trigger, no figure: "more than 30
 * residential buildings" counts nothing this beat tracks.
 */
import { categoryAccepts, pickCategory as pickFrom, type CompiledCategory, type CompiledRules } from './compileRules.js';
import type { NumberMention } from './readNumber.js';
import { isOffTopicMoney } from './offTopicMoney.js';
import { wordListPattern } from './wordListPattern.js';
import { clauseAt, mentionAt, type SentenceFacts } from './sentenceFacts.js';
import { wordAfter, wordBefore } from './words.js';
import { adjacentTrigger, bareTally, firstCategoryIn as firstIn, inPhraseTrigger, predicateIn, predicateTrigger, tallyTrigger, type NounPhrase } from './nounPhrase.js';

export interface CategoryContext {
  text: string;
  rules: CompiledRules;
  facts: SentenceFacts;
  /** The article, for the sentence before (money named without a trigger: "About $23.6 billion of that ..."). */
  reader: { previous(sentence: number): SentenceFacts | null };
  sentence: number;
  mention: NumberMention;
  /** Where the hedge before the number starts. */
  quoteStart: number;
  /** After the number and any hedge after it. */
  numberEnd: number;
  noun: NounPhrase;
  /** "another four", "an additional $1.7 billion". */
  additional: boolean;
  /** The number continues a list begun by a figure earlier in the sentence ("..., two over Kursk and one over Oryol"). */
  listContinuation: boolean;
  /** Category of the figure before this one in the same sentence with the same unit, if any. */
  previousInSentence: CompiledCategory | null;
  /** Category of the most recent money figure within the last few sentences, if any. */
  recentMoney: CompiledCategory | null;
  /**
   * A bare count that goes on from drones or missiles counted just before ("Russia launched 20 drones.
   * Air defences downed 18. Two more vanished."): that figure's category, else null.
   */
  eventContinuation: CompiledCategory | null;
}

export interface CategoryChoice {
  category: CompiledCategory;
  /** How the category was found; "adjacent" and "predicate" extend the quote to the trigger ("injured 15", "15 were injured"). */
  via: 'noun' | 'predicate' | 'adjacent' | 'tally' | 'phrase' | 'sentence' | 'list' | 'context';
  /** A tally raised by a verb of adding ("takes the tally of ... to 120"): a running total. */
  running?: boolean;
  /** The trigger's span when via is "adjacent", "tally" or "predicate". */
  triggerStart?: number;
  triggerEnd?: number;
}

export function chooseCategory(c: CategoryContext): CategoryChoice | null {
  let choice = chooseByTrigger(c, NONE_BLOCKED);
  // "Russia's military spending reached $109 billion": a side's own spending holds only when a side
  // is named last before it; else the figure is read again without that category ("the US has spent $75 billion on aid").
  for (let n = 0; n < 2 && choice && choice.category.onlyFor.size > 0 && !spenderIn(c.facts, c.quoteStart, choice.category.onlyFor); n++) {
    choice = chooseByTrigger(c, new Set([choice.category]));
  }
  if (choice && choice.category.onlyFor.size > 0 && !spenderIn(c.facts, c.quoteStart, choice.category.onlyFor)) return null;
  if (choice && choice.category.status) {
    const bill = c.rules.categories.find((k) => k.takesBillFrom.has(choice!.category.name));
    if (bill && inSentence(c.text, c.facts, bill.billWords) && !inSentence(c.text, c.facts, bill.billUnless)) return { ...choice, category: bill };
  }
  if (choice && choice.category.event) {
    const taker = c.rules.categories.find((k) => k.takesGivenFrom.has(choice!.category.name));
    if (taker && isGivenNotFired(c.text, c.facts, taker.givenWords, c.rules.eventWords)) return { ...choice, category: taker };
  }
  return choice;
}

/** The sentence names a giving ("package", "will supply") and no launch, shoot-down or hit. */
function isGivenNotFired(text: string, facts: SentenceFacts, given: readonly string[], events: readonly string[]): boolean {
  const g = wordListPattern(given);
  if (!g) return false;
  const sentence = text.slice(facts.start, facts.end);
  g.lastIndex = 0;
  if (!g.test(sentence)) return false;
  const e = wordListPattern(events);
  if (!e) return true;
  e.lastIndex = 0;
  return !e.test(sentence);
}

const NONE_BLOCKED: ReadonlySet<CompiledCategory> = new Set();

/**
 * The first actor named before `pos` in its clause (else in its sentence), the one who spends, is one
 * of `actors`: "Russia's military spending", not "the UK's support for Ukraine's war".
 */
function spenderIn(facts: SentenceFacts, pos: number, actors: ReadonlySet<string>): boolean {
  const clause = clauseAt(facts, pos);
  let first: string | null = null;
  for (const m of facts.mentions) {
    if (m.start >= pos) break;
    if (m.start >= clause.start) return actors.has(m.actor);
    first ??= m.actor;
  }
  return first !== null && actors.has(first);
}

function chooseByTrigger(c: CategoryContext, blocked: ReadonlySet<CompiledCategory>): CategoryChoice | null {
  const { mention, noun, facts, text } = c;
  // Categories ruled out for this figure are skipped wherever a trigger offers them.
  const pickCategory = (list: readonly CompiledCategory[], unit: string, isMoney: boolean, peopleOnly = false): CompiledCategory | null =>
    pickFrom(blocked.size === 0 ? list : list.filter((k) => !blocked.has(k)), unit, isMoney, peopleOnly);
  const firstCategoryIn = (f: SentenceFacts, unit: string, isMoney: boolean, peopleOnly: boolean): CompiledCategory | null => firstIn(f, unit, isMoney, peopleOnly, blocked);
  const { unit, isMoney } = mention;

  if (unit === 'ordinal') {
    // "68th tranche", "fourth package"; "80th anniversary" and "the first time" count nothing.
    const head = noun.kind === 'trigger' && noun.head ? pickCategory(noun.head.categories, unit, isMoney) : null;
    return head ? { category: head, via: 'noun' } : null;
  }
  if (mention.yearLike && noun.kind !== 'trigger' && noun.kind !== 'people') return null;
  if (isMoney && isOffTopicMoney(text, mention, facts, c.rules.offTopicWords)) return null;

  switch (noun.kind) {
    case 'other':
      return null;
    case 'trigger': {
      const head = pickCategory(noun.head!.categories, unit, isMoney);
      if (!head) return null;
      // "Twenty-seven of the dead had been identified": a part of a toll already given.
      if (noun.partitive && predicateIn(text, noun.end, facts, head.rementionWords)) return null;
      // "The Netherlands has 42 F-16s at its disposal": a stock held, not given.
      if (isHeldStock(text, noun.end, facts, head.heldWords) && !givenBefore(text, c.quoteStart, facts, head.givenWords)) return null;
      // "trained approximately 60,000 Ukrainian troops", "killed 600 soldiers": a verb right before takes the noun over.
      const before = adjacentTrigger(text, c.quoteStart, facts);
      if (before) {
        for (const b of before.categories) {
          if ((b.overrides.has(head.name) || b.takesObject.has(head.name)) && categoryAccepts(b, unit, isMoney)) return { category: b, via: 'noun' };
        }
      }
      const predicate = predicateTrigger(text, noun.end, facts);
      if (predicate) {
        for (const p of predicate.categories) {
          if (p.overrides.has(head.name) && categoryAccepts(p, unit, isMoney)) return { category: p, via: 'predicate' };
        }
      }
      return { category: head, via: 'noun' };
    }
    case 'people': {
      const tally = tallyTrigger(text, c.quoteStart, facts, c.rules);
      const t = tally ? pickCategory(tally.trigger.categories, unit, isMoney, true) : null;
      if (t) return { category: t, via: 'tally', running: tally!.running, triggerStart: tally!.trigger.start, triggerEnd: tally!.trigger.end };
      const adjacent = adjacentTrigger(text, c.quoteStart, facts);
      const a = adjacent ? pickCategory(adjacent.categories, unit, isMoney, true) : null;
      if (a) return { category: a, via: 'adjacent', triggerStart: adjacent!.start, triggerEnd: adjacent!.end };
      const predicate = predicateTrigger(text, noun.end, facts);
      const p = predicate ? pickCategory(predicate.categories, unit, isMoney, true) : null;
      if (p) return { category: p, via: 'predicate', triggerStart: predicate!.start, triggerEnd: predicate!.end };
      const inSentence = firstCategoryIn(facts, unit, isMoney, true);
      return inSentence ? { category: inSentence, via: 'sentence' } : null;
    }
    case 'none': {
      const tally = tallyTrigger(text, c.quoteStart, facts, c.rules);
      const t = tally ? pickCategory(tally.trigger.categories, unit, isMoney) : null;
      if (t) return { category: t, via: 'tally', running: tally!.running, triggerStart: tally!.trigger.start, triggerEnd: tally!.trigger.end };
      const adjacent = adjacentTrigger(text, c.quoteStart, facts);
      const a = adjacent ? pickCategory(adjacent.categories, unit, isMoney) : null;
      if (a) return { category: a, via: 'adjacent', triggerStart: adjacent!.start, triggerEnd: adjacent!.end };
      // "1,000 of them have been killed": the predicate follows the anaphor.
      const predicate = predicateTrigger(text, Math.max(c.numberEnd, noun.end), facts);
      const p = predicate ? pickCategory(predicate.categories, unit, isMoney) : null;
      if (p) return { category: p, via: 'predicate', triggerStart: predicate!.start, triggerEnd: predicate!.end };
      if (isMoney) {
        const inPhrase = inPhraseTrigger(text, c.numberEnd, facts);
        const i = inPhrase ? pickCategory(inPhrase.categories, unit, isMoney) : null;
        if (i) return { category: i, via: 'phrase' };
        const inSentence = firstCategoryIn(facts, unit, isMoney, false);
        if (inSentence) return { category: inSentence, via: 'sentence' };
        if (c.previousInSentence && categoryAccepts(c.previousInSentence, unit, isMoney)) return { category: c.previousInSentence, via: 'list' };
        const previous = c.reader.previous(c.sentence);
        const before = previous ? firstCategoryIn(previous, unit, isMoney, false) : null;
        if (before) return { category: before, via: 'context' };
        if (c.recentMoney && categoryAccepts(c.recentMoney, unit, isMoney)) return { category: c.recentMoney, via: 'context' };
        // "Biden asks Congress for $37B for Ukraine": money for the beat's recipient, with no other word.
        const forRecipient = recipientCategory(text, c.numberEnd, facts, c.rules);
        return forRecipient && categoryAccepts(forRecipient, unit, isMoney) ? { category: forRecipient, via: 'phrase' } : null;
      }
      // A bare count is a figure only as the next item of something already counted in this
      // sentence: "another four", "two over Kursk", "18,000 of those".
      if ((c.additional || c.listContinuation || noun.anaphoric || isRestOf(text, c.quoteStart, facts.start)) && c.previousInSentence && categoryAccepts(c.previousInSentence, unit, isMoney)) {
        return { category: c.previousInSentence, via: 'list' };
      }
      if (c.eventContinuation && categoryAccepts(c.eventContinuation, unit, isMoney)) return { category: c.eventContinuation, via: 'list' };
      // "1,602 more were confirmed dead, bringing the total to 5,102": a tally with no kind of its own
      // counts what the sentence counted before it.
      const bare = bareTally(text, c.quoteStart, facts, c.rules);
      if (bare) {
        const kind = c.previousInSentence && categoryAccepts(c.previousInSentence, unit, isMoney) ? c.previousInSentence : (nearestBefore(facts, bare.start, unit, isMoney) ?? firstCategoryIn(facts, unit, isMoney, false));
        if (kind) return { category: kind, via: 'tally', running: bare.running, triggerStart: bare.start };
      }
      if (unit === 'percent') {
        const inSentence = firstCategoryIn(facts, unit, isMoney, false);
        return inSentence ? { category: inSentence, via: 'sentence' } : null;
      }
      return null;
    }
  }
}

/** Words that may follow the recipient when the money is its own ("$37B for Ukraine as the war ..."). */
const AFTER_RECIPIENT = new Set(['and', 'in', 'as', 'from', 'on', 'over', 'after', 'amid', 'with', 'by', 'this', 'next', 'since', 'until', 'to', 'at', 'before', 'during', 'while', 'but', 'which', 'that', 'was', 'is', 'were', 'are', 'will', 'would', 'has', 'have', 'had']);

/** "$37B for Ukraine", "$2bn to Kyiv": the category whose recipient (one of its neverActors) the money goes to, if it takes money so. */
function recipientCategory(text: string, pos: number, facts: SentenceFacts, rules: CompiledRules): CompiledCategory | null {
  const w = wordAfter(text, pos, facts.end);
  if (!w || (w.lower !== 'for' && w.lower !== 'to')) return null;
  const next = wordAfter(text, w.end, facts.end);
  const at = next && next.lower === 'the' ? wordAfter(text, next.end, facts.end) : next;
  if (!at) return null;
  const named = mentionAt(facts, at.start);
  if (!named) return null;
  // "to Ukraine striker Mudryk": the name only modifies the one paid.
  const then = wordAfter(text, named.end, facts.end);
  if (then && !AFTER_RECIPIENT.has(then.lower)) return null;
  return rules.categories.find((k) => k.moneyForRecipient && k.neverActors.has(named.actor)) ?? null;
}

/** Words after "the" that make a bare count the rest of a set counted before: "the remaining five", "the other three". */
const REST_WORDS = new Set(['remaining', 'other', 'last', 'final', 'rest']);

/** "... eight F-16s in 2024 and the remaining five in 2025": a bare count that completes the list. */
function isRestOf(text: string, start: number, floor: number): boolean {
  const rest = wordBefore(text, start, floor);
  if (!rest || !REST_WORDS.has(rest.lower)) return false;
  const the = wordBefore(text, rest.start, floor);
  return the !== null && the.lower === 'the';
}

/** The category of the trigger nearest before `pos` that takes this unit ("an estimate of Russian casualties gave totals ..."). */
function nearestBefore(facts: SentenceFacts, pos: number, unit: string, isMoney: boolean): CompiledCategory | null {
  for (let i = facts.triggers.length - 1; i >= 0; i--) {
    const t = facts.triggers[i]!;
    if (t.end > pos) continue;
    const k = pickFrom(t.categories, unit, isMoney);
    if (k) return k;
  }
  return null;
}

/** How far after the counted noun a stock phrase may stand ("42 F-16s at its disposal"). */
const HELD_REACH = 24;

function isHeldStock(text: string, nounEnd: number, facts: SentenceFacts, words: readonly string[]): boolean {
  const re = wordListPattern(words);
  if (!re) return false;
  const end = Math.min(clauseAt(facts, nounEnd).end, nounEnd + HELD_REACH, facts.end);
  const m = re.exec(text.slice(nounEnd, end));
  re.lastIndex = 0;
  // The phrase must follow the noun directly ("tanks in storage"), not a later verb's object.
  return m !== null && text.slice(nounEnd, nounEnd + m.index).trim() === '';
}

/** A giving word before the figure in its clause: "will send 20 tanks in storage" is given all the same. */
function givenBefore(text: string, pos: number, facts: SentenceFacts, words: readonly string[]): boolean {
  const re = wordListPattern(words);
  if (!re) return false;
  re.lastIndex = 0;
  const found = re.test(text.slice(clauseAt(facts, pos).start, pos));
  re.lastIndex = 0;
  return found;
}

function inSentence(text: string, facts: SentenceFacts, words: readonly string[]): boolean {
  const re = wordListPattern(words);
  if (!re) return false;
  re.lastIndex = 0;
  const found = re.test(text.slice(facts.start, facts.end));
  re.lastIndex = 0;
  return found;
}
