import { describe, expect, it } from 'vitest';
import { editDistance, findPhrase, foldPlural, phraseKeys, toWords, wordMatches } from '../../src/answers/questionText.js';

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
