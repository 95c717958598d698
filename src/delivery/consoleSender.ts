/**
 * The console "chat": what the bot posts when no chat credentials are set. A digest is one plain-text
 * message written to stdout (or any stream), so `newsdigest serve` and `newsdigest digest` show it.
 */
import type { Writable } from 'node:stream';
import type { ChatSender } from './sender.js';
import { DeliveryError } from './sender.js';
import type { Digest } from '../digest/digest.js';
import { renderText } from '../digest/render/text.js';

export interface ConsoleSenderOptions {
  /** Where messages go (default process.stdout). */
  out?: Writable;
}

export class ConsoleSender implements ChatSender {
  readonly platform = 'console' as const;
  private readonly out: Writable;
  private posted = 0;

  constructor(options: ConsoleSenderOptions = {}) {
    this.out = options.out ?? process.stdout;
  }

  render(digest: Digest): unknown[] {
    return [renderText(digest)];
  }

  async post(channelId: string, message: unknown, idempotencyKey: string): Promise<string> {
    if (typeof message !== 'string') throw new DeliveryError(`not a console message (expected text, got ${message === null ? 'null' : typeof message}); was the digest rendered for another platform?`, true);
    const text = message.endsWith('\n') ? message : `${message}\n`;
    await new Promise<void>((resolve, reject) => {
      this.out.write(text, (err) => (err ? reject(new DeliveryError(`writing to the console failed: ${err.message}`, false)) : resolve()));
    });
    this.posted += 1;
    return `console:${channelId}:${idempotencyKey}:${this.posted}`;
  }
}
