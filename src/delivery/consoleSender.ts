/**
 * The console "chat": what the bot posts when no chat credentials are set. A digest is one plain-text
 * message written to stdout (or any stream), so `newsdigest serve` and `newsdigest digest` show it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { chartOfMessage } from './chartMessage.js';
import type { ChatSender } from './sender.js';
import { DeliveryError } from './sender.js';
import type { Digest } from '../digest/digest.js';
import { renderText } from '../digest/render/text.js';

export interface ConsoleSenderOptions {
  /** Where messages go (default process.stdout). */
  out?: Writable;
  /** Where a digest's chart PNG is written (the app passes DATA_DIR/charts; default a temp folder). */
  chartDir?: string;
}

export class ConsoleSender implements ChatSender {
  readonly platform = 'console' as const;
  private readonly out: Writable;
  private readonly chartDir: string;
  private posted = 0;

  constructor(options: ConsoleSenderOptions = {}) {
    this.out = options.out ?? process.stdout;
    this.chartDir = options.chartDir ?? path.join(tmpdir(), 'newsdigest-charts');
  }

  /** A chart cannot be shown in a terminal: its PNG goes to a file, its points to the console. */
  private chartText(message: unknown, idempotencyKey: string): string | null {
    const chart = chartOfMessage(message);
    if (!chart) return null;
    let where: string;
    try {
      mkdirSync(this.chartDir, { recursive: true });
      const file = path.join(this.chartDir, `digest-${idempotencyKey.replace(/[^\w.-]/g, '-')}-${chart.filename}`);
      writeFileSync(file, chart.png);
      where = `chart image saved to ${file}`;
    } catch (err) {
      where = `chart image not saved (${(err as Error).message})`;
    }
    return `${chart.fallbackText}\n(${where})`;
  }

  render(digest: Digest): unknown[] {
    return [renderText(digest)];
  }

  async post(channelId: string, message: unknown, idempotencyKey: string): Promise<string> {
    message = this.chartText(message, idempotencyKey) ?? message;
    if (typeof message !== 'string') throw new DeliveryError(`not a console message (expected text, got ${message === null ? 'null' : typeof message}); was the digest rendered for another platform?`, true);
    const text = message.endsWith('\n') ? message : `${message}\n`;
    await new Promise<void>((resolve, reject) => {
      this.out.write(text, (err) => (err ? reject(new DeliveryError(`writing to the console failed: ${err.message}`, false)) : resolve()));
    });
    this.posted += 1;
    return `console:${channelId}:${idempotencyKey}:${this.posted}`;
  }
}
