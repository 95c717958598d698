/**
 * Whose figure it is, by the category's role:
 * - agent (aid, troops, training): an actor in the counted noun ("North Korean troops"), the
 *   agent after "by", else the subject before the number ("the U.S. has delivered"), skipping
 *   names that follow a preposition ("for Ukraine", "with Russia": recipients and places);
 * - launcher (drones, missiles): the actor that modifies the weapon ("Russian drones"), here or in
 *   the sentences before, whether the figure counts launches or shoot-downs;
 * - victim (casualties): the people's nationality or the place hit ("in Kyiv"), never the attacker
 *   ("a Russian missile attack").
 * With nothing in the sentence, the previous figure of the same kind lends its actor.
 */
import type { CompiledCategory, CompiledRules } from './compileRules.js';
import { triggerAt, type ActorMention, type SentenceFacts } from './sentenceFacts.js';
import { wordAfter as wordAfterImported, wordBefore as wordBeforeImported } from './words.js';

// Module-local aliases: a direct call on every number, not a live-binding lookup (tsx runs modules
// through an interop layer that turns each imported call into a getter call).
const wordAfter = wordAfterImported;
const wordBefore = wordBeforeImported;

export interface ActorContext {
  text: string;
  rules: CompiledRules;
  facts: SentenceFacts;
  /** The article, for up to two sentences before this one (read only when the sentence names no actor). */
  reader: { previousTwo(sentence: number): SentenceFacts[] };
  sentence: number;
  category: CompiledCategory;
  quoteStart: number;
  numberStart: number;
  numberEnd: number;
  /** End of the counted noun phrase. */
  nounEnd: number;
  /** Actor of the latest figure of the same category within the last few sentences (undefined: none). */
  previousActor: string | null | undefined;
}

/** Prepositions after which a name is a recipient, target or place, not the one acting. */
const NOT_AGENT = new Set([
  'to', 'for', 'into', 'against', 'with', 'in', 'on', 'at', 'from', 'of', 'toward', 'towards', 'over', 'across', 'inside', 'near',
  'about', 'between', 'among', 'since', 'after', 'before', 'during', 'than', 'via', 'through', 'onto', 'upon', 'within',
  'without', 'like', 'behind', 'beyond', 'under', 'around', 'throughout', 'visited', 'visit', 'visiting',
  // "give Ukraine 31 tanks": the name right after a verb of giving is its indirect object, the recipient.
  'give', 'gives', 'giving', 'gave', 'given', 'send', 'sends', 'sending', 'provide', 'provides', 'providing', 'supply', 'supplies',
  'supplying', 'offer', 'offers', 'offered', 'offering', 'grant', 'grants', 'granted', 'hand', 'hands', 'handed', 'lend', 'lent', 'sell', 'sold',
]);
const PLACE = new Set(['in', 'on', 'at', 'of', 'near', 'over', 'across', 'outside', 'around', 'inside', 'into']);
const SKIP_BEFORE = new Set(['the', 'its', 'their', 'both', 'and']);
const AUXILIARIES = new Set([
  'has', 'have', 'had', 'is', 'are', 'was', 'were', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'shall', 'should',
  'did', 'does', 'do', 'says', 'said', 'plans', 'sent', 'gave', 'gives', 'sends', 'provides', 'made', 'paid', 'spent', 'pledges',
  'launched', 'fired', 'shot', 'lost', 'built', 'brought', 'deploys', 'deployed', 'trains', 'gives',
]);
/** Verbs whose subject is the receiving side: the giver is named after "from". */
const RECEIVE = new Set(['received', 'receives', 'receive', 'receiving', 'obtained', 'got', 'gets', 'secured', 'secures', 'won']);
const ADVERBS = new Set(['also', 'still', 'now', 'already', 'reportedly', 'previously', 'recently', 'just', 'then', 'since', 'so', 'far', 'together', 'jointly', 'collectively', 'alone']);

function governingWord(text: string, m: ActorMention, floor: number): string | null {
  let w = wordBefore(text, m.start, floor);
  for (let n = 0; w && n < 2 && SKIP_BEFORE.has(w.lower); n++) w = wordBefore(text, w.start, floor);
  return w ? w.lower : null;
}

function isSubjectLike(text: string, m: ActorMention, limit: number): boolean {
  let p = m.end;
  for (let n = 0; n < 3; n++) {
    const w = wordAfter(text, p, limit);
    if (!w) return false;
    if (AUXILIARIES.has(w.lower) || (w.lower.length > 4 && w.lower.endsWith('ed'))) return true;
    if (!ADVERBS.has(w.lower)) return false;
    p = w.end;
  }
  return false;
}

function isAttacker(text: string, m: ActorMention, rules: CompiledRules, limit: number): boolean {
  const w = wordAfter(text, m.end, limit);
  if (!w) return false;
  if (rules.attackWords.has(w.lower)) return true;
  const w2 = wordAfter(text, w.end, limit);
  return !!w2 && rules.attackWords.has(`${w.lower} ${w2.lower}`);
}

function mentionsWithin(facts: SentenceFacts, start: number, end: number): ActorMention[] {
  return facts.mentions.filter((m) => m.start >= start && m.end <= end);
}

/** "provided by the US State Department", "launched by Russia". */
function agentAfter(c: ActorContext): string | null {
  for (const m of c.facts.mentions) {
    if (m.start < c.nounEnd || m.start - c.nounEnd > 80) continue;
    if (governingWord(c.text, m, c.facts.start) === 'by') return m.actor;
  }
  return null;
}

/** "Ukraine has received $5 billion from the EU": the clause's verb before the number is one of receiving. */
function receivedBySubject(c: ActorContext): boolean {
  let p = c.quoteStart;
  for (let n = 0; n < 4; n++) {
    const w = wordBefore(c.text, p, c.facts.start);
    if (!w) return false;
    if (RECEIVE.has(w.lower)) return true;
    p = w.start;
  }
  return false;
}

/** The actor after "from" in the rest of the clause, or null. */
function fromAfter(c: ActorContext): string | null {
  for (const m of c.facts.mentions) {
    if (m.start < c.nounEnd || m.start - c.nounEnd > 80) continue;
    if (governingWord(c.text, m, c.facts.start) === 'from') return m.actor;
  }
  return null;
}

/** The subject before the number: the nearest subject-like name, else the nearest name that is no recipient. */
function subjectBefore(c: ActorContext, facts: SentenceFacts, before: number): string | null {
  let fallback: string | null = null;
  for (let i = facts.mentions.length - 1; i >= 0; i--) {
    const m = facts.mentions[i]!;
    if (m.end > before) continue;
    const gov = governingWord(c.text, m, facts.start);
    if (gov !== null && (NOT_AGENT.has(gov) || gov === 'by')) {
      if (gov === 'by') return m.actor;
      continue;
    }
    // "The Ukrainian forces also received four tanks": the subject of a verb of receiving is the recipient.
    if (receivesAfter(c.text, m, facts.end)) continue;
    if (isSubjectLike(c.text, m, facts.end)) return m.actor;
    if (fallback === null && !isPossessiveOfPlace(c.text, m)) fallback = m.actor;
  }
  return fallback;
}

function receivesAfter(text: string, m: ActorMention, limit: number): boolean {
  let p = m.end;
  for (let n = 0; n < 4; n++) {
    const w = wordAfter(text, p, limit);
    if (!w) return false;
    if (RECEIVE.has(w.lower)) return true;
    p = w.end;
  }
  return false;
}

/** "Russia's February 2022 invasion" names a time, not an actor of the clause. */
function isPossessiveOfPlace(text: string, m: ActorMention): boolean {
  const c = text.charCodeAt(m.end);
  return (c === 39 || c === 0x2019) && text.charCodeAt(m.end + 1) === 115;
}

/** "Russian drones", "Ukrainian drone attacks": an actor right before a trigger of the category. */
function modifierActor(c: ActorContext, facts: SentenceFacts, before: number): string | null {
  for (let i = facts.mentions.length - 1; i >= 0; i--) {
    const m = facts.mentions[i]!;
    if (m.end > before) continue;
    const w = wordAfter(c.text, m.end, facts.end);
    if (w && triggerAt(facts, w.start)?.categories.includes(c.category)) return m.actor;
  }
  return null;
}

function victimActor(c: ActorContext): string | null {
  let place: string | null = null;
  let other: string | null = null;
  let bestDistance = Infinity;
  for (const m of c.facts.mentions) {
    if (isAttacker(c.text, m, c.rules, c.facts.end)) continue;
    const distance = m.start < c.numberStart ? c.numberStart - m.end : m.start - c.numberEnd;
    const gov = governingWord(c.text, m, c.facts.start);
    if (gov !== null && PLACE.has(gov)) {
      if (distance < bestDistance) {
        place = m.actor;
        bestDistance = distance;
      }
    } else if (other === null) {
      other = m.actor;
    }
  }
  return place ?? other;
}

export function chooseActor(c: ActorContext): string | null {
  const { category } = c;
  if (category.nounActor) {
    const own = mentionsWithin(c.facts, c.quoteStart, c.nounEnd);
    if (own.length > 0) return own[0]!.actor;
    if (category.defaultActor) return category.defaultActor;
  }
  switch (category.actorRole) {
    case 'victim': {
      const victim = victimActor(c);
      if (victim) return victim;
      break;
    }
    case 'launcher': {
      const actor =
        agentAfter(c) ??
        modifierActor(c, c.facts, c.quoteStart) ??
        subjectBefore(c, c.facts, c.quoteStart) ??
        (c.previousActor !== undefined ? c.previousActor : null) ??
        firstOf(c.reader.previousTwo(c.sentence), (f) => modifierActor(c, f, f.end));
      if (actor) return actor;
      break;
    }
    case 'agent': {
      if (receivedBySubject(c)) {
        const giver = fromAfter(c);
        if (giver) return giver;
        if (c.previousActor) return c.previousActor;
        break;
      }
      const actor = agentAfter(c) ?? subjectBefore(c, c.facts, c.quoteStart);
      if (actor) return actor;
      if (c.previousActor) return c.previousActor;
      const earlier = firstOf(c.reader.previousTwo(c.sentence), (f) => subjectBefore(c, f, f.end));
      if (earlier) return earlier;
      break;
    }
  }
  if (c.previousActor) return c.previousActor;
  return category.defaultActor;
}

function firstOf<T>(items: T[], f: (item: T) => string | null): string | null {
  for (const item of items) {
    const r = f(item);
    if (r) return r;
  }
  return null;
}
