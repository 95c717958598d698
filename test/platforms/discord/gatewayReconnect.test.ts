/**
 * The gateway's disruptions, played by the fake through the real discord.js Client: Discord asks
 * for a reconnect (op 7), invalidates the session (op 9), the TCP connection dies, or heartbeats stop
 * being acknowledged (a zombie connection). Each time the bot reconnects, resumes where Discord
 * allows it, and answers the next command once: none lost, none doubled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MEMBER, seedAidFigure, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(heartbeatIntervalMs = 1000): Promise<Harness> {
  h = await startHarness({ mode: 'gateway', fake: { heartbeatIntervalMs } });
  await seedAidFigure(h.store);
  return h;
}

/** One /ask, answered once with the stored total. */
async function askOnce(harness: Harness): Promise<void> {
  const before = harness.invocations.length;
  const reply = await harness.fake.visibleReply(await harness.run({ user: MEMBER, command: 'ask', options: { question: 'total aid to date' } }));
  expect(reply.content).toContain('$58 billion');
  expect(harness.invocations.length - before).toBe(1);
}

describe('Discord gateway disruptions', () => {
  it('op 7 RECONNECT: the bot reconnects and resumes its session (no new IDENTIFY), then answers', async () => {
    const harness = await start();
    const gw = harness.fake.gateway;
    gw.requestReconnect();
    await harness.fake.waitFor(() => gw.stats.resumes === 1 && gw.identifiedSessions === 1, 15_000, 'a resume');
    expect(gw.stats).toMatchObject({ identifies: 1, connections: 2, resumes: 1 });
    await askOnce(harness);
  }, 30_000);

  it('op 9 INVALID_SESSION (not resumable): the bot identifies anew, then answers', async () => {
    const harness = await start();
    const gw = harness.fake.gateway;
    gw.invalidateSessions(false);
    await harness.fake.waitFor(() => gw.stats.identifies === 2 && gw.identifiedSessions === 1, 20_000, 'a new IDENTIFY');
    await askOnce(harness);
  }, 30_000);

  it('a dropped connection: a command sent while the bot is away is replayed on RESUME and answered once', async () => {
    const harness = await start();
    const gw = harness.fake.gateway;
    gw.dropConnections();
    // Discord keeps the session; the interaction waits for the bot's RESUME.
    const pending = harness.run({ user: MEMBER, command: 'ask', options: { question: 'total aid to date' } });
    const reply = await harness.fake.visibleReply(await pending);
    expect(reply.content).toContain('$58 billion');
    expect(gw.stats.resumes).toBe(1);
    expect(gw.stats.replayed).toBeGreaterThanOrEqual(1);
    expect(harness.invocations).toEqual(['ask']);
  }, 30_000);

  it('a zombie connection (heartbeats not acknowledged) is noticed: the bot reconnects and resumes', async () => {
    const harness = await start(300);
    const gw = harness.fake.gateway;
    gw.setHeartbeatAcks(false);
    await harness.fake.waitFor(() => gw.stats.connections >= 2, 15_000, 'a new connection after missed ACKs');
    gw.setHeartbeatAcks(true);
    await harness.fake.waitFor(() => gw.stats.resumes >= 1 && gw.identifiedSessions === 1, 15_000, 'a resume');
    expect(gw.stats.identifies).toBe(1);
    await askOnce(harness);
  }, 40_000);
});
