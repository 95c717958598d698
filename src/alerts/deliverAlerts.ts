/**
 * Posting the alert messages a run of `newsdigest ingest` fired, through the one outbox (the same
 * leases, retries and resumption as digests): console channels print them, chat channels are posted
 * when this process has that platform's credentials, else left pending for `serve` to post.
 */
import type { Config } from '../config/schema.js';
import type { ChatSender } from '../delivery/sender.js';
import type { Logger } from '../observability/logger.js';
import { deliverPendingDigests, type DeliveryResult } from '../schedule/deliverDigests.js';
import type { Platform, Store } from '../store/store.js';

export interface DeliverAlertsDeps {
  store: Store;
  config: Pick<Config, 'digest'>;
  logger: Logger;
  senders: ReadonlyMap<Platform, ChatSender>;
  owner: string;
  now: () => Date;
}

export function deliverAlertMessages(deps: DeliverAlertsDeps): Promise<DeliveryResult[]> {
  return deliverPendingDigests({ ...deps, kinds: ['alert'] });
}
