/**
 * The /alert commands (add, list, remove) behind the one command table: the adapters have checked
 * the admin permission and the option texts already (handleCommand).
 */
import type { Config } from '../config/schema.js';
import type { ChannelRecord, Store } from '../store/store.js';
import { addAlert } from './addAlert.js';
import { describeAlerts } from './describeAlerts.js';

export interface AlertCommandDeps {
  store: Store;
  config: Config;
  now: () => Date;
}

export async function alertAddCommand(deps: AlertCommandDeps, channel: ChannelRecord, args: Record<string, string>): Promise<string> {
  const result = await addAlert({ store: deps.store, config: deps.config }, channel, { measure: args.measure!, condition: args.when!, value: args.value }, 'chat', deps.now());
  return result.text;
}

export async function alertListCommand(deps: AlertCommandDeps, channelKey: string): Promise<string> {
  const channel = await deps.store.getChannel(channelKey);
  return describeAlerts(deps.store, channelKey, channel?.timezone ?? deps.config.digest.timezone, deps.now());
}

/** "3" or "#3" → 3. */
export function readAlertId(raw: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(raw.trim());
  return m ? Number(m[1]) : null;
}

export async function alertRemoveCommand(deps: AlertCommandDeps, channelKey: string, rawId: string): Promise<string> {
  const id = readAlertId(rawId);
  if (id === null) return `"${rawId}" is not an alert id; give the number /alert list shows, e.g. /alert remove 3. Nothing was changed.`;
  const alert = await deps.store.getAlert(id);
  if (!alert || alert.channelKey !== channelKey) return `This channel has no alert ${id}; /alert list shows its alerts. Nothing was changed.`;
  if (alert.origin === 'config') return `Alert ${id} is declared in the bot's config (channels[].alerts); remove it there, or it comes back at the next start. Nothing was changed.`;
  await deps.store.removeAlert(id);
  return `Removed alert ${id} (${alert.measure}).`;
}
