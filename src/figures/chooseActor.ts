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
import { clauseAt, triggerAt, type ActorMention, type SentenceFacts } from './sentenceFacts.js';
import { wordListPattern } from './wordListPattern.js';
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
  /** Actor of the latest figure whose category has the same role (drones lend to missiles, one casualty kind to another), further back. */
  previousSameRole: string | null;
  /** A shoot-down word stands before the figure in its sentence: the clause's subject is the defender, not the launcher. */
  shootDownBefore: boolean;
  /** Name of a group of several givers ("Denmark and the Netherlands" → Allies), or null to keep the first. */
  groupActor: string | null;
  /** Config disasterNouns: the victims of a natural disaster belong to no side. */
  disasterNouns: readonly string[];
}

/** Prepositions after which a name is a recipient, target or place, not the one acting. */
const NOT_AGENT = new Set([
  'to', 'for', 'into', 'against', 'with', 'in', 'on', 'at', 'from', 'of', 'toward', 'towards', 'over', 'across', 'inside', 'near',
  'about', 'between', 'among', 'since', 'after', 'before', 'during', 'than', 'via', 'through', 'onto', 'upon', 'within',
  'without', 'like', 'behind', 'beyond', 'under', 'around', 'throughout', 'visited', 'visit', 'visiting',
  // "give Ukraine 31 tanks": the name right after a verb of giving is its indirect object, the recipient.
  'give', 'gives', 'giving', 'gave', 'given', 'send', 'sends', 'sending', 'provide', 'provides', 'providing', 'supply', 'supplies',
  'supplying', 'offer', 'offers', 'offered', 'offering', 'grant', 'grants', 'granted', 'hand', 'hands', 'handed', 'lend', 'lent', 'sell', 'sold',
  // "Slovakia, alongside Poland, ...": the clause's subject gives; the names beside it only keep it company.
  'alongside', 'besides', 'including', 'unlike', 'joining', 'joined',
  'deliver', 'delivers', 'delivering', 'delivered', 'ship', 'ships', 'shipping', 'shipped', 'transfer', 'transferring', 'transferred',
]);
/** Inside the quote, a name after these is where the things went ("tanks shipped to Ukraine"); "tranche of U.S. aid" is the giver's. */
const RECIPIENT_BEFORE = new Set(['to', 'for', 'into', 'toward', 'towards', 'against']);
const PLACE = new Set(['in', 'on', 'at', 'of', 'near', 'over', 'across', 'outside', 'around', 'inside', 'into']);
/** Between a name and the word that governs it: articles, and the points of the compass ("in southern Lebanon"). */
const SKIP_BEFORE = new Set([
  'the', 'a', 'an', 'its', 'their', 'both', 'and',
  'northern', 'southern', 'eastern', 'western', 'central', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'north', 'south', 'east', 'west',
]);
/** After a possessive, these make it a time or an attack, not a giver ("Russia's February 2022 invasion"). */
const NOT_AFTER_POSSESSIVE = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
  'september', 'october', 'november', 'december', 'full', 'territory', 'border', 'east', 'west', 'north', 'south', 'capital',
]);
/** After an actor, a war noun (config warNouns) makes it the attacker of the war, not a giver ("the full-scale Russian invasion"). */
function namesAnAttack(text: string, m: ActorMention, limit: number, rules: CompiledRules): boolean {
  const w = wordAfter(text, m.end, limit);
  return w !== null && rules.warNouns.has(w.lower);
}

/** After a source word, a pronoun that speaks for the source itself: "the Pentagon said it would send ...". */
const SELF = new Set(['it', 'they', 'its', 'their', 'we']);
const AUXILIARIES = new Set([
  'has', 'have', 'had', 'is', 'are', 'was', 'were', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'shall', 'should',
  'did', 'does', 'do', 'says', 'said', 'plans', 'sent', 'gave', 'gives', 'sends', 'provides', 'made', 'paid', 'spent', 'pledges',
  'launched', 'fired', 'shot', 'lost', 'built', 'brought', 'deploys', 'deployed', 'trains', 'gives',
]);
/** Verbs whose subject is the receiving side: the giver is named after "from". */
const RECEIVE = new Set(['received', 'receives', 'receive', 'receiving', 'obtained', 'got', 'gets', 'get', 'getting', 'secured', 'secures', 'won']);
const ADVERBS = new Set(['also', 'still', 'now', 'already', 'reportedly', 'previously', 'recently', 'just', 'then', 'since', 'so', 'far', 'together', 'jointly', 'collectively', 'alone']);

/** How neighbours a and b of a sentence's mentions are joined: 'and' ("A and B", "A, and the B"), 'comma' ("A, B"), or not at all. */
function linkBetween(text: string, a: ActorMention | undefined, b: ActorMention | undefined): 'and' | 'comma' | null {
  if (!a || !b) return null;
  const between = text.slice(a.end, b.start).replace(/^['’]s/, '');
  if (/^[ \t\u00A0]*(?:,[ \t\u00A0]*)?(?:and|&)[ \t\u00A0]+(?:the[ \t\u00A0]+)?$/i.test(between)) return 'and';
  if (/^[ \t\u00A0]*,[ \t\u00A0]*(?:the[ \t\u00A0]+)?$/.test(between)) return 'comma';
  return null;
}

/** The run of mentions joined to m by commas or "and": [first, last] indexes, and whether an "and" joins them. */
function listAround(text: string, facts: SentenceFacts, m: ActorMention): { first: number; last: number; hasAnd: boolean } {
  const list = facts.mentions;
  const i = list.indexOf(m);
  let first = i;
  while (first > 0 && linkBetween(text, list[first - 1], list[first]) !== null) first--;
  let last = i;
  while (linkBetween(text, list[last], list[last + 1]) !== null) last++;
  let hasAnd = false;
  for (let k = first; k < last; k++) if (linkBetween(text, list[k], list[k + 1]) === 'and') hasAnd = true;
  return { first, last, hasAnd };
}

/**
 * The word that governs a mention, skipping articles. A member of a coordinated list is governed
 * by what governs the list: "alongside Italy and Portugal" puts Portugal beside the subject too.
 */
function governingWord(text: string, facts: SentenceFacts, m: ActorMention): string | null {
  const floor = facts.start;
  const run = listAround(text, facts, m);
  if (run.hasAnd && run.first !== facts.mentions.indexOf(m)) m = facts.mentions[run.first]!;
  let w = wordBefore(text, m.start, floor);
  for (let n = 0; w && n < 3 && SKIP_BEFORE.has(w.lower); n++) w = wordBefore(text, w.start, floor);
  // "on the heels of Germany's agreement": "of" governs the possessor's noun, not the possessor.
  if (w && w.lower === 'of' && isPossessive(text, m)) return null;
  return w ? w.lower : null;
}

/** Past the head nouns an actor may carry ("Russian forces", "the US government", "Ukraine's air defences"). */
function afterHeads(text: string, from: number, limit: number, rules: CompiledRules): number {
  let p = from;
  for (let n = 0; n < 3; n++) {
    const w = wordAfter(text, p, limit);
    if (!w || !rules.actorNouns.has(w.lower)) break;
    p = w.end;
  }
  return p;
}

/**
 * "according to the Pentagon", "the US government said", "US intelligence estimates", "the US has
 * data on": the actor reports the figure. Not when it speaks for itself ("the Pentagon said it would send").
 */
export function isSource(text: string, m: ActorMention, facts: { start: number; end: number }, rules: CompiledRules): boolean {
  const before = wordBefore(text, m.start, facts.start);
  let gov = before;
  for (let n = 0; gov && n < 2 && SKIP_BEFORE.has(gov.lower); n++) gov = wordBefore(text, gov.start, facts.start);
  if (gov && gov.lower === 'to') {
    const w = wordBefore(text, gov.start, facts.start);
    if (w && w.lower === 'according') return true;
  }
  let p = afterHeads(text, m.end, facts.end, rules);
  for (let n = 0; n < 2; n++) {
    const w1 = wordAfter(text, p, facts.end);
    if (!w1) return false;
    const w2 = wordAfter(text, w1.end, facts.end);
    let end = -1;
    if (w2 && rules.sourceWords.has(`${w1.lower} ${w2.lower}`)) end = w2.end;
    else if (rules.sourceWords.has(w1.lower)) end = w1.end;
    if (end >= 0) {
      let next = wordAfter(text, end, facts.end);
      if (next && next.lower === 'that') next = wordAfter(text, next.end, facts.end);
      return !(next && SELF.has(next.lower));
    }
    if (!ADVERBS.has(w1.lower) && !AUXILIARIES.has(w1.lower)) return false;
    p = w1.end;
  }
  return false;
}

/** "Russia has sustained 100,000 casualties", "Ukraine lost 20 soldiers": the actor is the side hit. */
function suffers(text: string, m: ActorMention, limit: number, rules: CompiledRules): boolean {
  let p = afterHeads(text, m.end, limit, rules);
  for (let n = 0; n < 3; n++) {
    const w = wordAfter(text, p, limit);
    if (!w) return false;
    if (rules.sufferWords.has(w.lower)) return true;
    if (!AUXILIARIES.has(w.lower) && !ADVERBS.has(w.lower)) return false;
    p = w.end;
  }
  return false;
}

function isSubjectLike(text: string, m: ActorMention, limit: number, rules: CompiledRules): boolean {
  let p = afterHeads(text, m.end, limit, rules);
  for (let n = 0; n < 3; n++) {
    const w = wordAfter(text, p, limit);
    if (!w) return false;
    if (AUXILIARIES.has(w.lower) || (w.lower.length > 4 && w.lower.endsWith('ed')) || rules.targetVerbs.has(w.lower)) return true;
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
  // "Russian guided bombs", "Russian missile strike": the weapon may follow one modifier.
  return !!w2 && (rules.attackWords.has(`${w.lower} ${w2.lower}`) || (!rules.peopleNouns.has(w.lower) && rules.attackWords.has(w2.lower)));
}

function mentionsWithin(facts: SentenceFacts, start: number, end: number): ActorMention[] {
  return facts.mentions.filter((m) => m.start >= start && m.end <= end);
}

/** "provided by the US State Department", "launched by Russia": in the figure's clause ("..., followed by Norway" is not). */
function agentAfter(c: ActorContext): string | null {
  const clause = clauseAt(c.facts, c.nounEnd > c.numberEnd ? c.nounEnd - 1 : c.numberEnd);
  for (const m of c.facts.mentions) {
    if (m.start < c.nounEnd || m.start - c.nounEnd > 80 || m.start > clause.end) continue;
    if (governingWord(c.text, c.facts, m) === 'by' && !isNever(c, m)) return m.actor;
  }
  return null;
}

/** The beat's recipient never gives money, equipment or training (config neverActors on the category). */
const isNever = (c: ActorContext, m: ActorMention): boolean => c.category.neverActors.has(m.actor);

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

/** The actor after "from" in the rest of the clause ("$10 billion is to come from the UK, Canada and Japan"), or null. */
function fromAfter(c: ActorContext): string | null {
  for (const m of c.facts.mentions) {
    if (m.start < c.nounEnd || m.start - c.nounEnd > 80) continue;
    if (governingWord(c.text, c.facts, m) === 'from') return groupOf(c, c.facts, m);
  }
  return null;
}

/** "16 drones that Russia sent", "the missiles which Russia fired": the launcher named in a relative clause after the noun. */
function relativeAfter(c: ActorContext): string | null {
  for (const m of c.facts.mentions) {
    if (m.start < c.nounEnd || m.start - c.nounEnd > 40) continue;
    const w = wordBefore(c.text, m.start, c.facts.start);
    if (w && (w.lower === 'that' || w.lower === 'which') && isSubjectLike(c.text, m, c.facts.end, c.rules)) return m.actor;
  }
  return null;
}

/**
 * The subject before the number: the nearest subject-like name, else the nearest name that is no
 * recipient; in the number's own clause first ("The US gave $20 billion, bringing the EU's share
 * to €20 billion": the EU's). For givers, a name after "from" counts when no other is named ("the
 * package from Australia includes 30 vehicles").
 */
function subjectBefore(c: ActorContext, facts: SentenceFacts, before: number): string | null {
  if (before < facts.end) {
    const clause = clauseAt(facts, before);
    if (clause.start > facts.start) {
      const own = subjectBetween(c, facts, clause.start, before);
      if (own) return own;
    }
  }
  return subjectBetween(c, facts, facts.start, before);
}

function subjectBetween(c: ActorContext, facts: SentenceFacts, floor: number, before: number): string | null {
  let fallback: ActorMention | null = null;
  let from: ActorMention | null = null;
  for (let i = facts.mentions.length - 1; i >= 0; i--) {
    const m = facts.mentions[i]!;
    if (m.end > before) continue;
    if (m.start < floor) break;
    const gov = governingWord(c.text, facts, m);
    if (gov !== null && (NOT_AGENT.has(gov) || gov === 'by' || c.rules.targetVerbs.has(gov))) {
      if (gov === 'by') return m.actor;
      if (gov === 'from') from ??= m;
      continue;
    }
    if (isSource(c.text, m, facts, c.rules)) continue;
    // "The Ukrainian forces also received four tanks": the subject of a verb of receiving is the recipient;
    // "Ukraine should get the first batch from Denmark, six F-16": the giver is the one after "from".
    if (receivesAfter(c.text, m, facts.end)) {
      if (from) return groupOf(c, facts, from);
      continue;
    }
    // "since the full-scale Russian invasion": the attacker gives no aid; the beat's recipient gives none either.
    if (isNever(c, m) || (c.category.actorRole === 'agent' && namesAnAttack(c.text, m, facts.end, c.rules))) continue;
    if (isSubjectLike(c.text, m, facts.end, c.rules)) return groupOf(c, facts, m);
    if (fallback === null && !(isPossessive(c.text, m) && possessesTimeOrAttack(c.text, m, facts.end, c.rules, c.category.actorRole === 'agent'))) fallback = m;
  }
  if (fallback) return groupOf(c, facts, fallback);
  return from && c.category.actorRole === 'agent' && !isNever(c, from) ? groupOf(c, facts, from) : null;
}

/**
 * "Denmark and the Netherlands will give", "from the United Kingdom, Canada and Japan": several
 * givers named together are the group (config groupActor); one named beside others with
 * "alongside" stays itself (those are skipped before this).
 */
function groupOf(c: ActorContext, facts: SentenceFacts, m: ActorMention): string {
  if (!c.groupActor) return m.actor;
  const run = listAround(c.text, facts, m);
  const actors = new Set<string>();
  for (let k = run.first; k <= run.last; k++) actors.add(facts.mentions[k]!.actor);
  if (actors.size < 2) return m.actor;
  if (run.hasAnd) return c.groupActor;
  // A headline lists its subjects with commas only: "Denmark, Netherlands to give 61 jets" (not "Unlike Hungary, Slovakia gave").
  const gov = governingWord(c.text, facts, facts.mentions[run.first]!);
  const last = facts.mentions[run.last]!;
  const next = wordAfter(c.text, last.end, facts.end);
  const isSubject = (next !== null && next.lower === 'to') || isSubjectLike(c.text, last, facts.end, c.rules);
  return isSubject && !(gov !== null && (NOT_AGENT.has(gov) || gov === 'by' || NOT_A_LIST_HEAD.has(gov))) ? c.groupActor : m.actor;
}

/** Before the first of several comma-joined names, these make the first a circumstance ("After Poland, Slovakia sent ..."). */
const NOT_A_LIST_HEAD = new Set(['unlike', 'like', 'after', 'before', 'besides', 'following', 'beyond', 'apart', 'except', 'than']);

function isPossessive(text: string, m: ActorMention): boolean {
  const c = text.charCodeAt(m.end);
  return (c === 39 || c === 0x2019) && (text.charCodeAt(m.end + 1) | 32) === 115;
}

/**
 * "Russia's February 2022 invasion", "Ukraine's war effort": the possessive names a time, a place
 * or an attack. A giver's possessive names only the war itself as an attack: "the EU's military
 * assistance" is the EU's to give, "Russia's military invasion" is not.
 */
function possessesTimeOrAttack(text: string, m: ActorMention, limit: number, rules: CompiledRules, giver: boolean): boolean {
  const w = wordAfter(text, m.end + 2, limit);
  if (!w) return true;
  if (NOT_AFTER_POSSESSIVE.has(w.lower) || rules.warNouns.has(w.lower)) return true;
  if (!giver) return rules.attackWords.has(w.lower);
  const w2 = wordAfter(text, w.end, limit);
  return w2 !== null && rules.warNouns.has(w2.lower);
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

/**
 * The side hit: one named as suffering ("Russia has sustained"), a nationality right before the
 * count's trigger ("the Palestinian death toll"), the place hit nearest the number ("in Kharkiv"),
 * else any name that is not the attacker or a source. A source ("according to Israeli officials")
 * comes last: the side that counts its dead is usually the side hit (see victimSource).
 */
function victimActor(c: ActorContext): string | null {
  let suffering: string | null = null;
  let modifier: string | null = null;
  let place: string | null = null;
  let other: string | null = null;
  let bestPlace = Infinity;
  let bestModifier = Infinity;
  const clause = clauseAt(c.facts, c.numberStart);
  for (const m of c.facts.mentions) {
    // "hit by two Russian guided bombs": the agent of a passive is the attacker.
    if (isAttacker(c.text, m, c.rules, c.facts.end) || governingWord(c.text, c.facts, m) === 'by') continue;
    // A name in the number's own clause is nearer than any outside it ("After talks in Moscow, 9 died in eastern Ukraine").
    const distance = (m.start < c.numberStart ? c.numberStart - m.end : m.start - c.numberEnd) + (m.start >= clause.start && m.end <= clause.end ? 0 : 1000);
    if (m.end <= c.numberStart && suffering === null && suffers(c.text, m, c.facts.end, c.rules)) suffering = m.actor;
    if (isSource(c.text, m, c.facts, c.rules)) continue;
    const next = wordAfter(c.text, m.end, c.facts.end);
    const hit = next ? triggerAt(c.facts, next.start) : undefined;
    if (hit && hit.categories.some((k) => k.actorRole === 'victim')) {
      if (distance < bestModifier) {
        modifier = m.actor;
        bestModifier = distance;
      }
      continue;
    }
    const gov = governingWord(c.text, c.facts, m);
    if (gov !== null && PLACE.has(gov)) {
      if (distance < bestPlace) {
        place = m.actor;
        bestPlace = distance;
      }
    } else if (other === null && !(gov !== null && NOT_AGENT.has(gov))) {
      other = m.actor;
    }
  }
  return suffering ?? modifier ?? place ?? other;
}

/** A source that counts the dead ("according to Israeli officials"): the victim of last resort. */
function victimSource(c: ActorContext): string | null {
  for (const m of c.facts.mentions) {
    if (!isAttacker(c.text, m, c.rules, c.facts.end) && isSource(c.text, m, c.facts, c.rules)) return m.actor;
  }
  return null;
}

/**
 * "the earthquake that struck Myanmar has killed 3,145": the people a natural disaster hits are on
 * no side of a war. The disaster is named in this sentence or the two before it; an attack named in
 * this one ("Russian strikes killed 5 in the flooded town") still has its victims.
 */
function afterDisaster(c: ActorContext): boolean {
  const re = wordListPattern(c.disasterNouns);
  if (!re) return false;
  const names = (s: { start: number; end: number }): boolean => {
    re.lastIndex = 0;
    return re.test(c.text.slice(s.start, s.end));
  };
  if (c.facts.mentions.some((m) => isAttacker(c.text, m, c.rules, c.facts.end))) return false;
  return names(c.facts) || c.reader.previousTwo(c.sentence).some(names);
}

export function chooseActor(c: ActorContext): string | null {
  const { category } = c;
  if (category.nounActor) {
    // "HIMARS shipped to Ukraine to 20": a name after "to" inside the quote is the recipient, not the noun's owner.
    const own = mentionsWithin(c.facts, c.quoteStart, c.nounEnd).filter((m) => !isNever(c, m) && !RECIPIENT_BEFORE.has(governingWord(c.text, c.facts, m) ?? ''));
    if (own.length > 0) return own[0]!.actor;
    if (category.defaultActor) return category.defaultActor;
  }
  switch (category.actorRole) {
    case 'victim': {
      if (afterDisaster(c)) return null;
      const victim = victimActor(c) ?? (c.previousActor || c.previousSameRole || victimSource(c));
      if (victim) return victim;
      break;
    }
    case 'launcher': {
      // Whoever shot the weapons down is the defender: the launcher is named with the weapon or carried over.
      const actor =
        agentAfter(c) ??
        relativeAfter(c) ??
        modifierActor(c, c.facts, c.quoteStart) ??
        (c.shootDownBefore ? null : subjectBefore(c, c.facts, c.quoteStart)) ??
        (c.previousActor !== undefined ? c.previousActor : null) ??
        c.previousSameRole ??
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
      const actor = agentAfter(c) ?? subjectBefore(c, c.facts, c.quoteStart) ?? fromAfter(c);
      if (actor) return actor;
      if (c.previousActor) return c.previousActor;
      const earlier = c.category.carryActor ? firstOf(c.reader.previousTwo(c.sentence), (f) => subjectBefore(c, f, f.end)) : null;
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
