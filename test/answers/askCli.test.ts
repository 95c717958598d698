/**
 * `newsdigest ask` as a user runs it: the real CLI in a child process, over a SQLite database in a
 * temp DATA_DIR holding the sample feed.
 */
import { describe, expect, it } from 'vitest';
import { inheritedCliEnv, runCli, type CliRun } from '../helpers/runCli.js';
import { useSampleDataDir } from '../helpers/sampleDataDir.js';

const data = useSampleDataDir('newsdigest-ask-cli-');

function ask(...args: string[]): Promise<CliRun> {
  return runCli(['ask', ...args], inheritedCliEnv({ DATA_DIR: data.dir }));
}

describe('newsdigest ask', { timeout: 90_000 }, () => {
  it('prints the answer with its source, date, link and previous value', async () => {
    const r = await ask('How much security assistance has the US given Ukraine in total?', '--as-of', '2024-11-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Total aid (United States): more than $58 billion');
    expect(r.stdout).toContain('VOA via newsdigest sample, 21 Oct 2024');
    expect(r.stdout).toContain('https://example.org/newsdigest-sample/2024/10/21/austin-kyiv-aid-tranche');
    expect(r.stdout).toContain('Previously: more than $44.2 billion on 22 Jan 2024');
  });

  it('--json prints exactly {text, figure, article, breakdown, series, history}', async () => {
    const r = await ask('How big was the latest US military aid package for Ukraine?', '--as-of', '2024-02-01', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['text', 'figure', 'article', 'breakdown', 'series', 'history']);
    expect(out.series).toEqual({ actor: 'United States', category: 'aid_package', unit: 'USD', since: null });
    expect(out.figure).toEqual({ value: 250e6, value_max: null, unit: 'USD', qualifier: 'exact', category: 'aid_package', actor: 'United States', cumulative: false, quote: expect.stringContaining('$250 million') });
    expect(Object.keys(out.article as object)).toEqual(['title', 'source', 'link', 'published']);
    expect(out.history).toEqual([]);
  });

  it('--json has null figure and article when nothing matches', async () => {
    const r = await ask('How many refugees have left?', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { figure: unknown; article: unknown; history: unknown[]; text: string };
    expect(out).toMatchObject({ figure: null, article: null, series: null, history: [] });
    expect(out.text).toMatch(/^I hold no figures on that\. Closest I hold: [^\n]+, latest \d{1,2} [A-Z][a-z]{2} \d{4}; try "[^"]+"\.$/);
  });

  it('refuses an --as-of that is not a calendar day, naming the option', async () => {
    const r = await ask('Total US aid?', '--as-of', '2024-13-01');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("option '--as-of <YYYY-MM-DD>' argument '2024-13-01' is invalid");
    expect(r.stdout).toBe('');
  });

  it('refuses an empty question with exit status 2', async () => {
    const r = await ask('  ');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the question is empty');
  });
});
