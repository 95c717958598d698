/**
 * Suggestions while a question or a topic is typed (Discord autocomplete): questions built from
 * the measures and actors that have stored figures, and the configured topics, measures and actors.
 * Each suggestion holds every word typed (the last one may be half-typed), at most 25 of them.
 */
import type { Choice, SuggestionKind } from '../commands/command.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/store.js';
import { exampleQuestion } from './closestHeld.js';
import { compileRules } from './compileRules.js';
import { toWords } from './questionText.js';

/** Discord's limits: 25 choices, name and value 1-100 characters. */
export const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

export interface SuggestContext {
  store: Store;
  config: Pick<Config, 'answers' | 'figures' | 'topics'>;
}

const clip = (s: string): string => (s.length <= MAX_CHOICE_CHARS ? s : `${s.slice(0, MAX_CHOICE_CHARS - 1)}…`);

/** Does the text hold every typed word, the last as the start of a word? */
export function holdsTyped(text: string, typed: string): boolean {
  const want = toWords(typed).map((w) => w.raw.toLowerCase());
  if (want.length === 0) return true;
  const have = toWords(text).flatMap((w) => [w.raw.toLowerCase(), w.key]);
  const last = want.length - 1;
  return want.every((w, i) => (i === last && !/\s$/.test(typed) ? have.some((h) => h.startsWith(w)) : have.includes(w) || have.includes(toWords(w)[0]?.key ?? w)));
}

function pick(all: Choice[], typed: string): Choice[] {
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const c of all) {
    if (seen.has(c.value) || !holdsTyped(c.name, typed)) continue;
    seen.add(c.value);
    out.push({ name: clip(c.name), value: clip(c.value) });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

/** Questions that fit what is stored: each measure held, for each actor with its figures (newest first). */
async function questionChoices(ctx: SuggestContext): Promise<Choice[]> {
  const rules = compileRules(ctx.config);
  const catalog = (await ctx.store.figureCatalog()).filter((e) => e.count > 0).sort((a, b) => (a.latestPublished < b.latestPublished ? 1 : a.latestPublished > b.latestPublished ? -1 : 0));
  const curated: Choice[] = [];
  const plain: Choice[] = [];
  for (const m of rules.measures) {
    for (const e of catalog) {
      if (e.category !== m.measure.category) continue;
      // Without a curated example, the measure's name and the actor read as a question do.
      const question = m.measure.example ? exampleQuestion(m.measure, e.actor) : `Latest ${m.measure.name}${e.actor ? `: ${e.actor}` : ''}`;
      (m.measure.example ? curated : plain).push({ name: question, value: question });
    }
  }
  return [...curated, ...plain];
}

/** Topics from config (by id), then the measures and actors that have figures. */
async function topicChoices(ctx: SuggestContext): Promise<Choice[]> {
  const rules = compileRules(ctx.config);
  const catalog = (await ctx.store.figureCatalog()).filter((e) => e.count > 0);
  const held = new Set(catalog.map((e) => e.category));
  const topics = ctx.config.topics.map((t) => ({ name: `${t.name} (${t.id})`, value: t.id }));
  const measures = rules.measures.filter((m) => held.has(m.measure.category)).map((m) => ({ name: m.measure.name, value: m.measure.name }));
  const actors = [...new Set(catalog.map((e) => e.actor).filter((a): a is string => a !== null))].sort().map((a) => ({ name: a, value: a }));
  return [...topics, ...measures, ...actors];
}

export async function suggest(kind: SuggestionKind, typed: string, ctx: SuggestContext): Promise<Choice[]> {
  const all = kind === 'questions' ? await questionChoices(ctx) : await topicChoices(ctx);
  return pick(all, typed);
}
