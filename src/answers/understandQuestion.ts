/**
 * What a question asks, read by the rules in config: the measure ("total aid"), the actor ("United
 * States"), the time ("as of March 2024") and any names that narrow it down ("Zaporizhzhia"). Pure.
 *
 * Tolerant by design: word order, case, plurals and punctuation do not matter, and a word of 5+
 * letters may be one edit (Damerau-Levenshtein) off. Exact readings always win over corrected ones.
 */
import type { FigureEvent, FigureStatus } from '../figures/figure.js';
import { questionPeriod } from './series.js';
import type { Measure } from './rules.js';
import { compileRules, type CompiledAlias, type CompiledMeasure, type RulesSource } from './compileRules.js';
import { findPhrase, toWords, wordMatches, type Word } from './questionText.js';
import { monthNumber, readTimeFrame, type TimeFrame } from './readTimeFrame.js';

/** 'excluded': named to be left out ("other than the US"). */
export type ActorRole = 'subject' | 'receiver' | 'attacker' | 'by' | 'excluded';

export interface ActorMention {
  actor: string;
  /** The words as written in the question. */
  text: string;
  role: ActorRole;
  /** Position of the first word among the question's words. */
  index: number;
  /** Named by a place or body within the actor ("Gaza", "Kharkiv"), not by the actor's own name. */
  place: boolean;
}

export interface Understanding {
  question: string;
  measure: Measure | null;
  /** The config phrase that named the measure ("military aid"). */
  measurePhrase: string | null;
  /** Actors to look up, most likely first; empty: the question names none, any actor will do. */
  actors: string[];
  /** The most likely actor (actors[0]), or null. */
  actor: string | null;
  mentions: ActorMention[];
  time: TimeFrame & {
    /** The question asks for a running total ("to date", "so far", "in total"). */
    cumulative: boolean;
    /** The question asks for the newest figure ("latest", "last"). */
    latest: boolean;
    /** The period of the running total asked for, as a series key ("since 2014" → "2014"), else null. */
    since: string | null;
    /** The largest figure in the history is asked for ("biggest attack so far"). */
    largest: boolean;
    /** A plan or target is asked for ("plan to train"), not what was done. */
    target: boolean;
    /** Asked in a perfect tense ("has trained"): a running total where both are reported. */
    perfect: boolean;
    /** A relative time ("last night" → 1, "this week" → 6 days back), with its words; else null. */
    recent: { days: number; words: string } | null;
  };
  /** Where the money or equipment must stand ("pledged", "delivered"), else null. */
  status: FigureStatus | null;
  /** The unit asked for ("in pounds" → GBP), else null. */
  unit: string | null;
  /** For a measure that names what is counted: the phrases found ("patriot", "tank"); the figure's sentence must hold one. */
  counted: string[][];
  /** Actors to leave out ("other than the US"). */
  excluded: string[];
  /** The event asked about ("shot down" → shot_down), for figures that carry one (drones, missiles), else null. */
  event: FigureEvent | null;
  /** Names (capitalized words) not otherwise understood: the figure's report must mention one. */
  focus: string[];
  /** A figure is asked for by name ("how many refugees"), whether or not a measure names it. */
  asksForFigure: boolean;
  /** Words read as something else: "assistence" → "assistance". */
  corrections: Array<{ from: string; to: string }>;
}

/** Longest question we read; the rest is ignored (chat limits are far above any real question). */
export const MAX_QUESTION_CHARS = 500;

const STOPWORDS = new Set(['i', 'a', 'an', 'the', 'of', 'and', 'or', 'to', 'in', 'on', 'for', 'how', 'what', 'which', 'who', 'when', 'where', 'why', 'is', 'are', 'was', 'were', 'do', 'does', 'did', 'has', 'have', 'had', 'please', 'tell', 'me', 'give', 'show', 'many', 'much', 'big', 'large']);
/** Words skipped when looking for the word before an actor ("given the other Western allies"). */
const DETERMINERS = new Set(['the', 'its', 'their', 'both', 'a', 'an', 'other', 'all', 'his', 'her', 'our']);

interface Claimed {
  used: Set<number>;
}

function matchMeasure(words: Word[], measures: CompiledMeasure[], claimed: Claimed, corrections: Understanding['corrections']): { measure: CompiledMeasure; phrase: string } | null {
  for (const fuzzy of [false, true]) {
    for (const m of measures) {
      // The longest phrase of the measure that matches names it best.
      let best: { phrase: string; keys: string[]; indexes: number[] } | null = null;
      for (const p of m.phrases) {
        const hit = findPhrase(words, p.keys, { fuzzy });
        if (hit && (!best || hit.indexes.length > best.indexes.length)) best = { phrase: p.text, keys: p.keys, indexes: hit.indexes };
      }
      if (best) {
        for (const i of best.indexes) {
          claimed.used.add(i);
          const w = words[i]!;
          if (best.keys.includes(w.key)) continue;
          const key = best.keys.find((k) => wordMatches(w.key, k, true));
          if (key !== undefined) corrections.push({ from: w.raw, to: key });
        }
        return { measure: m, phrase: best.phrase };
      }
    }
  }
  return null;
}

/** Does the alias match the words at position i? Abbreviations need capitals, except in an all-lowercase question. */
function aliasAt(words: Word[], i: number, alias: CompiledAlias, fuzzy: boolean, lowercaseQuestion: boolean): boolean {
  if (i + alias.keys.length > words.length) return false;
  for (let k = 0; k < alias.keys.length; k++) {
    const w = words[i + k]!;
    const key = alias.keys[k]!;
    if (alias.capitals[k]) {
      if (w.key !== key) return false;
      const written = w.raw === w.raw.toUpperCase();
      // In a question typed all in lowercase, "the us ..." and "us aid ..." still mean the US.
      const afterThe = i + k > 0 && words[i + k - 1]!.key === 'the';
      const first = i + k === 0;
      if (!written && !(lowercaseQuestion && (afterThe || first))) return false;
    } else if (!wordMatches(w.key, key, fuzzy)) return false;
  }
  return true;
}

interface ActorHit {
  actor: string;
  start: number;
  end: number;
  place: boolean;
}

function findActors(words: Word[], aliases: CompiledAlias[], corrections: Understanding['corrections']): ActorHit[] {
  const lowercaseQuestion = !words.some((w, i) => i > 0 && /\p{Lu}/u.test(w.raw));
  const found: ActorHit[] = [];
  const taken = new Set<number>();
  for (const fuzzy of [false, true]) {
    for (const alias of aliases) {
      for (let i = 0; i < words.length; i++) {
        // The match first: it fails on the first word almost always, before any set is consulted.
        if (!aliasAt(words, i, alias, fuzzy, lowercaseQuestion)) continue;
        if (alias.keys.some((_, k) => taken.has(i + k))) continue;
        for (let k = 0; k < alias.keys.length; k++) {
          taken.add(i + k);
          const w = words[i + k]!;
          if (fuzzy && w.key !== alias.keys[k]) corrections.push({ from: w.raw, to: alias.text.split(/\s+/)[k] ?? alias.keys[k]! });
        }
        found.push({ actor: alias.actor, start: i, end: i + alias.keys.length, place: alias.place });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

interface RoleRules {
  cues: Set<string>;
  /** "other than", "not", "except": the actor is left out. */
  excludeCues: string[][];
  attackWords: Set<string>;
  peopleNouns: Set<string>;
  /** The measure's counted people belong to the actor named with them (see Measure.nounActor). */
  nounActor: boolean;
}

function roleOf(words: Word[], start: number, end: number, r: RoleRules, previous: ActorMention | undefined): ActorRole {
  // The word after the actor: "Russian missile strike" names an attacker.
  for (let j = end; j < Math.min(words.length, end + 3); j++) {
    if (r.attackWords.has(words[j]!.key)) return 'attacker';
  }
  // "Ukrainian (military) soldiers" trained by others: the people counted, not the one acting.
  if (!r.nounActor && [end, end + 1].some((k) => k < words.length && r.peopleNouns.has(words[k]!.key))) return 'receiver';
  let j = start - 1;
  while (j >= 0 && words[j]!.key === 'the') j--;
  // "other than the US", "not the US": checked before "other" is skipped as a determiner.
  for (const cue of r.excludeCues) {
    if (j - cue.length + 1 >= 0 && cue.every((k, n) => words[j - cue.length + 1 + n]!.key === k)) return 'excluded';
  }
  while (j >= 0 && DETERMINERS.has(words[j]!.key)) j--;
  const before = j >= 0 ? words[j]!.key : null;
  if (before === 'by' || before === 'from') return 'by';
  if (before !== null && r.cues.has(before)) return 'receiver';
  // "aid for Ukraine and Israel": a list shares the role of its first member.
  if ((before === 'and' || before === 'or') && previous && previous.role !== 'excluded') return previous.role;
  return 'subject';
}

/**
 * The order in which actors are tried. For givers and launchers (agent measures) the subject comes
 * first and the receiver never (aid "to Ukraine" is not Ukraine's aid); for killed and injured (victim measures)
 * the attacker is never the answer's actor.
 */
export function actorsToTry(mentions: readonly ActorMention[], role: Measure['actorRole'] | undefined): string[] {
  let ordered: ActorMention[];
  if (role === 'victim') {
    ordered = mentions.filter((m) => m.role === 'subject' || m.role === 'receiver');
  } else {
    // The recipient ("aid to Ukraine", "for Kyiv") is never the giver: with no giver named, any actor.
    ordered = mentions.filter((m) => m.role !== 'receiver' && m.role !== 'excluded');
  }
  return [...new Set(ordered.map((m) => m.actor))];
}

const LIST_LINKS = new Set(['and', 'or']);

export interface UnderstandOptions {
  /** The day the question is asked (YYYY-MM-DD). */
  asOf: string;
}

export function understandQuestion(question: string, config: RulesSource, options: UnderstandOptions): Understanding {
  const rules = compileRules(config);
  const text = question.slice(0, MAX_QUESTION_CHARS);
  const { frame, rest } = readTimeFrame(text, options.asOf);
  const words = toWords(rest);
  const corrections: Understanding['corrections'] = [];
  const claimed: Claimed = { used: new Set() };

  const measureHit = matchMeasure(words, rules.measures, claimed, corrections);
  const measure = measureHit?.measure.measure ?? null;

  const actorHits = findActors(words, rules.aliases, corrections);
  const roleRules: RoleRules = { cues: rules.receiverCues, excludeCues: rules.excludeCues, attackWords: rules.attackWords, peopleNouns: rules.peopleNouns, nounActor: measure?.nounActor ?? true };
  const mentions: ActorMention[] = [];
  for (const hit of actorHits) {
    const role = roleOf(words, hit.start, hit.end, roleRules, mentions[mentions.length - 1]);
    mentions.push({ actor: hit.actor, text: words.slice(hit.start, hit.end).map((w) => w.raw).join(' '), role, index: hit.start, place: hit.place });
    for (let i = hit.start; i < hit.end; i++) claimed.used.add(i);
  }

  let cumulative = false;
  for (const keys of rules.cumulativeWords) {
    const hit = findPhrase(words, keys, { fuzzy: false, contiguous: true });
    if (hit) {
      cumulative = true;
      hit.indexes.forEach((i) => claimed.used.add(i));
    }
  }
  let latest = false;
  for (const keys of rules.latestWords) {
    const hit = findPhrase(words, keys, { fuzzy: false, contiguous: true });
    if (hit) {
      latest = true;
      hit.indexes.forEach((i) => claimed.used.add(i));
    }
  }

  const has = (keys: string[]): boolean => findPhrase(words, keys, { fuzzy: false, contiguous: true }) !== null;
  const claim = (keys: string[]): void => findPhrase(words, keys, { fuzzy: false, contiguous: true })?.indexes.forEach((i) => claimed.used.add(i));
  const status = rules.statusWords.find((e) => e.keys.some(has))?.status ?? null;
  const unit = rules.unitWords.find((e) => e.keys.some(has))?.unit ?? null;
  let recent: Understanding['time']['recent'] = null;
  for (const frame of rules.recentFrames) {
    const keys = frame.keys.find(has);
    if (keys && (recent === null || frame.days < recent.days)) recent = { days: frame.days, words: keys.join(' ') };
    frame.keys.forEach(claim);
  }
  const counted = measureHit?.measure.measure.namesWhatIsCounted ? measureHit.measure.phrases.filter((p) => findPhrase(words, p.keys, { fuzzy: false }) !== null).map((p) => p.keys) : [];

  const event = rules.eventWords.find((e) => e.keys.some((keys) => findPhrase(words, keys, { fuzzy: false, contiguous: true }) !== null))?.event ?? null;

  const actors = actorsToTry(mentions, measure?.actorRole);
  // A place named in the question ("killed in Zaporizhzhia") must be in the report, whatever its case.
  const places = actorHits.filter((h) => h.place).map((h) => words.slice(h.start, h.end).map((w) => w.raw).join(' '));
  // "aid for Ukraine and Israel": a second recipient in a list narrows the question like a place does
  // (the report must name it), though it is an actor in config.
  const listedReceivers = mentions
    .filter((m, i) => i > 0 && m.role === 'receiver' && mentions[i - 1]!.role === 'receiver' && LIST_LINKS.has(words[m.index - 1]?.key ?? ''))
    .map((m) => m.text);
  const focus = [...new Set([...places, ...listedReceivers, ...focusWords(words, claimed.used, rules)])];
  return {
    question: text,
    measure,
    measurePhrase: measureHit?.phrase ?? null,
    actors,
    actor: actors[0] ?? null,
    mentions,
    time: {
      ...frame,
      cumulative,
      latest,
      since: questionPeriod(text, rules.rules.seriesPeriods, options.asOf),
      largest: rules.largestWords.some(has),
      target: rules.targetWords.some(has),
      perfect: rules.perfectWords.some(has),
      recent,
    },
    status,
    unit,
    counted,
    excluded: [...new Set(mentions.filter((m) => m.role === 'excluded').map((m) => m.actor))],
    event,
    focus,
    asksForFigure: asksForFigure(words, rules.figureCues),
    corrections,
  };
}

/** A cue ("how many") followed by a word that says what is counted, not by "has" or "the". */
function asksForFigure(words: Word[], cues: string[][]): boolean {
  return cues.some((keys) => {
    const hit = findPhrase(words, keys, { fuzzy: false, contiguous: true });
    const next = hit ? words[Math.max(...hit.indexes) + 1] : undefined;
    return next !== undefined && /^\p{L}+$/u.test(next.raw) && !STOPWORDS.has(next.key) && !DETERMINERS.has(next.key);
  });
}

/**
 * Capitalized words mid-question that nothing else explained: names of places, people or bodies
 * ("Zaporizhzhia", "Congress"). Title-cased or shouted questions carry no such signal, so none.
 */
function focusWords(words: Word[], used: Set<number>, rules: ReturnType<typeof compileRules>): string[] {
  const lettered = words.filter((w) => /\p{L}/u.test(w.raw));
  const capitalized = lettered.filter((w) => /^\p{Lu}/u.test(w.raw)).length;
  if (lettered.length === 0 || capitalized / lettered.length > 0.5) return [];
  const out: string[] = [];
  words.forEach((w, i) => {
    if (i === 0 || used.has(i)) return;
    if (!/^\p{Lu}/u.test(w.raw)) return;
    if (STOPWORDS.has(w.key) || rules.ignoreWords.has(w.key) || rules.measureWords.has(w.key)) return;
    if (/\d/.test(w.raw) || monthNumber(w.raw) !== null) return;
    if (!out.includes(w.raw)) out.push(w.raw);
  });
  return out;
}
