/** The platform-free shape of a chat command: what adapters turn requests into, and replies back from. */
import type { Platform } from '../store/store.js';
import type { Answer } from '../answers/answer.js';
import type { ChartImage } from '../charts/chartImage.js';

/** How an option's text is checked before any handler runs. */
export type OptionKind = 'text' | 'cron' | 'timezone' | 'topic_or_feed_url' | 'alert_condition' | 'alert_value' | 'alert_id';

export interface OptionSpec {
  name: string;
  description: string;
  required: boolean;
  kind: OptionKind;
  /** The only values allowed (Discord offers them as a list). */
  choices?: readonly string[];
  /**
   * Giving this option makes the command slow (a chart is rendered and uploaded): adapters defer at
   * once. On Slack, an option after the first is written as its name then its value
   * (`/figures chart total aid`).
   */
  slow?: boolean;
  /** Offer suggestions while the user types (Discord autocomplete): example questions or topics. */
  suggest?: SuggestionKind;
  /** Left empty, the command answers with examples of what to type instead of refusing. */
  examplesWhenEmpty?: boolean;
}

/** What an option's suggestions are drawn from: questions that work, or topics and measures. */
export type SuggestionKind = 'questions' | 'topics';

/** One suggestion: shown as `name`, sent back as the option's `value` (Discord: 1-100 characters each). */
export interface Choice {
  name: string;
  value: string;
}

export interface SubcommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** Changes the channel's configuration: admins only. */
  admin: boolean;
  /** May take longer than a platform's 3 s acknowledgement window: adapters defer it. */
  slow?: boolean;
}

export interface CommandSpec {
  name: string;
  description: string;
  /** Either options (a leaf command) or subcommands. */
  options: OptionSpec[];
  subcommands: SubcommandSpec[];
  admin: boolean;
  slow?: boolean;
}

/** One command as a user invoked it, already translated by a platform adapter. */
export interface Invocation {
  platform: Platform;
  /** Platform channel id (without the platform prefix). */
  channelId: string;
  /** Discord guild id or Slack team id. */
  workspaceId: string | null;
  userId: string;
  command: string;
  subcommand: string | null;
  args: Record<string, string>;
  /** The adapter's verdict from the platform's permissions (Discord MANAGE_GUILD, Slack admin/owner or config list). */
  isAdmin: boolean;
  /**
   * The option the user is typing in (Discord autocomplete): the reply carries `choices` for it,
   * from what args holds so far, and nothing is run.
   */
  focused?: string;
}

export interface Reply {
  /** Plain text; adapters escape it for their markup. */
  text: string;
  /** Only the invoking user sees it (refusals, errors, admin output). */
  ephemeral: boolean;
  /** Set for /ask so adapters may render a richer card. */
  answer?: Answer;
  /** An image to upload with the reply; `text` is then its text fallback (the points, listed). */
  chart?: ChartImage;
  /** Suggestions for the focused option of an autocomplete request (at most 25). */
  choices?: Choice[];
}
