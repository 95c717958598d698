import { describe, expect, it } from 'vitest';
import { fuzzFeeds } from '../../scripts/fuzz/feeds.js';

describe('feed fuzzing (short run; `npm run fuzz` runs 10,000)', () => {
  it('ends every mutated feed in a feed or a refusal with a reason, never an exception', { timeout: 300_000 }, async () => {
    const report = await fuzzFeeds({ count: 300, seed: 20240601, maxMs: 240_000 });
    expect(report.crashes).toEqual([]);
    expect(report.runs).toBe(300);
    // Both kinds of outcome occur: the mutations are neither all harmless nor all fatal.
    expect(report.outcomes.ingested).toBeGreaterThan(0);
    expect(Object.keys(report.outcomes).some((k) => k.startsWith('refused'))).toBe(true);
    console.log(`feed fuzz: ${report.runs} runs, slowest ${report.slowestMs} ms, max heap ${report.maxHeapMB} MB`);
  });
});
