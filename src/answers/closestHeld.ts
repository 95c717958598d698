/**
 * When nothing fits a question: the figure held that comes closest (the same measure for another
 * actor, else the same actor for another measure, else the first measure held), with its latest
 * day and a question that is checked to work, so the reader has a next step, not a dead end.
 */
import type { Store } from '../store/store.js';
import type { ReadCatalog } from './catalogOnce.js';
import type { CompiledRules } from './compileRules.js';
import type { Measure } from './rules.js';
import type { Understanding } from './understandQuestion.js';

export interface ClosestHeld {
  measure: string;
  actor: string | null;
  /** Day of the figure the example answers with; with no example, of its newest figure (YYYY-MM-DD). */
  latest: string;
  /** A question that answers with a figure, or null when none of the tried ones does. */
  example: string | null;
}

/** Candidate examples tried at most (each is one more look-up, only on a miss). */
const EXAMPLES_TRIED = 3;

/** "What is the total aid from {actor} to date?" with the actor filled in; a plain form without one. */
export function exampleQuestion(measure: Measure, actor: string | null): string {
  // A curated example names an actor: for figures of none, the plain form reads right.
  if (measure.example && (actor !== null || !measure.example.includes('{actor}'))) return measure.example.replace('{actor}', actor ?? '').trim();
  return `What is the latest figure on ${measure.name}${actor ? ` for ${actor}` : ''}?`;
}

/** Answers a question: the day (YYYY-MM-DD) of the figure it answers with, or null when none fits. */
export type Ask = (question: string) => Promise<string | null>;

/** Per store, until its catalog changes: the closest figure for a measure, actor and day (misses repeat). */
const cache = new WeakMap<Store, { key: string; rules: CompiledRules; byQuestion: Map<string, ClosestHeld | null> }>();
const CACHE_ENTRIES = 500;

export async function closestHeld(store: Store, rules: CompiledRules, u: Pick<Understanding, 'measure' | 'actor' | 'time' | 'mentions'>, works: Ask, readCatalog: ReadCatalog = () => store.figureCatalog()): Promise<ClosestHeld | null> {
  const all = await readCatalog();
  const key = all.map((e) => `${e.category}\u0000${e.actor}\u0000${e.count}\u0000${e.latestPublished}`).join('\n');
  let held = cache.get(store);
  if (!held || held.key !== key || held.rules !== rules) {
    held = { key, rules, byQuestion: new Map() };
    cache.set(store, held);
  }
  const asked = `${u.measure?.name ?? ''}\u0000${u.actor ?? ''}\u0000${u.time.asOf}\u0000${attackersOf(u).join(',')}`;
  if (held.byQuestion.has(asked)) return held.byQuestion.get(asked)!;
  const found = await findClosest(all, rules, u, works);
  if (held.byQuestion.size >= CACHE_ENTRIES) held.byQuestion.clear();
  held.byQuestion.set(asked, found);
  return found;
}

/** Actors named as attackers ("Russian attack"): never whose people a toll counts. */
const attackersOf = (u: Pick<Understanding, 'mentions'>): string[] => [...new Set(u.mentions.filter((m) => m.role === 'attacker').map((m) => m.actor))];

async function findClosest(all: Awaited<ReturnType<Store['figureCatalog']>>, rules: CompiledRules, u: Pick<Understanding, 'measure' | 'actor' | 'time' | 'mentions'>, works: Ask): Promise<ClosestHeld | null> {
  const catalog = all.filter((e) => e.count > 0 && e.latestPublished.slice(0, 10) <= u.time.asOf);
  const options: Array<{ measure: Measure; actor: string | null; latest: string; count: number }> = [];
  // In config order (the main measures first), each measure's actors newest first.
  for (const m of rules.measures) {
    const held = catalog.filter((e) => e.category === m.measure.category).sort((a, b) => (a.latestPublished < b.latestPublished ? 1 : a.latestPublished > b.latestPublished ? -1 : 0));
    for (const e of held) options.push({ measure: m.measure, actor: e.actor, latest: e.latestPublished.slice(0, 10), count: e.count });
  }
  if (options.length === 0) return null;
  // Same measure first, then same actor, then the rest; within each, measures with a curated
  // example first (among other actors', the most figures held); else the order above (stable sort).
  const sameActor = (o: (typeof options)[number]): boolean => o.actor !== null && o.actor === u.actor;
  const rank = (o: (typeof options)[number]): number => (o.measure === u.measure ? 0 : (sameActor(o) ? 1 : 3) + (o.measure.example ? 0 : 1));
  // A measure of one status (requests) is a narrower next step than the general one of its category.
  const narrow = (o: (typeof options)[number]): number => (o.measure.statuses ? 1 : 0);
  // Same measure, no actor named: the attacker named last, then the side most reported on (the
  // likeliest one meant: "killed in the Russian attack on <town>" → Ukraine), not the newest.
  const attackers = attackersOf(u);
  const attacker = (o: (typeof options)[number]): number => (o.actor !== null && attackers.includes(o.actor) ? 1 : 0);
  const sameUnnamed = (o: (typeof options)[number]): boolean => rank(o) === 0 && u.actor === null;
  options.sort((a, b) => rank(a) - rank(b) || (rank(a) === 3 ? b.count - a.count : 0) || (sameUnnamed(a) ? attacker(a) - attacker(b) || b.count - a.count : 0) || narrow(a) - narrow(b));
  const tried = new Set<string>();
  for (const o of options) {
    if (o.measure === u.measure && o.actor === u.actor) continue;
    const question = exampleQuestion(o.measure, o.actor);
    if (tried.has(question)) continue;
    tried.add(question);
    // The day said is the answered figure's: a newer proposed figure of the actor never answers it.
    const answered = await works(question);
    if (answered !== null) return { measure: o.measure.name, actor: o.actor, latest: answered, example: question };
    if (tried.size >= EXAMPLES_TRIED) break;
  }
  const first = options.find((o) => !(o.measure === u.measure && o.actor === u.actor)) ?? options[0]!;
  return { measure: first.measure.name, actor: first.actor, latest: first.latest, example: null };
}
