import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/tempConfig.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function runDemo(dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  for (const k of Object.keys(env)) if (/^(DISCORD|SLACK)_/.test(k)) delete env[k];
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000 });
}

describe('npm run demo', () => {
  it('ingests the sample feed into a fresh local database and prints its digest and an answer', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-demo-'));
    dirs.push(dataDir);
    const run = runDemo(dataDir);
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/Ingested examples\/sample-feed\.xml: (\d+) items, \1 new articles, \d+ key figures/);
    expect(out).toContain('Key figures');
    expect(out).toMatch(/more than \$58 billion .*up from (more than )?\$44\.2 billion/);
    expect(out).toMatch(/https:\/\/example\.org\//);
    expect(out).toMatch(/\/ask .*\n.*more than \$58 billion/);
    expect(existsSync(path.join(dataDir, 'demo', 'newsdigest.db'))).toBe(true);

    // A second run starts again from a fresh database and shows the whole sample again.
    const again = runDemo(dataDir);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Ingested examples\/sample-feed\.xml: (\d+) items, \1 new articles/);
  });

  it('`demo | head -1` stops quietly: status 0, no EPIPE trace', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-demo-'));
    dirs.push(dataDir);
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Like `head -1`: read the first chunk, then close our end of the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  }, 120_000);
});
