/**
 * A real ChatSender over HTTP for the fake chat API in fakeChat.ts: renders the digest as text split
 * into messages of at most `maxChars` (so a long digest is several messages) and posts each with
 * fetch, turning the answers into DeliveryErrors the way the platform senders do.
 */
import type { ChatSender } from '../../src/delivery/sender.js';
import { DeliveryError } from '../../src/delivery/sender.js';
import type { Digest } from '../../src/digest/digest.js';
import type { Platform } from '../../src/store/store.js';
import { renderText } from '../../src/digest/render/text.js';

export interface HttpChatSenderOptions {
  baseUrl: string;
  platform?: Platform;
  /** Longest message; the text is split at line ends (default 2000). */
  maxChars?: number;
  timeoutMs?: number;
}

export function splitText(text: string, maxChars: number): string[] {
  const messages: string[] = [];
  let current = '';
  for (const raw of text.replace(/\n$/, '').split('\n')) {
    const line = raw.slice(0, maxChars);
    if (current !== '' && current.length + 1 + line.length > maxChars) {
      messages.push(current);
      current = line;
    } else current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') messages.push(current);
  return messages;
}

export function createHttpChatSender(options: HttpChatSenderOptions): ChatSender {
  const maxChars = options.maxChars ?? 2000;
  return {
    platform: options.platform ?? 'discord',
    render: (digest: Digest) => splitText(renderText(digest), maxChars),
    async post(channelId, message, idempotencyKey) {
      let res: Response;
      try {
        res = await fetch(`${options.baseUrl}/channels/${encodeURIComponent(channelId)}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ content: message, idempotencyKey }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw new DeliveryError(`chat API unreachable: ${(err as Error).message}`, false);
      }
      const body = (await res.json().catch(() => ({}))) as { id?: string; message?: string };
      if (res.ok && body.id) return body.id;
      const what = `chat API answered ${res.status} ${body.message ?? ''}`.trim();
      if (res.status === 429) throw new DeliveryError(what, false, Number(res.headers.get('retry-after') ?? '1'));
      if (res.status >= 500) throw new DeliveryError(what, false);
      throw new DeliveryError(what, true);
    },
  };
}
