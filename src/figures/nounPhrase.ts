/**
 * What a number counts: the noun phrase after it ("12 Russian drones", "a $250 million package",
 * "about 1,500 special forces troops", "Eleven of the drones"), read word by word up to the first
 * function word, and what the words around it say ("injured 15", "600 troops have been killed").
 */
import { pickCategory, type CompiledCategory, type CompiledRules } from './compileRules.js';
import { mentionAt, triggerAt, type SentenceFacts, type TriggerHit } from './sentenceFacts.js';
import { readNumber } from './readNumber.js';
import { isLetterCode, wordAfter as wordAfterImported, wordBefore as wordBeforeImported, type Word } from './words.js';

// Module-local aliases: a direct call on every number, not a live-binding lookup (tsx runs modules
// through an interop layer that turns each imported call into a getter call).
const wordAfter = wordAfterImported;
const wordBefore = wordBeforeImported;

export type NounKind =
  /** The phrase names a tracked kind: its last trigger is the head ("aid package", "forces troops"). */
  | 'trigger'
  /** People of no stated kind ("people", "soldiers", "Ukrainians"). */
  | 'people'
  /** Something not tracked ("residential buildings"): no figure. */
  | 'other'
  /** No noun: "injured 15", "another four were", "two over Kursk". */
  | 'none';

export interface NounPhrase {
  kind: NounKind;
  head: TriggerHit | null;
  /** End of the phrase as quoted (after the head noun), or the number's end when there is none. */
  end: number;
  /** "of the drones", "of those fighters". */
  partitive: boolean;
  /** "of that", "of them", "of which": part of an amount named before. */
  anaphoric: boolean;
}

/** Words that end a noun phrase: prepositions, conjunctions, determiners, auxiliaries, pronouns, time words. */
const STOP = new Set([
  'in', 'on', 'at', 'of', 'for', 'to', 'from', 'by', 'with', 'over', 'under', 'into', 'onto', 'during', 'since', 'across', 'near',
  'against', 'after', 'before', 'between', 'through', 'about', 'per', 'out', 'off', 'aboard', 'toward', 'towards', 'within',
  'without', 'including', 'among', 'amid', 'along', 'around', 'behind', 'beyond', 'inside', 'outside', 'via', 'until', 'till',
  'and', 'or', 'but', 'nor', 'while', 'whereas', 'as', 'that', 'which', 'who', 'whom', 'whose', 'where', 'when', 'because',
  'if', 'than', 'so', 'then', 'though', 'although', 'unless', 'whether',
  'the', 'a', 'an', 'this', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might',
  'must', 'shall', 'should', 'do', 'does', 'did', 'not',
  'it', 'they', 'them', 'we', 'he', 'she', 'you', 'i', 'us',
  'yesterday', 'today', 'tonight', 'overnight', 'now', 'also', 'still', 'already', 'ago', 'earlier', 'later', 'each',
  'apiece', 'respectively', 'alone', 'too', 'last', 'next', 'this', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'said', 'says', 'say', 'according', 'reportedly', 'there', 'here', 'all', 'both', 'either', 'neither',
  'monthly', 'annually', 'yearly', 'weekly', 'daily', 'quarterly', 'overall',
]);
/** Modifiers that neither name a kind nor block one ("three more drones", "1,500 additional fighters"). */
const SOFT = new Set([
  'more', 'other', 'additional', 'new', 'further', 'extra', 'fewer', 'such', 'different', 'separate', 'total', 'estimated',
  'reported', 'confirmed', 'remaining', 'own', 'suspected', 'alleged', 'possible', 'so-called', 'international', 'foreign',
  'local', 'military', 'armed', 'civilian', 'western', 'enemy', 'combat', 'active', 'individual', 'special', 'elite',
  'others', 'strong',
]);
const PARTITIVE_DETERMINERS = new Set(['the', 'those', 'these', 'its', 'their', 'his', 'her', 'our', 'all']);
const ANAPHORS = new Set(['that', 'this', 'them', 'which', 'it', 'those', 'these', 'whom']);
/** Between a noun and its predicate: "600 troops have been killed", "15 were reportedly wounded". */
const PREDICATE_GAP = new Set([
  'have', 'has', 'had', 'been', 'were', 'was', 'are', 'is', 'be', 'being', 'reportedly', 'also', 'all', 'both', 'now', 'later', 'since',
  'already', 'allegedly', 'reported', 'confirmed', 'believed', 'said', 'to', 'being', 'later', 'subsequently',
  // "34 had been seriously hurt", "five others were hurt", "221 others remain missing", "2,000 people had been listed as unaccounted for".
  'seriously', 'severely', 'critically', 'badly', 'lightly', 'slightly', 'fatally', 'mortally', 'gravely', 'others', 'more', 'still',
  'remain', 'remained', 'remains', 'listed', 'as', 'thought', 'feared', 'presumed', 'who',
]);
/** Between a trigger and its number: "injured 15", "deployment of 15,000", "toll rose to 25". */
const ADJACENT_GAP = new Set(['of', 'to', 'at', 'by', 'reaching', 'totaling', 'totalling', 'numbered', 'numbering', 'is', 'was', 'were', 'are', 'has', 'have', 'had', 'been', 'now', 'some']);

/** Verbs that rise after a total: "the death toll from the strike rose to 25". */
const LINKING = new Set([
  'rose', 'risen', 'rises', 'rising', 'reached', 'reaches', 'climbed', 'climbs', 'stood', 'stands', 'stand', 'increased', 'increases', 'jumped',
  'totaled', 'totalled', 'hit', 'grew', 'swelled', 'surged', 'soared', 'mounted', 'passed', 'surpassed', 'exceeded', 'topped', 'tops',
  // Copulas: "the death toll from the strike is 9,500".
  'is', 'was', 'are', 'were', 'remains', 'remained',
]);
/** Common verbs without an -ed ending that can follow a number: "$19 billion went to ...". */
const VERBS = new Set([
  'went', 'came', 'fell', 'rose', 'grew', 'hit', 'struck', 'died', 'die', 'left', 'took', 'got', 'made', 'became', 'gave', 'sent',
  'brought', 'cost', 'costs', 'remain', 'remains', 'go', 'goes', 'come', 'comes', 'stood', 'stand', 'lay', 'ran', 'flew', 'fled',
  'include', 'includes', 'need', 'needs', 'face', 'faces', 'hold', 'holds', 'held', 'won', 'lost', 'saw', 'see', 'sees', 'say',
  'told', 'get', 'gets', 'make', 'makes', 'take', 'takes', 'give', 'gives', 'keep', 'keeps', 'kept', 'stay', 'stays', 'belong',
  'belongs', 'arrive', 'arrives', 'fly', 'flies', 'fight', 'fights', 'fought', 'serve', 'serves', 'work', 'works', 'live', 'lives',
  'await', 'awaits', 'wait', 'waits', 'remain', 'went', 'became', 'began', 'begin', 'begins', 'sank', 'burned', 'broke',
]);

for (const w of LINKING) ADJACENT_GAP.add(w);

const looksLikeVerb = (w: string): boolean => w.length > 4 && w.endsWith('ed');
/** "10 error messages enraging people": a participle after the first word starts a new phrase. */
const looksLikeParticiple = (w: string): boolean => w.length > 5 && w.endsWith('ing');

/** Where the whole of a partitive is quoted from: "the" in "718 of the 728 drones", else `start`. */
export function partitiveWholeStart(text: string, start: number, floor: number): number {
  const the = wordBefore(text, start, floor);
  if (!the || the.lower !== 'the') return start;
  const of = wordBefore(text, the.start, floor);
  if (!of || of.lower !== 'of') return start;
  let i = of.start - 1;
  while (i > floor && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return the.start;
  const part = wordBefore(text, of.start, floor);
  return part && readNumber(text, part.start)?.end === part.end ? the.start : start;
}

/** "1,000-for-1,000": the count given back for the same count. */
const ONE_FOR_ONE = /-for-\d[\d,]*/y;

export function readNounPhrase(text: string, pos: number, facts: SentenceFacts, rules: CompiledRules): NounPhrase {
  const limit = facts.end;
  let p = pos;
  if (text.charCodeAt(p) === 45) {
    ONE_FOR_ONE.lastIndex = p;
    if (ONE_FOR_ONE.test(text) && ONE_FOR_ONE.lastIndex <= limit) p = ONE_FOR_ONE.lastIndex;
  }
  let partitive = false;
  const first = wordAfter(text, p, limit);
  if (first && first.lower === 'of') {
    const det = wordAfter(text, first.end, limit);
    if (det && ANAPHORS.has(det.lower) && !startsNoun(text, det, facts, rules)) {
      return { kind: 'none', head: null, end: det.end, partitive: true, anaphoric: true };
    }
    if (det && PARTITIVE_DETERMINERS.has(det.lower)) {
      p = det.end;
      partitive = true;
    } else if ((!det && isDigitAfter(text, first.end)) || (det && readNumber(text, det.start)?.start === det.start)) {
      p = first.end;
      partitive = true;
    } else {
      return { kind: 'none', head: null, end: pos, partitive: false, anaphoric: false };
    }
    // "23 of 26 drones", "two of the four missiles": the count after "of" is the whole; read past it.
    const at = skipSpaces(text, p);
    const whole = readNumber(text, at);
    if (whole && whole.start === at) {
      if (whole.unit !== 'count') return { kind: 'none', head: null, end: pos, partitive: false, anaphoric: false };
      p = whole.end;
    } else if (isDigitAfter(text, p)) {
      return { kind: 'none', head: null, end: pos, partitive: false, anaphoric: false };
    }
  }

  let head: TriggerHit | null = null;
  let people = false;
  let content = false;
  let contentBefore = false;
  let previous: string | null = null;
  let end = pos;
  // A partitive may carry a longer string of modifiers: "12 of the long-range Russian-made Kh-101 cruise missiles".
  const words = partitive ? 8 : 6;
  for (let n = 0; n < words; n++) {
    const w = wordAfter(text, p, limit);
    if (!w) {
      // "31 M1 Abrams tanks", "four Wisent 1 tanks", "two Iskander-M/KN-23 missiles": a model designation modifies the noun.
      const q = skipModel(text, p, limit);
      if (q > p) {
        const hit = triggerAt(facts, firstLetterOrDigit(text, p));
        if (hit) {
          head = hit;
          end = hit.end;
          p = hit.end;
          continue;
        }
        p = q;
        continue;
      }
      break;
    }
    const hit = triggerAt(facts, w.start);
    if (hit) {
      // "20 drones killed", "100 soldiers deployed in Russia": after the noun, a participle starts a new phrase.
      if (n > 0 && (looksLikeVerb(w.lower) || looksLikeParticiple(w.lower)) && (head !== null || people)) break;
      // "57 of the country's 330 townships": a possessor is no head; what it owns is.
      if (isPossessiveAt(text, hit.end)) {
        head = null;
        p = hit.end + 2;
        continue;
      }
      // "two tank battalions", "drone factories": the trigger only modifies a noun that counts something else
      // ("a 50-nation coalition" still counts nations: the count is glued to its noun).
      const after = wordAfter(text, hit.end, limit);
      if (after && rules.groupNouns.has(after.lower) && !(n === 0 && text.charCodeAt(pos) === 45)) {
        head = null;
        content = true;
        p = after.end;
        continue;
      }
      head = hit;
      end = hit.end;
      p = hit.end;
      continue;
    }
    // "18 coastal and riverine patrol boats": adjectives joined by "and" before the noun.
    if ((w.lower === 'and' || w.lower === 'or') && head === null && n > 0 && coordinatedModifier(text, w, facts)) {
      p = w.end;
      continue;
    }
    // "Iranian-made drones", "US-built tanks": the maker's compound modifies the noun.
    if (text.charCodeAt(w.start - 1) === 45 && MAKER_WORDS.has(w.lower)) {
      p = w.end;
      continue;
    }
    // "A6", "M1": letters glued to digits are a model name, whatever the letters ("a" is no article here).
    if (isModelPrefix(text, w.end)) {
      p = w.end;
      continue;
    }
    // "near-identical", "well-armed": the first half of a hyphenated modifier is no function word.
    const hyphenated = text.charCodeAt(w.end) === 45 && isLetterCode(text.charCodeAt(w.end + 1));
    if (!hyphenated && (STOP.has(w.lower) || VERBS.has(w.lower))) break;
    if (n > 0 && (looksLikeVerb(w.lower) || looksLikeParticiple(w.lower)) && !modifiesTrigger(text, w, facts, head)) break;
    if (n === 0 && looksLikeVerb(w.lower)) {
      // "$19 billion earmarked for ...": an -ed word followed by a function word is a verb;
      // "12 armed drones" goes on to its noun.
      const after = wordAfter(text, w.end, limit);
      if (!after || STOP.has(after.lower)) break;
    }
    const mention = mentionAt(facts, w.start);
    if (mention) {
      // "Western allies": the alias holds a trigger; read on from it.
      const inner = facts.triggers.find((t) => t.start > mention.start && t.start < mention.end);
      if (inner) {
        p = inner.start;
        continue;
      }
      if (rules.peopleNouns.has(mention.lower)) {
        people = true;
        end = mention.end;
      }
      p = mention.end;
      continue;
    }
    if (rules.peopleNouns.has(w.lower) || (previous !== null && rules.peopleNouns.has(`${previous} ${w.lower}`))) {
      // "75,000 Ukrainian service members": a two-word people noun clears the word before it.
      people = true;
      end = w.end;
      if (previous !== null && !rules.peopleNouns.has(w.lower)) content = contentBefore;
    } else if (!SOFT.has(w.lower)) {
      contentBefore = content;
      content = true;
    }
    previous = w.lower;
    p = w.end;
  }
  if (head) {
    const mixed = rules.mixedEvents ? otherEventJoined(text, head, facts) : null;
    if (mixed) return { kind: 'trigger', head: { start: head.start, end: mixed.end, categories: [rules.mixedEvents!] }, end: mixed.end, partitive, anaphoric: false };
    return { kind: 'trigger', head, end, partitive, anaphoric: false };
  }
  if (people) return { kind: 'people', head: null, end, partitive, anaphoric: false };
  if (content) return { kind: 'other', head: null, end: pos, partitive, anaphoric: false };
  return { kind: 'none', head: null, end: pos, partitive: false, anaphoric: false };
}

/**
 * "120 missiles and drones", "40 ballistic missiles and attack drones": a head of one counted event
 * kind joined by "and"/"or" to a head of another counts the two together. Returns the second head.
 */
function otherEventJoined(text: string, head: TriggerHit, facts: SentenceFacts): TriggerHit | null {
  if (!head.categories.some((c) => c.event)) return null;
  const link = wordAfter(text, head.end, facts.end);
  if (!link || (link.lower !== 'and' && link.lower !== 'or')) return null;
  let p = link.end;
  for (let k = 0; k < 3; k++) {
    const w = wordAfter(text, p, facts.end);
    // "50 drones and five missiles" are two counts.
    if (!w || STOP.has(w.lower) || readNumber(text, w.start)?.start === w.start) return null;
    const hit = triggerAt(facts, w.start);
    if (hit) return hit.categories.some((c) => c.event && !head.categories.includes(c)) ? hit : null;
    p = w.end;
  }
  return null;
}

/** Model tokens glued to a word or standing after a name: "-16", "1" in "Wisent 1", "2A6", "/KN-23". Returns p when none. */
const MODEL_TOKEN = /[ \t\u00A0]?(?:[-/]?[A-Za-z]*\d[A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*|\/[A-Za-z]+(?:-\d+)?)/y;
function skipModel(text: string, p: number, limit: number): number {
  MODEL_TOKEN.lastIndex = p;
  const m = MODEL_TOKEN.exec(text);
  if (!m || MODEL_TOKEN.lastIndex > limit) return p;
  const token = m[0];
  const glued = !/^[ \t\u00A0]/.test(token);
  // A lone number after a space is a model number only when short and after a capitalized name: "Leopard 2", not "tanks 20".
  if (!glued && /^[ \t\u00A0]\d+$/.test(token)) {
    if (token.length > 3) return p;
    const prev = wordBefore(text, p, 0);
    if (!prev || !/^[A-Z]/.test(text.slice(prev.start, prev.start + 1))) return p;
    const next = text.charCodeAt(MODEL_TOKEN.lastIndex);
    if (next === 44 || next === 46) return p;
  }
  return MODEL_TOKEN.lastIndex;
}

function firstLetterOrDigit(text: string, p: number): number {
  let i = p;
  while (i < text.length && /[\s\-/]/.test(text[i]!)) i++;
  return i;
}

/**
 * "two Dachs engineering tanks", "mine clearing tanks", "bridge-laying tanks": an -ing or -ed word
 * right before a trigger (one word between at most) is a modifier, not a verb that starts a clause.
 */
function modifiesTrigger(text: string, w: Word, facts: SentenceFacts, head: TriggerHit | null): boolean {
  let p = w.end;
  for (let k = 0; k < 2; k++) {
    const next = wordAfter(text, p, facts.end);
    if (!next || STOP.has(next.lower)) return false;
    const hit = triggerAt(facts, next.start);
    if (hit) return head === null || hit.categories.some((c) => head.categories.includes(c));
    p = next.end;
  }
  return false;
}

const MAKER_WORDS = new Set(['made', 'built', 'designed', 'produced', 'manufactured', 'developed', 'supplied', 'type', 'class', 'style', 'launched']);

const isModelPrefix = (text: string, end: number): boolean => {
  const c = text.charCodeAt(end);
  if (c >= 48 && c <= 57) return true;
  const d = text.charCodeAt(end + 1);
  return c === 45 && d >= 48 && d <= 57;
};

const isPossessiveAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return (c === 39 || c === 0x2019) && (text.charCodeAt(i + 1) | 32) === 115 && !/[A-Za-z]/.test(text[i + 2] ?? '');
};

/** "coastal and riverine patrol boats": after "and", one or two words lead to a trigger. */
function coordinatedModifier(text: string, and: Word, facts: SentenceFacts): boolean {
  let p = and.end;
  for (let k = 0; k < 3; k++) {
    const next = wordAfter(text, p, facts.end);
    if (!next || STOP.has(next.lower) || VERBS.has(next.lower)) return false;
    if (triggerAt(facts, next.start)) return k > 0;
    p = next.end;
  }
  return false;
}

function skipSpaces(text: string, p: number): number {
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 0xa0 || text.charCodeAt(p) === 9)) p++;
  return p;
}

function isDigitAfter(text: string, p: number): boolean {
  const c = text.charCodeAt(skipSpaces(text, p));
  return c >= 48 && c <= 57;
}

function startsNoun(text: string, w: Word, facts: SentenceFacts, rules: CompiledRules): boolean {
  // "of those fighters" is a partitive with a noun; "of those" alone is an anaphor.
  if (w.lower !== 'those' && w.lower !== 'these') return false;
  const next = wordAfter(text, w.end, facts.end);
  return !!next && !STOP.has(next.lower) && (triggerAt(facts, next.start) !== undefined || rules.peopleNouns.has(next.lower) || !looksLikeVerb(next.lower));
}

/** A trigger right before the number with only linking words between ("injured 15", "deployment of 15,000"). */
export function adjacentTrigger(text: string, pos: number, facts: SentenceFacts): TriggerHit | null {
  let p = pos;
  for (let n = 0; n < 4; n++) {
    const hitEndingHere = triggerEndingAt(facts, p, text);
    if (hitEndingHere) return hitEndingHere;
    if (n === 3) break;
    const w = wordBefore(text, p, facts.start);
    if (!w || !ADJACENT_GAP.has(w.lower)) break;
    if (LINKING.has(w.lower)) {
      // "rose to 25" states the level; "rose by 20" only the change.
      if (n === 1 && wordBefore(text, pos, facts.start)?.lower === 'by') return null;
      const subject = subjectTrigger(text, w.start, facts);
      if (subject) return subject;
      break;
    }
    p = w.start;
  }
  return null;
}

/** The word before `p`, also across the hyphen of a compound ("the full-scale invasion": "full" before "scale"). */
function wordBack(text: string, p: number, floor: number): Word | null {
  const w = wordBefore(text, p, floor);
  if (w || p - 2 < floor || text.charCodeAt(p - 1) !== 45 || !isLetterCode(text.charCodeAt(p - 2))) return w;
  return wordBefore(text, p - 1, floor);
}

/** How far back a verb's subject or a tally noun may stand: "the number of people killed by the earthquake that struck ... has now increased to". */
const SUBJECT_WORDS = 20;

/** "The death toll from the strike rose to 25": the nearest trigger in the words before the verb, same clause. */
function subjectTrigger(text: string, verbStart: number, facts: SentenceFacts): TriggerHit | null {
  let p = verbStart;
  for (let n = 0; n < SUBJECT_WORDS; n++) {
    const hit = triggerEndingAt(facts, p, text);
    if (hit) return hit;
    const w = wordBack(text, p, facts.start);
    if (!w) return null;
    p = w.start;
  }
  return null;
}

export interface Tally {
  trigger: TriggerHit;
  /** A verb that adds to the count stands before the tally noun ("takes the tally to", "bringing the total to"). */
  running: boolean;
}

/**
 * "[takes] the tally of <noun phrase with a trigger> ... to N": the tally noun (config tallyNouns)
 * within the clause before "to"/"at", and the first trigger after it. The clause may be long; the
 * look-back stops at a clause break.
 */
export function tallyTrigger(text: string, pos: number, facts: SentenceFacts, rules: CompiledRules): Tally | null {
  const prep = wordBefore(text, pos, facts.start);
  if (!prep || (prep.lower !== 'to' && prep.lower !== 'at')) return null;
  const prepStart = prep.start;
  let p = prepStart;
  for (let n = 0; n < SUBJECT_WORDS; n++) {
    const w = wordBack(text, p, facts.start);
    if (!w) return null;
    if (rules.tallyNouns.has(w.lower)) {
      const of = wordAfter(text, w.end, facts.end);
      if (!of || of.lower !== 'of') return null;
      const trigger = facts.triggers.find((t) => t.start >= of.end && t.end <= prepStart);
      if (!trigger) return null;
      return { trigger, running: addsToTally(text, w.start, facts, rules) };
    }
    p = w.start;
  }
  return null;
}

/** Does a verb of adding stand within three words before the tally noun at `tallyStart` ("brought the total to")? */
function addsToTally(text: string, tallyStart: number, facts: SentenceFacts, rules: CompiledRules): boolean {
  let q = tallyStart;
  for (let k = 0; k < 3; k++) {
    const v = wordBefore(text, q, facts.start);
    if (!v) return false;
    if (rules.tallyVerbs.has(v.lower)) return true;
    q = v.start;
  }
  return false;
}

/** Words between a bare tally noun and its number: "the total to 5,102", "totals ranging up to 223,000". */
const BARE_TALLY_GAP = new Set(['to', 'at', 'ranging', 'reaching', 'now', 'is', 'was', 'of', 'up', 'overall', 'final', 'new']);

/**
 * "..., bringing the total to 5,102", "gave totals ranging up to 223,000": a tally noun with no kind
 * of its own ("of X") right before the number. Returns whether a verb of adding stands before it
 * (a running total), or null when there is no such tally.
 */
export function bareTally(text: string, pos: number, facts: SentenceFacts, rules: CompiledRules): { running: boolean; start: number } | null {
  let p = pos;
  for (let n = 0; n < 4; n++) {
    const w = wordBefore(text, p, facts.start);
    if (!w) return null;
    if (rules.tallyNouns.has(w.lower) || (w.lower.endsWith('s') && rules.tallyNouns.has(w.lower.slice(0, -1)))) {
      if (n === 0) return null;
      return { running: addsToTally(text, w.start, facts, rules), start: w.start };
    }
    if (!BARE_TALLY_GAP.has(w.lower) && !LINKING.has(w.lower)) return null;
    p = w.start;
  }
  return null;
}

function triggerEndingAt(facts: SentenceFacts, pos: number, text: string): TriggerHit | null {
  // Skip the spaces before pos, then look for a trigger that ends exactly there.
  let e = pos;
  while (e > facts.start && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 0xa0 || text.charCodeAt(e - 1) === 9)) e--;
  for (let i = facts.triggers.length - 1; i >= 0; i--) {
    const t = facts.triggers[i]!;
    if (t.end === e) return t;
    if (t.end < e) break;
  }
  return null;
}

/** A trigger that the noun phrase is the subject of: "600 troops have been killed", "15 were wounded". */
export function predicateTrigger(text: string, pos: number, facts: SentenceFacts): TriggerHit | null {
  let p = pos;
  for (let n = 0; n < 5; n++) {
    const w = wordAfter(text, p, facts.end);
    if (!w) return null;
    const hit = triggerAt(facts, w.start);
    if (hit) return hit;
    if (!PREDICATE_GAP.has(w.lower)) return null;
    p = w.end;
  }
  return null;
}

/** The noun phrase's verb is one of `words`, over auxiliaries and adverbs: "27 of the dead had been formally identified". */
export function predicateIn(text: string, pos: number, facts: SentenceFacts, words: ReadonlySet<string>): boolean {
  if (words.size === 0) return false;
  let p = pos;
  for (let n = 0; n < 5; n++) {
    const w = wordAfter(text, p, facts.end);
    if (!w) return false;
    if (words.has(w.lower)) return true;
    if (!PREDICATE_GAP.has(w.lower) && !(w.lower.length > 4 && w.lower.endsWith('ly'))) return false;
    p = w.end;
  }
  return false;
}

/** "$110 billion in aid", "$58 billion in security assistance": a trigger in a phrase right after. */
export function inPhraseTrigger(text: string, pos: number, facts: SentenceFacts): TriggerHit | null {
  const w = wordAfter(text, pos, facts.end);
  if (!w || (w.lower !== 'in' && w.lower !== 'for' && w.lower !== 'of' && w.lower !== 'worth')) return null;
  let p = w.end;
  for (let n = 0; n < 3; n++) {
    const x = wordAfter(text, p, facts.end);
    if (!x) return null;
    const hit = triggerAt(facts, x.start);
    if (hit) return hit;
    if (STOP.has(x.lower) && x.lower !== 'the' && x.lower !== 'a' && x.lower !== 'an') return null;
    p = x.end;
  }
  return null;
}

/** The first category in priority order with a trigger in `facts` that takes this unit (and counts people, if asked). */
export function firstCategoryIn(facts: SentenceFacts, unit: string, isMoney: boolean, peopleOnly: boolean, blocked?: ReadonlySet<CompiledCategory>): CompiledCategory | null {
  let best: CompiledCategory | null = null;
  for (const t of facts.triggers) {
    const c = pickCategory(blocked && blocked.size > 0 ? t.categories.filter((k) => !blocked.has(k)) : t.categories, unit, isMoney, peopleOnly);
    if (c && (!best || c.rank < best.rank)) best = c;
  }
  return best;
}
