/**
 * `/figures [topic]`: the latest value of each tracked measure, for every actor that has one,
 * resolved exactly like a question ("total aid" for the United States as of today) so that /ask and
 * /figures never disagree.
 */
import { formatFigure } from '../figures/formatFigure.js';
import { dayInWords } from '../time/timeWords.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/store.js';
import { buildAnswer, checkAsOf, type Answer } from './answer.js';
import { compileRules, type CompiledMeasure } from './compileRules.js';
import { toWords } from './questionText.js';
import { resolveAnswer } from './resolveAnswer.js';
import { understandQuestion, type Understanding } from './understandQuestion.js';

export interface LatestFigure {
  measure: string;
  actor: string | null;
  answer: Answer;
}

export interface FiguresOverview {
  /** The topic as asked, or null for all. */
  topic: string | null;
  /** The configured topic it matched, if any. */
  topicId: string | null;
  asOf: string;
  /** Nothing in config or the question's words matched the topic. */
  unknownTopic: boolean;
  figures: LatestFigure[];
  /** Topics one may ask for, for the "unknown topic" reply. */
  topics: Array<{ id: string; name: string }>;
}

export interface FiguresContext {
  store: Store;
  config: Pick<Config, 'answers' | 'figures' | 'topics'> & Partial<Pick<Config, 'labels'>>;
}

const norm = (s: string): string => toWords(s).map((w) => w.key).join(' ');

interface Selection {
  measures: CompiledMeasure[];
  actors: string[] | null;
  topicId: string | null;
  unknown: boolean;
}

/** Which measures and actors a topic asks for: a configured topic (id or name), else words like a question's. */
function selectByTopic(topic: string | undefined, ctx: FiguresContext, asOf: string): Selection {
  const rules = compileRules(ctx.config);
  if (!topic || topic.trim() === '') return { measures: rules.measures, actors: null, topicId: null, unknown: false };
  const wanted = norm(topic);
  const configured = ctx.config.topics.find((t) => norm(t.id) === wanted || norm(t.name) === wanted);
  if (configured) {
    return { measures: rules.measures.filter((m) => m.measure.topics.includes(configured.id)), actors: null, topicId: configured.id, unknown: false };
  }
  const u = understandQuestion(topic, ctx.config, { asOf });
  const mentioned = [...new Set(u.mentions.map((m) => m.actor))];
  if (!u.measure && mentioned.length === 0) return { measures: [], actors: null, topicId: null, unknown: true };
  return {
    measures: u.measure ? rules.measures.filter((m) => m.measure === u.measure) : rules.measures,
    actors: mentioned.length > 0 ? mentioned : null,
    topicId: null,
    unknown: false,
  };
}

/** The newest value of every tracked measure (per actor with figures), in config order. */
export async function latestFigures(ctx: FiguresContext, options: { topic?: string; asOf?: string; now?: () => Date } = {}): Promise<FiguresOverview> {
  const asOf = options.asOf !== undefined ? checkAsOf(options.asOf) : (options.now?.() ?? new Date()).toISOString().slice(0, 10);
  const rules = compileRules(ctx.config);
  const selection = selectByTopic(options.topic, ctx, asOf);
  const catalog = await ctx.store.figureCatalog();
  const figures: LatestFigure[] = [];
  for (const m of selection.measures) {
    const actors = [...new Set(catalog.filter((e) => e.category === m.measure.category && e.count > 0).map((e) => e.actor))].filter(
      (a) => selection.actors === null || (a !== null && selection.actors.includes(a)),
    );
    for (const actor of actors) {
      const u: Understanding = {
        question: '',
        measure: m.measure,
        measurePhrase: null,
        actors: actor === null ? [] : [actor],
        actor,
        mentions: [],
        time: { asOf, from: null, label: null, cumulative: false, latest: true, since: null, largest: false, target: false, perfect: false, recent: null },
        status: null,
        unit: null,
        counted: [],
        excluded: [],
        event: null,
        focus: [],
        asksForFigure: true,
        corrections: [],
      };
      const r = await resolveAnswer(u, { store: ctx.store, rules, exactActor: actor });
      if (r.kind !== 'found') continue;
      figures.push({ measure: m.measure.name, actor, answer: buildAnswer(u, r, { labels: ctx.config.labels ?? [] }) });
    }
  }
  return {
    topic: options.topic?.trim() || null,
    topicId: selection.topicId,
    asOf,
    unknownTopic: selection.unknown,
    figures,
    topics: ctx.config.topics.map((t) => ({ id: t.id, name: t.name })),
  };
}

/** One line per figure: "Total aid (United States): more than $58 billion — VOA, 21 Oct 2024 (before: …)"; days in `timezone`. */
export function formatFiguresReply(overview: FiguresOverview, timezone = 'UTC'): string {
  const day = (iso: string): string => dayInWords(iso, timezone);
  const asOf = dayInWords(`${overview.asOf}T12:00:00Z`, 'UTC');
  const about = overview.topic ? ` on "${overview.topic}"` : '';
  if (overview.unknownTopic) {
    const topics = overview.topics.map((t) => `${t.id} (${t.name})`).join(', ');
    return `I don't know the topic "${overview.topic}". Topics: ${topics || 'none configured'}; or name a measure or an actor, e.g. /figures aid, /figures North Korea.`;
  }
  if (overview.figures.length === 0) return `No figures${about} have been reported by ${asOf}.`;
  const lines = [`Latest figures${about} as of ${asOf}:`];
  for (const f of overview.figures) {
    const a = f.answer;
    if (!a.figure || !a.article) continue;
    // The one naming scheme (config labels), as digests and answers say it.
    const name = a.label ?? (f.actor ? `${f.measure} (${f.actor})` : f.measure);
    const previous = a.history[0] ? ` (before: ${formatFigure({ ...a.history[0], value_max: null, unit: a.figure.unit })}, ${day(a.history[0].published)})` : '';
    const link = a.article.link ? ` ${a.article.link}` : '';
    lines.push(`• ${name[0]!.toUpperCase()}${name.slice(1)}: ${formatFigure(a.figure)}${a.figure.cumulative ? ' (running total)' : ''} — ${a.article.source ?? 'unnamed source'}, ${day(a.article.published)}${link}${previous}`);
  }
  return lines.join('\n');
}
