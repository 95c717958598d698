/**
 * Posting the alert messages a run of `newsdigest ingest` fired, through the one outbox (the same
 * leases, retries and resumption as digests): console channels print them, chat channels are posted
 * when this process has that platform's credentials, else left pending for `serve` to post.
 */
import { deliverPendingDigests, type DeliverDeps, type DeliveryResult } from '../schedule/deliverDigests.js';

export type DeliverAlertsDeps = Pick<DeliverDeps, 'store' | 'config' | 'logger' | 'senders' | 'owner' | 'now'>;

export function deliverAlertMessages(deps: DeliverAlertsDeps): Promise<DeliveryResult[]> {
  return deliverPendingDigests({ ...deps, kinds: ['alert'] });
}
