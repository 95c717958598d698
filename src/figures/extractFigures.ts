/**
 * extractFigures: the key figures of one article, read by the rules in config.
 *
 * One pass over the text finds where numbers start (digits, currency signs, number words); each is
 * read in place (readNumber), screened (exclusions), given its hedge (qualifiers), its counted noun
 * (nounPhrase), a category (chooseCategory), an actor (chooseActor) and a running-total flag
 * (isCumulative). Sentence facts are computed once per sentence and only where a number stands.
 * Identical figures (the scrape repeats headlines and captions) are reported once.
 */
import type { Figure, FigureInput } from './figure.js';
import { compileRules, type CompiledCategory, type FigureRulesLike } from './compileRules.js';
import { findCandidate } from './findCandidates.js';
import { readNumber, type NumberMention } from './readNumber.js';
import { exclusionReason } from './exclusions.js';
import { readQualifierAfter, readQualifierBefore } from './qualifiers.js';
import { splitSentences, type Span } from './sentences.js';
import { sentenceFacts, type SentenceFacts } from './sentenceFacts.js';
import { readNounPhrase } from './nounPhrase.js';
import { chooseCategory } from './chooseCategory.js';
import { chooseActor } from './chooseActor.js';
import { isCumulative } from './isCumulative.js';
import { wordAfter, wordBefore } from './words.js';

/** How far back a figure lends its category or actor to the next one. */
const CONTEXT_SENTENCES = 3;

interface Accepted {
  figure: Figure;
  sentence: number;
  category: CompiledCategory;
}

class ArticleReader {
  readonly spans: Span[];
  private readonly facts: Array<SentenceFacts | undefined> = [];
  private cursor = 0;

  constructor(
    readonly text: string,
    readonly rules: ReturnType<typeof compileRules>,
  ) {
    this.spans = splitSentences(text);
  }

  /** Index of the sentence holding `pos`; positions are asked in increasing order. */
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
}

const QUOTE_TAIL = /[ \t\u00A0]+(?:over|in|at|near|on|from|across)[ \t\u00A0]+(?:the[ \t\u00A0]+)?[A-Z][\p{L}'’-]*(?:[ \t\u00A0]+[A-Z][\p{L}'’-]*){0,2}/uy;
const LIST_LINK = new Set(['and', 'while', 'with', 'plus', 'including', 'whereas']);

export function extractFigures(input: FigureInput, rules: FigureRulesLike): Figure[] {
  const text = typeof input.text === 'string' ? input.text : '';
  if (text.length === 0) return [];
  const compiled = compileRules(rules);
  const reader = new ArticleReader(text, compiled);
  const accepted: Accepted[] = [];
  const seen = new Set<string>();
  const out: Figure[] = [];

  let next = 0;
  for (let pos = findCandidate(text, 0); pos >= 0; pos = findCandidate(text, next)) {
    next = pos + 1;
    const sentence = reader.sentenceAt(pos);
    if (sentence < 0) continue;
    const span = reader.spans[sentence]!;
    const qualifier = readQualifierBefore(text, pos, span.start);
    const mention = readNumber(text, pos, qualifier.between);
    if (!mention) {
      next = skipDigits(text, pos);
      continue;
    }
    next = Math.max(mention.end, isDigitStart(text, pos) ? skipDigits(text, mention.end) : mention.end, pos + 1);
    if (exclusionReason(text, mention, span.start) !== null) continue;

    const figure = interpret(reader, sentence, mention, qualifier, accepted);
    if (!figure) continue;
    const key = `${figure.figure.quote}\u0000${figure.figure.value}\u0000${figure.figure.unit}\u0000${figure.figure.category}`;
    accepted.push(figure);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(figure.figure);
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

function interpret(
  reader: ArticleReader,
  sentence: number,
  mention: NumberMention,
  qualifier: ReturnType<typeof readQualifierBefore>,
  accepted: Accepted[],
): Accepted | null {
  const { text, rules } = reader;
  const facts = reader.factsOf(sentence);
  const after = readQualifierAfter(text, mention.end);
  const numberEnd = after?.end ?? mention.end;
  const noun = readNounPhrase(text, numberEnd, facts, rules);

  const sameUnitBefore = lastWhere(accepted, sentence, (a) => a.figure.unit === mention.unit);
  const recent = (pred: (a: Accepted) => boolean): Accepted | null => lastWhere(accepted, sentence - CONTEXT_SENTENCES, pred);
  const recentMoney = recent((a) => a.figure.unit === mention.unit && mention.isMoney);
  const previousFacts = sentence > 0 ? reader.factsOf(sentence - 1) : null;

  const choice = chooseCategory({
    text,
    rules,
    facts,
    previousFacts,
    mention,
    quoteStart: qualifier.start,
    numberEnd,
    noun,
    additional: qualifier.additional,
    listContinuation: continuesList(text, qualifier.start, numberEnd, facts.start, sameUnitBefore !== null),
    previousInSentence: sameUnitBefore?.category ?? null,
    recentMoney: recentMoney?.category ?? null,
  });
  if (!choice) return null;
  const category = choice.category;

  let quoteStart = qualifier.start;
  let quoteEnd = Math.max(numberEnd, noun.end);
  if (choice.via === 'adjacent' && choice.triggerStart !== undefined && noun.kind === 'none' && !mention.isMoney) quoteStart = Math.min(quoteStart, choice.triggerStart);
  if (noun.kind === 'none' && !noun.anaphoric) {
    // "two over Kursk": a bare number is quoted with the place it refers to.
    QUOTE_TAIL.lastIndex = quoteEnd;
    if (QUOTE_TAIL.exec(text) && QUOTE_TAIL.lastIndex <= facts.end) quoteEnd = QUOTE_TAIL.lastIndex;
  }

  const sameCategory = recent((a) => a.category === category);
  const previousFactsList: SentenceFacts[] = [];
  for (let i = sentence - 1; i >= 0 && i >= sentence - 2; i--) previousFactsList.push(reader.factsOf(i));
  const actor = chooseActor({
    text,
    rules,
    facts,
    previousFacts: previousFactsList,
    category,
    quoteStart,
    numberStart: mention.start,
    numberEnd,
    nounEnd: noun.end,
    previousActor: sameCategory ? sameCategory.figure.actor : undefined,
  });

  const sameInSentence = lastWhere(accepted, sentence, (a) => a.category === category && a.figure.unit === mention.unit);
  const nearbySameUnit = recent((a) => a.figure.unit === mention.unit);
  const cumulative = isCumulative({
    text,
    facts,
    category,
    unit: mention.unit,
    quoteStart: qualifier.start,
    numberEnd,
    nounEnd: Math.max(numberEnd, noun.end),
    total: qualifier.total,
    anaphoric: noun.anaphoric,
    previousInSentence: sameInSentence ? sameInSentence.figure : null,
    previousNearby: nearbySameUnit ? nearbySameUnit.figure : null,
  });

  const span = reader.spans[sentence]!;
  const figure: Figure = {
    value: mention.value,
    value_max: mention.valueMax,
    unit: mention.unit,
    qualifier: mention.valueMax !== null ? 'range' : after ? after.qualifier : qualifier.qualifier,
    category: category.name,
    actor,
    cumulative,
    quote: text.slice(quoteStart, quoteEnd),
    start: quoteStart,
    end: quoteEnd,
    sentence: text.slice(span.start, span.end),
  };
  return { figure, sentence, category };
}

/** "..., two over Kursk and one over Oryol": a bare number after a list link, with a figure before it in the sentence. */
function continuesList(text: string, start: number, end: number, floor: number, hasPrevious: boolean): boolean {
  if (!hasPrevious) return false;
  const prev = wordBefore(text, start, floor);
  let linked = prev !== null && LIST_LINK.has(prev.lower);
  if (!prev) {
    let i = start - 1;
    while (i > floor && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
    linked = text.charCodeAt(i) === 44 || text.charCodeAt(i) === 59;
  }
  if (!linked) return false;
  const next = wordAfter(text, end);
  if (!next) return true;
  return ['over', 'in', 'at', 'near', 'on', 'from', 'across', 'were', 'was', 'more'].includes(next.lower);
}

/** The latest accepted figure from sentence `fromSentence` on that satisfies `pred`; stops at older sentences. */
function lastWhere(items: Accepted[], fromSentence: number, pred: (item: Accepted) => boolean): Accepted | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.sentence < fromSentence) return null;
    if (pred(item)) return item;
  }
  return null;
}
