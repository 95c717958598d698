/**
 * extractFigures: the key figures of one article, read by the rules in config.
 *
 * One pass over the text finds where numbers start (digits, currency signs, number words); each is
 * read in place (readNumber), screened (exclusions), given its hedge (qualifiers), its counted noun
 * (nounPhrase), a category (chooseCategory), an actor (chooseActor) and a running-total flag
 * (isCumulative). Sentence facts are computed once per sentence, and only where a number stands.
 * Identical figures (the scrape repeats headlines and captions) are reported once.
 */
import type { Figure, FigureEvent, FigureInput } from './figure.js';
import { compileRules, type CompiledCategory, type CompiledRules, type FigureRulesLike } from './compileRules.js';
import { findCandidate } from './findCandidates.js';
import { readNumber, type NumberMention } from './readNumber.js';
import { exclusionReason } from './exclusions.js';
import { readQualifierAfter, readQualifierBefore, type QualifierBefore } from './qualifiers.js';
import { splitSentences, type Span } from './sentences.js';
import { clauseAt, sentenceFacts, type SentenceFacts } from './sentenceFacts.js';
import { wordListPattern } from './wordListPattern.js';
import { partitiveWholeStart, readNounPhrase, type NounPhrase } from './nounPhrase.js';
import { chooseCategory } from './chooseCategory.js';
import { chooseActor } from './chooseActor.js';
import { isCumulative } from './isCumulative.js';
import { mayBeFigure } from './mayBeFigure.js';
import { readEvent, readStatus, readStatusOfPart, shootDownBefore, type Around } from './readStatusEvent.js';
import { readSince } from './readSince.js';
import { wordAfter as wordAfterImported, wordBefore as wordBeforeImported } from './words.js';

// Module-local aliases: a direct call on every number, not a live-binding lookup (tsx runs modules
// through an interop layer that turns each imported call into a getter call).
const wordAfter = wordAfterImported;
const wordBefore = wordBeforeImported;

/** How far back (in sentences) a figure lends its category, actor or running-total flag to the next. */
const CONTEXT_SENTENCES = 3;

interface Accepted {
  figure: Figure;
  sentence: number;
  category: CompiledCategory;
  /** The status was read from the text (or lent by a figure that read it), not the category's default. */
  statusRead: boolean;
}

/** The article's sentences, with their facts computed on first use. */
export class ArticleReader {
  readonly spans: Span[];
  private readonly facts: Array<SentenceFacts | undefined> = [];
  private cursor = 0;

  constructor(
    readonly text: string,
    readonly rules: CompiledRules,
  ) {
    this.spans = splitSentences(text);
  }

  /** Index of the sentence holding `pos`, or -1 (between sentences); positions come in increasing order. */
  sentenceAt(pos: number): number {
    while (this.cursor < this.spans.length - 1 && this.spans[this.cursor]!.end <= pos) this.cursor++;
    const span = this.spans[this.cursor];
    return span && pos >= span.start && pos < span.end ? this.cursor : -1;
  }

  factsOf(i: number): SentenceFacts {
    let f = this.facts[i];
    if (!f) {
      f = sentenceFacts(this.text, this.spans[i]!, this.rules);
      this.facts[i] = f;
    }
    return f;
  }

  /** The sentence before `i`, or null. */
  previous(i: number): SentenceFacts | null {
    return i > 0 ? this.factsOf(i - 1) : null;
  }

  /** Up to two sentences before `i`, nearest first. */
  previousTwo(i: number): SentenceFacts[] {
    const list: SentenceFacts[] = [];
    for (let k = i - 1; k >= 0 && k >= i - 2; k--) list.push(this.factsOf(k));
    return list;
  }
}

// "two over Kursk": a bare number is quoted with the place it refers to.
const QUOTE_TAIL = /[ \t\u00A0]+(?:over|in|at|near|on|from|across)[ \t\u00A0]+(?:the[ \t\u00A0]+)?[A-Z][A-Za-z\u00C0-\u024F'’-]*(?:[ \t\u00A0]+[A-Z][A-Za-z\u00C0-\u024F'’-]*){0,2}/y;
const LIST_LINK = new Set(['and', 'while', 'with', 'plus', 'including', 'whereas']);
const LIST_NEXT = new Set(['over', 'in', 'at', 'near', 'on', 'from', 'across', 'were', 'was', 'more', 'who']);

/**
 * Text read per article, in characters. News articles are a few thousand characters; past this an
 * input is page noise or hostile, and reading on would only let it buy time (issue 9: no input may
 * take over 1 s). Offsets stay offsets into the full text.
 */
export const MAX_ARTICLE_CHARS = 256 * 1024;

export function extractFigures(input: FigureInput, rules: FigureRulesLike): Figure[] {
  const full = typeof input.text === 'string' ? input.text : '';
  const text = full.length > MAX_ARTICLE_CHARS ? full.slice(0, MAX_ARTICLE_CHARS) : full;
  if (text.length === 0) return [];
  const reader = new ArticleReader(text, compileRules(rules));
  const accepted: Accepted[] = [];
  const seen = new Set<string>();
  const out: Figure[] = [];

  let next = 0;
  for (let pos = findCandidate(text, 0); pos >= 0; pos = findCandidate(text, next)) {
    next = pos + 1;
    const sentence = reader.sentenceAt(pos);
    if (sentence < 0) continue;
    const span = reader.spans[sentence]!;
    let mention = readNumber(text, pos);
    if (!mention) {
      next = skipDigits(text, pos);
      continue;
    }
    next = Math.max(mention.end, isDigitStart(text, pos) ? skipDigits(text, mention.end) : mention.end, pos + 1);
    // Cheapest first: no trigger near the number, then not a quantity at all (a date, a time, ...).
    const last = accepted[accepted.length - 1];
    // A figure earlier in the sentence, or drones or missiles just counted, may lend a bare count its kind ("downed 18").
    const lends = last !== undefined && (last.sentence === sentence || (last.category.event && last.sentence >= sentence - EVENT_SENTENCES));
    if (!mayBeFigure(text, mention, span.start, span.end, reader.rules, lends)) continue;
    if (exclusionReason(text, mention, span.start, reader.rules.countCompounds) !== null) continue;
    const qualifier = readQualifierBefore(text, pos, span.start);
    if (qualifier.between && mention.valueMax === null) {
      // "between 10,000 and 12,000": read again, now looking for the "and".
      const ranged = readNumber(text, pos, true);
      if (ranged && ranged.valueMax !== null) {
        mention = ranged;
        next = Math.max(next, ranged.end);
      }
    }

    if (mention.isMoney && last && isConversion(text, mention.start, last)) continue;
    const found = interpret(reader, sentence, mention, qualifier, accepted, rules, input.published ?? null);
    if (!found) continue;
    accepted.push(found);
    const f = found.figure;
    const key = `${f.quote}\u0000${f.value}\u0000${f.unit}\u0000${f.category}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

function isDigitStart(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  return c >= 48 && c <= 57;
}

/** After a digit that starts no quantity (or ends one), skip the rest of its run: "155" is not also "55". */
function skipDigits(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 44 || c === 46) i++;
    else break;
  }
  return Math.max(i, from + 1);
}

/** Figures accepted before this one that lend it context, found in one backward pass. */
interface Neighbours {
  /** Same sentence, same unit. */
  sameUnitInSentence: Accepted | null;
  /** Within CONTEXT_SENTENCES, same unit. */
  sameUnitNearby: Accepted | null;
}

function neighbours(accepted: Accepted[], sentence: number, unit: string): Neighbours {
  let sameUnitInSentence: Accepted | null = null;
  let sameUnitNearby: Accepted | null = null;
  for (let i = accepted.length - 1; i >= 0; i--) {
    const a = accepted[i]!;
    if (a.sentence < sentence - CONTEXT_SENTENCES) break;
    if (a.figure.unit !== unit) continue;
    sameUnitNearby ??= a;
    if (a.sentence === sentence) sameUnitInSentence ??= a;
    if (sameUnitNearby && (sameUnitInSentence || a.sentence !== sentence)) break;
  }
  return { sameUnitInSentence, sameUnitNearby };
}

/** The latest figure of `category` within the context window, and the latest in this sentence with the same unit too. */
function sameCategory(accepted: Accepted[], sentence: number, category: CompiledCategory, unit: string): { nearby: Accepted | null; inSentence: Accepted | null } {
  let nearby: Accepted | null = null;
  let inSentence: Accepted | null = null;
  for (let i = accepted.length - 1; i >= 0; i--) {
    const a = accepted[i]!;
    if (a.sentence < sentence - CONTEXT_SENTENCES) break;
    if (a.category !== category) continue;
    nearby ??= a;
    if (a.sentence === sentence && a.figure.unit === unit) inSentence ??= a;
    if (a.sentence !== sentence) break;
  }
  return { nearby, inSentence };
}

/** The category that takes this figure over: one whose takeOver words stand in the clause before the number or in the quote. */
function takerOf(rules: CompiledRules, category: CompiledCategory, text: string, clause: Span, quoteStart: number, quoteEnd: number): CompiledCategory | null {
  for (const c of rules.categories) {
    if (!c.takesFrom.has(category.name)) continue;
    const re = wordListPattern(c.takeOverWords);
    if (!re) continue;
    re.lastIndex = 0;
    if (!re.test(text.slice(Math.min(clause.start, quoteStart), quoteEnd))) continue;
    // Before the number within its clause, or after it: "another €3 billion for this year", ", amounting to ...".
    const unless = wordListPattern(c.takeOverUnless);
    if (unless) {
      unless.lastIndex = 0;
      if (unless.test(text.slice(Math.min(clause.start, quoteStart), Math.max(clause.end, quoteEnd)))) continue;
    }
    return c;
  }
  return null;
}

/** How far back (in sentences) a drone or missile count lends its kind to a bare count after it. */
const EVENT_SENTENCES = 2;

/** "downed 18", "two more vanished": a bare count after an event verb, or "N more", goes on from the drones or missiles just counted. */
function eventContinuation(text: string, floor: number, mention: NumberMention, additional: boolean, numberEnd: number, accepted: Accepted[], sentence: number, config: FigureRulesLike): CompiledCategory | null {
  let recent: Accepted | null = null;
  for (let i = accepted.length - 1; i >= 0; i--) {
    const a = accepted[i]!;
    if (a.sentence < sentence - EVENT_SENTENCES) break;
    if (a.category.event) {
      recent = a;
      break;
    }
  }
  if (!recent) return null;
  const more = wordAfter(text, numberEnd);
  if (additional || (more !== null && more.lower === 'more')) return recent.category;
  // The event word must end right before the number: "downed 18", "intercepted 12".
  const before = text.slice(Math.max(floor, mention.start - 30), mention.start);
  const words = config.eventWords;
  const all = [...(words?.launched ?? []), ...(words?.shot_down ?? []), ...(words?.hit ?? [])];
  return endsWithWord(before, all) ? recent.category : null;
}

function endsWithWord(before: string, words: readonly string[]): boolean {
  const trimmed = before.replace(/[ \t\u00A0]+$/, '');
  const lower = trimmed.toLowerCase();
  return words.some((w) => lower.endsWith(w.toLowerCase()) && !/[\p{L}]/u.test(trimmed.charAt(trimmed.length - w.length - 1) || ' '));
}

/** How far back (in sentences) a status read from the text is lent to a figure of the same kind with none. */
const STATUS_SENTENCES = 4;

function readStatusLender(accepted: Accepted[], sentence: number, category: CompiledCategory): Accepted | null {
  for (let i = accepted.length - 1; i >= 0; i--) {
    const a = accepted[i]!;
    if (a.sentence < sentence - STATUS_SENTENCES) break;
    if (a.category === category && a.statusRead) return a;
  }
  return null;
}

/** How far before the number a trigger may stand and still be quoted. */
const QUOTE_REACH = 60;

/** Start of the verb before the number, over a preposition: "increased to 3,145", "stood at 114". */
function verbBefore(text: string, pos: number, floor: number): number {
  let w = wordBefore(text, pos, floor);
  if (w && (w.lower === 'to' || w.lower === 'at' || w.lower === 'by')) w = wordBefore(text, w.start, floor) ?? w;
  return w ? w.start : pos;
}

/** How far back a figure of the same role (victim, launcher) lends its actor: a report names the side once. */
const ROLE_SENTENCES = 8;

function sameRoleActor(accepted: Accepted[], sentence: number, category: CompiledCategory): string | null {
  for (let i = accepted.length - 1; i >= 0; i--) {
    const a = accepted[i]!;
    if (a.sentence < sentence - ROLE_SENTENCES) break;
    if (a.category.actorRole === category.actorRole && a.figure.actor !== null) return a.figure.actor;
  }
  return null;
}

function interpret(
  reader: ArticleReader,
  sentence: number,
  mention: NumberMention,
  qualifier: QualifierBefore,
  accepted: Accepted[],
  config: FigureRulesLike,
  published: string | null,
): Accepted | null {
  const { text, rules } = reader;
  const facts = reader.factsOf(sentence);
  const after = readQualifierAfter(text, mention.end);
  const numberEnd = after?.end ?? mention.end;
  const noun = readNounPhrase(text, numberEnd, facts, rules);
  const near = neighbours(accepted, sentence, mention.unit);

  const choice = chooseCategory({
    text,
    rules,
    facts,
    reader,
    sentence,
    mention,
    quoteStart: qualifier.start,
    numberEnd,
    noun,
    additional: qualifier.additional,
    listContinuation: near.sameUnitInSentence !== null && continuesList(text, qualifier.start, numberEnd, facts.start),
    previousInSentence: near.sameUnitInSentence?.category ?? null,
    recentMoney: mention.isMoney ? (near.sameUnitNearby?.category ?? null) : null,
    eventContinuation: noun.kind === 'none' && mention.unit === 'count' ? eventContinuation(text, facts.start, mention, qualifier.additional, numberEnd, accepted, sentence, config) : null,
  });
  if (!choice) return null;
  let category = choice.category;

  // "718 of the 728 drones": the whole is quoted with its article, apart from "728 drones" said elsewhere.
  let quoteStart = partitiveWholeStart(text, qualifier.start, facts.start);
  let quoteEnd = Math.max(numberEnd, noun.end);
  // A bare count is quoted with what makes it a figure: "injured 15", "15 were injured", "two over Kursk".
  if (noun.kind === 'none' && !mention.isMoney) {
    if ((choice.via === 'adjacent' || choice.via === 'tally') && choice.triggerStart !== undefined) {
      // A trigger far back ("the number of people killed by the earthquake ... has now increased to 3,145")
      // is not quoted: the quote starts at the verb before the number ("increased to 3,145").
      quoteStart = Math.min(quoteStart, choice.triggerStart >= quoteStart - QUOTE_REACH ? choice.triggerStart : verbBefore(text, quoteStart, facts.start));
    }
    if (choice.via === 'predicate' && choice.triggerEnd !== undefined && choice.triggerEnd - quoteEnd < 40) quoteEnd = choice.triggerEnd;
    if (choice.via === 'list') {
      QUOTE_TAIL.lastIndex = quoteEnd;
      if (QUOTE_TAIL.exec(text) && QUOTE_TAIL.lastIndex <= facts.end) quoteEnd = QUOTE_TAIL.lastIndex;
    }
  }

  const same = sameCategory(accepted, sentence, category, mention.unit);
  const span = reader.spans[sentence]!;
  const around = { text, floor: span.start, ceiling: span.end, from: quoteStart, to: quoteEnd };
  const clause = clauseAt(facts, qualifier.start);
  const actor = chooseActor({
    text,
    rules,
    facts,
    reader,
    sentence,
    category,
    quoteStart,
    numberStart: mention.start,
    numberEnd,
    nounEnd: noun.end,
    previousActor: same.nearby && category.carryActor ? same.nearby.figure.actor : undefined,
    previousSameRole: category.actorRole === 'agent' || !category.carryActor ? null : sameRoleActor(accepted, sentence, category),
    shootDownBefore: category.actorRole === 'launcher' && shootDownBefore(around, config),
    groupActor: config.groupActor ?? null,
    disasterNouns: config.disasterNouns ?? [],
  });

  const lender = same.inSentence ?? (same.nearby && same.nearby.sentence === sentence ? same.nearby : null);
  // Status: the word nearest the figure; else a figure of the same kind nearby that read one ("Biden
  // asked Congress for $106 billion ... Of this, $30 billion ..."); else the category's default.
  const statusWord = category.status ? (noun.partitive ? readStatusOfPart(around, config) : readStatus(around, config)) : null;
  const statusLender = statusWord ? null : readStatusLender(accepted, sentence, category);
  const status = category.status ? (statusWord ?? statusLender?.figure.status ?? lender?.figure.status ?? category.defaultStatus) : null;
  const cumulative = isCumulative({
    text,
    facts,
    category,
    unit: mention.unit,
    quoteStart: qualifier.start,
    numberStart: mention.start,
    numberEnd,
    nounEnd: Math.max(numberEnd, noun.end),
    total: qualifier.total,
    anaphoric: noun.anaphoric,
    previousInSentence: same.inSentence ? same.inSentence.figure : null,
    previousNearby: near.sameUnitNearby ? near.sameUnitNearby.figure : null,
    wholeInSentence: near.sameUnitInSentence ? near.sameUnitInSentence.figure : null,
    proposed: status === 'proposed',
    singleEventNouns: config.singleEventNouns ?? [],
    partWords: config.partWords ?? [],
  }) || (choice.running === true && category.cumulative !== false);

  const event = category.event ? partitiveEvent(text, span.start, mention.start, noun, around, config) ?? readEvent(around, config) ?? lender?.figure.event ?? null : null;
  // "announced $100 million in aid", "another $700 million": one package, unless a running total.
  if (!cumulative && status !== 'proposed') {
    const taker = takerOf(reader.rules, category, text, clause, quoteStart, quoteEnd);
    if (taker) category = taker;
  }
  // A part of a total ("About $23.6 billion of that") covers the period of the total it is part of.
  const totalBefore = near.sameUnitNearby?.figure.cumulative ? near.sameUnitNearby.figure : null;
  const since = cumulative ? (readSince(text, span.start, span.end, quoteStart, quoteEnd, published, config.periodStarts ?? []) ?? totalBefore?.since ?? null) : null;
  const figure: Figure = {
    value: mention.value,
    value_max: mention.valueMax,
    unit: mention.unit,
    qualifier: mention.valueMax !== null ? 'range' : after ? after.qualifier : qualifier.qualifier,
    category: category.label,
    actor,
    cumulative,
    status,
    since,
    event,
    quote: text.slice(quoteStart, quoteEnd),
    start: quoteStart,
    end: quoteEnd,
    sentence: text.slice(span.start, span.end),
  };
  return { figure, sentence, category, statusRead: statusWord !== null || statusLender !== null };
}

/**
 * "downed 718 of the 728 drones": the whole of a partitive counts what was launched; the part takes
 * the verb before it ("seven of 13 missiles fired at Ukraine" were shot down, the 13 were fired).
 */
function partitiveEvent(text: string, floor: number, start: number, noun: NounPhrase, around: Around, config: FigureRulesLike): FigureEvent | null {
  if (noun.partitive) return readEvent({ ...around, ceiling: around.from }, config);
  const the = wordBefore(text, start, floor);
  const of = the && the.lower === 'the' ? wordBefore(text, the.start, floor) : the;
  if (!of || of.lower !== 'of') return null;
  let i = of.start - 1;
  while (i > floor && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return 'launched';
  const w = wordBefore(text, of.start, floor);
  return w && readNumber(text, w.start)?.end === w.end ? 'launched' : null;
}

/** "€50 billion ($54 billion)": money in brackets right after other money is the same amount, converted. */
function isConversion(text: string, start: number, previous: Accepted): boolean {
  const prev = previous.figure;
  if (prev.unit === 'count' || prev.unit === 'percent' || prev.unit === 'ordinal') return false;
  let i = start - 1;
  while (i > 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
  if (text.charCodeAt(i) !== 40) return false;
  i--;
  while (i > 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
  return i + 1 === prev.end;
}

/** "..., two over Kursk and one over Oryol": a bare number after a list link, with a figure before it in the sentence. */
function continuesList(text: string, start: number, end: number, floor: number): boolean {
  const prev = wordBefore(text, start, floor);
  let linked = prev !== null && LIST_LINK.has(prev.lower);
  if (!prev) {
    let i = start - 1;
    while (i > floor && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
    linked = text.charCodeAt(i) === 44 || text.charCodeAt(i) === 59;
  }
  if (!linked) return false;
  const next = wordAfter(text, end);
  return next === null || LIST_NEXT.has(next.lower);
}
