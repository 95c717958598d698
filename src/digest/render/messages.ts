/**
 * The wire shapes the renderers produce: plain JSON objects as Discord's and Slack's APIs take them
 * (no discord.js or @slack types: the core never imports a platform library).
 */

// ------------------------------------------------------------------------------------- Discord

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  /** ISO timestamp, shown by Discord in the reader's time zone. */
  timestamp?: string;
  color?: number;
  fields?: DiscordEmbedField[];
  footer?: { text: string };
  author?: { name: string; url?: string };
}

/** A message for POST /channels/{id}/messages. Mentions are always off: `{ parse: [] }`. */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: [] };
}

// ------------------------------------------------------------------------------------- Slack

export interface SlackPlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface SlackMrkdwn {
  type: 'mrkdwn';
  text: string;
  /** true: Slack does no auto-linking or mention parsing of its own; only our explicit <…> markup counts. */
  verbatim?: boolean;
}

export type SlackText = SlackPlainText | SlackMrkdwn;

export interface SlackHeaderBlock {
  type: 'header';
  text: SlackPlainText;
  block_id?: string;
}

export interface SlackSectionBlock {
  type: 'section';
  text?: SlackText;
  fields?: SlackText[];
  block_id?: string;
}

export interface SlackContextBlock {
  type: 'context';
  elements: SlackText[];
  block_id?: string;
}

export interface SlackDividerBlock {
  type: 'divider';
  block_id?: string;
}

export type SlackBlock = SlackHeaderBlock | SlackSectionBlock | SlackContextBlock | SlackDividerBlock;

/** A message for chat.postMessage: `text` is the notification fallback, `blocks` what is shown. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}
