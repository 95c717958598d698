/**
 * The start of the period a running total covers, from "since ..." in the figure's sentence:
 * a date it names ("since February 2022" → "2022-02", "since Russia's invasion began on February
 * 24" → "2022-02-24" with the year of publication, "since 2014" → "2014"), a relative one ("since
 * earlier this month" → the month of publication), an event config dates ("since the invasion
 * began" → its periodStarts entry), or else the words themselves as a short label ("since Biden
 * took office" → "Biden took office"); with no "since", the date the effort was launched or began in
 * ("the mission, launched in October 2022, has trained ..."). Pure grammar of dates here; the beat's
 * events live in config.
 */
import { wordListPattern } from './wordListPattern.js';

export interface PeriodStart {
  /** Words that name the event ("invasion", "full-scale invasion"). */
  phrases: string[];
  /** What `since` becomes: "2022-02". */
  value: string;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const SINCE = /(?<![\p{L}])since[ \t\u00A0]+/giu;
/** Where the "since" phrase ends: a clause break, or a word that starts what follows it. */
const PHRASE_END = /[,;:()\u2013\u2014"“”]|[.!?](?:\s|$)|(?<![\p{L}])(?:at|to|had|has|have|is|was|were|are|totals?|came|reached|stood|comes|and|with|(?<!(?:start|beginning|outbreak|onset|end)[ \t\u00A0]+)of|more|over|nearly|almost|about|some|roughly|approximately|according|in (?:total|aid|military|security|weapons)|earlier than|the (?:tally|total|number))(?![\p{L}])|[$€£]|\d{1,3}(?:,\d{3})+/iu;
const MONTH_YEAR = /(?<![\p{L}])(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?:[ \t\u00A0]+(\d{1,2})(?!\d)(?:st|nd|rd|th)?)?(?:,?[ \t\u00A0]+((?:19|20)\d\d))?(?![\p{L}])/iu;
const YEAR = /(?<![\p{L}\p{N}])((?:19|20)\d\d)(?![\p{N}])/u;
const RELATIVE = /(?<![\p{L}])(?:earlier|early|the start of|the beginning of)?[ \t\u00A0]*(this|last)[ \t\u00A0]+(month|year)(?![\p{L}])/iu;

const SUPERLATIVE_BEFORE = /(?<![\p{L}])(?:biggest|largest|greatest|highest|lowest|worst|deadliest|heaviest|most|least|first|best|strongest|longest|fastest)(?![\p{L}])[^,;.]*$/iu;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Year of a month named without one: the latest such month not after publication. */
function yearFor(month: number, day: number | null, published: string | null): number | null {
  if (!published || !/^\d{4}-\d{2}/.test(published)) return null;
  const py = Number(published.slice(0, 4));
  const pm = Number(published.slice(5, 7));
  const pd = /^\d{4}-\d{2}-\d{2}/.test(published) ? Number(published.slice(8, 10)) : 31;
  return month < pm || (month === pm && (day === null || day <= pd)) ? py : py - 1;
}

/** The period start of the words after "since" (up to where the phrase ends). */
export function readPeriod(phrase: string, published: string | null, starts: readonly PeriodStart[]): string | null {
  const my = MONTH_YEAR.exec(phrase);
  if (my && !(my[1]!.toLowerCase() === 'may' && !my[2] && !my[3])) {
    const month = MONTHS[my[1]!.toLowerCase().replace(/\.$/, '')]!;
    const day = my[2] ? Number(my[2]) : null;
    const year = my[3] ? Number(my[3]) : (YEAR.exec(phrase)?.[1] ? Number(YEAR.exec(phrase)![1]) : yearFor(month, day, published));
    if (year === null) return null;
    return day !== null && day >= 1 && day <= 31 ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`;
  }
  const y = YEAR.exec(phrase);
  if (y) return y[1]!;
  const rel = RELATIVE.exec(phrase);
  if (rel && published && /^\d{4}-\d{2}/.test(published)) {
    const last = rel[1]!.toLowerCase() === 'last';
    const py = Number(published.slice(0, 4));
    const pm = Number(published.slice(5, 7));
    if (rel[2]!.toLowerCase() === 'year') return String(last ? py - 1 : py);
    const m = last ? (pm === 1 ? 12 : pm - 1) : pm;
    return `${last && pm === 1 ? py - 1 : py}-${pad(m)}`;
  }
  for (const s of starts) {
    const re = wordListPattern(s.phrases);
    if (re) {
      re.lastIndex = 0;
      if (re.test(phrase)) return s.value;
    }
  }
  // "since the Biden administration took office" → "Biden took office"; "the start of the war" keeps its "the"
  // (it names a point of the war, as written).
  const label = phrase
    .trim()
    .replace(/^[Tt]he[ \t\u00A0]+(?!(?:start|beginning|outbreak|onset|end)[ \t\u00A0]+of\b)(?=\S+[ \t\u00A0]+\S)/u, '')
    .replace(/^(\p{Lu}[\p{L}'’-]*)[ \t\u00A0]+(?:administration|government|presidency)(?=[ \t\u00A0])/u, '$1')
    .replace(/[ \t\u00A0]+/g, ' ');
  return label.length > 0 && label.length <= 60 ? label : null;
}

/**
 * The `since` of a running total whose quote is [from, to) in a sentence [floor, ceiling): the
 * "since" phrase nearest to the figure in its sentence, or null when there is none.
 */
export function readSince(text: string, floor: number, ceiling: number, from: number, to: number, published: string | null, starts: readonly PeriodStart[]): string | null {
  const sentence = text.slice(floor, ceiling);
  let best: string | null = null;
  let bestDistance = Infinity;
  SINCE.lastIndex = 0;
  for (let m = SINCE.exec(sentence); m !== null; m = SINCE.exec(sentence)) {
    const at = floor + m.index;
    // "the biggest effort of its kind since the Second World War": a comparison, not the start of a period.
    if (SUPERLATIVE_BEFORE.test(sentence.slice(Math.max(0, m.index - 80), m.index))) continue;
    const phraseStart = m.index + m[0].length;
    const rest = sentence.slice(phraseStart, phraseStart + 90);
    const stop = PHRASE_END.exec(rest);
    const phrase = stop ? rest.slice(0, stop.index) : rest;
    if (phrase.trim().length === 0) continue;
    const end = floor + phraseStart + phrase.length;
    const distance = end <= from ? from - end : at >= to ? at - to : 0;
    if (distance < bestDistance) {
      const value = readPeriod(phrase, published, starts);
      if (value !== null) {
        bestDistance = distance;
        best = value;
      }
    }
  }
  return best ?? startedIn(sentence, published);
}

/** "the mission, launched in October 2022, has trained ...": with no "since", the date the effort began. */
const STARTED_IN = /(?<![\p{L}])(?:launched|began|begun|started|set up|established|created|founded|kicked off)[ \t\u00A0]+in[ \t\u00A0]+/giu;

function startedIn(sentence: string, published: string | null): string | null {
  STARTED_IN.lastIndex = 0;
  const m = STARTED_IN.exec(sentence);
  if (!m) return null;
  const rest = sentence.slice(m.index + m[0].length, m.index + m[0].length + 40);
  const stop = PHRASE_END.exec(rest);
  const value = readPeriod(stop ? rest.slice(0, stop.index) : rest, published, []);
  // Only a date: "began in earnest" names no start.
  return value !== null && /^\d{4}/.test(value) ? value : null;
}
