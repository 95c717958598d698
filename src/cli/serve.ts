/** `newsdigest serve` (what `npm start` runs): the long-running bot until SIGTERM/SIGINT. */
import type { Command } from 'commander';
import { openRuntime } from '../runtime.js';
import { startApp } from '../app/startApp.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the bot: HTTP server (/healthz, /metrics, chat endpoints), feed polling and digest schedules')
    .option('--port <port>', 'HTTP port (default: PORT or 3000)', (v) => Number.parseInt(v, 10))
    .option('--no-poll', 'do not poll feeds (digests and commands only)')
    .action(async (opts: { port?: number; poll: boolean }) => {
      const rt = await openRuntime();
      let app: Awaited<ReturnType<typeof startApp>>;
      try {
        app = await startApp(rt, { port: opts.port, poll: opts.poll });
      } catch (err) {
        await rt.close();
        throw err;
      }
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          rt.logger.info({ signal }, 'stopping: finishing the work in hand');
          // A second signal means "now".
          process.once(signal, () => process.exit(130));
          void app
            .stop()
            .catch((err: unknown) => rt.logger.error({ err }, 'error while stopping'))
            .finally(() => rt.close().finally(resolve));
        };
        process.once('SIGTERM', () => shutdown('SIGTERM'));
        process.once('SIGINT', () => shutdown('SIGINT'));
      });
      rt.logger.info('stopped');
    });
}
