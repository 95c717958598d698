/**
 * Which tracked kind a number belongs to, by how tightly a trigger word is bound to it: the noun it
 * counts ("12 drones"), then a predicate ("600 troops have been killed"), a trigger right before
 * ("injured 15"), a phrase right after ("$110 billion in aid"), and only for money, or for a number
 * that continues a list, the sentence and its neighbours. No trigger, no figure: "more than 30
 * residential buildings" counts nothing this beat tracks.
 */
import { categoryAccepts, type CompiledCategory, type CompiledRules } from './compileRules.js';
import type { NumberMention } from './readNumber.js';
import type { SentenceFacts } from './sentenceFacts.js';
import { adjacentTrigger, firstCategoryIn, inPhraseTrigger, predicateTrigger, type NounPhrase } from './nounPhrase.js';

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
}

export interface CategoryChoice {
  category: CompiledCategory;
  /** How the category was found; "adjacent" extends the quote back to the trigger ("injured 15"). */
  via: 'noun' | 'predicate' | 'adjacent' | 'phrase' | 'sentence' | 'list' | 'context';
  /** Start of the trigger when via is "adjacent". */
  triggerStart?: number;
}

export function chooseCategory(c: CategoryContext): CategoryChoice | null {
  const { mention, noun, facts, text } = c;
  const { unit, isMoney } = mention;

  if (unit === 'ordinal') {
    // "68th tranche", "fourth package"; "80th anniversary" and "the first time" count nothing.
    const head = noun.kind === 'trigger' ? noun.head : null;
    return head && categoryAccepts(head.category, unit, isMoney) ? { category: head.category, via: 'noun' } : null;
  }
  if (mention.yearLike && noun.kind !== 'trigger' && noun.kind !== 'people') return null;

  switch (noun.kind) {
    case 'other':
      return null;
    case 'trigger': {
      const head = noun.head!.category;
      const predicate = predicateTrigger(text, noun.end, facts);
      if (predicate && predicate.category.overrides.has(head.name) && categoryAccepts(predicate.category, unit, isMoney)) {
        return { category: predicate.category, via: 'predicate' };
      }
      return categoryAccepts(head, unit, isMoney) ? { category: head, via: 'noun' } : null;
    }
    case 'people': {
      const adjacent = adjacentTrigger(text, c.quoteStart, facts);
      if (adjacent && adjacent.category.people && categoryAccepts(adjacent.category, unit, isMoney)) {
        return { category: adjacent.category, via: 'adjacent', triggerStart: adjacent.start };
      }
      const predicate = predicateTrigger(text, noun.end, facts);
      if (predicate && predicate.category.people && categoryAccepts(predicate.category, unit, isMoney)) {
        return { category: predicate.category, via: 'predicate' };
      }
      const inSentence = firstCategoryIn(facts, unit, isMoney, true);
      return inSentence ? { category: inSentence.category, via: 'sentence' } : null;
    }
    case 'none': {
      const adjacent = adjacentTrigger(text, c.quoteStart, facts);
      if (adjacent && categoryAccepts(adjacent.category, unit, isMoney)) return { category: adjacent.category, via: 'adjacent', triggerStart: adjacent.start };
      const predicate = predicateTrigger(text, c.numberEnd, facts);
      if (predicate && categoryAccepts(predicate.category, unit, isMoney)) return { category: predicate.category, via: 'predicate' };
      if (isMoney) {
        const inPhrase = inPhraseTrigger(text, c.numberEnd, facts);
        if (inPhrase && categoryAccepts(inPhrase.category, unit, isMoney)) return { category: inPhrase.category, via: 'phrase' };
        const inSentence = firstCategoryIn(facts, unit, isMoney, false);
        if (inSentence) return { category: inSentence.category, via: 'sentence' };
        if (c.previousInSentence && categoryAccepts(c.previousInSentence, unit, isMoney)) return { category: c.previousInSentence, via: 'list' };
        const previous = c.reader.previous(c.sentence);
        const before = previous ? firstCategoryIn(previous, unit, isMoney, false) : null;
        if (before) return { category: before.category, via: 'context' };
        return c.recentMoney && categoryAccepts(c.recentMoney, unit, isMoney) ? { category: c.recentMoney, via: 'context' } : null;
      }
      // A bare count is a figure only as the next item of something already counted in this
      // sentence: "another four", "two over Kursk", "18,000 of those".
      if ((c.additional || c.listContinuation || noun.anaphoric) && c.previousInSentence && categoryAccepts(c.previousInSentence, unit, isMoney)) {
        return { category: c.previousInSentence, via: 'list' };
      }
      if (unit === 'percent') {
        const inSentence = firstCategoryIn(facts, unit, isMoney, false);
        return inSentence ? { category: inSentence.category, via: 'sentence' } : null;
      }
      return null;
    }
  }
}
