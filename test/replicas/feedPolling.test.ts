/**
 * Three replicas poll the same feeds from one PostgreSQL: each feed is fetched by one replica per
 * poll interval, at its own stable offset within the interval (a hash of its URL), so the polls of
 * many feeds spread over the interval instead of all landing at once.
 *
 * The poll interval is config's smallest, one minute; the replicas' pollers share a simulated clock
 * running four times faster than the machine's, so three intervals pass in 45 s. Fetch times are
 * recorded by the feed server on the machine clock and translated with the same clock.
 */
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

/** Position of a (simulated) instant within the poll interval. */
const phase = (simMs: number): number => ((simMs % INTERVAL_MS) + INTERVAL_MS) % INTERVAL_MS;
/** How far `simMs` lies after the feed's slot offset, in [0, interval). */
const afterOffset = (simMs: number, offset: number): number => phase(simMs - offset);

describe('three replicas polling the same feeds', () => {
  it('fetch each feed once per interval, at a stable offset spread by URL', { timeout: 240_000 }, async () => {
    db = await createTempDatabase('newsdigest_replicas');
    server = await startCountingFeedServer();
    const feeds = server;
    const urls = Array.from({ length: FEEDS }, (_, i) => feeds.urlOf(`feed-${String(i + 1).padStart(2, '0')}`));
    config = makeTempConfig({
      localYaml: ['ingest:', '  pollIntervalMinutes: 1', 'feeds:', ...urls.map((u) => `  - url: ${u}`), 'channels: []', ''].join('\n'),
    });
    const now = Date.now();
    const clock: SimClockSpec = { realOriginMs: now, simOriginMs: now, speed: SPEED };
    const env = (name: string) => ({
      DATABASE_URL: db!.url,
      NEWSDIGEST_CONFIG_DIR: config!.dir,
      DATA_DIR: config!.dir,
      REPLICA_OWNER: name,
      REPLICA_POLL_CLOCK: encodeSimClock(clock),
      REPLICA_POLL_TICK_MS: String(TICK_MS),
    });
    replicas = Array.from({ length: REPLICAS }, (_, i) => spawnReplica(`replica-${i + 1}`, TEST_ENTRY, env(`replica-${i + 1}`)));
    await Promise.all(replicas.map((r) => r.ready));

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
      // The first poll is the new feed's; the next one is at least a quarter interval later, on its slot.
      const steady = times.slice(1);
      expect(steady.length, `polls of ${url} after the first`).toBeGreaterThanOrEqual(INTERVALS_OBSERVED - 1);
      expect(steady[0]! - times[0]!, `${url}: second poll not right after the first`).toBeGreaterThanOrEqual(INTERVAL_MS / 4);
      for (const t of steady) {
        const late = afterOffset(t, offset);
        expect(late, `${url} polled ${late} ms (simulated) after its offset ${offset} ms`).toBeLessThanOrEqual(TOLERANCE_MS);
        lateness.push(late / SPEED);
      }
      // Once per interval: every gap between polls is one interval (none doubled, none missed)...
      for (let i = 1; i < steady.length; i++) {
        expect(Math.abs(steady[i]! - steady[i - 1]! - INTERVAL_MS), `${url}: gap between polls ${i} and ${i + 1}`).toBeLessThanOrEqual(TOLERANCE_MS);
      }
      // ...up to the end of the watch: the last slot that came due was polled too.
      expect(watchUntil - steady.at(-1)!, `${url}: a slot due before the end was not polled`).toBeLessThan(INTERVAL_MS + TOLERANCE_MS);
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
});
