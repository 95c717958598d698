/**
 * A fake Slack on 127.0.0.1 that speaks the real wire protocol, for the adapter's tests:
 *  - the Web API at /api/{method} (auth.test, users.info, chat.postMessage): form or JSON bodies,
 *    `Authorization: Bearer`, always HTTP 200 with {ok:false,error} for refusals, 429 + integer
 *    Retry-After when rate limited, and never any other status;
 *  - response_url endpoints at /response/{id}: JSON POSTs, 5 uses within 30 minutes;
 *  - the sending side of slash commands (sendCommand): form-encoded, signed v0 like Slack;
 *  - Socket Mode: apps.connections.open (app-level token) hands out a ws:// URL on this server; the
 *    fake says hello, sends slash_commands envelopes and waits for the app's envelope ack.
 * It stores what it was sent (raw text and blocks) so tests can assert on exactly that.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { BLOCK_LIMITS, blockProblems, blockTextLength } from './blockKit.js';
import { slackSignature } from './signRequest.js';
import { DEFAULT_UPLOAD_URL_TTL_MS, FakeFileUploads, channelRefusal } from './fileUploads.js';

export interface FakeSlackOptions {
  botToken?: string;
  /** App-level token for Socket Mode (apps.connections.open). */
  appToken?: string;
  signingSecret?: string;
  teamId?: string;
  /** Clock for ts values and response_url expiry (ms). */
  now?: () => number;
  /** Natural per-channel limit for chat.postMessage: `burst` at once, then `perSecond`. Off by default. */
  channelRateLimit?: { perSecond: number; burst: number };
  /** How long an upload_url from files.getUploadURLExternal takes bytes (default 10 minutes). */
  uploadUrlTtlMs?: number;
}

export interface FakeUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  deleted?: boolean;
}

export interface FakeChannel {
  /** The bot is a member (else not_in_channel). */
  member: boolean;
  archived: boolean;
}

export interface ApiCall {
  method: string;
  /** HTTP status the fake answered with (200 or 429). */
  status: number;
  ok: boolean;
  error?: string;
  contentType: string;
  params: Record<string, unknown>;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  /** Exactly as received (so escaping can be checked). */
  text: string | undefined;
  blocks: unknown[] | undefined;
  /** Message metadata ({event_type, event_payload}) as posted, if any. */
  metadata: { event_type: string; event_payload: Record<string, unknown> } | undefined;
  params: Record<string, unknown>;
  contentType: string;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

interface ResponseUrl {
  id: string;
  createdAt: number;
  uses: number;
}

interface ForcedRateLimit {
  method: string;
  channel?: string;
  remaining: number;
  retryAfter: number;
}

export interface SlashCommandInput {
  command: string;
  text?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  teamId?: string;
  teamDomain?: string;
}

export interface SendOptions {
  /** Signing secret to sign with (default: the fake's); a different one makes a bad signature. */
  signWith?: string;
  /** Seconds added to "now" for the timestamp header (-301: a stale, replayed request). */
  timestampOffsetSec?: number;
  /** Replaces the signature header entirely. */
  signature?: string;
  /** Changes the body after signing (a tampered request). */
  tamper?: (body: string) => string;
  contentType?: string;
}

export interface SlashCommandResult {
  status: number;
  /** Milliseconds until the app answered; Slack gives up after 3000. */
  ackMs: number;
  /** Slack's 3 s window passed without a response ("operation_timeout" for the user). */
  timedOut: boolean;
  /** The ack's message (JSON body, or a text body as an ephemeral message); null for an empty ack. */
  ack: { response_type: string; text?: string; [key: string]: unknown } | null;
  responseUrlId: string;
}

const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;
const ACK_TIMEOUT_MS = 3_000;

export class FakeSlack {
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly teamId: string;
  readonly botUserId = 'UBOT0001';
  readonly botId = 'BBOT0001';
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly calls: ApiCall[] = [];
  readonly posts: PostedMessage[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** The external upload flow: pending uploads and the files shared into channels. */
  readonly files: FakeFileUploads;
  private readonly responseUrls = new Map<string, ResponseUrl>();
  private readonly forced: ForcedRateLimit[] = [];
  private readonly forcedErrors: Array<{ method: string; error: string; remaining: number }> = [];
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly waiters: Array<() => void> = [];
  private lastTsMicros = 0;
  private readonly now: () => number;
  private server!: http.Server;
  private port = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  /** Open Socket Mode connections (the app's). */
  readonly sockets = new Set<WebSocket>();

  private constructor(private readonly options: FakeSlackOptions) {
    this.botToken = options.botToken ?? 'xoxb-fake-bot-token';
    this.appToken = options.appToken ?? 'xapp-fake-app-token';
    this.signingSecret = options.signingSecret ?? 'fake-signing-secret';
    this.teamId = options.teamId ?? 'T0FAKE001';
    this.now = options.now ?? Date.now;
    this.files = new FakeFileUploads(this.now, options.uploadUrlTtlMs ?? DEFAULT_UPLOAD_URL_TTL_MS, () => `http://127.0.0.1:${this.port}`);
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    fake.server = http.createServer((req, res) => void fake.handle(req, res));
    fake.server.on('upgrade', (req, socket, head) => fake.upgrade(req, socket, head));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What SLACK_API_URL / clientOptions.slackApiUrl point at. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  setUser(id: string, flags: FakeUser = {}): void {
    this.users.set(id, flags);
  }

  addChannel(id: string, channel: Partial<FakeChannel> = {}): void {
    this.channels.set(id, { member: true, archived: false, ...channel });
  }

  /** The next `times` calls of `method` (to `channel`, if given) get 429 with Retry-After. */
  forceRateLimit(method: string, options: { times: number; retryAfter: number; channel?: string }): void {
    this.forced.push({ method, channel: options.channel, remaining: options.times, retryAfter: Math.max(1, Math.ceil(options.retryAfter)) });
  }

  /** The next `times` calls of `method` answer HTTP 200 {ok:false, error} (e.g. internal_error). */
  forceError(method: string, error: string, times = 1): void {
    this.forcedErrors.push({ method, error, remaining: times });
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): ResponseUrlPost[] {
    return this.responses.filter((r) => r.id === id);
  }

  /** Resolves once `predicate` holds (checked after every request the fake handles). */
  async waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake Slack: condition not met within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  newResponseUrl(): { id: string; url: string } {
    const id = randomBytes(8).toString('hex');
    this.responseUrls.set(id, { id, createdAt: this.now(), uses: 0 });
    return { id, url: `http://127.0.0.1:${this.port}/response/${id}` };
  }

  /** Every field Slack puts in a slash-command payload, over HTTP or Socket Mode alike. */
  private commandPayload(input: SlashCommandInput, responseUrl: string): Record<string, string> {
    return {
      token: 'deprecatedVerificationToken0001',
      team_id: input.teamId ?? this.teamId,
      team_domain: input.teamDomain ?? 'fake-team',
      channel_id: input.channelId ?? 'C0GENERAL1',
      channel_name: input.channelName ?? 'general',
      user_id: input.userId ?? 'U0MEMBER01',
      user_name: input.userName ?? 'member',
      command: input.command,
      text: input.text ?? '',
      api_app_id: 'A0FAKEAPP1',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`,
    };
  }

  /**
   * Sends a slash command to the app the way Slack does: every payload field, form-encoded with
   * Content-Type exactly application/x-www-form-urlencoded, signed with the timestamp of now.
   */
  async sendCommand(targetUrl: string, input: SlashCommandInput, options: SendOptions = {}): Promise<SlashCommandResult> {
    const responseUrl = this.newResponseUrl();
    const payload = this.commandPayload(input, responseUrl.url);
    const signedBody = new URLSearchParams(payload).toString();
    const timestamp = Math.floor(this.now() / 1000) + (options.timestampOffsetSec ?? 0);
    const signature = options.signature ?? slackSignature(options.signWith ?? this.signingSecret, timestamp, signedBody);
    const body = options.tamper ? options.tamper(signedBody) : signedBody;

    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(targetUrl, {
        method: 'POST',
        headers: {
          'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
          'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        },
        body,
        signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
      });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') return { status: 0, ackMs: performance.now() - started, timedOut: true, ack: null, responseUrlId: responseUrl.id };
      throw err;
    }
    const text = await response.text();
    const ackMs = performance.now() - started;
    let ack: SlashCommandResult['ack'] = null;
    if (response.status === 200 && text !== '') {
      if ((response.headers.get('content-type') ?? '').startsWith('application/json')) {
        const parsed = JSON.parse(text) as Record<string, unknown>;
        ack = { ...parsed, response_type: typeof parsed.response_type === 'string' ? parsed.response_type : 'ephemeral' };
      } else {
        ack = { response_type: 'ephemeral', text };
      }
    }
    return { status: response.status, ackMs, timedOut: false, ack, responseUrlId: responseUrl.id };
  }

  /**
   * Slack's `disconnect` message (reason refresh_requested before it retires a connection, warning
   * ten seconds before): the app should open a new connection through apps.connections.open.
   */
  sendSocketDisconnect(reason: 'refresh_requested' | 'warning' = 'refresh_requested'): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
  }

  /** The Socket Mode connections die without a close frame (a network fault). */
  dropSockets(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /** Resolves when the app has a Socket Mode connection open (it got its hello). */
  async waitForSocket(timeoutMs = 5_000): Promise<void> {
    await this.waitFor(() => this.sockets.size > 0, timeoutMs);
  }

  /**
   * Sends a slash command over Socket Mode as Slack does (a slash_commands envelope) and waits up to
   * 3 s for the app's ack on the same envelope_id. No signature: the socket is the authentication.
   */
  async sendSocketCommand(input: SlashCommandInput): Promise<{ ackMs: number; timedOut: boolean; ack: SlashCommandResult['ack']; responseUrlId: string }> {
    const socket = [...this.sockets][0];
    if (!socket) throw new Error('fake Slack: no Socket Mode connection');
    const responseUrl = this.newResponseUrl();
    const envelopeId = randomUUID();
    const payload = this.commandPayload(input, responseUrl.url);
    const started = performance.now();
    const reply = new Promise<Record<string, unknown> | null>((resolve) => {
      const timer = setTimeout(() => {
        socket.off('message', onMessage);
        resolve(null);
      }, ACK_TIMEOUT_MS);
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (message.envelope_id !== envelopeId) return;
        clearTimeout(timer);
        socket.off('message', onMessage);
        resolve(message.payload ?? {});
      };
      socket.on('message', onMessage);
    });
    socket.send(JSON.stringify({ envelope_id: envelopeId, type: 'slash_commands', accepts_response_payload: true, payload }));
    const acked = await reply;
    const ackMs = performance.now() - started;
    if (acked === null) return { ackMs, timedOut: true, ack: null, responseUrlId: responseUrl.id };
    const empty = Object.keys(acked).length === 0;
    const ack = empty ? null : { ...acked, response_type: typeof acked.response_type === 'string' ? acked.response_type : 'ephemeral' };
    return { ackMs, timedOut: false, ack, responseUrlId: responseUrl.id };
  }

  private upgrade(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => {
        this.sockets.delete(ws);
        this.notify();
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: this.sockets.size, debug_info: { host: 'fake-slack', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0FAKEAPP1' } }));
      this.notify();
    });
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------ HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = await readAll(req);
      const body = raw.toString('utf8');
      if (url.pathname.startsWith('/api/')) this.handleApi(url.pathname.slice('/api/'.length), req, body, res);
      else if (url.pathname.startsWith('/response/')) this.handleResponseUrl(url.pathname.slice('/response/'.length), req, body, res);
      else if (url.pathname.startsWith('/upload/v1/')) {
        // The upload URL is its own authority: Slack does not check a token there.
        const [status, text] = await this.files.receive(url.pathname.slice('/upload/v1/'.length), req.method ?? 'GET', req.headers['content-type'] ?? '', raw);
        res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      } else {
        res.writeHead(404).end();
      }
    } finally {
      this.notify();
    }
  }

  private handleApi(method: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const contentType = req.headers['content-type'] ?? '';
    const params = parseParams(contentType, raw);
    const record = (status: number, result: Record<string, unknown>) => {
      this.calls.push({ method, status, ok: result.ok === true, error: result.error as string | undefined, contentType, params: params ?? {} });
      const text = JSON.stringify(result);
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (status === 429) headers['retry-after'] = String(result.retryAfter);
      res.writeHead(status, headers).end(status === 429 ? JSON.stringify({ ok: false, error: 'ratelimited' }) : text);
    };
    if (params === null) return record(200, { ok: false, error: 'invalid_form_data' });

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // JSON bodies must carry the token in the header; form bodies may carry it as a field.
    const token = bearer ?? (contentType.startsWith('application/json') ? undefined : (params.token as string | undefined));
    if (!token) return record(200, { ok: false, error: 'not_authed' });
    // apps.connections.open takes only the app-level token; every other method only the bot token.
    if (method === 'apps.connections.open') {
      if (token === this.botToken) return record(200, { ok: false, error: 'not_allowed_token_type' });
      if (token !== this.appToken) return record(200, { ok: false, error: 'invalid_auth' });
    } else if (token === this.appToken) return record(200, { ok: false, error: 'not_allowed_token_type' });
    else if (token !== this.botToken) return record(200, { ok: false, error: 'invalid_auth' });

    const channel = typeof params.channel === 'string' ? params.channel : undefined;
    const forced = this.forced.find((f) => f.remaining > 0 && f.method === method && (f.channel === undefined || f.channel === channel));
    if (forced) {
      forced.remaining--;
      return record(429, { ok: false, error: 'ratelimited', retryAfter: forced.retryAfter });
    }
    const forcedError = this.forcedErrors.find((f) => f.remaining > 0 && f.method === method);
    if (forcedError) {
      forcedError.remaining--;
      return record(200, { ok: false, error: forcedError.error });
    }

    switch (method) {
      case 'apps.connections.open': {
        const ticket = randomUUID();
        this.tickets.add(ticket);
        return record(200, { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=${ticket}&app_id=A0FAKEAPP1` });
      }
      case 'auth.test':
        return record(200, { ok: true, url: 'https://fake-team.slack.com/', team: 'Fake Team', user: 'newsdigest', team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId, is_enterprise_install: false });
      case 'users.info':
        return record(200, this.usersInfo(params));
      case 'chat.postMessage': {
        const limited = channel ? this.naturalRateLimit(channel) : 0;
        if (limited > 0) return record(429, { ok: false, error: 'ratelimited', retryAfter: limited });
        return record(200, this.postMessage(params, contentType));
      }
      case 'conversations.history':
        return record(200, this.history(params));
      case 'files.getUploadURLExternal':
        return record(200, this.files.getUploadUrl(params));
      case 'files.completeUploadExternal':
        return record(200, this.files.complete(params, this.channels, () => this.nextTs()));
      default:
        return record(200, { ok: false, error: 'unknown_method' });
    }
  }

  private usersInfo(params: Record<string, unknown>): Record<string, unknown> {
    const id = params.user;
    if (typeof id !== 'string' || id === '') return { ok: false, error: 'invalid_arguments' };
    const user = this.users.get(id);
    if (!user) return { ok: false, error: 'user_not_found' };
    return {
      ok: true,
      user: {
        id,
        team_id: this.teamId,
        name: id.toLowerCase(),
        deleted: user.deleted ?? false,
        is_admin: user.is_admin ?? false,
        is_owner: user.is_owner ?? false,
        is_primary_owner: user.is_primary_owner ?? false,
        is_restricted: false,
        is_ultra_restricted: false,
        is_bot: false,
        is_app_user: false,
      },
    };
  }

  private postMessage(params: Record<string, unknown>, contentType: string): Record<string, unknown> {
    const channelId = params.channel;
    if (typeof channelId !== 'string' || channelId === '') return { ok: false, error: 'channel_not_found' };
    const refused = channelRefusal(this.channels.get(channelId));
    if (refused) return { ok: false, error: refused };

    let blocks: unknown = params.blocks;
    if (typeof blocks === 'string') {
      try {
        blocks = JSON.parse(blocks);
      } catch {
        return { ok: false, error: 'invalid_blocks_format' };
      }
    }
    if (blocks !== undefined) {
      const problems = blockProblems(blocks);
      if (problems.length > 0) return { ok: false, error: 'invalid_blocks', errors: problems, response_metadata: { messages: problems } };
      if (blockTextLength(blocks) > BLOCK_LIMITS.blockTextTotal) return { ok: false, error: 'msg_blocks_too_long' };
    }
    const text = typeof params.text === 'string' ? params.text : undefined;
    const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
    if ((text === undefined || text === '') && !hasBlocks) return { ok: false, error: 'no_text' };
    if (text !== undefined && text.length > BLOCK_LIMITS.messageText) return { ok: false, error: 'msg_too_long' };

    let metadata: unknown = params.metadata;
    if (typeof metadata === 'string') {
      try {
        metadata = JSON.parse(metadata);
      } catch {
        return { ok: false, error: 'invalid_metadata_format' };
      }
    }
    if (metadata !== undefined) {
      const m = metadata as { event_type?: unknown; event_payload?: unknown } | null;
      // Slack: event_type is a string of word characters; event_payload an object.
      if (!m || typeof m.event_type !== 'string' || !/^\w{1,255}$/.test(m.event_type) || typeof m.event_payload !== 'object' || m.event_payload === null) {
        return { ok: false, error: 'invalid_metadata_schema' };
      }
    }
    const ts = this.nextTs();
    this.posts.push({ channel: channelId, ts, text, blocks: blocks as unknown[] | undefined, metadata: metadata as PostedMessage['metadata'], params, contentType });
    return {
      ok: true,
      channel: channelId,
      ts,
      message: { type: 'message', subtype: 'bot_message', text: text ?? '', user: this.botUserId, bot_id: this.botId, ts, ...(hasBlocks ? { blocks } : {}) },
    };
  }

  /**
   * conversations.history: the channel's messages newest first, after `oldest` (exclusive) and up to
   * `limit` (default 100); metadata only with include_all_metadata, as Slack returns it.
   */
  private history(params: Record<string, unknown>): Record<string, unknown> {
    const channelId = params.channel;
    if (typeof channelId !== 'string' || channelId === '') return { ok: false, error: 'channel_not_found' };
    const channel = this.channels.get(channelId);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (!channel.member) return { ok: false, error: 'not_in_channel' };
    const oldest = params.oldest === undefined ? 0 : Number(params.oldest);
    const limit = params.limit === undefined ? 100 : Number(params.limit);
    if (!Number.isFinite(oldest) || !Number.isInteger(limit) || limit < 1) return { ok: false, error: 'invalid_arguments' };
    const withMetadata = params.include_all_metadata === true || params.include_all_metadata === 'true' || params.include_all_metadata === '1';
    const all = this.posts.filter((p) => p.channel === channelId && Number(p.ts) > oldest).reverse();
    const messages = all.slice(0, Math.min(limit, 999)).map((p) => ({
      type: 'message',
      subtype: 'bot_message',
      ts: p.ts,
      text: p.text ?? '',
      user: this.botUserId,
      bot_id: this.botId,
      ...(withMetadata && p.metadata ? { metadata: p.metadata } : {}),
    }));
    return { ok: true, messages, has_more: all.length > messages.length, response_metadata: { next_cursor: '' } };
  }

  /** Seconds to wait when the channel's bucket is empty, else 0 (and a token is spent). */
  private naturalRateLimit(channel: string): number {
    const limit = this.options.channelRateLimit;
    if (!limit) return 0;
    const now = this.now();
    const bucket = this.buckets.get(channel) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    this.buckets.set(channel, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
  }

  private nextTs(): string {
    const micros = Math.max(this.now() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  private handleResponseUrl(id: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const entry = this.responseUrls.get(id);
    if (req.method !== 'POST') return void res.writeHead(405).end('method_not_allowed');
    if (!entry) return void res.writeHead(404).end('invalid_url');
    if (this.now() - entry.createdAt > RESPONSE_URL_TTL_MS) return void res.writeHead(404).end('expired_url');
    if (entry.uses >= RESPONSE_URL_USES) return void res.writeHead(404).end('used_url');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return void res.writeHead(400).end('invalid_payload');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return void res.writeHead(400).end('invalid_payload');
    }
    const hasContent = (typeof body.text === 'string' && body.text !== '') || (Array.isArray(body.blocks) && body.blocks.length > 0);
    if (!hasContent && body.delete_original !== true) return void res.writeHead(400).end('no_text');
    if (Array.isArray(body.blocks) && blockProblems(body.blocks).length > 0) return void res.writeHead(400).end('invalid_blocks');
    entry.uses++;
    this.responses.push({ id, body: { response_type: 'ephemeral', ...body } });
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Web API parameters from a form or JSON body; null when the body cannot be read as either. */
function parseParams(contentType: string, raw: string): Record<string, unknown> | null {
  if (raw === '') return {};
  if (contentType.startsWith('application/json')) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return null;
}
