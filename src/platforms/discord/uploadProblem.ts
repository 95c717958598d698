/** Why Discord refused an upload, in words for the person who asked for the chart. */
import { DiscordAPIError, HTTPError } from 'discord.js';

export function uploadProblem(err: unknown): string {
  if (err instanceof DiscordAPIError) {
    if (err.code === 40005 || err.status === 413) return 'Discord refused the chart image as too large';
    return `Discord refused the chart image (${err.message}, code ${err.code})`;
  }
  if (err instanceof HTTPError) return `Discord did not take the chart image (HTTP ${err.status})`;
  return 'the chart image could not be sent to Discord';
}

/** The text that replaces a refused chart: the reason, then every point, so nothing is lost. */
export function chartFallbackText(err: unknown, fallbackText: string): string {
  return `${uploadProblem(err)}, so here are its points as text:\n${fallbackText}`;
}
