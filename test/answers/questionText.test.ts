import { describe, expect, it } from 'vitest';
import { editDistance, findPhrase, foldPlural, isPlainText, keyStem, mayHoldAny, phraseKeys, textHasAny, toWords, wordMatches } from '../../src/answers/questionText.js';

describe('reading the words of a question', () => {
  it('reads "U.S." as US and drops possessives', () => {
    expect(toWords("the U.S. and Austin's visit").map((w) => w.raw)).toEqual(['the', 'US', 'and', 'Austin', 'visit']);
  });

  it('folds plurals so "troops" and "troop", "allies" and "ally" compare equal', () => {
    expect(['troops', 'allies', 'drones', 'missiles', 'containers', 'boxes'].map(foldPlural)).toEqual(['troop', 'ally', 'drone', 'missile', 'container', 'box']);
  });

  it('leaves short words and words ending in -ss or -us alone', () => {
    expect(['us', 'its', 'has', 'was', 'press', 'bonus'].map(foldPlural)).toEqual(['us', 'its', 'has', 'was', 'press', 'bonus']);
  });

  it('ignores punctuation between words', () => {
    expect(phraseKeys('aid -- total, (to date)!')).toEqual(['aid', 'total', 'to', 'date']);
  });
});

describe('tolerating misspellings', () => {
  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('amercia', 'america')).toBe(1);
    expect(editDistance('ukriane', 'ukraine')).toBe(1);
  });

  it('gives up early once two edits are needed', () => {
    expect(editDistance('killed', 'kitten', 1)).toBe(2);
  });

  it('lets a word of five letters or more be one edit off', () => {
    expect(wordMatches('assistence', 'assistance', true)).toBe(true);
    expect(wordMatches('tranch', 'tranche', true)).toBe(true);
  });

  it('never corrects short words: "air" is not "aid"', () => {
    expect(wordMatches('air', 'aid', true)).toBe(false);
  });

  it('never corrects numbers: 2023 is not 2024', () => {
    expect(wordMatches('2023', '2024', true)).toBe(false);
  });
});

describe('finding a phrase', () => {
  const words = toWords('How big was the package of latest aid?');

  it('finds a phrase in any order within a few words', () => {
    expect(findPhrase(words, phraseKeys('latest aid package'), { fuzzy: false })).not.toBeNull();
  });

  it('requires every word of the phrase', () => {
    expect(findPhrase(words, phraseKeys('security assistance'), { fuzzy: false })).toBeNull();
  });

  it('with contiguous, requires the words side by side and in order', () => {
    expect(findPhrase(words, phraseKeys('aid package'), { fuzzy: false, contiguous: true })).toBeNull();
    expect(findPhrase(words, phraseKeys('latest aid'), { fuzzy: false, contiguous: true })).not.toBeNull();
  });
});

describe('telling a distance of one edit without the full table', () => {
  it('agrees with the full distance for every pair of short words over a small alphabet', () => {
    const words = [''];
    for (let len = 1; len <= 4; len++) for (const w of words.filter((x) => x.length === len - 1)) for (const c of 'abc') words.push(w + c);
    for (const a of words) for (const b of words) expect(editDistance(a, b, 1), `${a}/${b}`).toBe(Math.min(editDistance(a, b, 3), 2));
  });
});

describe('the cheap test before reading the words of a text', () => {
  const holds = (text: string, phrase: string): { exact: boolean; cheap: boolean } => {
    const keys = phraseKeys(phrase);
    return { exact: textHasAny(toWords(text), [keys]), cheap: mayHoldAny(text, [keys.map(keyStem)]) };
  };

  it('the stem of a key is what the written word starts with: "allies" holds "ally" as "all"', () => {
    expect(['ally', 'troop', 'stalled', 'y'].map(keyStem)).toEqual(['all', 'troop', 'stalled', 'y']);
    expect(holds('The allies pledged more.', 'ally')).toEqual({ exact: true, cheap: true });
  });

  it('rules a phrase out only where the words are surely absent', () => {
    expect(holds('Aid is held up in Congress.', 'held up')).toEqual({ exact: true, cheap: true });
    expect(holds('Aid is held by the courts.', 'held up')).toEqual({ exact: false, cheap: false });
    // Present as letters but not as words: the cheap test lets it through, the words decide.
    expect(holds('The upheld ruling.', 'held up')).toEqual({ exact: false, cheap: true });
  });

  it('never rules out text that toWords reads differently from its letters', () => {
    expect(isPlainText('Aid to Ukraine.')).toBe(true);
    for (const [text, phrase] of [
      ['Aid is ｓｔａｌｌｅｄ.', 'stalled'],
      ['The U.S. sent aid.', 'US'],
      ['The N.A.T.O. allies.', 'NATO'],
      ['Kharkiv’s mayor.', 'Kharkiv'],
    ] as const) {
      expect(isPlainText(text), text).toBe(false);
      expect(holds(text, phrase), text).toEqual({ exact: true, cheap: true });
    }
  });
});
