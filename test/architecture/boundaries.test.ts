import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/tempConfig.js';

/** Every .ts file below a folder of src/. */
function sources(dir: string): string[] {
  const abs = path.join(repoRoot, 'src', dir);
  return readdirSync(abs).flatMap((name) => {
    const p = path.join(abs, name);
    return statSync(p).isDirectory() ? sources(path.join(dir, name)) : name.endsWith('.ts') ? [p] : [];
  });
}

const CORE = ['feeds', 'figures', 'digest', 'answers', 'alerts', 'commands', 'ingest', 'schedule', 'store', 'config', 'delivery'];
const PLATFORM_IMPORT = /from\s+['"](discord\.js|@discordjs\/[^'"]+|@slack\/[^'"]+|discord-interactions|[^'"]*platforms\/[^'"]+)['"]|import\(\s*['"](discord\.js|@slack\/[^'"]+|[^'"]*platforms\/[^'"]+)['"]/;

describe('architecture', () => {
  it('the core never imports a chat platform (discord.js, @slack/*, src/platforms)', () => {
    const offenders = CORE.flatMap(sources).filter((file) => PLATFORM_IMPORT.test(readFileSync(file, 'utf8')));
    expect(offenders.map((f) => path.relative(repoRoot, f))).toEqual([]);
  });

  it('the boundary check itself recognizes a platform import', () => {
    expect(PLATFORM_IMPORT.test(`import { Client } from 'discord.js';`)).toBe(true);
    expect(PLATFORM_IMPORT.test(`import { App } from '@slack/bolt';`)).toBe(true);
    expect(PLATFORM_IMPORT.test(`import { x } from '../platforms/slack/index.js';`)).toBe(true);
    expect(PLATFORM_IMPORT.test(`import { x } from '../digest/render/discord.js';`)).toBe(false);
  });
});
