/**
 * What an alert message says, before any platform's markup: what crossed, the new value with its
 * hedge and period, the value before it and its date, and the report (source, link, quote). Built
 * from the firing record, so a message reads the same whenever it is rendered. Pure.
 */
import { periodLabel } from '../answers/series.js';
import { quoteExcerpt } from '../answers/formatAnswer.js';
import { formatFigure } from '../figures/formatFigure.js';
import type { Qualifier } from '../figures/figure.js';
import type { AlertFiringFigure, AlertPreviousValue, AlertRecord } from '../store/store.js';
import { describeRule } from './alertRule.js';

export interface AlertMessage {
  alertId: number;
  /** "total aid (United States) went above $70 billion". */
  headline: string;
  /** "more than $71 billion". */
  value: string;
  /** "since February 2022" for a running total that says its period, else null. */
  period: string | null;
  /** When the report was published (ISO). */
  published: string;
  /** The value before it, or null when this is the first one seen. */
  previous: { value: string; published: string } | null;
  source: string | null;
  title: string;
  link: string | null;
  /** The sentence that states the figure (cut around it when long). */
  quote: string;
  /** "above $70 billion". */
  rule: string;
  /** The channel's time zone, for dates in words. */
  timezone: string;
}

const hedged = (f: { value: number; valueMax: number | null; unit: string; qualifier: string }): string =>
  formatFigure({ value: f.value, value_max: f.valueMax, unit: f.unit, qualifier: f.qualifier as Qualifier });

export function alertMessage(alert: Pick<AlertRecord, 'id' | 'condition' | 'threshold' | 'unit'>, label: string, figure: AlertFiringFigure, previous: AlertPreviousValue | null, timezone: string): AlertMessage {
  // A line given without a unit ("70e9") reads in the figure's ("$70 billion").
  const rule = describeRule({ ...alert, unit: alert.unit ?? figure.unit });
  const headline =
    alert.condition === 'changes'
      ? previous
        ? `${label} changed`
        : `${label}: a first value is reported`
      : `${label} ${previous ? 'went' : 'is'} ${rule}`;
  return {
    alertId: alert.id,
    headline,
    value: hedged(figure),
    period: figure.cumulative && figure.since ? periodLabel(figure.since) : null,
    published: figure.published,
    previous: previous ? { value: hedged(previous), published: previous.published } : null,
    source: figure.article.source,
    title: figure.article.title,
    link: figure.article.link,
    quote: quoteExcerpt({ sentence: figure.sentence, quote: figure.quote }),
    rule,
    timezone,
  };
}

/** The last line of every alert message: how to stop it. */
export const stopLine = (m: AlertMessage): string => `Alert ${m.alertId} (${m.rule}) · /alert remove ${m.alertId} stops it`;
