/** An /ask with no figure to give is answered privately (ephemeral), in one line with a next step, in both receiving modes. */
import { afterEach, describe, expect, it } from 'vitest';
import { answer } from '../../../src/answers/answer.js';
import { escapeDiscordText } from '../../../src/platforms/discord/escape.js';
import { MEMBER, seedAidFigure, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(['http', 'gateway'] as const)('/ask with no figure over %s', (mode) => {
  it('is answered privately, naming the closest figure held and a question that works', async () => {
    h = await startHarness({ mode });
    await seedAidFigure(h.store);
    const question = 'How many penguins were counted?';
    const record = await h.run({ user: MEMBER, command: 'ask', options: { question } });
    const reply = await h.fake.visibleReply(record);
    const expected = await answer(question, { store: h.store, config: h.config });
    expect(expected.figure).toBeNull();
    expect(reply).toMatchObject({ ephemeral: true, content: escapeDiscordText(expected.text) });
    expect(reply.content.split('\n')).toHaveLength(1);
    expect(expected.text).toContain('Closest I hold: total aid (United States), latest 21 Oct 2024; try "What is the total aid from United States to date?"');
  });
});
