/**
 * Honest about time: a question about "last night" or "this week" whose newest figure is older than
 * that frame still gets the figure, but the answer opens with its day ("The latest I have is from
 * 8 Sep 2025: ..."), so a reader never takes an old figure for news. Pure.
 */
import { addDays } from './readTimeFrame.js';
import type { Understanding } from './understandQuestion.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-09-08" → "8 Sep 2025". */
export function dayInWords(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** The opening words when the figure is older than the relative time asked about, else ''. */
export function olderThanAsked(u: Pick<Understanding, 'time'>, published: string): string {
  const recent = u.time.recent;
  if (!recent) return '';
  const frameStart = addDays(u.time.asOf, -recent.days);
  return published.slice(0, 10) < frameStart ? `The latest I have is from ${dayInWords(published)}: ` : '';
}
