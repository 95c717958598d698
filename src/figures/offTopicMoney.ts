/**
 * Money in a story about war aid that pays for something else: an omnibus bill's "$9.25 billion in
 * covid-19 funding", "$1.2 billion to counter fentanyl smuggling", a "BORDER SECURITY: $13.6 BILLION"
 * line. The purpose words (config offTopicWords) must stand in the amount's own clause after it, or
 * in the heading right before it, so that "Ukraine aid, with the rest going to border enforcement"
 * keeps the Ukraine amount.
 */
import type { NumberMention } from './readNumber.js';
import type { SentenceFacts } from './sentenceFacts.js';
import { wordListPattern } from './wordListPattern.js';

/** How far after the amount its purpose is looked for, in characters. */
const PURPOSE_REACH = 80;

export function isOffTopicMoney(text: string, mention: NumberMention, facts: SentenceFacts, words: readonly string[]): boolean {
  const re = wordListPattern(words);
  if (!re) return false;
  const breaks = facts.breaks;
  // The clause break before the amount, and the one after it.
  let before = -1;
  let after = facts.end;
  for (const b of breaks) {
    if (b < mention.start) before = b;
    else if (b >= mention.end) {
      after = b;
      break;
    }
  }
  re.lastIndex = 0;
  if (re.test(text.slice(mention.end, Math.min(after, mention.end + PURPOSE_REACH)))) return true;
  // "BORDER SECURITY: $13.6 BILLION": a heading ended by a colon right before the amount.
  if (before >= 0 && text.charCodeAt(before) === 58 && text.slice(before + 1, mention.start).trim() === '') {
    let headStart = facts.start;
    for (const b of breaks) if (b < before) headStart = b + 1;
    re.lastIndex = 0;
    return re.test(text.slice(headStart, before));
  }
  return false;
}
