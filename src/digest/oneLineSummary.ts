/**
 * The one line under an item's title: the first sentence of what the feed said (its summary, else
 * the article text), free of HTML, on one line and at most MAX_SUMMARY characters, cut at a word.
 * A sentence that only repeats the title is skipped. Null when nothing is left to say.
 */
import { splitSentences } from '../figures/sentences.js';

export const MAX_SUMMARY = 200;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Tags and comments out, the common entities read, whitespace (line breaks included) made single spaces. */
function plain(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ')
    .trim();
}

const comparable = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function cut(sentence: string): string {
  if (sentence.length <= MAX_SUMMARY) return sentence;
  const head = sentence.slice(0, MAX_SUMMARY - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > MAX_SUMMARY / 2 ? head.slice(0, space) : head).replace(/[\s,;:–—-]+$/, '')}…`;
}

export function oneLineSummary(article: { title: string; summary: string | null; text: string | null }): string | null {
  // The first sentences are all that is needed; a 256K article is not scanned whole.
  const source = plain((article.summary || article.text || '').slice(0, 4000));
  if (source === '') return null;
  const title = comparable(article.title);
  for (const span of splitSentences(source).slice(0, 3)) {
    const sentence = source.slice(span.start, span.end).trim();
    if (sentence === '' || comparable(sentence) === title) continue;
    return cut(sentence);
  }
  return null;
}
