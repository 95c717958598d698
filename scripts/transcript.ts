/**
 * `npx tsx scripts/transcript.ts`: the five hardest dev questions as a user sees them on Slack and
 * on Discord. Each is asked as of its day through the shared command runner, over the dev articles
 * run through the real extractor, and rendered by each adapter's own reply formatting
 * (slackReplyMessage, Discord replyMessage): what goes on the wire, ephemeral or not.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answer } from '../src/answers/answer.js';
import { handleCommand, type CommandDeps } from '../src/commands/handleCommand.js';
import { loadConfig } from '../src/config/load.js';
import { silentLogger } from '../src/observability/logger.js';
import { replyMessage } from '../src/platforms/discord/replyMessage.js';
import { slackReplyMessage } from '../src/platforms/slack/slackText.js';
import { openGoldStore } from './goldStore.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });

const HARDEST: Array<{ file: string; ask: string; asOf: string; why: string }> = [
  { file: 'aid.json', ask: 'How much military aid has Europe pledged to Ukraine since February 2022?', asOf: '2025-08-15', why: 'a group actor, "pledged", a period' },
  { file: 'aid.json', ask: 'How much security assistance have the Contact Group members other than the US committed to Ukraine?', asOf: '2024-12-20', why: 'a group, "other than the US" left out' },
  { file: 'aid.json', ask: 'In total, how much new Ukraine aid has the Biden administration asked Congress for?', asOf: '2023-10-25', why: 'a request (proposed), its stated total, not its lines' },
  { file: 'aid.json', ask: 'How many Patriot systems has the US delivered to Ukraine?', asOf: '2024-08-01', why: 'no such figure: private, one line, a next step' },
  { file: 'events.json', ask: "How many Russian drones did Ukraine's air defences shoot down overnight?", asOf: '2025-07-10', why: 'shot down, not launched; the launcher is the actor' },
];

for (const q of HARDEST) {
  const gold = await openGoldStore(path.join(repoRoot, '../shared/eval/dev', q.file), config);
  const deps = {
    store: gold.store,
    config,
    logger: silentLogger,
    now: () => new Date(`${q.asOf}T12:00:00Z`),
    answer: (question: string, timezone: string) => answer(question, { store: gold.store, config }, { asOf: q.asOf, timezone }),
  } as unknown as CommandDeps;
  console.log(`\n### ${q.ask}  (asked ${q.asOf}; ${q.why})`);
  for (const platform of ['slack', 'discord'] as const) {
    const reply = await handleCommand({ platform, channelId: 'C1', workspaceId: 'T1', userId: 'U1', command: 'ask', subcommand: null, args: { question: q.ask }, isAdmin: false }, deps);
    if (platform === 'slack') {
      const m = slackReplyMessage(reply);
      console.log(`Slack (/ask ${q.ask}) → response_type: ${m.response_type}\n${m.text}`);
    } else {
      const m = replyMessage(reply);
      const text = m.content ?? m.embeds.map((e) => e.description ?? '').join('\n');
      console.log(`Discord (/ask question:${q.ask}) → ${m.flags ? 'ephemeral (flags 64)' : 'public'}${m.content ? '' : ', in an embed'}\n${text}`);
    }
  }
  await gold.close();
}
