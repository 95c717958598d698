/**
 * Where the CPU-heavy part of a poll runs (feedTasks.ts): in a pool of worker threads, one per core
 * by default (`ingest.workers`), so the event loop that fetches feeds and answers chat commands is
 * not the one parsing 100 MB of XML and writing half a million figures; or inline on the calling
 * thread, for small programmatic runs and tests (`inlineFeedWork`). Both run the same functions on
 * the same data. With a SQLite file, a worker also stores what it read (its own connection; the
 * write lock takes turns between threads), so only ids and counts cross back; with PostgreSQL or an
 * in-memory database the items come back and are stored on the calling thread.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { FeedItem } from '../feeds/feedItem.js';
import { addPhaseNanos } from '../ingest/phaseClock.js';
import { SqliteStore } from '../store/sqlStore.js';
import type { Store } from '../store/store.js';
import { extractItems, readAndExtract, readAndStore, readThenStore, type ExtractResult, type FigureRules, type IngestResult, type IngestTask, type ReadResult, type ReadTask } from './feedTasks.js';
import type { WorkerReply, WorkerTask } from './feedWorker.js';

export interface FeedWork {
  /** Threads doing the work (0: the calling thread). */
  readonly threads: number;
  read(task: ReadTask): Promise<ReadResult>;
  extract(items: FeedItem[], source: string | null): Promise<ExtractResult>;
  /** Read, figures and store of a feed that is not fullText; stored through `store`, or through a worker's own connection to the same SQLite file. */
  ingest(task: IngestTask, store: Store): Promise<IngestResult>;
  /** Lets running tasks finish, then stops the threads. */
  close(): Promise<void>;
}

export function inlineFeedWork(rules: FigureRules): FeedWork {
  return {
    threads: 0,
    read: (task) => readAndExtract(task, rules),
    extract: async (items, source) => extractItems(items, source, rules),
    ingest: (task, store) => readAndStore(task, rules, store),
    close: async () => undefined,
  };
}

/** How long an idle thread is kept: across the feeds of one poll, not between polls (idle RSS of `serve`). */
const IDLE_MS = 5_000;
/**
 * Each thread's nursery. Parsing allocates fast and briefly; at 8 MB a scavenge ran so often that
 * short-lived strings got promoted and a thread spent 10-25 % more CPU per feed than at 16-24 MB
 * (bench/cycle). The nursery is resident memory, so it stays well below V8's default.
 */
const YOUNG_GENERATION_MB = 16;

/** The worker entry next to this file: the built .js, or the .ts source run through tsx (tests, `tsx src/cli.ts`). */
function workerEntry(): { filename: string; execArgv?: string[] } {
  const fromSource = fileURLToPath(import.meta.url).endsWith('.ts');
  return fromSource ? { filename: new URL('./feedWorker.ts', import.meta.url).href, execArgv: ['--import', 'tsx'] } : { filename: new URL('./feedWorker.js', import.meta.url).href };
}

/**
 * Documents smaller than this are read on the calling thread even with a pool: a few milliseconds
 * of the event loop cost less than a thread hop, and a bot polling a few small feeds at a time
 * never starts a thread at all.
 */
export const INLINE_BELOW_BYTES = 32 * 1024;

export function pooledFeedWork(rules: FigureRules, threads: number, options: { inlineBelowBytes?: number } = {}): FeedWork {
  const inlineBelow = options.inlineBelowBytes ?? INLINE_BELOW_BYTES;
  const inline = inlineFeedWork(rules);
  const pool = new Piscina<WorkerTask, WorkerReply<ReadResult | ExtractResult | IngestResult>>({
    ...workerEntry(),
    workerData: { rules },
    // Threads start with the first tasks and stop when idle: a quiet bot holds none.
    minThreads: 0,
    maxThreads: threads,
    // One task at a time per thread: a thread waiting for its write turn blocks (store/writeTurn.ts), so
    // a second task on it could never finish the first one's write.
    concurrentTasksPerWorker: 1,
    idleTimeout: IDLE_MS,
    // Old-generation room is left as is so a 10 MB feed document still parses.
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  const run = async <T>(task: WorkerTask, bytes?: Uint8Array): Promise<T> => {
    const reply = await pool.run(task, { transferList: movable(bytes) });
    addPhaseNanos(reply.phases);
    return reply.result as T;
  };
  const read = (task: ReadTask) => (task.bytes.length < inlineBelow ? inline.read(task) : run<ReadResult>({ kind: 'read', task }, task.bytes));
  return {
    threads,
    read,
    extract: (items, source) =>
      items.reduce((n, i) => n + (i.text ?? i.summary ?? '').length, 0) < inlineBelow ? inline.extract(items, source) : run<ExtractResult>({ kind: 'extract', items, source }),
    ingest(task, store) {
      const database = store instanceof SqliteStore ? store.location : null;
      if (task.bytes.length < inlineBelow) return inline.ingest(task, store);
      if (database) return run<IngestResult>({ kind: 'ingest', task, database }, task.bytes);
      return readThenStore(read, task, store);
    },
    close: () => pool.close(),
  };
}

/**
 * The document's memory, handed to the worker instead of copied when the bytes own all of it (a
 * fetched body does; a slice of a shared pool does not). The caller does not read them afterwards.
 */
function movable(bytes: Uint8Array | undefined): ArrayBuffer[] | undefined {
  if (!bytes || bytes.byteOffset !== 0 || !(bytes.buffer instanceof ArrayBuffer) || bytes.buffer.byteLength !== bytes.byteLength) return undefined;
  return [bytes.buffer];
}

/** `ingest.workers` threads (absent: one per core), or inline work when that is 0. */
export function feedWorkFor(config: { ingest: { workers?: number }; figures: FigureRules }): FeedWork {
  const threads = config.ingest.workers ?? os.availableParallelism();
  return threads > 0 ? pooledFeedWork(config.figures, threads) : inlineFeedWork(config.figures);
}
