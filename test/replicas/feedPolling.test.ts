/**
 * Three replicas poll the same feeds from one PostgreSQL: each feed is fetched by one replica per
 * poll interval, at its own stable offset within the interval (a hash of its URL), so the polls of
 * many feeds spread over the interval instead of all landing at once.
 *
 * A replica killed with SIGKILL in the middle of a fetch leaves that feed leased; once the lease
 * expires another replica polls it, and it goes back to its slots.
 *
 * The poll interval is config's smallest, one minute; the replicas' pollers share a simulated clock
 * running four times faster than the machine's, so three intervals pass in 45 s. Fetch times are
 * recorded by the feed server on the machine clock and translated with the same clock.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { slotOffsetMs } from '../../src/ingest/pollSchedule.js';
import { createTempDatabase, type TempDatabase } from '../helpers/postgres.js';
import { makeTempConfig, type TempConfig } from '../helpers/tempConfig.js';
import { startCountingFeedServer, type CountingFeedServer } from './countingFeedServer.js';
import { killAll, spawnReplica, TEST_ENTRY, type ReplicaProcess } from './replicaProcess.js';
import { encodeSimClock, simTimeAt, type SimClockSpec } from './simClock.js';
import { waitFor } from './waitFor.js';

const FEEDS = 20;
const REPLICAS = 3;
const INTERVAL_MS = 60_000;
const SPEED = 4;
const TICK_MS = 200;
const INTERVALS_OBSERVED = 3;
/**
 * How late (machine time) a poll may come after its slot: the poller's tick plus the time a loaded
 * machine takes to claim and fetch. Early is impossible: a feed is claimed only once its slot is due.
 */
const MAX_LATENESS_REAL_MS = 5_000;
const TOLERANCE_MS = MAX_LATENESS_REAL_MS * SPEED;
/** The poller's lease in the kill test (simulated; 10 s of machine time): longer than any live fetch here. */
const FEED_LEASE_MS = 40_000;

let db: TempDatabase | undefined;
let server: CountingFeedServer | undefined;
let config: TempConfig | undefined;
let replicas: ReplicaProcess[] = [];

afterEach(async () => {
  await killAll(replicas);
  replicas = [];
  await server?.close();
  config?.cleanup();
  await db?.drop();
  db = server = config = undefined;
});

interface PollingWorld {
  feeds: CountingFeedServer;
  urls: string[];
  clock: SimClockSpec;
  dbUrl: string;
}

/** A database, `count` feeds and a config polling them every minute; replicas are started with `startReplicas`. */
async function createPollingWorld(count: number): Promise<PollingWorld> {
  db = await createTempDatabase('newsdigest_replicas');
  server = await startCountingFeedServer();
  const feeds = server;
  const urls = Array.from({ length: count }, (_, i) => feeds.urlOf(`feed-${String(i + 1).padStart(2, '0')}`));
  config = makeTempConfig({
    // One channel follows every feed: a feed no channel follows is not polled.
    localYaml: ['ingest:', '  pollIntervalMinutes: 1', 'feeds:', ...urls.map((u) => `  - url: ${u}`), 'channels:', '  - platform: console', '    id: console', '    feeds:', ...urls.map((u) => `      - ${u}`), ''].join('\n'),
  });
  const now = Date.now();
  return { feeds, urls, clock: { realOriginMs: now, simOriginMs: now, speed: SPEED }, dbUrl: db.url };
}

function startReplicas(world: PollingWorld, extraEnv: Record<string, string> = {}): ReplicaProcess[] {
  replicas = Array.from({ length: REPLICAS }, (_, i) => {
    const name = `replica-${i + 1}`;
    return spawnReplica(name, TEST_ENTRY, {
      DATABASE_URL: world.dbUrl,
      NEWSDIGEST_CONFIG_DIR: config!.dir,
      DATA_DIR: config!.dir,
      REPLICA_OWNER: name,
      REPLICA_POLL_CLOCK: encodeSimClock(world.clock),
      REPLICA_POLL_TICK_MS: String(TICK_MS),
      ...extraEnv,
    });
  });
  return replicas;
}

/** Position of a (simulated) instant within the poll interval. */
const phase = (simMs: number): number => ((simMs % INTERVAL_MS) + INTERVAL_MS) % INTERVAL_MS;
/** How far `simMs` lies after the feed's slot offset, in [0, interval). */
const afterOffset = (simMs: number, offset: number): number => phase(simMs - offset);

describe('three replicas polling the same feeds', () => {
  it('fetch each feed once per interval, at a stable offset spread by URL', { timeout: 240_000 }, async () => {
    const world = await createPollingWorld(FEEDS);
    const { feeds, urls, clock } = world;
    await Promise.all(startReplicas(world).map((r) => r.ready));

    // Every feed has had its first poll (new feeds are due at once); then watch whole intervals.
    await waitFor('the first poll of every feed', () => urls.every((u) => feeds.fetchesOf(u).length > 0), 60_000);
    const watchFrom = simTimeAt(clock, Date.now());
    await waitFor(`${INTERVALS_OBSERVED} poll intervals`, () => simTimeAt(clock, Date.now()) >= watchFrom + INTERVALS_OBSERVED * INTERVAL_MS, 120_000, 250);
    const watchUntil = simTimeAt(clock, Date.now());
    const exits = await Promise.all(replicas.map((r) => r.stop()));
    expect(exits).toEqual(replicas.map(() => ({ code: 0, signal: null })));

    const lateness: number[] = [];
    for (const url of urls) {
      const times = feeds.fetchesOf(url).map((f) => simTimeAt(clock, f.at));
      const offset = slotOffsetMs(url, INTERVAL_MS);
      // After the new feed's first poll, every poll belongs to a slot offset + k·interval and comes
      // shortly after it (never before: a feed is claimed only once its slot is due).
      const slots = times.slice(1).map((t) => {
        const late = afterOffset(t, offset);
        expect(late, `${url} polled ${late} ms (simulated) after its offset ${offset} ms`).toBeLessThanOrEqual(TOLERANCE_MS);
        lateness.push(late / SPEED);
        return Math.round((t - late - offset) / INTERVAL_MS);
      });
      expect(slots.length, `polls of ${url} after the first`).toBeGreaterThanOrEqual(INTERVALS_OBSERVED - 1);
      // Once per interval: consecutive slots, none polled twice, none skipped...
      expect(slots, `${url}: slots polled`).toEqual(slots.map((_, i) => slots[0]! + i));
      // ...starting with the first slot after the first poll...
      expect(offset + slots[0]! * INTERVAL_MS, `${url}: first slot after its first poll`).toBeGreaterThan(times[0]!);
      // ...and up to the end: the last slot that was due before the watch ended was polled too.
      expect(offset + (slots.at(-1)! + 1) * INTERVAL_MS, `${url}: a slot due before the end was not polled`).toBeGreaterThan(watchUntil - TOLERANCE_MS);
    }

    // Spread: the feeds' offsets cover the interval rather than one moment, and so do the polls.
    const offsets = urls.map((u) => slotOffsetMs(u, INTERVAL_MS)).sort((a, b) => a - b);
    expect(new Set(offsets).size).toBeGreaterThan(FEEDS / 2);
    const steadyPhases = urls.flatMap((u) => feeds.fetchesOf(u).slice(1).map((f) => phase(simTimeAt(clock, f.at))));
    const busiestFiveSeconds = Math.max(...steadyPhases.map((p) => steadyPhases.filter((q) => phase(q - p) < 5_000).length));
    expect(busiestFiveSeconds, 'polls in the busiest 5 s of the interval, over all intervals').toBeLessThan(steadyPhases.length / 2);

    // The three replicas shared the work, and every fetch was made by exactly one of them.
    const perReplica = replicas.map((r) => r.logsWith('feed ingested').length);
    expect(perReplica.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    expect(perReplica.reduce((a, b) => a + b, 0)).toBe(feeds.fetches.length);

    lateness.sort((a, b) => a - b);
    console.info(
      `[scale-out] polling: ${REPLICAS} replicas, ${FEEDS} feeds, interval 1 min (simulated ×${SPEED}), ${feeds.fetches.length} fetches ` +
        `(per replica ${perReplica.join('/')}), max 1 per feed per interval; polls after their URL-hash offset: ` +
        `median ${Math.round(lateness[Math.floor(lateness.length / 2)]!)} ms, max ${Math.round(lateness.at(-1)!)} ms (machine time); ` +
        `offsets span ${Math.round((offsets.at(-1)! - offsets[0]!) / 1000)} s of 60 s, busiest 5 s held ${busiestFiveSeconds} of ${steadyPhases.length} polls`,
    );
  });
  it('poll a feed whose poller was killed mid-fetch once its lease expires, then keep it on its slots', { timeout: 240_000 }, async () => {
    const world = await createPollingWorld(4);
    const { feeds, urls, clock } = world;
    const victimUrl = urls[0]!;
    feeds.stallNextFetchOf('feed-01');
    startReplicas(world, { REPLICA_FEED_LEASE_MS: String(FEED_LEASE_MS) });
    const client = new pg.Client({ connectionString: world.dbUrl });
    await client.connect();
    try {
      const leases = async () =>
        (await client.query<{ url: string; lease_owner: string | null; lease_until: Date | null }>('SELECT url, lease_owner, lease_until FROM feeds')).rows;

      // The first fetch of feed-01 hangs: whoever claimed it holds its lease.
      await waitFor('the first fetch of feed-01 to stall', () => feeds.stalled.length === 1, 120_000);
      const held = (await leases()).find((f) => f.url === victimUrl);
      expect(held?.lease_owner, 'feed-01 is leased while its fetch hangs').toBeTruthy();
      const leaseUntil = held!.lease_until!.getTime();
      const victim = replicas.find((r) => r.name === held!.lease_owner)!;
      expect(victim, `lease owner ${held!.lease_owner} is one of the replicas`).toBeDefined();
      await waitFor(`${victim.name} to hold no other feed`, async () => (await leases()).every((f) => f.url === victimUrl || f.lease_owner !== victim.name), 60_000, 50);
      const exit = await victim.killHard();
      expect(exit.signal).toBe('SIGKILL');
      await waitFor('the stalled fetch to close with the process', () => feeds.stalled[0]!.closedAt !== null, 10_000);

      // Another replica polls it once the lease has expired, and it then follows its slots.
      await waitFor('feed-01 to be polled twice by the survivors', () => feeds.fetchesOf(victimUrl).length >= 2, 150_000, 100);
      const survivors = replicas.filter((r) => r !== victim);
      await Promise.all(survivors.map((r) => r.stop()));
      const [retake, next] = feeds.fetchesOf(victimUrl).map((f) => simTimeAt(clock, f.at));
      expect(retake!, 'not polled again before the lease expired').toBeGreaterThanOrEqual(leaseUntil - 1);
      expect(retake! - leaseUntil, 'polled soon after the lease expired (simulated ms)').toBeLessThanOrEqual(TOLERANCE_MS);
      const offset = slotOffsetMs(victimUrl, INTERVAL_MS);
      expect(afterOffset(next!, offset), 'the next poll is on the feed\'s slot').toBeLessThanOrEqual(TOLERANCE_MS);
      expect(next! - retake!).toBeGreaterThanOrEqual(INTERVAL_MS / 4);
      const pollers = survivors.filter((r) => r.logsWith('feed ingested').some((l) => l.feed === victimUrl));
      expect(pollers.length).toBeGreaterThan(0);
      expect(victim.logsWith('feed ingested').some((l) => l.feed === victimUrl)).toBe(false);
      console.info(
        `[scale-out] polling, SIGKILL: ${victim.name} killed mid-fetch holding feed-01 (lease ${FEED_LEASE_MS / 1000} s simulated); ` +
          `polled by ${pollers.map((r) => r.name).join(', ')} ${Math.round((retake! - leaseUntil) / SPEED)} ms (machine time) after the lease expired, ` +
          `next poll ${Math.round(afterOffset(next!, offset) / SPEED)} ms after its slot`,
      );
    } finally {
      await client.end();
    }
  });
});
