/**
 * What the digest scale-out tests set up: a digest world (one database, one chat workspace) and the
 * replicas that share it. Made through `digestReplicas()` in a test file; after each test every
 * replica is killed and the world closed, however far the test got.
 */
import { afterEach } from 'vitest';
import { createDigestWorld, type DigestWorld } from './digestWorld.js';
import { CLI_ENTRY, killAll, spawnReplica, TEST_ENTRY, type ReplicaProcess } from './replicaProcess.js';
import { waitFor } from './waitFor.js';

export interface DigestReplicas {
  world(channelCount: number, platform?: 'slack' | 'discord'): Promise<DigestWorld>;
  /** `count` real `newsdigest serve` processes, replica-1 to replica-N, on the world's database. */
  serve(w: DigestWorld, count: number): ReplicaProcess[];
  /**
   * Test replicas (replicaMain.ts) named `names`, with a short outbox pass and the given delivery
   * lease, so that a test sees another replica take a digest over once a lease runs out.
   */
  leased(w: DigestWorld, names: string[], deliveryLeaseMs: number): ReplicaProcess[];
}

export function digestReplicas(): DigestReplicas {
  let world: DigestWorld | undefined;
  let replicas: ReplicaProcess[] = [];
  afterEach(async () => {
    await killAll(replicas);
    replicas = [];
    await world?.close();
    world = undefined;
  });
  return {
    async world(channelCount, platform) {
      world = await createDigestWorld(channelCount, platform);
      return world;
    },
    serve(w, count) {
      const started = Array.from({ length: count }, (_, i) => spawnReplica(`replica-${i + 1}`, CLI_ENTRY, w.replicaEnv));
      replicas.push(...started);
      return started;
    },
    leased(w, names, deliveryLeaseMs) {
      const started = names.map((name) =>
        spawnReplica(name, TEST_ENTRY, { ...w.replicaEnv, REPLICA_OWNER: name, REPLICA_PASS_MS: '500', REPLICA_DELIVERY_LEASE_MS: String(deliveryLeaseMs) }),
      );
      replicas.push(...started);
      return started;
    },
  };
}

/** Waits (up to 150 s) until every channel of the world has `slots` digests sent. */
export function waitForSentSlots(w: DigestWorld, slots: number): Promise<void> {
  return waitFor(
    `${slots} sent digests in each of ${w.channelIds.length} channels`,
    async () => {
      const rows = await w.digests();
      return w.channelIds.every((id) => w.sentDigests(id, rows).length >= slots);
    },
    150_000,
    250,
  );
}
