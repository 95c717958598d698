import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Command } from 'commander';
import { DiscordAPIError } from 'discord.js';
import { discordCommands } from '../../../src/platforms/discord/commandDefinitions.js';
import { registerDiscordCommands } from '../../../src/platforms/discord/registerCommands.js';
import { createDiscordRest } from '../../../src/platforms/discord/restClient.js';
import { registerRegisterCommands, runRegisterCommands } from '../../../src/cli/registerCommands.js';
import { COMMANDS } from '../../../src/commands/table.js';
import { FakeDiscord } from '../../fakes/discord/index.js';
import { repoRoot } from '../../helpers/tempConfig.js';

const GUILD = '410000000000000001';
let fake: FakeDiscord;
let printed: string[];

beforeEach(async () => {
  fake = await FakeDiscord.start({ guilds: [{ id: GUILD, channels: [{ id: '410000000000000011' }] }] });
  printed = [];
});
afterEach(async () => fake.close());

const envFor = (f: FakeDiscord): NodeJS.ProcessEnv => ({ DISCORD_TOKEN: f.token, DISCORD_APPLICATION_ID: f.applicationId, DISCORD_API_BASE: f.apiBase });
const configDir = path.join(repoRoot, 'config');

describe('the command table as Discord application commands', () => {
  it('gives /ask a required STRING option "question", autocompleted', () => {
    const ask = discordCommands().find((c) => c.name === 'ask')!;
    expect(ask.options).toEqual([{ type: 3, name: 'question', description: 'Your question', required: true, autocomplete: true }]);
  });

  it('gives /figures two optional STRING options, "topic" (autocompleted) and "chart"', () => {
    const figures = discordCommands().find((c) => c.name === 'figures')!;
    expect(figures.options).toEqual([
      { type: 3, name: 'topic', description: 'Topic id or name', required: false, autocomplete: true },
      { type: 3, name: 'chart', description: 'A measure to draw over time, e.g. "total US aid"', required: false },
    ]);
  });

  it('makes each /digest subcommand a SUB_COMMAND with its options', () => {
    const digest = discordCommands().find((c) => c.name === 'digest')!;
    const subs = (digest.options ?? []) as Array<{ type: number; name: string; options: Array<{ name: string; required: boolean }> }>;
    expect(subs.map((s) => [s.type, s.name])).toEqual(COMMANDS.find((c) => c.name === 'digest')!.subcommands.map((s) => [1, s.name]));
    expect(subs.find((s) => s.name === 'schedule')!.options.map((o) => [o.name, o.required])).toEqual([
      ['cron', true],
      ['timezone', false],
    ]);
    expect(subs.find((s) => s.name === 'subscribe')!.options.map((o) => o.name)).toEqual(['target']);
  });

  it('makes /alert add, list and remove SUB_COMMANDs; add offers above, below and changes as choices', () => {
    const alert = discordCommands().find((c) => c.name === 'alert')!;
    const subs = (alert.options ?? []) as Array<{ name: string; options: Array<{ name: string; required: boolean; choices?: Array<{ name: string; value: string }> }> }>;
    expect(subs.map((s) => s.name)).toEqual(['add', 'list', 'remove']);
    const add = subs.find((s) => s.name === 'add')!;
    expect(add.options.map((o) => [o.name, o.required])).toEqual([['measure', true], ['when', true], ['value', false]]);
    expect(add.options.find((o) => o.name === 'when')!.choices).toEqual([{ name: 'above', value: 'above' }, { name: 'below', value: 'below' }, { name: 'changes', value: 'changes' }]);
    expect(subs.find((s) => s.name === 'remove')!.options.map((o) => o.name)).toEqual(['id']);
  });

  it('gates admin commands with MANAGE_GUILD ("32") and leaves the others open (null)', () => {
    const byName = Object.fromEntries(discordCommands().map((c) => [c.name, c.default_member_permissions]));
    expect(byName).toEqual({ ask: null, figures: null, digest: '32', alert: '32' });
  });
});

describe('newsdigest register-commands', () => {
  it('PUTs the whole table to the global commands route', async () => {
    await runRegisterCommands({ env: envFor(fake), configDir, print: (l) => printed.push(l) });
    expect(fake.requestsTo('PUT /applications/:id/commands')).toHaveLength(1);
    expect(fake.globalCommands.map((c) => c.name)).toEqual(['ask', 'figures', 'digest', 'alert']);
    expect(fake.globalCommands.find((c) => c.name === 'digest')!.default_member_permissions).toBe('32');
    expect(printed.join('\n')).toMatch(/Registered \/ask, \/figures, \/digest, \/alert globally/);
  });

  it('with --guild, PUTs to that guild only', async () => {
    const program = new Command().exitOverride();
    registerRegisterCommands(program);
    const saved = { ...process.env };
    Object.assign(process.env, envFor(fake), { NEWSDIGEST_CONFIG_DIR: configDir });
    try {
      await program.parseAsync(['node', 'newsdigest', 'register-commands', '--guild', GUILD]);
    } finally {
      process.env = saved;
    }
    expect(fake.guildCommands.get(GUILD)?.map((c) => c.name)).toEqual(['ask', 'figures', 'digest', 'alert']);
    expect(fake.globalCommands).toEqual([]);
  });

  it('registering again replaces the list and keeps the command ids', async () => {
    const rest = createDiscordRest({ apiBase: fake.apiBase, token: fake.token });
    await registerDiscordCommands(rest, fake.applicationId, null);
    const first = fake.globalCommands.map((c) => c.id);
    await registerDiscordCommands(rest, fake.applicationId, null);
    expect(fake.globalCommands.map((c) => c.id)).toEqual(first);
  });

  it('refuses a --guild that is not a server id, before calling Discord', async () => {
    await expect(runRegisterCommands({ env: envFor(fake), configDir, guild: 'my-server' })).rejects.toThrow(/--guild: expected a server id/);
    expect(fake.requests).toHaveLength(0);
  });

  it('says which variables are missing when Discord is not configured', async () => {
    await expect(runRegisterCommands({ env: {}, configDir })).rejects.toThrow(/needs DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
  });

  it('reports Discord refusing a wrong token (401) instead of claiming success', async () => {
    await expect(runRegisterCommands({ env: { ...envFor(fake), DISCORD_TOKEN: 'wrong' }, configDir, print: (l) => printed.push(l) })).rejects.toThrow(DiscordAPIError);
    expect(printed).toEqual([]);
    expect(fake.globalCommands).toEqual([]);
  });

  it('the fake refuses a command Discord would refuse (description over 100 characters)', async () => {
    const rest = createDiscordRest({ apiBase: fake.apiBase, token: fake.token });
    const bad = [{ name: 'ask', description: 'x'.repeat(101), type: 1 }];
    await expect(rest.put(`/applications/${fake.applicationId}/commands`, { body: bad })).rejects.toMatchObject({ status: 400, code: 50035 });
  });
});
