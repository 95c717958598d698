/**
 * The gateway (events/gateway.mdx), JSON encoding, no compression: HELLO (op 10) on connect,
 * IDENTIFY (op 2) → READY dispatch then GUILD_CREATE per guild, RESUME (op 6) → the dispatches the
 * client missed, then RESUMED; heartbeat (op 1) → HEARTBEAT_ACK (op 11); dispatches (op 0) carry
 * increasing sequence numbers. A session outlives its connection (Discord keeps it resumable for a
 * while), and dispatches sent while it has no connection wait for its RESUME. Tests can play the
 * gateway's disruptions: RECONNECT (op 7), INVALID_SESSION (op 9), a dropped TCP connection, and a
 * gateway that stops acknowledging heartbeats (a zombie connection the client must notice).
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

/** A gateway session (one IDENTIFY): it survives its connection until resumed or invalidated. */
interface Session {
  id: string;
  seq: number;
  intents: number;
  /** Every dispatch of the session, for replay after a RESUME. */
  sent: Array<{ s: number; t: string; d: unknown }>;
  /** The connection it is on now, or null while the client is away. */
  connection: Connection | null;
  resumable: boolean;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
}

export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  heartbeats: number;
  /** Dispatches replayed to clients that resumed. */
  replayed: number;
  /** IDENTIFY payloads as received, token removed. */
  identifyPayloads: Array<Record<string, unknown>>;
}

export class FakeGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private readonly sessions = new Map<string, Session>();
  private ackHeartbeats = true;
  private readonly readyWaiters: Array<() => void> = [];
  private sessionCounter = 0;
  readonly stats: GatewayStats = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0, replayed: 0, identifyPayloads: [] };

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
    const connection: Connection = { socket, session: null };
    this.connections.add(connection);
    socket.on('close', () => {
      this.connections.delete(connection);
      if (connection.session?.connection === connection) connection.session.connection = null;
      this.onChange();
    });
    socket.on('message', (data) => {
      this.onMessage(connection, data);
      this.onChange();
    });
    this.send(connection, { op: GatewayOp.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs, _trace: ['["fake-gateway",{}]'] }, s: null, t: null });
  }

  private send(connection: Connection, payload: unknown): void {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(payload));
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    if (session.connection) this.send(session.connection, { op: GatewayOp.Dispatch, t, s: session.seq, d });
  }

  private onMessage(connection: Connection, data: RawData): void {
    let payload: { op?: number; d?: Record<string, unknown> | number | null };
    try {
      payload = JSON.parse(data.toString()) as typeof payload;
    } catch {
      return connection.socket.close(4002, 'Decode error');
    }
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        this.stats.heartbeats += 1;
        if (this.ackHeartbeats) this.send(connection, { op: GatewayOp.HeartbeatAck, d: null, s: null, t: null });
        return;
      case GatewayOp.Identify:
        return this.identify(connection, payload.d as Record<string, unknown>);
      case GatewayOp.Resume:
        return this.resume(connection, payload.d as Record<string, unknown>);
      default:
        // 4001 Unknown opcode, 4003 Not authenticated (anything before IDENTIFY)
        return connection.socket.close(connection.session ? 4001 : 4003, connection.session ? 'Unknown opcode' : 'Not authenticated');
    }
  }

  private identify(connection: Connection, d: Record<string, unknown> | null): void {
    if (connection.session) return connection.socket.close(4005, 'Already authenticated');
    if (!d || d.token !== this.identity.token) return connection.socket.close(4004, 'Authentication failed');
    if (!Number.isInteger(d.intents)) return connection.socket.close(4013, 'Invalid intent(s)');
    const { token: _token, ...rest } = d;
    this.stats.identifies += 1;
    this.stats.identifyPayloads.push(rest);
    const session: Session = { id: `fake-session-${++this.sessionCounter}`, seq: 0, intents: d.intents as number, sent: [], connection, resumable: true };
    this.sessions.set(session.id, session);
    connection.session = session;
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

  /** RESUME: the dispatches after the client's last sequence number, then RESUMED; else op 9. */
  private resume(connection: Connection, d: Record<string, unknown> | null): void {
    if (!d || d.token !== this.identity.token) return connection.socket.close(4004, 'Authentication failed');
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (!session || !session.resumable || typeof d.seq !== 'number' || d.seq > session.seq) {
      // Discord: the session cannot be resumed; the client must IDENTIFY anew.
      return this.send(connection, { op: GatewayOp.InvalidSession, d: false, s: null, t: null });
    }
    this.stats.resumes += 1;
    if (session.connection && session.connection !== connection) session.connection.socket.terminate();
    session.connection = connection;
    connection.session = session;
    for (const missed of session.sent.filter((e) => e.s > (d.seq as number))) {
      this.stats.replayed += 1;
      this.send(connection, { op: GatewayOp.Dispatch, t: missed.t, s: missed.s, d: missed.d });
    }
    this.dispatchTo(session, 'RESUMED', { _trace: ['["fake-gateway",{}]'] });
  }

  /** Resolves once a client has identified (now or later). */
  waitForIdentify(): Promise<void> {
    if (this.identifiedSessions > 0) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Sessions with a live connection. */
  get identifiedSessions(): number {
    return [...this.sessions.values()].filter((s) => s.connection !== null).length;
  }

  /**
   * Sends a dispatch event to every resumable session, connected or not (one that is away gets it on
   * RESUME); returns how many sessions it went to.
   */
  dispatch(t: string, d: unknown): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      if (!session.resumable) continue;
      this.dispatchTo(session, t, d);
      count += 1;
    }
    return count;
  }

  // ---------------------------------------------------------------- disruptions

  /** op 7 RECONNECT: Discord asks the client to reconnect and resume. */
  requestReconnect(): void {
    for (const c of this.connections) if (c.session) this.send(c, { op: GatewayOp.Reconnect, d: null, s: null, t: null });
  }

  /** op 9 INVALID_SESSION: `resumable` false makes the client identify anew (the old session is gone). */
  invalidateSessions(resumable: boolean): void {
    for (const c of this.connections) {
      if (!c.session) continue;
      if (!resumable) c.session.resumable = false;
      this.send(c, { op: GatewayOp.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  /** The TCP connections die without a close frame (a network fault); sessions stay resumable. */
  dropConnections(): void {
    for (const c of this.connections) c.socket.terminate();
  }

  /** false: heartbeats go unacknowledged, so the client must notice a zombie connection. */
  setHeartbeatAcks(on: boolean): void {
    this.ackHeartbeats = on;
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
