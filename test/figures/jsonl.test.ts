/** `newsdigest extract --jsonl`: one JSON article per line in, one line per article out, in order; a bad line is reported and skipped over. */
import { describe, expect, it } from 'vitest';
import { extractJsonLine } from '../../src/cli/extract.js';
import { defaultRules } from './helpers.js';
import { inheritedCliEnv, runCli, type CliRun } from '../helpers/runCli.js';

function cli(args: string[], stdin: string): Promise<CliRun> {
  return runCli(args, inheritedCliEnv(), stdin);
}

describe('extract --jsonl', () => {
  it('reads one article per line and names the line and id of a bad one', () => {
    const good = extractJsonLine(JSON.stringify({ id: 'a1', text: 'Russia launched 12 drones overnight.' }), 1, defaultRules);
    expect(good.ok).toBe(true);
    const parsed = JSON.parse(good.out) as { id: string; figures: Array<{ value: number; category: string; event: string }> };
    expect([parsed.id, parsed.figures.map((f) => [f.value, f.category, f.event])]).toEqual(['a1', [[12, 'drones', 'launched']]]);
    expect(JSON.parse(extractJsonLine('{"id": "a2", "text": 5}', 7, defaultRules).out)).toEqual({ id: 'a2', line: 7, error: 'line 7 (id "a2"): JSON input must have a "text" string' });
    const broken = JSON.parse(extractJsonLine('{"id": "a3", "text": ', 9, defaultRules).out) as { id: null; line: number; error: string };
    expect([broken.id, broken.line, broken.error.startsWith('line 9: not valid JSON')]).toEqual([null, 9, true]);
  });

  it('prints one line per article in order, goes on after a bad line and exits 2', { timeout: 60_000 }, async () => {
    const input = [
      JSON.stringify({ id: 'x', title: 't', text: 'Oslo pledged $300 million in military aid.', published: '2024-01-02', source: 'S' }),
      'not json',
      '',
      JSON.stringify({ id: 'y', text: 'Nothing counted here.' }),
    ].join('\n');
    const { code, stdout, stderr } = await cli(['extract', '--jsonl', '-'], input);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; figures?: Array<{ value: number; status: string }>; line?: number });
    expect(lines.map((l) => [l.id, l.figures?.map((f) => [f.value, f.status]) ?? l.line])).toEqual([
      ['x', [[300_000_000, 'pledged']]],
      [null, 2],
      ['y', []],
    ]);
    expect(stderr).toContain('newsdigest extract: line 2: not valid JSON');
    expect(code).toBe(2);
  });
});
