/**
 * A config word list as one case-insensitive regular expression over whole words, compiled once per
 * list (the rules object is parsed once, so its arrays are stable keys). Used for the verb lists
 * that read a figure's status and event, where one scan of a sentence per figure is cheap enough.
 */
const cache = new WeakMap<readonly string[], RegExp>();

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ \t]+/g, '[ \\t\\u00A0]+');

export function wordListPattern(words: readonly string[]): RegExp | null {
  if (words.length === 0) return null;
  let re = cache.get(words);
  if (!re) {
    const sorted = [...words].sort((a, b) => b.length - a.length).map(escape);
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    cache.set(words, re);
  }
  return re;
}

export interface WordHit<L extends string> {
  label: L;
  start: number;
  end: number;
}

/**
 * The hit of any of the labelled lists nearest to [from, to) within [floor, ceiling): the word that
 * stands closest to the figure says what it is ("asked for $10 billion, after Congress approved
 * $5 billion": each amount takes its own verb). A tie goes to the word before the figure.
 */
export function nearestWord<L extends string>(text: string, floor: number, ceiling: number, from: number, to: number, lists: ReadonlyArray<readonly [L, readonly string[]]>): WordHit<L> | null {
  const slice = text.slice(floor, ceiling);
  let best: WordHit<L> | null = null;
  let bestDistance = Infinity;
  for (const [label, words] of lists) {
    const re = wordListPattern(words);
    if (!re) continue;
    re.lastIndex = 0;
    for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
      const start = floor + m.index;
      const end = start + m[0].length;
      // Inside the figure's own quote ("a $5 billion pledge") is nearest of all.
      const distance = start < to && end > from ? 0 : end <= from ? from - end : start - to + 0.5;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = { label, start, end };
      }
    }
  }
  return best;
}
