/**
 * The gateway (events/gateway.mdx), JSON encoding, no compression: HELLO (op 10) on connect,
 * IDENTIFY (op 2) → READY dispatch then GUILD_CREATE per guild, RESUME (op 6) → RESUMED, heartbeat
 * (op 1) → HEARTBEAT_ACK (op 11); dispatches (op 0) carry increasing sequence numbers.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';

export const GatewayOp = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, Reconnect: 7, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

export interface GatewayIdentity {
  token: string;
  applicationId: string;
  botUser: Record<string, unknown>;
  /** Full guild objects for GUILD_CREATE. */
  guilds: () => Array<Record<string, unknown>>;
}

interface Session {
  id: string;
  socket: WebSocket;
  seq: number;
  identified: boolean;
  intents: number;
}

export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  heartbeats: number;
  /** IDENTIFY payloads as received, token removed. */
  identifyPayloads: Array<Record<string, unknown>>;
}

export class FakeGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<Session>();
  private readonly readyWaiters: Array<() => void> = [];
  private sessionCounter = 0;
  readonly stats: GatewayStats = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0, identifyPayloads: [] };

  constructor(
    private readonly identity: GatewayIdentity,
    private readonly heartbeatIntervalMs: number,
    private readonly publicUrl: () => string,
    /** Called whenever the gateway's state changes, so waiters can re-check. */
    private readonly onChange: () => void = () => undefined,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'ws://localhost');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (url.searchParams.get('v') !== '10') return ws.close(4012, 'Invalid API version');
      if ((url.searchParams.get('encoding') ?? 'json') !== 'json') return ws.close(4002, 'Decode error');
      if (url.searchParams.has('compress')) return ws.close(4002, 'Decode error');
      this.accept(ws);
    });
  }

  private accept(socket: WebSocket): void {
    this.stats.connections += 1;
    const session: Session = { id: '', socket, seq: 0, identified: false, intents: 0 };
    this.sessions.add(session);
    socket.on('close', () => {
      this.sessions.delete(session);
      this.onChange();
    });
    socket.on('message', (data) => {
      this.onMessage(session, data);
      this.onChange();
    });
    this.send(session, { op: GatewayOp.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs, _trace: ['["fake-gateway",{}]'] }, s: null, t: null });
  }

  private send(session: Session, payload: unknown): void {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify(payload));
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    this.send(session, { op: GatewayOp.Dispatch, t, s: session.seq, d });
  }

  private onMessage(session: Session, data: RawData): void {
    let payload: { op?: number; d?: Record<string, unknown> | number | null };
    try {
      payload = JSON.parse(data.toString()) as typeof payload;
    } catch {
      return session.socket.close(4002, 'Decode error');
    }
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        this.stats.heartbeats += 1;
        return this.send(session, { op: GatewayOp.HeartbeatAck, d: null, s: null, t: null });
      case GatewayOp.Identify:
        return this.identify(session, payload.d as Record<string, unknown>);
      case GatewayOp.Resume:
        return this.resume(session, payload.d as Record<string, unknown>);
      default:
        // 4001 Unknown opcode, 4003 Not authenticated (anything before IDENTIFY)
        return session.socket.close(session.identified ? 4001 : 4003, session.identified ? 'Unknown opcode' : 'Not authenticated');
    }
  }

  private identify(session: Session, d: Record<string, unknown> | null): void {
    if (session.identified) return session.socket.close(4005, 'Already authenticated');
    if (!d || d.token !== this.identity.token) return session.socket.close(4004, 'Authentication failed');
    if (!Number.isInteger(d.intents)) return session.socket.close(4013, 'Invalid intent(s)');
    const { token: _token, ...rest } = d;
    this.stats.identifies += 1;
    this.stats.identifyPayloads.push(rest);
    session.identified = true;
    session.intents = d.intents as number;
    session.id = `fake-session-${++this.sessionCounter}`;
    const guilds = this.identity.guilds();
    this.dispatchTo(session, 'READY', {
      v: 10,
      user: this.identity.botUser,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.publicUrl(),
      shard: Array.isArray(d.shard) ? d.shard : [0, 1],
      application: { id: this.identity.applicationId, flags: 0 },
      user_settings: {},
      private_channels: [],
      presences: [],
      relationships: [],
      _trace: ['["fake-gateway",{}]'],
    });
    // GUILDS intent (1 << 0): the guilds follow as GUILD_CREATE, as Discord lazily sends them.
    if ((session.intents & 1) === 1) for (const guild of guilds) this.dispatchTo(session, 'GUILD_CREATE', guild);
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  private resume(session: Session, d: Record<string, unknown> | null): void {
    if (!d || d.token !== this.identity.token) return session.socket.close(4004, 'Authentication failed');
    this.stats.resumes += 1;
    // Sessions are not kept across connections here: ask for a fresh IDENTIFY, as Discord does for a stale session.
    this.send(session, { op: GatewayOp.InvalidSession, d: false, s: null, t: null });
  }

  /** Resolves once a client has identified (now or later). */
  waitForIdentify(): Promise<void> {
    if ([...this.sessions].some((s) => s.identified)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  get identifiedSessions(): number {
    return [...this.sessions].filter((s) => s.identified).length;
  }

  /** Sends a dispatch event to every identified session; returns how many received it. */
  dispatch(t: string, d: unknown): number {
    let count = 0;
    for (const session of this.sessions) {
      if (!session.identified) continue;
      this.dispatchTo(session, t, d);
      count += 1;
    }
    return count;
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
