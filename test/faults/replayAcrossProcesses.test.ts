/**
 * A signed Discord interaction captured once and sent again, byte for byte (same body, signature
 * and timestamp, well inside Discord's 15-minute window): to another replica on the same
 * PostgreSQL, and to the bot after a restart on the same SQLite file. The replay record lives in
 * the store, so both refuse it with 401 and run nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerDiscordCommands } from '../../src/platforms/discord/registerCommands.js';
import { createDiscordRest } from '../../src/platforms/discord/restClient.js';
import { FakeDiscord } from '../fakes/discord/index.js';
import { createTempDatabase, type TempDatabase } from '../helpers/postgres.js';
import { makeTempConfig, repoRoot, type TempConfig } from '../helpers/tempConfig.js';

const GUILD = '710000000000000001';
const CHANNEL = '710000000000000011';
const USER = { id: '720000000000000001', username: 'reader' };

let discord: FakeDiscord;
let config: TempConfig;
let db: TempDatabase;
const children: ChildProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  discord = await FakeDiscord.start({ guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: CHANNEL, name: 'news' }] }] });
  await registerDiscordCommands(createDiscordRest({ apiBase: discord.apiBase, token: discord.token }), discord.applicationId, GUILD);
  config = makeTempConfig();
  db = await createTempDatabase('newsdigest_replay');
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});
afterAll(async () => {
  await discord.close();
  await db.drop();
  config.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** `newsdigest serve` receiving Discord over HTTP; resolves with its interactions URL once it runs. */
function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NEWSDIGEST_CONFIG_DIR: config.dir,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_PUBLIC_KEY: discord.publicKeyHex,
      DISCORD_RECEIVE: 'http',
      DISCORD_API_BASE: discord.apiBase,
      ...env,
    },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 60_000);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      const port = /"port":(\d+).*newsdigest is running|newsdigest is running.*"port":(\d+)/.exec(log);
      if (port) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port[1] ?? port[2]}/discord/interactions` });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
}

/** One signed /ask as Discord sends it: the exact bytes a network observer could capture. */
function capturedAsk(url: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(discord.buildInteraction({ via: { http: url }, guildId: GUILD, channelId: CHANNEL, user: USER, command: 'ask', options: { question: 'total aid to date' } }));
  const timestamp = String(Math.floor(Date.now() / 1000));
  return { body, headers: { 'content-type': 'application/json', 'x-signature-ed25519': discord.signature(timestamp, body), 'x-signature-timestamp': timestamp } };
}

const send = async (url: string, request: { body: string; headers: Record<string, string> }) => (await fetch(url, { method: 'POST', body: request.body, headers: request.headers })).status;

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('a captured Discord interaction sent again', () => {
  it('is refused by a second replica on the same PostgreSQL', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-replay-'));
    dirs.push(dataDir);
    const [a, b] = await Promise.all([serve({ DATABASE_URL: db.url, DATA_DIR: dataDir }), serve({ DATABASE_URL: db.url, DATA_DIR: dataDir })]);
    const request = capturedAsk(a.url);
    expect(await send(a.url, request)).toBe(200);
    expect(await send(b.url, request)).toBe(401);
    expect(await send(a.url, request)).toBe(401);
    await Promise.all([stop(a.child), stop(b.child)]);
  }, 120_000);

  it('is refused after a restart on the same SQLite file', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'newsdigest-replay-')), 'data');
    mkdirSync(dataDir);
    dirs.push(path.dirname(dataDir));
    const first = await serve({ DATA_DIR: dataDir });
    const request = capturedAsk(first.url);
    expect(await send(first.url, request)).toBe(200);
    await stop(first.child);
    const second = await serve({ DATA_DIR: dataDir });
    expect(await send(second.url, request)).toBe(401);
    await stop(second.child);
  }, 120_000);
});
