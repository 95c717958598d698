/**
 * One replica of `newsdigest serve` for the scale-out tests, run as
 * `node --import tsx test/replicas/replicaMain.ts` with the environment of a real deployment
 * (DATABASE_URL, NEWSDIGEST_CONFIG_DIR, chat credentials). It does what src/cli/serve.ts does —
 * openRuntime(), startApp(), and on SIGTERM finish the work in hand and close — with test timing
 * from REPLICA_* variables: the owner name used in leases, a frequent outbox pass, short leases,
 * a short poll tick and, for the poller only, a simulated clock shared by every replica.
 * Like serve, it logs "newsdigest is running" (with its port) once it serves.
 */
import { openRuntime } from '../../src/runtime.js';
import { startApp, type StartOptions } from '../../src/app/startApp.js';
import { decodeSimClock, simNow } from './simClock.js';

const owner = process.env.REPLICA_OWNER;
if (!owner) throw new Error('REPLICA_OWNER is not set');

function optionalMs(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}: expected a whole number of milliseconds (got "${raw}")`);
  return value;
}

const pollClock = process.env.REPLICA_POLL_CLOCK ? simNow(decodeSimClock(process.env.REPLICA_POLL_CLOCK)) : undefined;
const options: StartOptions = {
  port: 0,
  host: '127.0.0.1',
  owner,
  poll: process.env.REPLICA_POLL !== '0',
  scheduler: { passIntervalMs: optionalMs('REPLICA_PASS_MS'), deliveryLeaseMs: optionalMs('REPLICA_DELIVERY_LEASE_MS') },
  poller: { tickMs: optionalMs('REPLICA_POLL_TICK_MS'), leaseMs: optionalMs('REPLICA_FEED_LEASE_MS'), now: pollClock },
};

const rt = await openRuntime();
let app: Awaited<ReturnType<typeof startApp>>;
try {
  app = await startApp(rt, options);
} catch (err) {
  await rt.close();
  throw err;
}
process.once('SIGTERM', () => {
  rt.logger.info({ owner }, 'replica stopping');
  void app
    .stop()
    .catch((err: unknown) => rt.logger.error({ err }, 'error while stopping'))
    .finally(() =>
      rt.close().finally(() => {
        rt.logger.info({ owner }, 'stopped');
      }),
    );
});
