/** Sentence boundaries: every figure carries its sentence, and context is read sentence by sentence. */
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/figures/sentences.js';

const sentences = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('ends a sentence at a period, question or exclamation mark before a capital', () => {
    expect(sentences('Drones hit Kyiv. Officials said so! Why? Nobody knows.')).toEqual(['Drones hit Kyiv.', 'Officials said so!', 'Why?', 'Nobody knows.']);
  });

  it('keeps titles, initials, initialisms and dates before a number inside the sentence', () => {
    expect(sentences('Col. Marty O. Donnell said the U.S. Army sent aid on Dec. 27. It was late.')).toEqual([
      'Col. Marty O. Donnell said the U.S. Army sent aid on Dec. 27.',
      'It was late.',
    ]);
  });

  it('keeps the sentence going when a lower-case word follows the period', () => {
    expect(sentences('He said the U.S. would help.')).toEqual(['He said the U.S. would help.']);
  });

  it('ends a sentence at a line break, so a headline without a period is a sentence', () => {
    expect(sentences('Pentagon Hosts 50 Allies\n\nThe meeting starts.')).toEqual(['Pentagon Hosts 50 Allies', 'The meeting starts.']);
  });

  it('takes closing quotes into the sentence they close', () => {
    expect(sentences('“Europe’s future is on the line.” Austin spoke.')).toEqual(['“Europe’s future is on the line.”', 'Austin spoke.']);
  });

  it('cuts a sentence longer than the limit at a space', () => {
    const long = `${'word '.repeat(100)}end.`;
    const parts = splitSentences(long, 120);
    expect(parts.every((p) => p.end - p.start <= 120)).toBe(true);
    expect(parts.map((p) => long.slice(p.start, p.end)).join(' ')).toBe(long.trim());
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences(' \n\t\n')).toEqual([]);
  });
});
