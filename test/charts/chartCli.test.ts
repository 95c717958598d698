/** `newsdigest chart` as a user runs it: the real CLI in a child process over the sample feed in SQLite. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inheritedCliEnv, runCli, type CliRun } from '../helpers/runCli.js';
import { useSampleDataDir } from '../helpers/sampleDataDir.js';

const data = useSampleDataDir('newsdigest-chart-cli-');

function chart(...args: string[]): Promise<CliRun> {
  return runCli(['chart', ...args], inheritedCliEnv({ DATA_DIR: data.dir }));
}

describe('newsdigest chart', { timeout: 90_000 }, () => {
  it('writes a PNG of the series the same ask answers from and lists its points', async () => {
    const out = path.join(data.dir, 'aid.png');
    const r = await chart('How much security assistance has the US given Ukraine in total?', '--as-of', '2024-11-01', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Total aid (United States), running total as reported\n22 Jan 2024: more than $44.2 billion (AP via newsdigest sample)\n21 Oct 2024: more than $58 billion (VOA via newsdigest sample)\n');
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBe(675);
  });

  it('as of an earlier day, leaves out what was published later', async () => {
    const out = path.join(data.dir, 'early.png');
    const r = await chart('How much security assistance has the US given Ukraine in total?', '--as-of', '2024-02-01', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('22 Jan 2024: more than $44.2 billion');
    expect(r.stdout).not.toContain('21 Oct 2024');
  });

  it('when nothing matches, says what is known, writes nothing and exits 1', async () => {
    const out = path.join(data.dir, 'none.png');
    const r = await chart('weather in Paris', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("I can't tell which figure you are asking about");
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an --out that is not a .png and a bad --as-of, with exit 2', async () => {
    expect((await chart('total US aid', '--out', 'x.jpg')).code).toBe(2);
    const bad = await chart('total US aid', '--as-of', '2024-02-30');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('as-of is not a calendar day');
  });
});
