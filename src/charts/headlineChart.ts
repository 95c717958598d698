/**
 * The chart a digest may carry (channels[].digest.chart): its headline running total, the first
 * running total among the digest's key figures, drawn over every report of that measure up to the
 * digest's end, when the total changed since the report before this digest. An unchanged or
 * first-ever total, or one with a single report, has nothing to draw.
 */
import type { Config } from '../config/schema.js';
import type { Digest } from '../digest/digest.js';
import type { Store, StoredFigure } from '../store/store.js';
import { samePeriod } from '../answers/series.js';
import type { ChartImage } from './chartImage.js';
import { chartImageOf } from './chartForWords.js';
import type { ChartSeries } from './series.js';

/** Reports drawn at most (newest first from the store, then oldest first on the chart). */
const MAX_POINTS = 40;

export async function headlineSeries(store: Store, config: Pick<Config, 'answers'>, digest: Digest): Promise<ChartSeries | null> {
  const headline = digest.figures.find((f) => f.cumulative);
  if (!headline || !headline.previous || headline.previous.value === headline.value) return null;
  const reports = await store.findFigures({ category: headline.category, actor: headline.actor, cumulative: true, unit: headline.unit, publishedOnOrBefore: digest.periodEnd, limit: MAX_POINTS * 4 });
  const since = reports.find((f) => f.articleId === headline.articleId && f.value === headline.value)?.since ?? null;
  // One point per article: its largest value of the measure (a total and its parts share a sentence).
  const perArticle = new Map<number, StoredFigure>();
  for (const f of reports) {
    if (!samePeriod(f.since, since, config.answers.seriesPeriods)) continue;
    const kept = perArticle.get(f.articleId);
    if (!kept || f.value > kept.value) perArticle.set(f.articleId, f);
  }
  const points = [...perArticle.values()]
    .slice(0, MAX_POINTS)
    .map((f) => ({ date: f.published.slice(0, 10), value: f.value, qualifier: f.qualifier, source: f.sourceName }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (points.length < 2) return null;
  return { title: `${headline.label}, running total as reported`, unit: headline.unit, points };
}

export async function headlineChart(store: Store, config: Pick<Config, 'answers'>, digest: Digest): Promise<ChartImage | null> {
  const series = await headlineSeries(store, config, digest);
  return series ? (await chartImageOf(series)).image : null;
}
