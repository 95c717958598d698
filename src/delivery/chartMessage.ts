/**
 * A chart as one message of a recorded digest. The outbox stores payloads as JSON, so the PNG rides
 * as base64; each ChatSender recognizes the message and uploads it its own way (Discord multipart,
 * Slack external upload, the console a file), with the points as text when the upload is refused.
 */
import type { ChartImage } from '../charts/chartImage.js';

export interface ChartMessage {
  kind: 'chart';
  pngBase64: string;
  filename: string;
  title: string;
  altText: string;
  fallbackText: string;
}

export function toChartMessage(image: ChartImage): ChartMessage {
  return { kind: 'chart', pngBase64: image.png.toString('base64'), filename: image.filename, title: image.title, altText: image.altText, fallbackText: image.fallbackText };
}

/** The chart a payload message holds, or null for any other message. */
export function chartOfMessage(message: unknown): ChartImage | null {
  const m = message as Partial<ChartMessage> | null;
  if (!m || typeof m !== 'object' || m.kind !== 'chart' || typeof m.pngBase64 !== 'string') return null;
  return { png: Buffer.from(m.pngBase64, 'base64'), filename: m.filename ?? 'chart.png', title: m.title ?? '', altText: m.altText ?? '', fallbackText: m.fallbackText ?? '' };
}
