/**
 * /figures chart <measure> on Slack end to end: Bolt receives the signed command, the WebClient runs
 * the external upload flow against the fake Slack, which checks each step as Slack does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodePng } from '../../helpers/decodePng.js';
import { seedAidSeries } from '../../helpers/aidSeries.js';
import { FakeSlack, type FakeSlackOptions } from '../../fakes/slack/fakeSlack.js';
import { CHANNEL, MEMBER, startHarness, testConfig, type SlackHarness } from './harness.js';
import { openWorld, type World } from './world.js';

let world: World | undefined;
let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  await world?.close();
  h = undefined;
  world = undefined;
});

async function start(fakeOptions: FakeSlackOptions = {}): Promise<{ h: SlackHarness; world: World }> {
  const config = testConfig();
  world = await openWorld(config);
  await seedAidSeries(world.store);
  h = await startHarness({ runCommand: world.runCommand, config, fake: await FakeSlack.start(fakeOptions) });
  return { h, world };
}

const FALLBACK = ['Total aid (United States), running total as reported', '4 Mar 2024: about $44.2 billion (Wire)', '12 Jun 2024: $51 billion (Wire)', '21 Oct 2024: more than $58 billion (Wire)'].join('\n');

async function laterReply(harness: SlackHarness, responseUrlId: string) {
  await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrlId).length > 0, 20_000);
  return harness.fake.responsesTo(responseUrlId)[0]!.body as { response_type: string; text: string };
}

describe('/figures chart <measure> on Slack', () => {
  it('acks within 3 s, then uploads the PNG with the external flow into the channel, the points as its comment', async () => {
    const { h } = await start();
    const result = await h.send({ command: '/figures', text: 'chart total US aid to Ukraine', userId: MEMBER });
    expect(result).toMatchObject({ status: 200, timedOut: false, ack: null });
    expect(result.ackMs).toBeLessThan(3000);
    await h.fake.waitFor(() => h.fake.files.shared.length > 0, 20_000);
    const [shared] = h.fake.files.shared;
    expect(shared).toMatchObject({ channel: CHANNEL, filename: 'chart.png', title: 'Total aid (United States), running total as reported', initialComment: FALLBACK });
    const png = decodePng(shared!.bytes);
    expect([png.width, png.height]).toEqual([1200, 675]);
    expect(png.inked).toBeGreaterThan(0.005);
    expect(h.fake.calls.map((c) => c.method).filter((m) => m.startsWith('files.'))).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(h.fake.callsTo('files.getUploadURLExternal')[0]!.params).toMatchObject({ filename: 'chart.png', length: String(shared!.bytes.length) });
    expect(h.fake.responsesTo(result.responseUrlId)).toEqual([]);
  });

  it('when the bot is not in the channel, answers with the reason and every point as text', async () => {
    const { h } = await start();
    h.fake.addChannel(CHANNEL, { member: false });
    const result = await h.send({ command: '/figures', text: 'chart total US aid to Ukraine', userId: MEMBER });
    const reply = await laterReply(h, result.responseUrlId);
    expect(reply).toEqual({
      response_type: 'in_channel',
      text: `The chart image could not be posted: the bot is not a member of this channel (invite it with /invite @newsdigest). Here are its points as text:\n${FALLBACK}`,
    });
    expect(h.fake.callsTo('files.completeUploadExternal').map((c) => c.error)).toEqual(['not_in_channel']);
    expect(h.fake.files.shared).toEqual([]);
  });

  it('when the upload URL has expired before the bytes arrive, answers with the points as text', async () => {
    const { h } = await start({ uploadUrlTtlMs: -1 });
    const result = await h.send({ command: '/figures', text: 'chart total US aid to Ukraine', userId: MEMBER });
    const reply = await laterReply(h, result.responseUrlId);
    expect(reply.text).toBe(`The chart image could not be posted: Slack's file service did not take the upload. Here are its points as text:\n${FALLBACK}`);
    expect(h.fake.callsTo('files.completeUploadExternal')).toEqual([]);
  });

  it("when Slack refuses the token for the upload, says so and lists the points", async () => {
    const { h } = await start();
    h.fake.forceError('files.getUploadURLExternal', 'invalid_auth');
    const result = await h.send({ command: '/figures', text: 'chart total US aid to Ukraine', userId: MEMBER });
    const reply = await laterReply(h, result.responseUrlId);
    expect(reply.text).toBe(`The chart image could not be posted: Slack refused the bot's token. Here are its points as text:\n${FALLBACK}`);
  });

  it('with no series, answers privately with what is held and an example', async () => {
    const { h } = await start();
    const result = await h.send({ command: '/figures', text: 'chart penguins counted in Antarctica', userId: MEMBER });
    const reply = await laterReply(h, result.responseUrlId);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/^There is no series to chart for "penguins counted in Antarctica"\.\n/);
    expect(reply.text).toMatch(/for example: \/figures chart total US aid to Ukraine$/);
    expect(h.fake.calls.filter((c) => c.method.startsWith('files.'))).toEqual([]);
  });
});
