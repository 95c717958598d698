/** The files an operator copies and runs: compose, .env.example, .gitignore. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parse } from 'yaml';
import { EnvSchema } from '../../src/config/schema.js';
import { repoRoot } from '../helpers/tempConfig.js';

const read = (f: string) => readFileSync(path.join(repoRoot, f), 'utf8');

describe('deployment files', () => {
  const compose = parse(read('docker-compose.yml')) as {
    services: { bot: { ports?: string[]; volumes?: string[] } };
    volumes: Record<string, unknown>;
  };

  it('compose publishes the HTTP port of each replica', () => {
    expect(compose.services.bot.ports).toEqual(['3000-3001:3000']);
  });

  it('compose mounts config/ (so local.yaml reaches the container) and a data volume', () => {
    expect(compose.services.bot.volumes).toEqual(['./config:/app/config:ro', 'botdata:/data']);
    expect(Object.keys(compose.volumes)).toContain('botdata');
    // The image makes /data the node user's before the volume copies it.
    expect(read('Dockerfile')).toMatch(/chown node:node \/data[\s\S]*USER node/);
  });

  it('.env.example lists every variable the README names and every one the schema reads', () => {
    const example = new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const envNames = (text: string) => [...text.matchAll(/\b((?:DATA|DATABASE|DISCORD|SLACK|NEWSDIGEST|LOG|PORT|HOST)[A-Z0-9_]*)\b/g)].map((m) => m[1]!);
    const wanted = new Set([...envNames(read('README.md')), ...Object.keys(EnvSchema.shape), 'NEWSDIGEST_CONFIG_DIR']);
    expect([...wanted].filter((v) => !example.has(v))).toEqual([]);
  });

  it('config/local.yaml is git-ignored, default.yaml is not', () => {
    const run = (f: string) => spawnSync('git', ['check-ignore', '-q', f], { cwd: repoRoot }).status;
    expect(run('config/local.yaml')).toBe(0);
    expect(run('config/default.yaml')).toBe(1);
  });
});
