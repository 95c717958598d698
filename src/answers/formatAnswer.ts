/**
 * The words of an answer. Pure. Every figure is named with its hedge ("more than $58 billion"), its
 * actor, the report it came from (source, date, link) and the value before it; when nothing fits,
 * the text says so and lists what can be asked instead. It never fills a gap with a guess.
 */
import { formatFigure } from '../figures/formatFigure.js';
import type { StoredFigure } from '../store/store.js';
import { periodLabel } from './series.js';
import { dayInWords } from '../time/timeWords.js';
import { figureLabel, type FigureLabelRule } from '../digest/figureLabel.js';
import { olderThanAsked } from './timeHonesty.js';
import { exampleQuestion, type ClosestHeld } from './closestHeld.js';
import type { KnownMeasure } from './knownMeasures.js';
import type { Resolution } from './resolveAnswer.js';
import type { Understanding } from './understandQuestion.js';

/** Longest quote shown; a longer sentence is cut around the figure. */
const MAX_QUOTE_CHARS = 280;
/** Earlier values named in the text (all of them are in the structured answer). */
const HISTORY_IN_TEXT = 3;

const capitalize = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** "total aid (United States)" or "people killed". */
function measureWithActor(measure: string, actor: string | null): string {
  return actor ? `${measure} (${actor})` : measure;
}

/**
 * The answered figure's name by the one naming scheme of digests, /figures and charts (config
 * `labels:`), "Total aid (United States)"; the asked measure's name when no rule names it.
 */
export function answerLabel(measure: string, f: StoredFigure, labels: readonly FigureLabelRule[] = []): string {
  return figureLabel(f, labels, capitalize(measureWithActor(measure, f.actor)));
}

/** The sentence that states the figure, cut to length around the quote. */
export function quoteExcerpt(f: Pick<StoredFigure, 'sentence' | 'quote'>): string {
  const sentence = (f.sentence || f.quote).replace(/\s+/g, ' ').trim();
  if (sentence.length <= MAX_QUOTE_CHARS) return sentence;
  const at = Math.max(0, sentence.indexOf(f.quote.replace(/\s+/g, ' ')));
  const start = Math.max(0, Math.min(at - 100, sentence.length - MAX_QUOTE_CHARS));
  const cut = sentence.slice(start, start + MAX_QUOTE_CHARS).trim();
  return `${start > 0 ? '…' : ''}${cut}${start + MAX_QUOTE_CHARS < sentence.length ? '…' : ''}`;
}

/** " (running total since February 2022)": a tranche number counts tranches, so it gets none. */
function totalLabel(f: StoredFigure): string {
  if (!f.cumulative || f.unit === 'ordinal') return '';
  return f.since ? ` (running total ${periodLabel(f.since)})` : ' (running total)';
}

function reportOf(f: StoredFigure, tz: string): string {
  const source = f.sourceName ?? 'an unnamed source';
  return `${source}, ${dayInWords(f.published, tz)}: "${f.articleTitle}"${f.articleLink ? ` ${f.articleLink}` : ''}`;
}

/** "total aid (United States, Allies); people killed (Ukraine)". */
export function formatKnown(known: KnownMeasure[]): string {
  return known
    .map((k) => {
      const actors = k.actors.filter((a): a is string => a !== null);
      return actors.length > 0 ? `${k.measure} (${actors.join(', ')})` : k.measure;
    })
    .join('; ');
}


export interface FormatOptions {
  /** Name the as-of day in the text (the caller asked as of a given day). */
  showAsOf?: boolean;
  /** IANA zone the days are read in ("21 Oct 2024"): the asking channel's; default UTC. */
  timezone?: string;
  /** How figures are named (config `labels:`). */
  labels?: readonly FigureLabelRule[];
  /** When nothing fits: the closest figure held and a question that works (see closestHeld). */
  closest?: ClosestHeld | null;
}

/** " Closest I hold: total aid (United States), latest 21 Oct 2024; try "…"." in one line. */
function closestLine(closest: ClosestHeld | null | undefined, known: KnownMeasure[]): string {
  if (!closest) return known.length > 0 ? ` What I have figures on: ${formatKnown(known)}.` : ' No figures have been stored yet.';
  const held = `${measureWithActor(closest.measure, closest.actor)}, latest ${dayInWords(`${closest.latest}T12:00:00Z`, 'UTC')}`;
  return ` Closest I hold: ${held}${closest.example ? `; try "${closest.example}"` : '; see /figures'}.`;
}

/**
 * "largest first", or "largest first within each currency" when the lines mix units: the
 * breakdown lists the most common unit first and never compares euros with dollars (rankBreakdown).
 */
export function breakdownOrder(units: readonly string[]): string {
  const distinct = new Set(units);
  if (distinct.size <= 1) return 'largest first';
  const money = [...distinct].every((u) => /^[A-Z]{3}$/.test(u));
  return `largest first within each ${money ? 'currency' : 'unit'}`;
}

export function formatAnswer(u: Understanding, r: Resolution, options: FormatOptions = {}): string {
  const tz = options.timezone ?? 'UTC';
  // The as-of day is a calendar day already (YYYY-MM-DD), read as such whatever the zone.
  const asOf = dayInWords(`${u.time.asOf}T12:00:00Z`, 'UTC');
  const period = u.time.label ? ` ${u.time.label}` : '';
  const when = period || (options.showAsOf ? ` as of ${asOf}` : '');
  switch (r.kind) {
    case 'unknown-measure':
      // A clear question about something not held is told so plainly; only a muddled one is "can't tell".
      return `${u.asksForFigure ? 'I hold no figures on that.' : "I can't tell which figure you are asking about, so I won't guess."}${closestLine(options.closest, r.known)}`;
    case 'not-found': {
      const what = measureWithActor(r.measure.name, r.actor);
      switch (r.reason) {
        case 'not-yet':
          return `Nothing on ${what} had been reported by ${asOf}.`;
        case 'not-in-period':
          return `Nothing on ${what} was reported${when || ` by ${asOf}`}.`;
        case 'no-mention': {
          const reports = r.complete ? 'No report' : 'None of the latest reports';
          return `${reports} on ${what}${period} mentions ${u.focus.join(' or ')}, so I have no figure for that.${closestLine(options.closest, r.known)}`;
        }
        case 'no-figures':
          return `I have no figure for ${what}${period}.${closestLine(options.closest, r.known)}`;
      }
      break;
    }
    case 'found': {
      if (r.breakdown && r.breakdown.length > 1) {
        // Every actor's own total, each with its source: never a sum of ours.
        const order = breakdownOrder(r.breakdown.map((p) => p.figure.unit));
        const head = r.group
          ? `${capitalize(r.measure.name)} (${r.group})${when}: no figure for ${r.group} as a whole; each member's own latest, ${order} (not added up):`
          : `${capitalize(r.measure.name)}${when}, by actor (latest running total of each, ${order}):`;
        const lines = [olderThanAsked(u, r.figure.published) + head];
        for (const p of r.breakdown) {
          const total = totalLabel(p.figure);
          lines.push(`• ${p.figure.actor}: ${formatFigure(p.figure)}${total} — ${reportOf(p.figure, tz)}`);
        }
        // The example names an actor listed here (the first), never one the question left out.
        lines.push(`Name an actor for its quote and earlier values, e.g. "${exampleQuestion(r.measure, r.breakdown[0]!.figure.actor)}".`);
        return lines.join('\n');
      }
      const f = r.figure;
      const lines: string[] = [];
      // A tranche number counts tranches, but "68th (running total)" would read oddly.
      const total = totalLabel(f);
      // A group ("Europe") answered by its one member with a figure: said so, never passed off as the group's.
      if (r.group && r.group !== f.actor) lines.push(`No figure for ${r.group} as a whole; the one member with a figure:`);
      lines.push(`${olderThanAsked(u, f.published)}${answerLabel(r.measure.name, f, options.labels)}: ${formatFigure(f)}${total}${when ? ` —${when}` : ''}.`);
      lines.push(`Source: ${reportOf(f, tz)}`);
      lines.push(`Quote: "${quoteExcerpt(f)}"`);
      for (const other of r.alsoReported) {
        lines.push(`Also reported the same day: ${formatFigure(other)} — ${reportOf(other, tz)}`);
      }
      if (r.history.length > 0) {
        const earlier = r.history
          .slice(0, HISTORY_IN_TEXT)
          .map((h) => `${formatFigure(h)} on ${dayInWords(h.published, tz)} (${h.sourceName ?? 'unnamed source'})`)
          .join('; ');
        lines.push(`${f.cumulative ? 'Previously' : 'Earlier reports'}: ${earlier}.`);
      }
      if (r.pending) lines.push(`Also pending (proposed, not given): ${formatFigure(r.pending)} — ${reportOf(r.pending, tz)}`);
      return lines.join('\n');
    }
  }
  return '';
}
