/** Shared by the figure tests: the default rules from config/default.yaml and small readers. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { extractFigures } from '../../src/figures/extractFigures.js';
import type { Figure } from '../../src/figures/figure.js';
import type { FigureRules } from '../../src/figures/rules.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');

export const defaultRules: FigureRules = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {}, dotenv: false }).config.figures;

export function figuresIn(text: string, rules: FigureRules = defaultRules): Figure[] {
  return extractFigures({ text }, rules);
}

/** The one figure of `text` (fails the test when there are none or several). */
export function onlyFigure(text: string, rules: FigureRules = defaultRules): Figure {
  const found = figuresIn(text, rules);
  expect(found.map((f) => f.quote)).toHaveLength(1);
  return found[0]!;
}

/** value, unit, qualifier, category: the core of a figure, for compact expectations. */
export const core = (f: Figure): [number, number | null, string, string, string] => [f.value, f.value_max, f.unit, f.qualifier, f.category];
