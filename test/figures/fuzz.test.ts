/** A short fuzz run: random and adversarial texts never crash the extractor or break the Figure contract. */
import { describe, expect, it } from 'vitest';
import { fuzzFigures } from '../../scripts/fuzz/figures.js';

describe('extractFigures under fuzzing', { timeout: 180_000 }, () => {
  it('survives 300 random and adversarial inputs without a crash or a broken invariant', async () => {
    const report = await fuzzFigures({ count: 300, seed: 20241021, maxMs: 150_000 });
    expect(report.crashes).toEqual([]);
    expect(report.runs).toBe(300);
  });
});
