/**
 * A tiny chat API on 127.0.0.1 for the outbox tests: `POST /channels/:id/messages` with
 * `{content, idempotencyKey}` answers `{id}`. It counts every post it accepted, and can be told to
 * answer 500, 429 with Retry-After, 404 for a channel, to hold answers back, or to be down (the
 * connection is cut before any answer).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AcceptedPost {
  channelId: string;
  idempotencyKey: string;
  content: string;
}

export type FakeChatMode = 'ok' | 'down' | 'error500' | 'rateLimited';

export interface FakeChat {
  url: string;
  /** Posts accepted (answered 200), in order. */
  posts: AcceptedPost[];
  /** Every request that reached the server, accepted or not. */
  requests: number;
  mode: FakeChatMode;
  /** Retry-After (seconds) sent with 429. */
  retryAfterSeconds: number;
  /** Channels answered 404 Unknown Channel (a permanent failure). */
  unknownChannels: Set<string>;
  /** Scripts the answers to the next posts, in order (200: handled as usual), then back to `mode`. */
  answerNext(...statuses: number[]): void;
  /** Holds every answer this long (a slow chat API). */
  delayMs: number;
  /** Most posts that were in flight at once, per channel. */
  maxInFlight: Map<string, number>;
  postsTo(channelId: string): AcceptedPost[];
  /** Idempotency keys that were accepted more than once: a duplicate post. */
  duplicateKeys(): string[];
  close(): Promise<void>;
}

export async function startFakeChat(): Promise<FakeChat> {
  const queued: number[] = [];
  const inFlight = new Map<string, number>();
  let nextId = 1;

  const fake: FakeChat = {
    url: '',
    posts: [],
    requests: 0,
    mode: 'ok',
    retryAfterSeconds: 2,
    unknownChannels: new Set(),
    delayMs: 0,
    maxInFlight: new Map(),
    answerNext(...statuses) {
      queued.push(...statuses);
    },
    postsTo: (channelId) => fake.posts.filter((p) => p.channelId === channelId),
    duplicateKeys() {
      const seen = new Map<string, number>();
      for (const p of fake.posts) seen.set(p.idempotencyKey, (seen.get(p.idempotencyKey) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    fake.requests++;
    const match = /^\/channels\/([^/]+)\/messages$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return send(res, 404, { message: '404: Not Found' });
    const channelId = decodeURIComponent(match[1]!);
    if (fake.mode === 'down') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: { content?: unknown; idempotencyKey?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return send(res, 400, { message: 'Invalid JSON' });
    }
    if (typeof body.content !== 'string' || typeof body.idempotencyKey !== 'string') return send(res, 400, { message: 'content and idempotencyKey are required' });

    const current = (inFlight.get(channelId) ?? 0) + 1;
    inFlight.set(channelId, current);
    fake.maxInFlight.set(channelId, Math.max(fake.maxInFlight.get(channelId) ?? 0, current));
    try {
      if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
      const forced = queued.shift();
      if (forced !== undefined && forced !== 200) return send(res, forced, { message: `forced ${forced}` }, forced === 429 ? { 'retry-after': String(fake.retryAfterSeconds) } : {});
      if (fake.unknownChannels.has(channelId)) return send(res, 404, { message: 'Unknown Channel', code: 10003 });
      if (fake.mode === 'error500') return send(res, 500, { message: 'Internal Server Error' });
      if (fake.mode === 'rateLimited') return send(res, 429, { message: 'You are being rate limited.' }, { 'retry-after': String(fake.retryAfterSeconds) });
      fake.posts.push({ channelId, idempotencyKey: body.idempotencyKey, content: body.content });
      return send(res, 200, { id: `m${nextId++}` });
    } finally {
      inFlight.set(channelId, (inFlight.get(channelId) ?? 1) - 1);
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { message: 'fake chat failed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
