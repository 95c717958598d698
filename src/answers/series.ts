/**
 * The series of a running total: its actor, category, unit and period (`since`). A total "since
 * 2014" is never the earlier value of one "since February 2022". Periods are compared by a key:
 * a date cut to its month ("2022-02-24" and "2022-02" are the same start), a label through the
 * configured `answers.seriesPeriods` phrases ("the invasion" → 2022-02), else the label itself. Pure.
 */
import type { AnswerRules } from './rules.js';

export type SeriesPeriods = AnswerRules['seriesPeriods'];

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "2022-02-24" → "2022-02"; "2014" stays; a label → its configured start, else itself in lower case. */
export function periodKey(since: string | null, periods: SeriesPeriods): string | null {
  if (since === null) return null;
  const s = since.trim().toLowerCase().replace(/[’]/g, "'");
  const date = /^(\d{4})(?:-(\d{2}))?(?:-\d{2})?$/.exec(s);
  if (date) return date[2] ? `${date[1]}-${date[2]}` : date[1]!;
  for (const p of periods) {
    if (p.phrases.some((ph) => s.includes(ph.toLowerCase()))) return periodKey(p.since, []) ?? p.since;
  }
  return s.replace(/^(?:the\s+)/, '');
}

/** Two figures' periods may be one series: equal keys, or one of them unknown (the report did not say). */
export function samePeriod(a: string | null, b: string | null, periods: SeriesPeriods): boolean {
  const ka = periodKey(a, periods);
  const kb = periodKey(b, periods);
  return ka === null || kb === null || ka === kb;
}

/**
 * The period a question names after "since": "since 2014" → "2014", "since Russia's February 2022
 * invasion" → "2022-02", "since the invasion" → "2022-02", "since Biden took office" → its label.
 */
export function questionPeriod(question: string, periods: SeriesPeriods, asOf?: string): string | null {
  const m = /\bsince\s+([^?.!,;]{1,60})/i.exec(question);
  if (!m) return null;
  const rest = m[1]!.toLowerCase().replace(/[’]/g, "'");
  const monthYear = new RegExp(`\\b(${MONTHS.join('|')})\\s+(?:\\d{1,2},?\\s+)?(\\d{4})\\b`).exec(rest);
  if (monthYear) return `${monthYear[2]}-${String(MONTHS.indexOf(monthYear[1]!) + 1).padStart(2, '0')}`;
  const year = /\b((?:19|20)\d{2})\b/.exec(rest);
  if (year) return year[1]!;
  // "since December": the last December before the day asked.
  const month = new RegExp(`^(?:the\\s+)?(?:start\\s+of\\s+|beginning\\s+of\\s+)?(${MONTHS.join('|')})\\b`).exec(rest);
  if (month && asOf) {
    const m = MONTHS.indexOf(month[1]!) + 1;
    const y = Number(asOf.slice(0, 4)) - (m >= Number(asOf.slice(5, 7)) ? 1 : 0);
    return `${y}-${String(m).padStart(2, '0')}`;
  }
  for (const p of periods) {
    if (p.phrases.some((ph) => rest.includes(ph.toLowerCase()))) return periodKey(p.since, []) ?? p.since;
  }
  return null;
}

/** "since February 2022", "since 2014", "since 24 February 2022", "since Biden took office". */
export function periodLabel(since: string): string {
  const d = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(since.trim());
  if (!d) return `since ${since.trim()}`;
  const month = d[2] ? MONTHS[Number(d[2]) - 1] : undefined;
  const cap = month ? month[0]!.toUpperCase() + month.slice(1) : '';
  if (d[3] && month) return `since ${Number(d[3])} ${cap} ${d[1]}`;
  if (month) return `since ${cap} ${d[1]}`;
  return `since ${d[1]}`;
}
