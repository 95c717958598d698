/** A key figure read from an article's text by the rules in config (see extractFigures). */
export const QUALIFIERS = ['exact', 'more_than', 'at_least', 'about', 'almost', 'up_to', 'range'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** Money codes, "count", "percent", "ordinal"; open to more units declared in config. */
export type Unit = 'USD' | 'EUR' | 'GBP' | 'count' | 'percent' | 'ordinal' | (string & {});

/** Where money or equipment stands (eval schema v2): asked for, promised, or handed over. */
export const STATUSES = ['proposed', 'pledged', 'delivered'] as const;
export type FigureStatus = (typeof STATUSES)[number];

/** What happened to counted drones or missiles (eval schema v2). */
export const EVENTS = ['launched', 'shot_down', 'hit'] as const;
export type FigureEvent = (typeof EVENTS)[number];

export interface Figure {
  /** The resolved number: "$58 billion" → 58000000000, "a dozen" → 12. */
  value: number;
  /** Upper bound of a range ("between 10,000 and 12,000"), else null. */
  value_max: number | null;
  unit: Unit;
  qualifier: Qualifier;
  /** A category name from config (aid, aid_package, troops, ...). */
  category: string;
  /** Normalized actor name from config ("United States", "Allies", ...), or null. */
  actor: string | null;
  /** A running total ("since February 2022", "to date", "a total of"). */
  cumulative: boolean;
  /** Money and equipment: proposed, pledged or delivered; null when the text does not say. */
  status: FigureStatus | null;
  /** Running totals: start of the period covered ("2022-02", "2014", "Biden took office"), else null. */
  since: string | null;
  /** Drones and missiles: launched, shot down or hit; null when the text does not say. */
  event: FigureEvent | null;
  /** The exact substring of the input text that states the figure. */
  quote: string;
  /** Offsets of `quote` in the input text: text.slice(start, end) === quote. */
  start: number;
  end: number;
  /** The sentence that holds the figure. */
  sentence: string;
}

/** What extractFigures reads: an article's title and plain text. */
export interface FigureInput {
  title?: string | null;
  text: string;
  /** ISO date (YYYY-MM-DD or full ISO) the article was published; used to read relative time words. */
  published?: string | null;
  source?: string | null;
}
