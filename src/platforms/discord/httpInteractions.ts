/**
 * POST /discord/interactions: Discord's outgoing-webhook way of delivering commands. The signature
 * is checked before anything else (Discord probes the endpoint with bad signatures and removes it if
 * they are accepted); then PING is answered, and commands are answered inline or deferred and
 * completed through the interaction webhook with discord.js REST.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InteractionResponseType, InteractionType, MessageFlags, Routes, type REST } from 'discord.js';
import type { CommandRunner } from '../../commands/handleCommand.js';
import type { Logger } from '../../observability/logger.js';
import type { Store } from '../../store/store.js';
import { readBody, sendJson, type RouteHandler } from '../../server/httpServer.js';
import { commandCallFromPayload } from './invocation.js';
import { suggestionsFor } from './suggestions.js';
import { respondToCommand, type InteractionResponder } from './respondToCommand.js';
import { toRawFile } from './replyMessage.js';
import { ed25519PublicKey, isValidDiscordSignature } from './verifySignature.js';

export const INTERACTIONS_PATH = '/discord/interactions';

// An interaction token lives 15 minutes; a signed request older than that can only be a replay.
const MAX_AGE_SECONDS = 15 * 60;
const MAX_BODY_BYTES = 256 * 1024;

export interface HttpInteractionsOptions {
  publicKey: string;
  applicationId: string;
  rest: REST;
  runCommand: CommandRunner;
  logger: Logger;
  /** Where accepted interaction ids are remembered: shared by replicas and kept across restarts. */
  requests: Pick<Store, 'rememberRequest'>;
  deferAfterMs?: number;
  now?: () => number;
}

export interface HttpInteractions {
  handler: RouteHandler;
  /** Refuses new interactions (503) and waits for deferred replies still being completed. */
  stop(): Promise<void>;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function createHttpInteractions(options: HttpInteractionsOptions): HttpInteractions {
  const publicKey = ed25519PublicKey(options.publicKey);
  const now = options.now ?? Date.now;
  const { logger, rest, applicationId } = options;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  function webhookResponder(res: ServerResponse, token: string, onInitial: () => void): InteractionResponder {
    const original = Routes.webhookMessage(applicationId, token, '@original');
    const initial = (body: unknown): void => {
      sendJson(res, 200, body);
      onInitial();
    };
    return {
      async reply(body) {
        initial({ type: InteractionResponseType.ChannelMessageWithSource, data: body });
      },
      async defer(ephemeral) {
        initial({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: ephemeral ? { flags: MessageFlags.Ephemeral } : {} });
      },
      // Interaction webhooks are authorized by their token, not the bot token.
      async editOriginal(body, files) {
        await rest.patch(original, { body, auth: false, ...(files?.length ? { files: files.map(toRawFile) } : {}) });
      },
      async deleteOriginal() {
        await rest.delete(original, { auth: false });
      },
      async followUp(body, files) {
        await rest.post(Routes.webhook(applicationId, token), { body, auth: false, ...(files?.length ? { files: files.map(toRawFile) } : {}) });
      },
    };
  }

  const handler: RouteHandler = async (req, res) => {
    const signature = header(req, 'x-signature-ed25519');
    const timestamp = header(req, 'x-signature-timestamp');
    if (!signature || !timestamp) {
      req.resume();
      sendJson(res, 401, { error: 'missing request signature' });
      return;
    }
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (!isValidDiscordSignature(publicKey, signature, timestamp, raw)) {
      sendJson(res, 401, { error: 'invalid request signature' });
      return;
    }
    const nowMs = now();
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) {
      logger.warn({ timestamp }, 'refused a signed Discord interaction with a stale timestamp (replay, or a wrong clock)');
      sendJson(res, 401, { error: 'stale request timestamp' });
      return;
    }
    if (stopped) {
      sendJson(res, 503, { error: 'shutting down' });
      return;
    }
    let interaction: { id?: string; type?: number; token?: string };
    try {
      interaction = JSON.parse(raw.toString('utf8')) as typeof interaction;
    } catch {
      sendJson(res, 400, { error: 'body is not JSON' });
      return;
    }
    if (interaction?.type === InteractionType.Ping) {
      sendJson(res, 200, { type: InteractionResponseType.Pong });
      return;
    }
    if (interaction?.type === InteractionType.ApplicationCommandAutocomplete) {
      // Suggestions for the option being typed (type 8, up to 25 choices); nothing runs, nothing is stored.
      const read = commandCallFromPayload(interaction);
      const choices = read.ok ? await suggestionsFor(read.call, options.runCommand, logger) : [];
      sendJson(res, 200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
      return;
    }
    if (interaction?.type !== InteractionType.ApplicationCommand || typeof interaction.token !== 'string' || typeof interaction.id !== 'string') {
      sendJson(res, 400, { error: 'unsupported interaction type' });
      return;
    }
    const read = commandCallFromPayload(interaction);
    if (!read.ok) {
      logger.warn({ interactionId: interaction.id, problem: read.problem }, 'refused a signed Discord interaction it cannot read');
      sendJson(res, 400, { error: read.problem });
      return;
    }
    const { call } = read;
    let firstTime: boolean;
    try {
      // Accepted until its timestamp leaves the window, so the record expires with it.
      const expiresAt = new Date(Number(timestamp) * 1000 + MAX_AGE_SECONDS * 1000).toISOString();
      firstTime = await options.requests.rememberRequest(`discord-interaction:${interaction.id}`, expiresAt, new Date(nowMs).toISOString());
    } catch (err) {
      logger.error({ err, interactionId: interaction.id }, 'cannot record a Discord interaction (database unavailable): refused');
      sendJson(res, 503, { error: 'database unavailable' });
      return;
    }
    if (!firstTime) {
      logger.warn({ interactionId: interaction.id }, 'refused a replayed Discord interaction');
      sendJson(res, 401, { error: 'interaction already received' });
      return;
    }

    let answered!: () => void;
    const initialSent = new Promise<void>((resolve) => (answered = resolve));
    const work = respondToCommand(call, webhookResponder(res, interaction.token, answered), options).catch((err: unknown) => {
      logger.error({ err, command: call.command }, 'discord interaction failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    await Promise.race([initialSent, work]);
  };

  return {
    handler,
    async stop() {
      stopped = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}
