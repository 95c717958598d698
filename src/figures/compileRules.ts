/**
 * Turns the figure rules from config into lookup tables, once per rules object (cached in a
 * WeakMap), so that extraction never rebuilds anything per article. Phrases (triggers, actor
 * aliases, cumulative markers) become tables keyed by their first word and matched over a
 * sentence's words: a hash lookup per word, whatever the size of the vocabulary.
 */
import type { z } from 'zod';
import type { FigureRulesSchema } from './rules.js';
import { hashFolded } from './words.js';
import type { FigureStatus } from './figure.js';

/** What extractFigures accepts: the parsed config section, or a hand-written object (defaults applied here). */
export type FigureRulesLike = z.input<typeof FigureRulesSchema>;

export type ActorRole = 'agent' | 'launcher' | 'victim';

export interface CompiledCategory {
  /** The rule's name in config (what `overrides` refer to). */
  name: string;
  /** The category written on the figure (`as`, else the name). */
  label: string;
  /** Position in config: lower is higher priority. */
  rank: number;
  /** null: any unit. */
  units: ReadonlySet<string> | null;
  anyMoney: boolean;
  people: boolean;
  actorRole: ActorRole;
  nounActor: boolean;
  defaultActor: string | null;
  overrides: ReadonlySet<string>;
  takesObject: ReadonlySet<string>;
  neverActors: ReadonlySet<string>;
  carryActor: boolean;
  /** false: never cumulative; undefined: read from the text. */
  cumulative: boolean | undefined;
  /** Carries a status (money, equipment) and its default when no word says. */
  status: boolean;
  defaultStatus: FigureStatus | null;
  /** Carries an event (drones, missiles). */
  event: boolean;
  /** Money for the beat's recipient ("$37B for Ukraine") is this category's. */
  moneyForRecipient: boolean;
  /** The category holds only when the last actor named before the figure is one of these. */
  onlyFor: ReadonlySet<string>;
  /** Event categories (drones, missiles) whose figures this one takes when given, not fired, and the words that say so. */
  takesGivenFrom: ReadonlySet<string>;
  givenWords: readonly string[];
  /** After the noun, a stock held rather than given ("at its disposal"). */
  heldWords: readonly string[];
  /** Categories whose figures this one takes in a sentence about a vote (a bill), and the words for it. */
  takesBillFrom: ReadonlySet<string>;
  billWords: readonly string[];
  billUnless: readonly string[];
  /** Lower-cased predicates after which a part of this kind's set is a re-mention ("27 of the dead had been identified"). */
  rementionWords: ReadonlySet<string>;
  /** Names of the categories whose figures this one takes over when one of `takeOverWords` stands in the clause. */
  takesFrom: ReadonlySet<string>;
  takeOverWords: readonly string[];
  takeOverUnless: readonly string[];
}

/** One phrase of a table: its lower-cased words and, for case-sensitive phrases, the words as written. */
export interface Phrase<T> {
  words: string[];
  /** hashFolded of each word, for matching without building strings. */
  hashes: number[];
  /** The words joined by one space ("north koreans"). */
  key: string;
  written: string[] | null;
  /** The first letter may be upper-case even though it is written lower-case ("allies" / "Allies"). */
  capitalizable: boolean;
  value: T;
}

/**
 * The phrases that start with one word, longest first: triggers, actor aliases and cumulative
 * markers under one key, so that a word that starts no phrase costs one lookup.
 */
export interface VocabularyEntry {
  /** The lower-cased first word this entry is for (hashes can collide; this cannot). */
  word: string;
  /** A trigger may serve several categories ("sent": money sent is aid, soldiers sent are troops), in priority order. */
  triggers?: ReadonlyArray<Phrase<CompiledCategory[]>>;
  /** Actor aliases → actor name; matched case-sensitively ("US" is not "us"). */
  aliases?: ReadonlyArray<Phrase<string>>;
  markers?: ReadonlyArray<Phrase<true>>;
}

export interface CompiledRules {
  categories: CompiledCategory[];
  /** By hashFolded of the first word; a list because two words may share a hash. */
  vocabulary: ReadonlyMap<number, readonly VocabularyEntry[]>;
  /** Lower-cased people nouns and plural demonyms ("ukrainians"). */
  peopleNouns: ReadonlySet<string>;
  /** hashFolded of each one-word people noun (a quick look before a sentence is analysed). */
  peopleNounHashes: ReadonlySet<number>;
  /** Lower-cased; two-word entries joined by one space. */
  attackWords: ReadonlySet<string>;
  /** Lower-cased nouns that count a kind named after "of" ("the tally of Marders ... to 120"). */
  tallyNouns: ReadonlySet<string>;
  /** Lower-cased verbs before a tally noun that make it a running total ("takes the tally to"). */
  tallyVerbs: ReadonlySet<string>;
  /** Lower-cased nouns that a trigger may only modify ("tank battalions"). */
  groupNouns: ReadonlySet<string>;
  /** Lower-cased phrases (words joined by one space): after an actor, it reports rather than acts. */
  sourceWords: ReadonlySet<string>;
  /** Lower-cased single words that may stand between an actor and its verb. */
  actorNouns: ReadonlySet<string>;
  /** Lower-cased verbs whose object is a target. */
  targetVerbs: ReadonlySet<string>;
  /** Lower-cased phrases: after an actor, it is the side hit. */
  sufferWords: ReadonlySet<string>;
  warNouns: ReadonlySet<string>;
  /** The category of drones and missiles counted together ("120 missiles and drones"), if config names one. */
  mixedEvents: CompiledCategory | null;
  /** Purposes that make money off the beat (the config list itself: a stable key for its pattern). */
  offTopicWords: readonly string[];
  /** Every event word (launched, shot down, hit) in one list. */
  eventWords: readonly string[];
  /** Lower-cased nouns a count may be glued to ("50-nation"). */
  countCompounds: ReadonlySet<string>;
}

const cache = new WeakMap<object, CompiledRules>();

/** Words of a phrase as the sentence tokenizer sees them: split at spaces and hyphens. */
export const phraseWords = (s: string): string[] =>
  s
    .trim()
    // "G7" → G, 7: the sentence tokenizer reads the digits of a model name as a word of their own.
    .replace(/([A-Za-z])(?=\d)/g, '$1 ')
    .split(/[\s\u00A0-]+/)
    .filter((w) => w.length > 0);

/** "drone" → drone, drones; "ally" → ally, allies; "tranche" → tranches. Only the last word changes. */
function pluralForms(phrase: string): string[] {
  const p = phrase.trim();
  const lower = p.toLowerCase();
  if (/\d$/.test(lower)) return [p, `${p}s`]; // "F-16" → F-16s
  if (/[^a-z]$/.test(lower) || lower.endsWith('s')) return [p];
  if (/[^aeiou]y$/.test(lower)) return [p, `${p.slice(0, -1)}ies`];
  if (/(?:x|ch|sh)$/.test(lower)) return [p, `${p}es`];
  return [p, `${p}s`];
}

function addPhrase<T>(table: Map<string, Array<Phrase<T>>>, text: string, value: T, caseSensitive: boolean): void {
  const written = phraseWords(text);
  if (written.length === 0) return;
  const words = written.map((w) => w.toLowerCase());
  const list = table.get(words[0]!) ?? [];
  if (list.some((p) => p.words.join(' ') === words.join(' ') && (!caseSensitive || p.written?.join(' ') === written.join(' ')))) return;
  const first = written[0]![0]!;
  list.push({
    words,
    hashes: words.map((w) => hashFolded(w, 0, w.length)),
    key: words.join(' '),
    written: caseSensitive ? written : null,
    capitalizable: first.toLowerCase() === first && first.toUpperCase() !== first,
    value,
  });
  list.sort((a, b) => b.words.length - a.words.length);
  table.set(words[0]!, list);
}

function compile(rules: FigureRulesLike): CompiledRules {
  const categories: CompiledCategory[] = rules.categories.map((c, rank) => {
    const units = c.units ? new Set(c.units) : null;
    return {
      name: c.name,
      label: c.as ?? c.name,
      rank,
      units,
      anyMoney: units?.has('money') ?? false,
      people: c.people ?? false,
      actorRole: c.actorRole ?? 'agent',
      nounActor: c.nounActor ?? true,
      defaultActor: c.defaultActor ?? null,
      overrides: new Set(c.overrides ?? []),
      takesObject: new Set(c.takesObject ?? []),
      neverActors: new Set(c.neverActors ?? []),
      carryActor: c.carryActor ?? true,
      cumulative: c.cumulative,
      status: c.status ?? false,
      defaultStatus: c.defaultStatus ?? null,
      event: c.event ?? false,
      moneyForRecipient: c.moneyForRecipient ?? false,
      onlyFor: new Set(c.onlyFor ?? []),
      takesGivenFrom: new Set(c.takesGiven?.from ?? []),
      givenWords: c.takesGiven?.words ?? [],
      heldWords: c.heldWords ?? [],
      takesBillFrom: new Set(c.takesBill?.from ?? []),
      billWords: c.takesBill?.words ?? [],
      billUnless: c.takesBill?.unless ?? [],
      rementionWords: new Set((c.rementionWords ?? []).map((w) => w.trim().toLowerCase())),
      takesFrom: new Set(c.takesOver?.from ?? []),
      takeOverWords: c.takesOver?.words ?? [],
      takeOverUnless: c.takesOver?.unless ?? [],
    };
  });

  const triggers = new Map<string, Array<Phrase<CompiledCategory[]>>>();
  const byKey = new Map<string, CompiledCategory[]>();
  rules.categories.forEach((c, i) => {
    for (const t of c.triggers ?? []) {
      for (const form of pluralForms(t)) {
        const key = phraseWords(form).join(' ').toLowerCase();
        const list = byKey.get(key);
        // A word listed under several categories serves each, the first in config order first.
        if (list) {
          if (!list.includes(categories[i]!)) list.push(categories[i]!);
          continue;
        }
        const fresh = [categories[i]!];
        byKey.set(key, fresh);
        addPhrase(triggers, form, fresh, false);
      }
    }
  });

  const aliases = new Map<string, Array<Phrase<string>>>();
  const peopleNouns = new Set<string>((rules.peopleNouns ?? []).map((w) => w.trim().toLowerCase()));
  for (const actor of rules.actors ?? []) {
    for (const alias of actor.aliases) {
      addPhrase(aliases, alias, actor.name, true);
      // A plural demonym ("Ukrainians", "North Koreans") counts people the way "people" does.
      const key = phraseWords(alias).join(' ').toLowerCase();
      if (key.endsWith('ans')) peopleNouns.add(key);
      else if (key.endsWith('an')) peopleNouns.add(`${key}s`);
    }
  }

  const markers = new Map<string, Array<Phrase<true>>>();
  for (const m of rules.cumulativeMarkers ?? []) addPhrase(markers, m, true as const, false);

  const vocabulary = new Map<number, VocabularyEntry[]>();
  const entry = (w: string): VocabularyEntry => {
    const h = hashFolded(w, 0, w.length);
    const list = vocabulary.get(h) ?? [];
    let e = list.find((x) => x.word === w);
    if (!e) {
      e = { word: w };
      list.push(e);
      vocabulary.set(h, list);
    }
    return e;
  };
  for (const [w, list] of triggers) entry(w).triggers = list;
  for (const [w, list] of aliases) entry(w).aliases = list;
  for (const [w, list] of markers) entry(w).markers = list;

  return {
    categories,
    vocabulary,
    peopleNouns,
    peopleNounHashes: new Set([...peopleNouns].map((w) => w.split(' ').pop()!).map((w) => hashFolded(w, 0, w.length))),
    attackWords: phraseSet(rules.attackWords),
    sourceWords: phraseSet(rules.sourceWords),
    tallyNouns: phraseSet(rules.tallyNouns),
    tallyVerbs: phraseSet(rules.tallyVerbs),
    groupNouns: new Set((rules.groupNouns ?? []).flatMap((w) => { const l = w.trim().toLowerCase(); return [l, ...pluralForms(l).slice(1)]; })),
    actorNouns: new Set((rules.actorNouns ?? []).flatMap((w) => phraseWords(w.toLowerCase()))),
    targetVerbs: phraseSet(rules.targetVerbs),
    sufferWords: phraseSet(rules.sufferWords),
    warNouns: phraseSet(rules.warNouns),
    mixedEvents: categories.find((_, i) => rules.categories[i]!.mixedEvents === true) ?? null,
    offTopicWords: rules.offTopicWords ?? [],
    countCompounds: new Set((rules.countCompounds ?? []).map((w) => w.trim().toLowerCase())),
    eventWords: [...(rules.eventWords?.launched ?? []), ...(rules.eventWords?.shot_down ?? []), ...(rules.eventWords?.hit ?? [])],
  };
}

const phraseSet = (list: readonly string[] | undefined): ReadonlySet<string> => new Set((list ?? []).map((w) => phraseWords(w).join(' ').toLowerCase()));

/** The compiled form of `rules`, built once per rules object. */
export function compileRules(rules: FigureRulesLike): CompiledRules {
  let compiled = cache.get(rules);
  if (!compiled) {
    compiled = compile(rules);
    cache.set(rules, compiled);
  }
  return compiled;
}

export function categoryAccepts(category: CompiledCategory, unit: string, isMoney: boolean): boolean {
  if (category.units === null) return true;
  return category.units.has(unit) || (isMoney && category.anyMoney);
}

/** The first of `categories` (priority order) that takes this unit, and counts people if asked. */
export function pickCategory(categories: readonly CompiledCategory[], unit: string, isMoney: boolean, peopleOnly = false): CompiledCategory | null {
  for (const c of categories) {
    if (peopleOnly && !c.people) continue;
    if (categoryAccepts(c, unit, isMoney)) return c;
  }
  return null;
}
