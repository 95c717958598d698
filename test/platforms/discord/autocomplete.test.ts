/**
 * Autocomplete on /ask question and /figures topic: Discord sends an APPLICATION_COMMAND_AUTOCOMPLETE
 * interaction (type 4) while the user types; the bot answers with type 8 and up to 25 choices, over
 * signed HTTP and over the gateway alike. Nothing runs and nothing is stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, GUILD, MEMBER, seedAidFigure, startHarness, storeSnapshot, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(['http', 'gateway'] as const)('Discord autocomplete over %s', (mode) => {
  it('registers /ask question and /figures topic with autocomplete', async () => {
    h = await startHarness({ mode });
    const commands = h.fake.guildCommands.get(GUILD) ?? [];
    const option = (command: string, name: string) => (commands.find((c) => c.name === command)?.options as Array<Record<string, unknown>> | undefined)?.find((o) => o.name === name);
    expect(option('ask', 'question')).toMatchObject({ autocomplete: true, required: true });
    expect(option('figures', 'topic')).toMatchObject({ autocomplete: true });
    expect(option('figures', 'chart')?.autocomplete).toBeUndefined();
  });

  it('suggests questions that work from the stored measures as /ask question is typed (type 8)', async () => {
    h = await startHarness({ mode });
    await seedAidFigure(h.store);
    const before = await storeSnapshot(h.store);
    const record = await h.run({ user: MEMBER, command: 'ask', options: { question: 'total ai' }, autocomplete: 'question' });
    expect(record.failure).toBeNull();
    expect(record.initial?.type).toBe(8);
    expect(record.initial?.data.choices).toEqual([{ name: 'What is the total aid from United States to date?', value: 'What is the total aid from United States to date?' }]);
    expect(await storeSnapshot(h.store)).toEqual(before);
  });

  it('suggests configured topics and held measures for /figures topic, at most 25', async () => {
    h = await startHarness({ mode });
    await seedAidFigure(h.store);
    const record = await h.run({ user: ADMIN, command: 'figures', options: { topic: '' }, autocomplete: 'topic' });
    const choices = record.initial?.data.choices as Array<{ name: string; value: string }>;
    expect(choices.slice(0, 2)).toEqual([
      { name: 'Military aid to Ukraine (ukraine-aid)', value: 'ukraine-aid' },
      { name: 'The war in figures (ukraine-war)', value: 'ukraine-war' },
    ]);
    expect(choices.map((c) => c.value)).toContain('total aid');
    expect(choices.length).toBeLessThanOrEqual(25);
    const narrowed = await h.run({ user: ADMIN, command: 'figures', options: { topic: 'war' }, autocomplete: 'topic' });
    expect(narrowed.initial?.data.choices).toEqual([{ name: 'The war in figures (ukraine-war)', value: 'ukraine-war' }]);
  });

  it('with nothing stored, offers no questions rather than ones that fail', async () => {
    h = await startHarness({ mode });
    const record = await h.run({ user: MEMBER, command: 'ask', options: { question: '' }, autocomplete: 'question' });
    expect(record.initial).toMatchObject({ type: 8, data: { choices: [] } });
  });
});
