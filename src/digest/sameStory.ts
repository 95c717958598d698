/**
 * Finds articles that tell the same story under near-identical titles ("Austin in Kyiv: US will get
 * Ukraine what it needs" from VOA and "Austin in Kyiv: US will get Ukraine what it needs - Reuters"),
 * so the digest shows one item with several sources instead of a flood of repeats.
 *
 * Two titles match when, within a couple of days of each other, their word sets are nearly the same
 * (Jaccard similarity) and they state the same numbers: "$400 million package" and "$500 million
 * package" are different stories however alike the rest reads.
 */

export interface StoryCandidate {
  title: string;
  /** ISO timestamp. */
  published: string;
}

/** Share of words two titles must have in common (of all their words) to be the same story. */
const SIMILARITY = 0.8;
/** Fewer content words than this are too generic to fold on likeness alone ("Live updates"). */
const MIN_WORDS_SIMILAR = 5;
/** ... or even on identity. */
const MIN_WORDS_IDENTICAL = 3;
/** Repeats further apart than this are a new story under a recurring title ("Morning briefing"). */
const MAX_APART_MS = 48 * 3600 * 1000;

const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'as', 'at', 'by', 'is', 'with', 'from']);

/** A trailing " - Reuters" / " | AP News" / " — BBC" that aggregators append. */
const PUBLISHER_SUFFIX = /\s+[-–—|]\s+([^-–—|]{1,40})$/u;

interface Shape {
  /** Content words in title order. */
  words: string[];
  /** Distinct content words. */
  set: Set<string>;
  /** Words holding a digit, sorted and joined: must be equal. */
  numbers: string;
  time: number;
}

function shapeOf(c: StoryCandidate): Shape {
  let title = c.title.normalize('NFKC');
  const suffix = PUBLISHER_SUFFIX.exec(title);
  if (suffix && suffix[1]!.trim().split(/\s+/).length <= 4) {
    const rest = title.slice(0, suffix.index);
    if (rest.trim().split(/\s+/).length >= 4) title = rest;
  }
  const words = title
    .toLowerCase()
    // "U.S." and "US" are the same word; "$58bn" keeps its digits.
    .replace(/(\p{L})\.(?=\p{L}\.)/gu, '$1')
    .replace(/(\p{L})\.(?=\s|$)/gu, '$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !STOPWORDS.has(w));
  const set = new Set(words);
  const numbers = [...set].filter((w) => /\p{N}/u.test(w)).sort().join(' ');
  const time = Date.parse(c.published);
  return { words, set, numbers, time: Number.isNaN(time) ? 0 : time };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

function closeInTime(a: Shape, b: Shape): boolean {
  return Math.abs(a.time - b.time) <= MAX_APART_MS;
}

function sameStory(a: Shape, b: Shape): boolean {
  if (!closeInTime(a, b) || a.numbers !== b.numbers) return false;
  if (a.words.length >= MIN_WORDS_IDENTICAL && a.words.join(' ') === b.words.join(' ')) return true;
  return a.set.size >= MIN_WORDS_SIMILAR && b.set.size >= MIN_WORDS_SIMILAR && jaccard(a.set, b.set) >= SIMILARITY;
}

/**
 * Groups the candidates that tell the same story. Returns groups of indexes into `candidates`, each
 * group and the list of groups in input order. Near-linear in practice: only titles sharing one of
 * their rarest words are compared (prefix filtering), so thousands of articles stay cheap.
 */
export function groupSameStories(candidates: readonly StoryCandidate[]): number[][] {
  const shapes = candidates.map(shapeOf);
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Identical titles (after normalization) are found by key.
  const byKey = new Map<string, number[]>();
  shapes.forEach((s, i) => {
    if (s.words.length < MIN_WORDS_IDENTICAL) return;
    const key = s.words.join(' ');
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  for (const list of byKey.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = 0; y < x; y++) if (sameStory(shapes[list[x]!]!, shapes[list[y]!]!)) union(list[x]!, list[y]!);
    }
  }

  // Near-identical titles: two sets with Jaccard >= t share a word among the first
  // |x| - ceil(t·|x|) + 1 words of each, ordered rarest first.
  const frequency = new Map<string, number>();
  for (const s of shapes) for (const w of s.set) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const index = new Map<string, number[]>();
  shapes.forEach((s, i) => {
    if (s.set.size < MIN_WORDS_SIMILAR) return;
    const ordered = [...s.set].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
    const prefix = ordered.slice(0, s.set.size - Math.ceil(SIMILARITY * s.set.size) + 1);
    const seen = new Set<number>();
    for (const w of prefix) {
      for (const j of index.get(w) ?? []) {
        if (seen.has(j)) continue;
        seen.add(j);
        if (find(i) !== find(j) && sameStory(s, shapes[j]!)) union(i, j);
      }
    }
    for (const w of prefix) {
      const list = index.get(w);
      if (list) list.push(i);
      else index.set(w, [i]);
    }
  });

  const groups = new Map<number, number[]>();
  candidates.forEach((_, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
}
