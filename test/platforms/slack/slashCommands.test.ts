import { EMPTY_QUESTION_REPLY } from '../../../src/answers/answer.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../../src/commands/handleCommand.js';
import { CHANNEL, LISTED_ADMIN, MEMBER, WORKSPACE_ADMIN, WORKSPACE_OWNER, startHarness, testConfig, type SlackHarness } from './harness.js';
import { openWorld, seedArticles, storeSnapshot, type World } from './world.js';

const KEY = `slack:${CHANNEL}`;
/** Slack's escaping, written out here so the tests do not trust the adapter's own. */
const escapeSlackText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
let world: World;
let h: SlackHarness;
/** Invocations that reached the command runner. */
let ran: Array<{ userId: string; command: string; subcommand: string | null; isAdmin: boolean }>;

async function start(wrap: (run: CommandRunner) => CommandRunner = (run) => run) {
  const config = testConfig();
  world = await openWorld(config);
  ran = [];
  const counted: CommandRunner = async (inv) => {
    ran.push({ userId: inv.userId, command: inv.command, subcommand: inv.subcommand, isAdmin: inv.isAdmin });
    return world.runCommand(inv);
  };
  h = await startHarness({ runCommand: wrap(counted), config });
  world.senders.set('slack', h.slack.sender);
}

afterEach(async () => {
  await h?.close();
  await world?.close();
});

/** The one response_url answer to a command acked silently. */
async function laterReply(responseUrlId: string) {
  await h.fake.waitFor(() => h.fake.responsesTo(responseUrlId).length > 0);
  const responses = h.fake.responsesTo(responseUrlId);
  expect(responses).toHaveLength(1);
  return responses[0]!.body as { response_type: string; text: string };
}

describe('Slack slash commands, signed like Slack, through the real command runner', () => {
  beforeEach(async () => start());

  it('/ask answers in the channel within the ack, with the core answer escaped for Slack', async () => {
    await seedArticles(world.store, 'https://feeds.example/aid.xml', ['US aid total reaches $66.5 billion']);
    const result = await h.send({ command: '/ask', text: 'total aid to date', userId: MEMBER });
    expect(result).toMatchObject({ status: 200, timedOut: false });
    expect(result.ackMs).toBeLessThan(3000);
    const expected = await world.deps.answer('total aid to date', 'UTC');
    expect(expected.text).toContain('$66.5 billion');
    expect(result.ack).toEqual({ response_type: 'in_channel', text: escapeSlackText(expected.text) });
    expect(h.fake.callsTo('users.info')).toHaveLength(0);
  });

  it('an answer quoting a headline with <!channel>, <@U123>, & < > reaches Slack escaped: it mentions no one', async () => {
    await seedArticles(world.store, 'https://feeds.example/aid.xml', ['<!channel> <@U123> aid & <b>more</b> > $66.5 billion']);
    const result = await h.send({ command: '/ask', text: 'total aid to date', userId: MEMBER });
    expect((await world.deps.answer('total aid to date', 'UTC')).text).toContain('<!channel> <@U123> aid & <b>more</b> >');
    expect(result.ack?.text).toContain('&lt;!channel&gt; &lt;@U123&gt; aid &amp; &lt;b&gt;more&lt;/b&gt; &gt;');
    expect(result.ack?.text).not.toMatch(/<[!@#]|<b>/);
  });

  it('/ask with no text replies privately with examples of what to ask', async () => {
    const result = await h.send({ command: '/ask', text: '', userId: MEMBER });
    expect(result.ack).toEqual({ response_type: 'ephemeral', text: escapeSlackText(EMPTY_QUESTION_REPLY) });
  });

  it('/ask with no figure to give answers privately, naming the closest figure held and a question that works', async () => {
    await seedArticles(world.store, 'https://feeds.example/aid.xml', ['US aid total reaches $66.5 billion']);
    const result = await h.send({ command: '/ask', text: 'how many penguins were counted', userId: MEMBER });
    const expected = await world.deps.answer('how many penguins were counted', 'UTC');
    expect(expected.figure).toBeNull();
    expect(result.ack).toEqual({ response_type: 'ephemeral', text: escapeSlackText(expected.text) });
    expect(expected.text).toMatch(/^I hold no figures on that\. Closest I hold: total aid \(United States\), latest [^;]+; try "What is the total aid from United States to date\?"\.$/);
  });

  it('/figures lists the latest figures in the channel', async () => {
    await seedArticles(world.store, 'https://feeds.example/aid.xml', ['US aid total reaches $66.5 billion']);
    const result = await h.send({ command: '/figures', text: '', userId: MEMBER });
    expect(result.ack).toEqual({ response_type: 'in_channel', text: escapeSlackText(await world.deps.figuresText(null, 'UTC')) });
  });

  it('/digest subscribe by a workspace admin (users.info) subscribes the channel, answered through response_url', async () => {
    const result = await h.send({ command: '/digest', text: 'subscribe ukraine-aid', userId: WORKSPACE_ADMIN });
    // subscribe is a slow subcommand: acked empty at once, answered later.
    expect(result).toMatchObject({ status: 200, ack: null, timedOut: false });
    const reply = await laterReply(result.responseUrlId);
    expect(reply).toEqual({ response_type: 'ephemeral', text: 'Subscribed this channel to Military aid to Ukraine (ukraine-aid).' });
    expect((await world.store.listSubscriptions(KEY)).map((s) => [s.kind, s.value])).toEqual([['topic', 'ukraine-aid']]);
    expect(world.changed).toEqual([KEY]);
    expect(h.fake.callsTo('users.info').map((c) => c.params.user)).toEqual([WORKSPACE_ADMIN]);
  });

  it('a workspace owner is an admin too', async () => {
    const result = await h.send({ command: '/digest', text: 'schedule 0 9 * * *', userId: WORKSPACE_OWNER });
    expect(result.ack?.text).toMatch(/^Digest schedule set to "0 9 \* \* \*" \(at 09:00, every day, UTC\)\./);
    expect((await world.store.getChannel(KEY))?.schedule).toBe('0 9 * * *');
  });

  it('a user listed in slack.adminUserIds is an admin without asking Slack', async () => {
    await world.store.upsertChannel({ platform: 'slack', externalId: CHANNEL, workspaceId: h.fake.teamId, schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 25, postWhenEmpty: false, origin: 'chat' });
    await world.store.addSubscription(KEY, 'topic', 'ukraine-war');
    const result = await h.send({ command: '/digest', text: 'unsubscribe ukraine-war', userId: LISTED_ADMIN });
    expect(result.ack).toEqual({ response_type: 'ephemeral', text: 'Unsubscribed this channel from ukraine-war.' });
    expect(await world.store.listSubscriptions(KEY)).toEqual([]);
    expect(h.fake.callsTo('users.info')).toHaveLength(0);
  });

  it('/digest schedule with a quoted cron and a time zone sets the schedule', async () => {
    const result = await h.send({ command: '/digest', text: 'schedule "0 7 * * 1-5" Europe/Kyiv', userId: WORKSPACE_ADMIN });
    expect(result.ack).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Digest schedule set to "0 7 \* \* 1-5" \(at 07:00, Monday through Friday, Kyiv time\)\. .*next digest/) });
    expect(await world.store.getChannel(KEY)).toMatchObject({ schedule: '0 7 * * 1-5', timezone: 'Europe/Kyiv', workspaceId: h.fake.teamId, origin: 'chat' });
  });

  it('/digest feeds lists what the channel follows, feed errors escaped so they mention no one', async () => {
    const feed = await world.store.upsertFeed({ url: 'https://feeds.example/aid.xml', trusted: false });
    await world.store.recordFetch(feed.id, { lastStatus: 500, lastError: 'HTTP 500: <!channel> <@U123> & <b>', fetchedAt: new Date().toISOString(), consecutiveFailures: 2, nextPollAt: new Date().toISOString() });
    await world.store.upsertChannel({ platform: 'slack', externalId: CHANNEL, workspaceId: null, schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 25, postWhenEmpty: false, origin: 'chat' });
    await world.store.addSubscription(KEY, 'feed', feed.url);
    const result = await h.send({ command: '/digest', text: 'feeds', userId: WORKSPACE_ADMIN });
    expect(result.ack?.response_type).toBe('ephemeral');
    expect(result.ack?.text).toMatch(/• feed https:\/\/feeds\.example\/aid\.xml: last fetch today \d\d:\d\d UTC: FAILING \(2 in a row\): HTTP 500: &lt;!channel&gt; &lt;@U123&gt; &amp; &lt;b&gt;; next poll due now/);
    expect(result.ack?.text).not.toMatch(/<[!@]/);
  });

  it('/digest status tells the schedule and that there is no digest yet', async () => {
    await h.send({ command: '/digest', text: 'schedule 0 8 * * *', userId: WORKSPACE_ADMIN });
    const result = await h.send({ command: '/digest', text: 'status', userId: WORKSPACE_ADMIN });
    expect(result.ack).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Schedule "0 8 \* \* \*" \(at 08:00, every day, UTC\); next digest (today|tomorrow) 08:00 UTC\. No digest yet\.$/) });
  });

  it('/digest now posts the digest to the channel with chat.postMessage and tells the admin how it went', async () => {
    await seedArticles(world.store, 'https://feeds.example/aid.xml', ['Aid package announced', 'Second aid story']);
    await world.store.upsertChannel({ platform: 'slack', externalId: CHANNEL, workspaceId: null, schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 25, postWhenEmpty: false, origin: 'chat' });
    await world.store.addSubscription(KEY, 'feed', 'https://feeds.example/aid.xml');
    const result = await h.send({ command: '/digest', text: 'now', userId: WORKSPACE_ADMIN });
    expect(result).toMatchObject({ status: 200, ack: null, timedOut: false });
    const reply = await laterReply(result.responseUrlId);
    expect(reply).toEqual({ response_type: 'ephemeral', text: `Posted a digest of 2 articles in 1 message to ${KEY}.` });
    expect(h.fake.posts).toHaveLength(1);
    expect(h.fake.posts[0]!.channel).toBe(CHANNEL);
    expect(JSON.stringify(h.fake.posts[0]!.blocks)).toContain('Second aid story');
    expect((await world.store.lastDigest(KEY))?.status).toBe('sent');
  });

  it('users.info is asked once for a burst of admin commands by the same user', async () => {
    await h.send({ command: '/digest', text: 'status', userId: WORKSPACE_ADMIN });
    await h.send({ command: '/digest', text: 'feeds', userId: WORKSPACE_ADMIN });
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
  });
});

describe('who may change a channel', () => {
  beforeEach(async () => start());

  it('a member who is not an admin is refused, ephemerally, and nothing changes', async () => {
    await h.send({ command: '/digest', text: 'schedule 0 8 * * *', userId: LISTED_ADMIN });
    const before = await storeSnapshot(world.store);

    const schedule = await h.send({ command: '/digest', text: 'schedule 0 6 * * *', userId: MEMBER });
    expect(schedule.ack).toEqual({
      response_type: 'ephemeral',
      text: "Sorry, /digest schedule changes this channel's setup and needs a workspace admin or owner (or a user listed in slack.adminUserIds). Nothing was changed.",
    });
    const subscribe = await h.send({ command: '/digest', text: 'subscribe ukraine-aid', userId: MEMBER });
    expect((await laterReply(subscribe.responseUrlId)).text).toMatch(/^Sorry, \/digest subscribe changes this channel's setup/);

    expect(await storeSnapshot(world.store)).toEqual(before);
    expect(ran.filter((r) => r.userId === MEMBER).map((r) => [r.subcommand, r.isAdmin])).toEqual([
      ['schedule', false],
      ['subscribe', false],
    ]);
  });

  it('a user Slack does not know is not an admin', async () => {
    const result = await h.send({ command: '/digest', text: 'feeds', userId: 'U0STRANGER' });
    expect(result.ack?.text).toMatch(/^Sorry, \/digest feeds changes this channel's setup/);
    expect(h.fake.callsTo('users.info').map((c) => c.error)).toEqual(['user_not_found']);
  });
});

describe('bad input', () => {
  beforeEach(async () => start());

  it('a schedule that is not 5 or 6 fields gets the usage, and nothing runs', async () => {
    const before = await storeSnapshot(world.store);
    const result = await h.send({ command: '/digest', text: 'schedule 0 8', userId: WORKSPACE_ADMIN });
    expect(result.ack).toEqual({
      response_type: 'ephemeral',
      text: '"0 8" has 2 fields; a cron expression has 5 (or 6 with seconds). Usage: /digest schedule &lt;cron&gt; [timezone], e.g. /digest schedule "0 8 * * 1-5" Europe/Kyiv.',
    });
    expect(ran).toEqual([]);
    expect(await storeSnapshot(world.store)).toEqual(before);
  });

  it('a cron expression the core refuses is named, and nothing changes', async () => {
    const before = await storeSnapshot(world.store);
    const result = await h.send({ command: '/digest', text: 'schedule 99 8 * * *', userId: WORKSPACE_ADMIN });
    expect(result.ack?.text).toMatch(/"99 8 \* \* \*" is not a valid cron expression.*Nothing was changed\.$/);
    expect(await storeSnapshot(world.store)).toEqual(before);
  });

  it('a feed URL on a loopback address is refused when added from chat', async () => {
    const before = await storeSnapshot(world.store);
    const result = await h.send({ command: '/digest', text: 'subscribe http://127.0.0.1:9/feed.xml', userId: WORKSPACE_ADMIN });
    expect((await laterReply(result.responseUrlId)).text).toMatch(/^Cannot subscribe to http:\/\/127\.0\.0\.1:9\/feed\.xml: .*Nothing was changed\.$/);
    expect(await storeSnapshot(world.store)).toEqual(before);
  });

  it('an unknown subcommand lists the subcommands', async () => {
    const result = await h.send({ command: '/digest', text: 'explode', userId: WORKSPACE_ADMIN });
    expect(result.ack?.text).toMatch(/^\/digest has no subcommand "explode"\. Usage: \/digest now \| /);
    expect(ran).toEqual([]);
  });
});

describe('requests that are not from Slack', () => {
  beforeEach(async () => start());

  async function expectRejected(options: Parameters<SlackHarness['send']>[1]) {
    const before = await storeSnapshot(world.store);
    const result = await h.send({ command: '/digest', text: 'schedule 0 6 * * *', userId: LISTED_ADMIN }, options);
    expect(result.status).toBe(401);
    expect(result.ack).toBeNull();
    expect(ran).toEqual([]);
    expect(await storeSnapshot(world.store)).toEqual(before);
    expect(h.fake.responses).toEqual([]);
    expect(h.fake.calls).toEqual(h.fake.calls.filter((c) => c.method === 'auth.test'));
  }

  it('a replayed request (timestamp older than 5 minutes, signature valid for it) is rejected with 401 and does nothing', async () => {
    await expectRejected({ timestampOffsetSec: -301 });
  });

  it.each([120, 3600, 10 * 365 * 86400])('a request dated %i s in the future (signature valid for it) is rejected with 401 and does nothing', async (ahead) => {
    await expectRejected({ timestampOffsetSec: ahead });
  });

  it('a request dated within the clock skew (30 s ahead) is accepted', async () => {
    const result = await h.send({ command: '/figures', text: '', userId: MEMBER }, { timestampOffsetSec: 30 });
    expect(result.status).toBe(200);
    expect(ran).toHaveLength(1);
  });

  it('a request signed with another secret is rejected with 401 and does nothing', async () => {
    await expectRejected({ signWith: 'not-the-signing-secret' });
  });

  it('a body changed after signing is rejected with 401 and does nothing', async () => {
    await expectRejected({ tamper: (body) => body.replace('schedule', 'status') });
  });

  it('a request without a signature is rejected with 401', async () => {
    await expectRejected({ signature: '' });
  });
});

describe('requests through a proxy', () => {
  beforeEach(async () => start());

  it('Content-Type application/x-www-form-urlencoded; charset=utf-8 is read like the bare type', async () => {
    const result = await h.send({ command: '/figures', text: '', userId: MEMBER }, { contentType: 'application/x-www-form-urlencoded; charset=utf-8' });
    expect(result.status).toBe(200);
    expect(ran).toEqual([{ userId: MEMBER, command: 'figures', subcommand: null, isAdmin: false }]);
  });
});

describe('the 3-second acknowledgement', () => {
  it('a command still running after 2 s is acked empty within 3 s and answered through response_url', async () => {
    await start((run) => async (inv) => {
      await new Promise((resolve) => setTimeout(resolve, 2_600));
      return run(inv);
    });
    const result = await h.send({ command: '/figures', text: '', userId: MEMBER });
    expect(result).toMatchObject({ status: 200, ack: null, timedOut: false });
    expect(result.ackMs).toBeLessThan(3000);
    const reply = await laterReply(result.responseUrlId);
    expect(reply).toEqual({ response_type: 'in_channel', text: escapeSlackText(await world.deps.figuresText(null, 'UTC')) });
  });

  it('a command that fails tells the user so, ephemerally, and the bot keeps answering', async () => {
    let fail = true;
    await start((run) => async (inv) => {
      if (fail) {
        fail = false;
        throw new Error('database is locked');
      }
      return run(inv);
    });
    const failed = await h.send({ command: '/figures', text: '', userId: MEMBER });
    expect(failed.ack).toEqual({ response_type: 'ephemeral', text: 'Sorry, /figures failed on our side; the error was logged. Please try again later.' });
    const next = await h.send({ command: '/figures', text: '', userId: MEMBER });
    expect(next.ack?.response_type).toBe('in_channel');
  });
});
