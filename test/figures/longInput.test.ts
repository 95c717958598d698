import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { extractFigures, MAX_ARTICLE_CHARS } from '../../src/figures/extractFigures.js';
import { repoRoot } from '../helpers/tempConfig.js';

const rules = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config.figures;

describe('very long input', () => {
  it(`reads the first ${MAX_ARTICLE_CHARS} characters of an article and no more, offsets into the full text`, () => {
    const head = 'Russia launched 12 drones overnight. ';
    const filler = 'Nothing to see here. '.repeat(Math.ceil(MAX_ARTICLE_CHARS / 21));
    const text = `${head}${filler}Ukraine shot down 40 drones.`;
    const figures = extractFigures({ text }, rules);
    expect(figures.map((f) => f.value)).toEqual([12]);
    expect(text.slice(figures[0]!.start, figures[0]!.end)).toBe(figures[0]!.quote);
    // The same figure inside the limit is read.
    expect(extractFigures({ text: `${head}Ukraine shot down 40 drones.` }, rules).map((f) => f.value)).toEqual([12, 40]);
  });
});
