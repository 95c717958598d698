/**
 * A bot process for the crash test, run as `node --import tsx test/schedule/crashChild.ts`.
 *
 * CRASH_CHILD_MODE=record-then-hang: starts the scheduler, which catches up the due slot; right after
 * the digest is recorded (and before anything is posted) it prints "RECORDED <id>" and blocks, so the
 * test can kill it with SIGKILL in exactly that window.
 * CRASH_CHILD_MODE=restart: starts the scheduler as a restarted bot would, lets it finish the work it
 * finds, stops it and prints "DONE".
 */
import { SqliteStore } from '../../src/store/sqlStore.js';
import { silentLogger } from '../../src/observability/logger.js';
import type { ChatSender } from '../../src/delivery/sender.js';
import type { Platform } from '../../src/store/store.js';
import { startScheduler } from '../../src/schedule/scheduler.js';
import { createHttpChatSender } from './httpChatSender.js';
import { baseConfig } from './world.js';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const mode = required('CRASH_CHILD_MODE');
const store = await SqliteStore.open(required('CRASH_CHILD_DB'), silentLogger);
await store.migrate();
const now = new Date(required('CRASH_CHILD_NOW'));
const sender = createHttpChatSender({ baseUrl: required('CRASH_CHILD_CHAT_URL') });

const scheduler = await startScheduler({
  store,
  config: baseConfig(),
  logger: silentLogger,
  senders: new Map<Platform, ChatSender>([['discord', sender]]),
  owner: `child-${process.pid}`,
  now: () => now,
  passIntervalMs: 0,
  afterRecord:
    mode === 'record-then-hang'
      ? async (digest) => {
          process.stdout.write(`RECORDED ${digest.id}\n`);
          await new Promise(() => undefined);
        }
      : undefined,
});

if (mode === 'restart') {
  await scheduler.idle();
  await scheduler.stop();
  await store.close();
  process.stdout.write('DONE\n');
}
