/**
 * The `answers:` and `figures.actors` config turned into word lists ready for matching, once per
 * config object (a question is then read without re-tokenizing any rule).
 */
import type { FigureEvent, FigureStatus } from '../figures/figure.js';
import type { FigureRules } from '../figures/rules.js';
import type { FigureTextFilter } from '../store/store.js';
import { keyStem, phraseKeys } from './questionText.js';
import type { AnswerRules, Measure } from './rules.js';

export interface CompiledMeasure {
  measure: Measure;
  phrases: Array<{ text: string; keys: string[] }>;
  require: string[][];
  exclude: string[][];
  prefer: string[][];
  /** The same lists as key stems, for the cheap test before reading a sentence's words (mayHoldAny). */
  stems: { require: string[][]; exclude: string[][]; prefer: string[][] };
  /** The store-side pre-filter for `require` (null: the measure requires no words). */
  requireFilter: FigureTextFilter | null;
}

export interface CompiledAlias {
  actor: string;
  text: string;
  keys: string[];
  /** Per word: must be written in capitals in the question ("US" is not "us"). */
  capitals: boolean[];
  /**
   * A place or body inside the actor ("Zaporizhzhia" in Ukraine): known to the extractor's
   * `figures.actors` but not a name of the actor itself in `answers.actorAliases`. A question naming
   * it wants a report that mentions it.
   */
  place: boolean;
}

export interface CompiledRules {
  rules: AnswerRules;
  measures: CompiledMeasure[];
  /** Longest aliases first, so "North Korea" wins over "Korea". */
  aliases: CompiledAlias[];
  cumulativeWords: string[][];
  latestWords: string[][];
  /** In config order: the first event with a phrase in the question is the one asked for. */
  eventWords: Array<{ event: FigureEvent; keys: string[][] }>;
  statusWords: Array<{ status: FigureStatus; keys: string[][] }>;
  unitWords: Array<{ unit: string; keys: string[][] }>;
  recentFrames: Array<{ days: number; keys: string[][] }>;
  largestWords: string[][];
  targetWords: string[][];
  perfectWords: string[][];
  /** Exclusion cues as phrases ("other than"): the words right before an actor. */
  excludeCues: string[][];
  figureCues: string[][];
  /** Group name → the actors the figures carry for it, the group's own actor first when listed. */
  groups: Map<string, string[]>;
  receiverCues: Set<string>;
  attackWords: Set<string>;
  peopleNouns: Set<string>;
  ignoreWords: Set<string>;
  /** Every word of every measure phrase: not a name even when capitalized. */
  measureWords: Set<string>;
}

export interface RulesSource {
  answers: AnswerRules;
  figures: Pick<FigureRules, 'actors'>;
}

const cache = new WeakMap<object, CompiledRules>();

const keysOf = (list: readonly string[]): string[][] => list.map(phraseKeys).filter((k) => k.length > 0);
const stemsOf = (keys: string[][]): string[][] => keys.map((group) => group.map(keyStem));

function compileMeasure(measure: Measure): CompiledMeasure {
  const require = keysOf(measure.require);
  const exclude = keysOf(measure.exclude);
  const prefer = keysOf(measure.prefer);
  const stems = { require: stemsOf(require), exclude: stemsOf(exclude), prefer: stemsOf(prefer) };
  return {
    measure,
    phrases: measure.phrases.map((text) => ({ text, keys: phraseKeys(text) })).filter((p) => p.keys.length > 0),
    require,
    exclude,
    prefer,
    stems,
    requireFilter: stems.require.length > 0 ? { within: 'sentence', anyOf: stems.require } : null,
  };
}

/** An alias word written in capitals and at most 3 letters ("US", "EU", "UK") is an abbreviation. */
function isAbbreviation(word: string): boolean {
  const bare = word.replace(/\./g, '');
  return bare.length <= 3 && bare.length >= 2 && bare === bare.toUpperCase() && /[A-Z]/.test(bare);
}

export function compileRules(config: RulesSource): CompiledRules {
  const hit = cache.get(config);
  if (hit && hit.rules === config.answers) return hit;
  const answers = config.answers;

  const measures: CompiledMeasure[] = answers.measures.map(compileMeasure);

  const aliasSources = [...answers.actorAliases, ...config.figures.actors];
  const aliases: CompiledAlias[] = [];
  const seen = new Set<string>();
  // Names of the actors themselves; any other alias of figures.actors is a place within one.
  const names = new Set<string>();
  for (const actor of [...answers.actorAliases, ...config.figures.actors]) names.add(phraseKeys(actor.name).join(' '));
  for (const actor of answers.actorAliases) for (const a of actor.aliases) names.add(phraseKeys(a).join(' '));
  for (const actor of aliasSources) {
    for (const text of [actor.name, ...actor.aliases]) {
      const words = text.split(/\s+/).filter(Boolean);
      const keys = phraseKeys(text);
      const id = `${actor.name}\u0000${keys.join(' ')}`;
      if (keys.length === 0 || seen.has(id)) continue;
      seen.add(id);
      // phraseKeys drops dots and possessives the way the question reader does; capitals per word.
      const capitals = phraseKeys(text).map((_, i) => isAbbreviation(words[i] ?? ''));
      // A form of the actor's own name ("Norwegian" for Norway: the same first four letters) is no place.
      const formOfName = keys.length === 1 && keys[0]!.length >= 4 && phraseKeys(actor.name).some((k) => k.length >= 4 && k.slice(0, 4) === keys[0]!.slice(0, 4));
      aliases.push({ actor: actor.name, text, keys, capitals, place: !names.has(keys.join(' ')) && !formOfName });
    }
  }
  aliases.sort((a, b) => b.keys.length - a.keys.length);

  const measureWords = new Set<string>();
  for (const m of measures) for (const p of m.phrases) for (const k of p.keys) measureWords.add(k);

  const compiled: CompiledRules = {
    rules: answers,
    measures,
    aliases,
    cumulativeWords: keysOf(answers.time.cumulative),
    latestWords: keysOf(answers.time.latest),
    eventWords: answers.events.map((e) => ({ event: e.event, keys: keysOf(e.phrases) })),
    statusWords: answers.statuses.map((e) => ({ status: e.status, keys: keysOf(e.phrases) })),
    unitWords: answers.units.map((e) => ({ unit: e.unit, keys: keysOf(e.phrases) })),
    recentFrames: answers.recentFrames.map((e) => ({ days: e.days, keys: keysOf(e.phrases) })),
    largestWords: keysOf(answers.time.largest),
    targetWords: keysOf(answers.time.target),
    perfectWords: keysOf(answers.time.perfect),
    excludeCues: keysOf(answers.excludeCues),
    figureCues: keysOf(answers.figureCues),
    groups: new Map(answers.actorGroups.map((g) => [g.name, g.members])),
    receiverCues: new Set(answers.receiverCues.flatMap(phraseKeys)),
    attackWords: new Set(answers.attackWords.flatMap(phraseKeys)),
    peopleNouns: new Set(answers.peopleNouns.flatMap(phraseKeys)),
    ignoreWords: new Set(answers.ignoreWords.flatMap(phraseKeys)),
    measureWords,
  };
  cache.set(config, compiled);
  return compiled;
}
