/** GET /healthz (database reachable, scheduler alive) and GET /metrics (Prometheus text). */
import type { Store } from '../store/store.js';
import { registry } from '../observability/metrics.js';
import { sendJson, type HttpServer } from './httpServer.js';

export interface OpsDeps {
  store: Pick<Store, 'ping'>;
  /** "ok", or why digests are not being scheduled ("starting", "stopped", "stuck: ..."). */
  schedulerHealth: () => string;
}

export function registerOpsRoutes(server: HttpServer, deps: OpsDeps): void {
  server.route('GET', '/healthz', async (_req, res) => {
    let database = 'ok';
    try {
      await deps.store.ping();
    } catch (err) {
      database = `unreachable: ${(err as Error).message}`;
    }
    const scheduler = deps.schedulerHealth();
    const healthy = database === 'ok' && scheduler === 'ok';
    sendJson(res, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unhealthy', database, scheduler });
  });
  server.route('GET', '/metrics', async (_req, res) => {
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(body);
  });
}
