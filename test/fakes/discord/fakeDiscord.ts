/**
 * A fake Discord on 127.0.0.1 that speaks the real protocol, for tests: REST under /api/v10 (the
 * routes the bot uses, with Discord's validation, errors and rate-limit headers), the gateway
 * WebSocket, and Discord's side of interactions (signed HTTP delivery or gateway dispatch, the 3 s
 * deadline, 15-minute tokens, default_member_permissions applied before anything is sent).
 * Nothing here is shared with the bot's code; it is written from the platform's documentation.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { checkMessageBody } from './messageLimits.js';
import { checkCommandList } from './commandLimits.js';
import { apiError, type ApiError } from './formErrors.js';
import { RateLimiter, type BucketPolicy, type Fault } from './rateLimits.js';
import { FakeGateway } from './gateway.js';
import { pingsOf, type Pings } from './mentions.js';
import { snowflake } from './snowflake.js';
import { DEFAULT_ATTACHMENT_SIZE_LIMIT, apiAttachment, readMultipart, resolveAttachments, type StoredAttachment, type UploadedFile } from './attachments.js';

const EPHEMERAL = 1 << 6;
const SUPPRESS_EMBEDS = 1 << 2;
const SUPPRESS_NOTIFICATIONS = 1 << 12;
const ADMINISTRATOR = 1n << 3n;
/** VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS: an ordinary member. */
export const ORDINARY_MEMBER_PERMISSIONS = ((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n)).toString();
export const MANAGE_GUILD_PERMISSIONS = ((1n << 5n) | BigInt(ORDINARY_MEMBER_PERMISSIONS)).toString();

// ------------------------------------------------------------------ public types

export interface FakeChannel {
  id: string;
  name?: string;
  /** false: the bot lacks SEND_MESSAGES there (403 50013 on posts). */
  botCanSend?: boolean;
}

export interface FakeGuild {
  id: string;
  name?: string;
  channels: FakeChannel[];
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  guilds?: FakeGuild[];
  /** DM channel ids the bot may post to. */
  dmChannels?: string[];
  heartbeatIntervalMs?: number;
  /** Per route bucket; default 50 requests per second. */
  rateLimit?: BucketPolicy;
  /** Time for the initial interaction response (Discord: 3 s). */
  interactionDeadlineMs?: number;
  /** Lifetime of an interaction token (Discord: 15 minutes). */
  interactionTokenLifetimeMs?: number;
  /** How long a nonce sent with enforce_nonce is remembered ("the past few minutes"). */
  nonceWindowMs?: number;
  /** Largest file a bot may upload here (Discord: 10 MiB; interactions say it as attachment_size_limit). */
  attachmentSizeLimit?: number;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  type: number;
  content: string;
  embeds: Array<Record<string, unknown>>;
  /** Files uploaded with the message (bytes kept for tests). */
  attachments: StoredAttachment[];
  allowed_mentions: { parse?: string[]; users?: string[]; roles?: string[] } | null;
  flags: number;
  nonce: string | number | null;
  author: Record<string, unknown>;
  timestamp: string;
  edited_timestamp: string | null;
  webhook_id?: string;
  /** Who Discord would have pinged with this message. */
  pings: Pings;
}

export interface StoredCommand extends Record<string, unknown> {
  id: string;
  application_id: string;
  name: string;
  version: string;
  default_member_permissions: string | null;
  guild_id?: string;
  options?: Array<Record<string, unknown>>;
  contexts?: number[] | null;
}

export interface RequestRecord {
  method: string;
  path: string;
  /** "POST /channels/:id/messages" */
  route: string;
  status: number;
  at: number;
  body: unknown;
  headers: IncomingMessage['headers'];
}

export interface InitialResponse {
  type: number;
  data: Record<string, unknown>;
  via: 'http' | 'callback';
  elapsedMs: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  payload: Record<string, unknown>;
  via: 'http' | 'gateway';
  createdAt: number;
  initial: InitialResponse | null;
  /** Why Discord would show "The application did not respond" (or similar), if it would. */
  failure: string | null;
  original: StoredMessage | null;
  originalDeleted: boolean;
  edits: number;
  followUps: StoredMessage[];
}

/** The reply a user finally sees for an interaction. */
export interface VisibleReply {
  content: string;
  embeds: Array<Record<string, unknown>>;
  attachments: StoredAttachment[];
  ephemeral: boolean;
  deferred: boolean;
  source: 'inline' | 'edit' | 'follow-up';
  message: StoredMessage;
}

export interface InvokeRequest {
  /** Deliver as a signed HTTP POST to this URL, or over the gateway. */
  via: { http: string } | 'gateway';
  /** null: a DM with the bot. */
  guildId: string | null;
  channelId: string;
  user: { id: string; username?: string; permissions?: string };
  command: string;
  subcommand?: string;
  options?: Record<string, string>;
  /**
   * The user is typing in this option: an APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4)
   * with the option marked `focused` and the options typed so far (required ones may be missing).
   */
  autocomplete?: string;
}

export type SignatureVariant = 'valid' | 'missing' | 'missing-timestamp' | 'garbage' | 'other-body' | 'other-key' | 'stale';

export interface SignedPostResult {
  status: number;
  contentType: string | null;
  text: string;
  json: unknown;
  elapsedMs: number;
}

/** Discord never sends the interaction: the user may not use the command here. */
/** Autocomplete choices as Discord accepts them: at most 25, each a name and a string value of 1-100 characters. */
function checkChoices(choices: unknown): ApiError | null {
  if (!Array.isArray(choices) || choices.length > 25) return apiError(400, 50035, 'Invalid Form Body');
  for (const c of choices) {
    if (!isObject(c) || typeof c.name !== 'string' || typeof c.value !== 'string') return apiError(400, 50035, 'Invalid Form Body');
    if (c.name.length < 1 || c.name.length > 100 || c.value.length < 1 || c.value.length > 100) return apiError(400, 50035, 'Invalid Form Body');
  }
  return null;
}

export class CommandUnavailableError extends Error {
  override name = 'CommandUnavailableError';
}

// ------------------------------------------------------------------ helpers

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Route {
  method: string;
  pattern: RegExp;
  template: string;
  auth: 'bot' | 'none';
  /** Index of the capture that is the bucket's major parameter. */
  major?: number;
  handle: (ctx: RequestContext) => Promise<Answer> | Answer;
}

interface RequestContext {
  params: string[];
  body: unknown;
  /** files[n] parts of a multipart request. */
  files: UploadedFile[];
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

interface Answer {
  status: number;
  body?: unknown;
}

const ok = (body: unknown, status = 200): Answer => ({ status, body });
const fromError = (e: ApiError): Answer => ({ status: e.status, body: e.body });

// ------------------------------------------------------------------ the fake

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: Json;
  /** The application's Ed25519 key pair; the bot gets publicKeyHex as DISCORD_PUBLIC_KEY. */
  readonly publicKeyHex: string;
  private readonly privateKey: KeyObject;

  readonly requests: RequestRecord[] = [];
  readonly globalCommands: StoredCommand[] = [];
  readonly guildCommands = new Map<string, StoredCommand[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** Command permission overrides (Server Settings → Integrations): guild → command → user ids. */
  private readonly commandOverrides = new Map<string, Map<string, Set<string>>>();
  private readonly channels = new Map<string, { guildId: string | null; name: string; botCanSend: boolean; messages: StoredMessage[] }>();
  private readonly guilds: FakeGuild[];
  private readonly nonces = new Map<string, { messageId: string; at: number }>();
  private readonly limiter: RateLimiter;
  private readonly changed = new EventEmitter();
  private readonly server: http.Server;
  private readonly routes: Route[];
  private clockOffsetMs = 0;
  /** Upload requests still to fail with a 5xx (failUploads). */
  private uploadFaults: number[] = [];
  private commandVersion = 0;
  port = 0;
  gateway!: FakeGateway;

  private constructor(private readonly options: FakeDiscordOptions) {
    this.token = options.token ?? `fake.${randomBytes(18).toString('base64url')}.token`;
    this.applicationId = options.applicationId ?? snowflake();
    this.botUser = { id: this.applicationId, username: 'newsdigest', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0, public_flags: 0 };
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    this.publicKeyHex = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex');
    this.guilds = options.guilds ?? [];
    for (const guild of this.guilds) for (const c of guild.channels) this.addChannel(c, guild.id);
    for (const id of options.dmChannels ?? []) this.addChannel({ id, name: 'dm' }, null);
    this.limiter = new RateLimiter(options.rateLimit ?? { limit: 50, windowMs: 1000 });
    this.changed.setMaxListeners(0);
    this.routes = this.buildRoutes();
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.gateway = new FakeGateway(
      { token: fake.token, applicationId: fake.applicationId, botUser: fake.botUser, guilds: () => fake.guilds.map((g) => fake.guildObject(g)) },
      options.heartbeatIntervalMs ?? 41_250,
      () => fake.gatewayUrl,
      () => fake.notify(),
    );
    fake.server.on('upgrade', (req, socket, head) => fake.gateway.handleUpgrade(req, socket, head as Buffer));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What the bot sets as DISCORD_API_BASE. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- test controls

  /** The next `count` requests to `route` (e.g. "POST /channels/:id/messages") get `fault`. */
  forceFault(route: string, count: number, fault: Fault): void {
    this.limiter.force(route, count, fault);
  }

  /** The next `count` requests that carry files answer `status` before doing anything (a flaky upload). */
  failUploads(count: number, status = 503): void {
    for (let i = 0; i < count; i++) this.uploadFaults.push(status);
  }

  /** Moves Discord's clock forward (token lifetimes, nonce windows) without waiting. */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** Lets one user run a command in a guild whatever default_member_permissions says (Integrations settings). */
  allowCommandFor(guildId: string, commandName: string, userId: string): void {
    const byCommand = this.commandOverrides.get(guildId) ?? new Map<string, Set<string>>();
    const users = byCommand.get(commandName) ?? new Set<string>();
    users.add(userId);
    byCommand.set(commandName, users);
    this.commandOverrides.set(guildId, byCommand);
  }

  addChannel(channel: FakeChannel, guildId: string | null): void {
    this.channels.set(channel.id, { guildId, name: channel.name ?? `channel-${channel.id.slice(-4)}`, botCanSend: channel.botCanSend ?? true, messages: [] });
  }

  messages(channelId: string): StoredMessage[] {
    return this.channels.get(channelId)?.messages ?? [];
  }

  requestsTo(route: string): RequestRecord[] {
    return this.requests.filter((r) => r.route === route);
  }

  /** Resolves when `check` returns something truthy; rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | null | undefined | false, timeoutMs = 10_000, what = 'a condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // A check may throw to say "this will never happen" (e.g. the interaction failed).
      const attempt = (): boolean => {
        try {
          const value = check();
          if (!value) return false;
          resolve(value);
        } catch (err) {
          reject(err as Error);
        }
        return true;
      };
      if (attempt()) return;
      const onChange = (): void => {
        if (attempt()) cleanup();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Discord: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.changed.off('change', onChange);
      };
      this.changed.on('change', onChange);
    });
  }

  private get attachmentSizeLimit(): number {
    return this.options.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_SIZE_LIMIT;
  }

  private now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  private notify(): void {
    this.changed.emit('change');
  }

  // ---------------------------------------------------------------- HTTP plumbing

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const record: RequestRecord = { method, path: url.pathname, route: `${method} ?`, status: 0, at: Date.now(), body: undefined, headers: req.headers };
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      this.requests.push(record);
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'content-length': Buffer.byteLength(text) });
      res.end(text);
      this.notify();
    };

    const match = /^\/api\/v(\d+)(\/.*)$/.exec(url.pathname);
    if (!match) return send(404, { message: '404: Not Found', code: 0 });
    if (match[1] !== '10') return send(400, { message: `Invalid API version`, code: 50041 });
    let path: string;
    try {
      // Clients percent-encode path segments (discord.js sends `%40original`); Discord decodes them.
      path = decodeURIComponent(match[2]!);
    } catch {
      return send(400, { message: '400: Bad Request', code: 0 });
    }
    let route: Route | undefined;
    let params: string[] = [];
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      route = r;
      params = m.slice(1);
      break;
    }
    if (!route) return send(pathMatched ? 405 : 404, { message: pathMatched ? '405: Method Not Allowed' : '404: Not Found', code: 0 });
    record.route = `${method} ${route.template}`;

    let body: unknown;
    let files: UploadedFile[] = [];
    let bodyError: Answer | null = null;
    if (raw.length > 0) {
      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('application/json')) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          bodyError = { status: 400, body: { message: 'The request body contains invalid JSON.', code: 50109 } };
        }
      } else if (type.startsWith('multipart/form-data')) {
        const read = await readMultipart(raw, type, this.attachmentSizeLimit);
        if ('status' in read) bodyError = read;
        else {
          body = read.body;
          files = read.files;
        }
      } else {
        bodyError = { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { _errors: [{ code: 'CONTENT_TYPE_INVALID', message: 'Expected "Content-Type" header to be one of {\'application/json\', \'multipart/form-data\'}.' }] } } };
      }
    }
    record.body = files.length > 0 ? { ...(body as Json), _files: files.map((f) => ({ name: `files[${f.index}]`, filename: f.filename, size: f.data.length })) } : body;

    // Every answer from here on carries the route bucket's X-RateLimit-* headers, errors included.
    const fault = this.limiter.takeFault(record.route);
    const major = route.major !== undefined ? (params[route.major] ?? '') : '';
    const { headers, limited } = this.limiter.consume(route.template, major, Date.now(), fault?.kind === 'rate-limit' ? fault : undefined);
    if (limited) return send(429, limited.body, limited.headers);
    if (route.auth === 'bot' && req.headers.authorization !== `Bot ${this.token}`) return send(401, { message: '401: Unauthorized', code: 0 }, headers);
    if (bodyError) return send(bodyError.status, bodyError.body, headers);
    const uploadFault = files.length > 0 ? this.uploadFaults.shift() : undefined;
    if (uploadFault !== undefined) return send(uploadFault, { message: `${uploadFault}: Service Unavailable`, code: 0 }, headers);
    if (fault?.kind === 'server-error' && !fault.afterEffect) return send(fault.status, { message: `${fault.status}: Internal Server Error`, code: 0 }, headers);

    let answer: Answer;
    try {
      answer = await route.handle({ params, body, files, query: url.searchParams, headers: req.headers });
    } catch (err) {
      answer = { status: 500, body: { message: `fake Discord failed: ${(err as Error).message}`, code: 0 } };
    }
    if (fault?.kind === 'server-error') return send(fault.status, { message: `${fault.status}: Internal Server Error`, code: 0 }, headers);
    send(answer.status, answer.body, headers);
  }

  private buildRoutes(): Route[] {
    const id = '(\\d{1,20})';
    const token = '([A-Za-z0-9_.-]{1,500})';
    return [
      { method: 'GET', pattern: /^\/gateway\/bot$/, template: '/gateway/bot', auth: 'bot', handle: () => this.getGatewayBot() },
      { method: 'GET', pattern: /^\/gateway$/, template: '/gateway', auth: 'none', handle: () => ok({ url: this.gatewayUrl }) },
      { method: 'GET', pattern: /^\/users\/@me$/, template: '/users/@me', auth: 'bot', handle: () => ok(this.botUser) },
      { method: 'PUT', pattern: new RegExp(`^/applications/${id}/commands$`), template: '/applications/:id/commands', auth: 'bot', major: 0, handle: (c) => this.putCommands(c.params[0]!, null, c.body) },
      { method: 'GET', pattern: new RegExp(`^/applications/${id}/commands$`), template: '/applications/:id/commands', auth: 'bot', major: 0, handle: (c) => this.getCommands(c.params[0]!, null) },
      { method: 'PUT', pattern: new RegExp(`^/applications/${id}/guilds/${id}/commands$`), template: '/applications/:id/guilds/:id/commands', auth: 'bot', major: 1, handle: (c) => this.putCommands(c.params[0]!, c.params[1]!, c.body) },
      { method: 'GET', pattern: new RegExp(`^/applications/${id}/guilds/${id}/commands$`), template: '/applications/:id/guilds/:id/commands', auth: 'bot', major: 1, handle: (c) => this.getCommands(c.params[0]!, c.params[1]!) },
      { method: 'POST', pattern: new RegExp(`^/channels/${id}/messages$`), template: '/channels/:id/messages', auth: 'bot', major: 0, handle: (c) => this.createMessage(c.params[0]!, c.body, c.files) },
      { method: 'GET', pattern: new RegExp(`^/channels/${id}/messages$`), template: '/channels/:id/messages', auth: 'bot', major: 0, handle: (c) => this.listMessages(c.params[0]!) },
      // Interaction routes: authorized by the interaction token, exempt from the global limit.
      { method: 'POST', pattern: new RegExp(`^/interactions/${id}/${token}/callback$`), template: '/interactions/:id/:token/callback', auth: 'none', major: 0, handle: (c) => this.interactionCallback(c.params[0]!, c.params[1]!, c.body, c.query) },
      { method: 'GET', pattern: new RegExp(`^/webhooks/${id}/${token}/messages/@original$`), template: '/webhooks/:id/:token/messages/@original', auth: 'none', major: 1, handle: (c) => this.getOriginal(c.params[0]!, c.params[1]!) },
      { method: 'PATCH', pattern: new RegExp(`^/webhooks/${id}/${token}/messages/@original$`), template: '/webhooks/:id/:token/messages/@original', auth: 'none', major: 1, handle: (c) => this.editOriginal(c.params[0]!, c.params[1]!, c.body, c.files) },
      { method: 'DELETE', pattern: new RegExp(`^/webhooks/${id}/${token}/messages/@original$`), template: '/webhooks/:id/:token/messages/@original', auth: 'none', major: 1, handle: (c) => this.deleteOriginal(c.params[0]!, c.params[1]!) },
      { method: 'POST', pattern: new RegExp(`^/webhooks/${id}/${token}$`), template: '/webhooks/:id/:token', auth: 'none', major: 1, handle: (c) => this.followUp(c.params[0]!, c.params[1]!, c.body, c.files) },
    ];
  }

  // ---------------------------------------------------------------- REST handlers

  private getGatewayBot(): Answer {
    return ok({ url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } });
  }

  private putCommands(appId: string, guildId: string | null, body: unknown): Answer {
    if (appId !== this.applicationId) return fromError(apiError(403, 50001, 'Missing Access'));
    if (guildId !== null && !this.guilds.some((g) => g.id === guildId)) return fromError(apiError(403, 50001, 'Missing Access'));
    const invalid = checkCommandList(body);
    if (invalid) return fromError(invalid);
    const previous = guildId ? (this.guildCommands.get(guildId) ?? []) : this.globalCommands;
    this.commandVersion += 1;
    const stored = (body as Json[]).map((command): StoredCommand => {
      const kept = previous.find((p) => p.name === command.name);
      return {
        ...command,
        id: kept?.id ?? snowflake(),
        application_id: this.applicationId,
        name: command.name as string,
        type: command.type ?? 1,
        version: snowflake(),
        default_member_permissions: (command.default_member_permissions as string | null | undefined) ?? null,
        nsfw: command.nsfw ?? false,
        integration_types: command.integration_types ?? [0],
        contexts: (command.contexts as number[] | null | undefined) ?? null,
        ...(guildId ? { guild_id: guildId } : {}),
      };
    });
    if (guildId) this.guildCommands.set(guildId, stored);
    else this.globalCommands.splice(0, this.globalCommands.length, ...stored);
    return ok(stored);
  }

  private getCommands(appId: string, guildId: string | null): Answer {
    if (appId !== this.applicationId) return fromError(apiError(403, 50001, 'Missing Access'));
    return ok(guildId ? (this.guildCommands.get(guildId) ?? []) : this.globalCommands);
  }

  private messageObject(channelId: string, body: Json, extra: Partial<StoredMessage>, defaultParse: string[]): StoredMessage {
    const at = this.now();
    const allowed = (body.allowed_mentions as StoredMessage['allowed_mentions']) ?? null;
    const content = typeof body.content === 'string' ? body.content : '';
    return {
      id: snowflake(at),
      channel_id: channelId,
      type: 0,
      content,
      embeds: Array.isArray(body.embeds) ? (body.embeds as Json[]) : [],
      attachments: [],
      allowed_mentions: allowed,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      nonce: (body.nonce as string | number | undefined) ?? null,
      author: this.botUser,
      timestamp: new Date(at).toISOString(),
      edited_timestamp: null,
      pings: pingsOf(content, allowed, defaultParse),
      ...extra,
    };
  }

  /** The message as the API returns it (mention fields filled the way Discord fills them). */
  private apiMessage(m: StoredMessage): Json {
    const { pings, allowed_mentions: _allowed, attachments, ...rest } = m;
    return {
      ...rest,
      tts: false,
      mention_everyone: pings.everyone,
      mentions: pings.users.map((id) => ({ id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null })),
      mention_roles: pings.roles,
      attachments: attachments.map(apiAttachment),
      components: [],
      pinned: false,
    };
  }

  private createMessage(channelId: string, body: unknown, files: UploadedFile[]): Answer {
    const channel = this.channels.get(channelId);
    if (!channel) return fromError(apiError(404, 10003, 'Unknown Channel'));
    if (!channel.botCanSend) return fromError(apiError(403, 50013, 'Missing Permissions'));
    // A message of files alone is not empty.
    const invalid = checkMessageBody(body ?? {}, { requireContent: files.length === 0, allowedFlags: SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS });
    if (invalid) return fromError(invalid);
    const resolved = resolveAttachments(channelId, (body ?? {}) as Json, files, []);
    if ('status' in resolved) return fromError(resolved);
    const json: Json = { ...(body as Json), ...(resolved.embeds ? { embeds: resolved.embeds } : {}) };
    // enforce_nonce: a nonce seen from this author in this channel recently returns that message.
    if (json.enforce_nonce === true && json.nonce !== undefined && json.nonce !== null) {
      const key = `${channelId}:${String(json.nonce)}`;
      const seen = this.nonces.get(key);
      const window = this.options.nonceWindowMs ?? 5 * 60_000;
      if (seen && this.now() - seen.at < window) {
        const existing = channel.messages.find((m) => m.id === seen.messageId);
        if (existing) return ok(this.apiMessage(existing));
      }
    }
    const message = this.messageObject(channelId, json, { attachments: resolved.attachments }, ['users', 'roles', 'everyone']);
    channel.messages.push(message);
    if (json.enforce_nonce === true && json.nonce !== undefined && json.nonce !== null) this.nonces.set(`${channelId}:${String(json.nonce)}`, { messageId: message.id, at: this.now() });
    return ok(this.apiMessage(message));
  }

  private listMessages(channelId: string): Answer {
    const channel = this.channels.get(channelId);
    if (!channel) return fromError(apiError(404, 10003, 'Unknown Channel'));
    return ok([...channel.messages].reverse().map((m) => this.apiMessage(m)));
  }

  // ---------------------------------------------------------------- interaction webhooks

  /** The interaction for a webhook token, or the error Discord gives for an unusable one. */
  private interactionFor(appId: string, token: string): InteractionRecord | ApiError {
    const record = this.interactions.get(token);
    if (appId !== this.applicationId || !record) return apiError(404, 10062, 'Unknown interaction');
    const lifetime = this.options.interactionTokenLifetimeMs ?? 15 * 60_000;
    if (this.now() - record.createdAt > lifetime) return apiError(404, 10062, 'Unknown interaction');
    if (record.failure?.startsWith('deadline')) return apiError(404, 10062, 'Unknown interaction');
    return record;
  }

  /**
   * Webhook calls right after an HTTP answer can overtake our reading of that answer; Discord has
   * processed the answer by then, so wait for it (within the deadline) before judging the call.
   */
  private async settledInteraction(appId: string, token: string): Promise<InteractionRecord | ApiError> {
    const found = this.interactionFor(appId, token);
    if (!('token' in found) || found.initial || found.failure) return found;
    const deadline = this.options.interactionDeadlineMs ?? 3000;
    await this.waitFor(() => found.initial || found.failure, deadline + 500, 'the initial response').catch(() => undefined);
    return this.interactionFor(appId, token);
  }

  private acknowledge(record: InteractionRecord, body: unknown, via: 'http' | 'callback'): ApiError | null {
    if (record.initial) return apiError(400, 40060, 'Interaction has already been acknowledged.');
    const deadline = this.options.interactionDeadlineMs ?? 3000;
    const elapsedMs = this.now() - record.createdAt;
    if (elapsedMs > deadline) {
      record.failure ??= `deadline: no initial response within ${deadline} ms`;
      return apiError(404, 10062, 'Unknown interaction');
    }
    if (!isObject(body) || typeof body.type !== 'number') return apiError(400, 50035, 'Invalid Form Body');
    const data = isObject(body.data) ? body.data : {};
    // An autocomplete interaction takes only APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (8), and a command never does.
    const autocomplete = record.payload.type === 4;
    if (autocomplete !== (body.type === 8)) return apiError(400, 50035, 'Invalid Form Body');
    if (autocomplete) {
      const invalid = checkChoices(data.choices);
      if (invalid) return invalid;
      record.initial = { type: 8, data, via, elapsedMs };
      this.notify();
      return null;
    }
    if (body.type === 4) {
      const invalid = checkMessageBody(data, { requireContent: true, allowedFlags: EPHEMERAL | SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS });
      if (invalid) return invalid;
    } else if (body.type === 5) {
      // "the only valid message flag for a deferred response is EPHEMERAL"
      if (data.flags !== undefined && data.flags !== null && (typeof data.flags !== 'number' || (data.flags & ~EPHEMERAL) !== 0)) return apiError(400, 50035, 'Invalid Form Body');
    } else {
      return apiError(400, 50035, 'Invalid Form Body');
    }
    record.initial = { type: body.type, data, via, elapsedMs };
    const channelId = record.payload.channel_id as string;
    // Interaction replies parse only user mentions by default.
    record.original = this.messageObject(channelId, body.type === 4 ? data : { flags: data.flags }, { type: 20, webhook_id: this.applicationId }, ['users']);
    this.notify();
    return null;
  }

  private interactionCallback(interactionId: string, token: string, body: unknown, query: URLSearchParams): Answer {
    const record = this.interactions.get(token);
    if (!record || record.id !== interactionId) return fromError(apiError(404, 10062, 'Unknown interaction'));
    const failed = this.acknowledge(record, body, 'callback');
    if (failed) return fromError(failed);
    if (query.get('with_response') !== 'true') return { status: 204 };
    return ok({
      interaction: { id: record.id, type: 2, activity_instance_id: null, response_message_id: record.original!.id, response_message_loading: record.initial!.type === 5, response_message_ephemeral: (record.original!.flags & EPHEMERAL) !== 0 },
      resource: { type: record.initial!.type, message: this.apiMessage(record.original!) },
    });
  }

  private async getOriginal(appId: string, token: string): Promise<Answer> {
    const record = await this.settledInteraction(appId, token);
    if (!('token' in record)) return fromError(record);
    if (!record.original || record.originalDeleted) return fromError(apiError(404, 10008, 'Unknown Message'));
    return ok(this.apiMessage(record.original));
  }

  private async editOriginal(appId: string, token: string, body: unknown, files: UploadedFile[]): Promise<Answer> {
    const record = await this.settledInteraction(appId, token);
    if (!('token' in record)) return fromError(record);
    if (!record.original) return fromError(apiError(404, 10015, 'Unknown Webhook'));
    if (record.originalDeleted) return fromError(apiError(404, 10008, 'Unknown Message'));
    const invalid = checkMessageBody(body ?? {}, { requireContent: false, allowedFlags: SUPPRESS_EMBEDS });
    if (invalid) return fromError(invalid);
    const original = record.original;
    const resolved = resolveAttachments(original.channel_id, (body ?? {}) as Json, files, original.attachments);
    if ('status' in resolved) return fromError(resolved);
    const json: Json = { ...(body as Json), ...(resolved.embeds ? { embeds: resolved.embeds } : {}) };
    const next: StoredMessage = {
      ...original,
      content: json.content === undefined ? original.content : ((json.content as string | null) ?? ''),
      embeds: json.embeds === undefined ? original.embeds : ((json.embeds as Json[] | null) ?? []),
      attachments: resolved.attachments,
      allowed_mentions: json.allowed_mentions === undefined ? original.allowed_mentions : (json.allowed_mentions as StoredMessage['allowed_mentions']),
      edited_timestamp: new Date(this.now()).toISOString(),
    };
    if (next.content.trim() === '' && next.embeds.length === 0 && next.attachments.length === 0) return fromError(apiError(400, 50006, 'Cannot send an empty message'));
    next.pings = pingsOf(next.content, next.allowed_mentions, ['users']);
    record.original = next;
    record.edits += 1;
    this.notify();
    return ok(this.apiMessage(next));
  }

  private async deleteOriginal(appId: string, token: string): Promise<Answer> {
    const record = await this.settledInteraction(appId, token);
    if (!('token' in record)) return fromError(record);
    if (!record.original || record.originalDeleted) return fromError(apiError(404, 10008, 'Unknown Message'));
    record.originalDeleted = true;
    this.notify();
    return { status: 204 };
  }

  private async followUp(appId: string, token: string, body: unknown, files: UploadedFile[]): Promise<Answer> {
    const record = await this.settledInteraction(appId, token);
    if (!('token' in record)) return fromError(record);
    if (!record.initial) return fromError(apiError(404, 10015, 'Unknown Webhook'));
    const invalid = checkMessageBody(body ?? {}, { requireContent: files.length === 0, allowedFlags: EPHEMERAL | SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS });
    if (invalid) return fromError(invalid);
    const channelId = record.payload.channel_id as string;
    const resolved = resolveAttachments(channelId, (body ?? {}) as Json, files, []);
    if ('status' in resolved) return fromError(resolved);
    const json: Json = { ...(body as Json), ...(resolved.embeds ? { embeds: resolved.embeds } : {}) };
    const message = this.messageObject(channelId, json, { type: 20, webhook_id: this.applicationId, attachments: resolved.attachments }, ['users']);
    record.followUps.push(message);
    this.notify();
    return ok(this.apiMessage(message));
  }

  // ---------------------------------------------------------------- guild objects

  private guildObject(guild: FakeGuild): Json {
    return {
      id: guild.id,
      name: guild.name ?? `guild ${guild.id.slice(-4)}`,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: '100000000000000001',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      roles: [{ id: guild.id, name: '@everyone', color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: ORDINARY_MEMBER_PERMISSIONS, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [],
      channels: guild.channels.map((c, position) => ({ ...this.channelObject(c.id), position })),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private channelObject(channelId: string): Json {
    const channel = this.channels.get(channelId);
    if (!channel || channel.guildId === null) return { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [] };
    return { id: channelId, type: 0, guild_id: channel.guildId, name: channel.name, position: 0, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: null, rate_limit_per_user: 0, flags: 0 };
  }

  // ---------------------------------------------------------------- sending interactions

  /** The registered command a user in `guildId` sees (guild commands shadow global ones). */
  private visibleCommand(guildId: string | null, name: string): StoredCommand | undefined {
    return (guildId ? this.guildCommands.get(guildId)?.find((c) => c.name === name) : undefined) ?? this.globalCommands.find((c) => c.name === name);
  }

  /** Discord's own gate before an interaction exists: registration, contexts, default_member_permissions, options. */
  private commandData(request: InvokeRequest): Json {
    const command = this.visibleCommand(request.guildId, request.command);
    if (!command) throw new CommandUnavailableError(`/${request.command} is not registered for this application${request.guildId ? ` in guild ${request.guildId}` : ''}`);
    const contexts = command.contexts ?? [0, 1, 2];
    if (request.guildId === null && !contexts.includes(1)) throw new CommandUnavailableError(`/${request.command} is not available in DMs (contexts ${JSON.stringify(contexts)})`);
    if (request.guildId !== null && !contexts.includes(0)) throw new CommandUnavailableError(`/${request.command} is not available in servers`);
    if (request.guildId !== null && command.default_member_permissions !== null) {
      const needed = BigInt(command.default_member_permissions);
      const has = BigInt(request.user.permissions ?? ORDINARY_MEMBER_PERMISSIONS);
      const overridden = this.commandOverrides.get(request.guildId)?.get(command.name)?.has(request.user.id) ?? false;
      const permitted = overridden || (has & ADMINISTRATOR) !== 0n || (needed !== 0n && (has & needed) === needed);
      if (!permitted) throw new CommandUnavailableError(`/${request.command} needs permissions ${command.default_member_permissions} (default_member_permissions); user ${request.user.id} has ${has}`);
    }

    const given = request.options ?? {};
    const toOptions = (defs: Json[] | undefined): Json[] => {
      const out: Json[] = [];
      const known = new Set((defs ?? []).map((d) => d.name as string));
      for (const name of Object.keys(given)) if (!known.has(name)) throw new CommandUnavailableError(`/${request.command} has no option "${name}"`);
      for (const def of defs ?? []) {
        const value = given[def.name as string];
        if (request.autocomplete === def.name && def.autocomplete !== true) throw new CommandUnavailableError(`/${request.command}: option "${String(def.name)}" was not registered with autocomplete`);
        if (value === undefined) {
          if (def.required === true && request.autocomplete === undefined) throw new CommandUnavailableError(`/${request.command}: option "${String(def.name)}" is required`);
          continue;
        }
        if (def.type !== 3) throw new CommandUnavailableError(`fake Discord only sends STRING options (option "${String(def.name)}" has type ${String(def.type)})`);
        if (value.length > 6000) throw new CommandUnavailableError('a STRING option holds at most 6000 characters');
        out.push({ type: 3, name: def.name, value, ...(request.autocomplete === def.name ? { focused: true } : {}) });
      }
      return out;
    };
    const defs = (command.options ?? []) as Json[];
    const hasSubcommands = defs.some((d) => d.type === 1);
    let options: Json[];
    if (hasSubcommands) {
      const sub = defs.find((d) => d.type === 1 && d.name === request.subcommand);
      if (!sub) throw new CommandUnavailableError(`/${request.command} has no subcommand "${request.subcommand ?? ''}"`);
      options = [{ type: 1, name: sub.name, options: toOptions(sub.options as Json[] | undefined) }];
    } else {
      if (request.subcommand) throw new CommandUnavailableError(`/${request.command} has no subcommands`);
      options = toOptions(defs);
    }
    return { id: command.id, name: command.name, type: 1, options, ...(command.guild_id ? { guild_id: command.guild_id } : {}) };
  }

  /** An APPLICATION_COMMAND interaction as Discord builds it (receiving-and-responding.mdx). */
  buildInteraction(request: InvokeRequest): Json {
    const data = this.commandData(request);
    const user = { id: request.user.id, username: request.user.username ?? `user${request.user.id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, public_flags: 0 };
    const base: Json = {
      id: snowflake(),
      application_id: this.applicationId,
      type: request.autocomplete !== undefined ? 4 : 2,
      data,
      channel_id: request.channelId,
      channel: this.channelObject(request.channelId),
      token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
      version: 1,
      app_permissions: '2248473465835073',
      locale: 'en-US',
      entitlements: [],
      attachment_size_limit: this.attachmentSizeLimit,
    };
    if (request.guildId === null) return { ...base, user, context: 1, authorizing_integration_owners: { '0': this.applicationId } };
    return {
      ...base,
      guild_id: request.guildId,
      guild: { id: request.guildId, locale: 'en-US', features: [] },
      guild_locale: 'en-US',
      member: { user, roles: [], premium_since: null, permissions: request.user.permissions ?? ORDINARY_MEMBER_PERMISSIONS, pending: false, nick: null, mute: false, deaf: false, joined_at: '2024-01-01T00:00:00.000000+00:00', flags: 0 },
      context: 0,
      authorizing_integration_owners: { '0': request.guildId },
    };
  }

  /**
   * A user runs a slash command: Discord checks it may be used, builds the interaction and delivers
   * it, then waits up to 3 s for the initial response. Resolves with the interaction's record.
   */
  async invoke(request: InvokeRequest): Promise<InteractionRecord> {
    const payload = this.buildInteraction(request);
    const record: InteractionRecord = {
      id: payload.id as string,
      token: payload.token as string,
      payload,
      via: request.via === 'gateway' ? 'gateway' : 'http',
      createdAt: this.now(),
      initial: null,
      failure: null,
      original: null,
      originalDeleted: false,
      edits: 0,
      followUps: [],
    };
    this.interactions.set(record.token, record);
    const deadline = this.options.interactionDeadlineMs ?? 3000;
    if (request.via === 'gateway') {
      if (this.gateway.dispatch('INTERACTION_CREATE', payload) === 0) throw new Error('fake Discord: no identified gateway session to deliver the interaction to');
      await this.waitFor(() => record.initial, deadline, 'the initial response').catch(() => {
        record.failure ??= `deadline: no initial response within ${deadline} ms`;
      });
      return record;
    }
    const result = await this.postSigned(request.via.http, JSON.stringify(payload), 'valid', deadline).catch((err: Error) => err);
    if (result instanceof Error) {
      record.failure ??= result.name === 'TimeoutError' ? `deadline: no initial response within ${deadline} ms` : `delivery failed: ${result.message}`;
    } else if (result.status === 202 && result.text === '') {
      // The bot answered through POST /interactions/{id}/{token}/callback instead.
      if (!record.initial) record.failure ??= 'answered 202 without using the callback';
    } else if (result.status !== 200) {
      record.failure ??= `the endpoint answered ${result.status}`;
    } else if (!result.contentType?.startsWith('application/json')) {
      record.failure ??= `the endpoint answered without a JSON Content-Type (${result.contentType ?? 'none'})`;
    } else {
      const failed = this.acknowledge(record, result.json, 'http');
      if (failed) record.failure ??= `invalid initial response: ${failed.body.code} ${failed.body.message}${failed.body.errors ? ` ${JSON.stringify(failed.body.errors)}` : ''}`;
    }
    this.notify();
    return record;
  }

  /** The reply the user ends up seeing: the inline reply, the edited deferred one, or a follow-up. */
  async visibleReply(record: InteractionRecord, timeoutMs = 10_000): Promise<VisibleReply> {
    return this.waitFor(
      () => {
        if (record.failure) throw new Error(`interaction failed: ${record.failure}`);
        if (!record.initial || !record.original) return null;
        const deferred = record.initial.type === 5;
        const ephemeral = (record.original.flags & EPHEMERAL) !== 0;
        if (record.originalDeleted || (deferred && record.edits === 0)) {
          const followUp = record.followUps[0];
          if (!followUp) return null;
          return { content: followUp.content, embeds: followUp.embeds, attachments: followUp.attachments, ephemeral: (followUp.flags & EPHEMERAL) !== 0, deferred, source: 'follow-up' as const, message: followUp };
        }
        return { content: record.original.content, embeds: record.original.embeds, attachments: record.original.attachments, ephemeral, deferred, source: deferred ? ('edit' as const) : ('inline' as const), message: record.original };
      },
      timeoutMs,
      'the visible reply',
    );
  }

  // ---------------------------------------------------------------- signed HTTP delivery

  /** Ed25519 over timestamp + body, hex, as Discord signs every request to an interactions endpoint. */
  signature(timestamp: string, body: string, key: KeyObject = this.privateKey): string {
    return sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), key).toString('hex');
  }

  /**
   * POSTs `body` to an interactions endpoint, signed correctly or in one of the broken ways
   * Discord's routine security checks use.
   */
  async postSigned(url: string, body: string, variant: SignatureVariant = 'valid', timeoutMs = 10_000): Promise<SignedPostResult> {
    const now = Math.floor(this.now() / 1000);
    const timestamp = String(variant === 'stale' ? now - 3600 : now);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)' };
    switch (variant) {
      case 'valid':
      case 'stale':
        headers['x-signature-ed25519'] = this.signature(timestamp, body);
        headers['x-signature-timestamp'] = timestamp;
        break;
      case 'missing':
        break;
      case 'missing-timestamp':
        headers['x-signature-ed25519'] = this.signature(timestamp, body);
        break;
      case 'garbage':
        headers['x-signature-ed25519'] = randomBytes(64).toString('hex');
        headers['x-signature-timestamp'] = timestamp;
        break;
      case 'other-body':
        headers['x-signature-ed25519'] = this.signature(timestamp, body.replace(/}$/, ',"x":1}'));
        headers['x-signature-timestamp'] = timestamp;
        break;
      case 'other-key':
        headers['x-signature-ed25519'] = this.signature(timestamp, body, generateKeyPairSync('ed25519').privateKey);
        headers['x-signature-timestamp'] = timestamp;
        break;
    }
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, contentType: res.headers.get('content-type'), text, json, elapsedMs: performance.now() - started };
  }

  /** Discord's PING when the endpoint URL is saved. */
  ping(url: string, variant: SignatureVariant = 'valid'): Promise<SignedPostResult> {
    return this.postSigned(url, JSON.stringify({ id: snowflake(), application_id: this.applicationId, token: randomBytes(24).toString('base64url'), type: 1, version: 1 }), variant);
  }
}
