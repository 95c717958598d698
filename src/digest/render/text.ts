/**
 * The digest as console text: title, counts, key figures, then each section's items with their
 * sources, time and link. Feed text is made one line without control characters, so a title cannot
 * move the cursor, recolour the terminal or forge extra lines.
 */
import type { Digest, DigestItem } from '../digest.js';
import { safeHttpUrl, toPlainLine, truncate } from './escape.js';
import { figureLineText, readingTimeOf, summaryLine, isEmptyDigest, whenText, KEY_FIGURES_HEADING, MAX_SOURCE_NAME, MAX_TITLE, shownSources, type ReadingTime } from './wording.js';

function clean(text: string, max = Infinity): string {
  return truncate(toPlainLine(text), max);
}

function itemLines(item: DigestItem, rt: ReadingTime): string[] {
  const { names, more } = shownSources(item.sources);
  const sources = names.map((n) => clean(n, MAX_SOURCE_NAME)).join(', ') + (more > 0 ? ` +${more} more` : '');
  const meta = [sources, whenText(item.published, rt)].filter((s) => s !== '').join(' · ');
  const link = safeHttpUrl(item.link);
  const summary = item.summary ? [`    ${clean(item.summary)}`] : [];
  return [`  • ${clean(item.title, MAX_TITLE)}`, ...summary, `    ${meta}`, ...(link ? [`    ${link}`] : [])];
}

export function renderText(digest: Digest): string {
  const rt = readingTimeOf(digest);
  const title = clean(digest.title);
  if (isEmptyDigest(digest)) return `${title}\nNothing new since ${whenText(digest.periodStart, rt)}.\n`;

  const lines: string[] = [title, summaryLine(digest, whenText(digest.periodStart, rt), (s) => s)];
  if (digest.figures.length > 0) {
    lines.push('', KEY_FIGURES_HEADING);
    for (const f of digest.figures) lines.push(`  • ${clean(figureLineText(f, rt))}`);
  }
  for (const section of digest.sections) {
    if (section.items.length === 0) continue;
    lines.push('', clean(section.heading));
    for (const item of section.items) lines.push(...itemLines(item, rt));
  }
  return `${lines.join('\n')}\n`;
}
