/** What /ask and `newsdigest ask` return: a figure with its source, or an honest "not known". */
import type { Qualifier } from '../figures/figure.js';

export interface AnswerFigure {
  value: number;
  value_max: number | null;
  unit: string;
  qualifier: Qualifier;
  category: string;
  actor: string | null;
  cumulative: boolean;
  quote: string;
}

export interface AnswerArticle {
  title: string;
  source: string | null;
  link: string | null;
  published: string;
}

export interface AnswerHistoryEntry {
  value: number;
  qualifier: Qualifier;
  published: string;
  source: string | null;
}

export interface Answer {
  /** Plain text for people, naming figure, qualifier, actor, source, date, link and the previous value. */
  text: string;
  figure: AnswerFigure | null;
  article: AnswerArticle | null;
  /** Earlier values of the same measure and actor, newest first. */
  history: AnswerHistoryEntry[];
  /** Other figures reported the same day for the same measure (shown side by side). */
  alsoReported?: Array<{ figure: AnswerFigure; article: AnswerArticle }>;
}
