/**
 * What every command needs: validated config, a logger and (when asked) an open, migrated store.
 * Config is checked before anything is opened, so a bad config touches nothing.
 */
import { loadConfig, type LoadOptions, type LoadedConfig } from './config/load.js';
import { createLogger, type Logger } from './observability/logger.js';
import { openStore } from './store/open.js';
import type { Store } from './store/store.js';

export interface Runtime extends LoadedConfig {
  logger: Logger;
  store: Store;
  close(): Promise<void>;
}

export async function openRuntime(options: LoadOptions & { logger?: Logger } = {}): Promise<Runtime> {
  const loaded = loadConfig(options);
  const logger = options.logger ?? createLogger({ level: loaded.env.LOG_LEVEL });
  const store = await openStore(loaded.env, logger);
  await store.migrate();
  let closed = false;
  return {
    ...loaded,
    logger,
    store,
    async close() {
      if (closed) return;
      closed = true;
      await store.close();
    },
  };
}
