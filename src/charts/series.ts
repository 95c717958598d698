/** One series a chart draws: the points of one measure (actor, category, unit) over time. */
import type { Qualifier } from '../figures/figure.js';
import type { Answer } from '../answers/answer.js';
import { figureLabel } from '../digest/figureLabel.js';
import { dayInWords } from '../time/timeWords.js';

export interface ChartPoint {
  /** Publication day, YYYY-MM-DD. */
  date: string;
  value: number;
  qualifier: Qualifier;
  source: string | null;
}

/** "22 Jan 2024": a point's day as a reader reads it (points are UTC days, so no zone shifts them). */
export function pointDay(point: ChartPoint): string {
  return dayInWords(`${point.date}T12:00:00Z`, 'UTC');
}

export interface ChartSeries {
  title: string;
  unit: string;
  points: ChartPoint[];
}

/**
 * The series an `/ask` of the same words answers from: the answered figure and its history,
 * oldest first. Null when the answer found no figure (the caller shows the answer text instead).
 */
export function seriesFromAnswer(a: Answer): ChartSeries | null {
  if (a.figure === null || a.article === null) return null;
  const points: ChartPoint[] = [
    { date: a.article.published.slice(0, 10), value: a.figure.value, qualifier: a.figure.qualifier, source: a.article.source },
    ...a.history.map((h) => ({ date: h.published.slice(0, 10), value: h.value, qualifier: h.qualifier, source: h.source })),
  ];
  points.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  // The answer's own name for its figure (the one naming scheme), else its category and actor.
  const label = a.label ?? figureLabel(a.figure, []);
  return { title: `${label}${a.figure.cumulative ? ', running total as reported' : ', as reported'}`, unit: a.figure.unit, points };
}
