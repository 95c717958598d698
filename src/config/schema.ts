/** The configuration schema: config/default.yaml, merged with config/local.yaml, checked at start-up. */
import { z } from 'zod';
import { FigureRulesSchema } from '../figures/rules.js';
import { AnswerRulesSchema } from '../answers/rules.js';
import { FigureLabelRulesSchema } from '../digest/figureLabel.js';
import { isValidCron, isValidTimeZone } from './validators.js';
import { readAlertValue } from '../alerts/alertRule.js';

const CONFIG_EXAMPLE = '{ measure: US aid to Ukraine, when: above, value: 70bn }';

const cron = z.string().refine(isValidCron, { message: 'a cron expression with 5 or 6 fields, e.g. "0 8 * * *"' });
const timeZone = z.string().refine(isValidTimeZone, { message: 'an IANA time zone name, e.g. "UTC" or "Europe/Kyiv"' });
const idPattern = /^[a-z0-9][a-z0-9_-]*$/;

export const TopicSchema = z.object({
  id: z.string().regex(idPattern, 'lowercase letters, digits, "-" or "_"'),
  name: z.string().min(1),
  /** An article from one of the topic's feeds belongs to it; with keywords, only if it mentions one. */
  keywords: z.array(z.string().min(1)).default([]),
});

export const FeedConfigSchema = z.object({
  /** http(s) URL, or a path to a local file (relative to the working directory). */
  url: z.string().min(1),
  title: z.string().optional(),
  topics: z.array(z.string()).default([]),
  /** Fetch the article page when an item has only a short summary. */
  fullText: z.boolean().default(false),
});

/** An alert a channel declares: `{ measure: US aid to Ukraine, when: above, value: 70bn }` or `when: changes`. */
export const AlertConfigSchema = z
  .object({
    measure: z.string().trim().min(1),
    when: z.enum(['above', 'below', 'changes']),
    /** The line, as in chat: 70bn, "$70 billion", 700, 70e9 (YAML reads the last as a number). */
    value: z.union([z.string(), z.number()]).optional(),
  })
  .superRefine((a, ctx) => {
    // Messages say what is expected: the loader adds the path and what it got.
    const value = a.value === undefined ? undefined : String(a.value);
    if (a.when === 'changes') {
      if (value !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `no value for "when: changes" (use above or below for a line, e.g. ${CONFIG_EXAMPLE})` });
    } else if (value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `a value for "when: ${a.when}", e.g. ${CONFIG_EXAMPLE}` });
    } else if (!readAlertValue(value).ok) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `a value such as 70bn, "$70 billion", 700 or 70e9, e.g. ${CONFIG_EXAMPLE}` });
    }
  });

export const ChannelConfigSchema = z.object({
  platform: z.enum(['discord', 'slack', 'console']),
  id: z.string().min(1),
  workspaceId: z.string().optional(),
  topics: z.array(z.string()).default([]),
  feeds: z.array(z.string()).default([]),
  schedule: cron.optional(),
  timezone: timeZone.optional(),
  maxArticles: z.number().int().min(1).max(500).optional(),
  postWhenEmpty: z.boolean().optional(),
  alerts: z.array(AlertConfigSchema).default([]),
  /** What each digest of this channel carries besides its articles and key figures. */
  digest: z
    .object({
      /** A chart of the channel's headline running total, in each digest where that total changed. */
      chart: z.boolean().default(false),
    })
    .strict()
    .optional(),
});

export const ConfigSchema = z
  .object({
    ingest: z
      .object({
        /** Minutes between polls of one feed. */
        pollIntervalMinutes: z.number().int().min(1).default(15),
        concurrency: z.number().int().min(1).max(64).default(8),
        perHostConcurrency: z.number().int().min(1).max(16).default(2),
        timeoutMs: z.number().int().min(100).default(15_000),
        maxBytes: z.number().int().min(1024).default(10 * 1024 * 1024),
        maxRedirects: z.number().int().min(0).max(20).default(5),
        /** A feed seen for the first time: all but its newest N items are stored as already seen. */
        initialItems: z.number().int().min(0).default(3),
        /** A summary shorter than this (characters) counts as "only a summary" for fullText feeds. */
        fullTextMinChars: z.number().int().min(0).default(600),
        backoff: z
          .object({ baseMinutes: z.number().min(0).default(5), maxMinutes: z.number().min(1).default(24 * 60) })
          .prefault({}),
        /** Feeds added from chat may not resolve to loopback/private/link-local addresses unless this is true. */
        allowPrivateAddresses: z.boolean().default(false),
        /** Threads that parse feeds and read figures (absent: one per core; 0: on the main thread). */
        workers: z.number().int().min(0).max(64).optional(),
      })
      .prefault({}),
    digest: z
      .object({
        schedule: cron.default('0 8 * * *'),
        timezone: timeZone.default('UTC'),
        maxArticles: z.number().int().min(1).max(500).default(25),
        postWhenEmpty: z.boolean().default(false),
        /** A channel's first digest covers this many hours. */
        firstLookbackHours: z.number().min(1).default(24),
        /** Delivery retries before a digest is marked failed for good. */
        maxAttempts: z.number().int().min(1).default(12),
      })
      .prefault({}),
    topics: z.array(TopicSchema).default([]),
    feeds: z.array(FeedConfigSchema).default([]),
    channels: z.array(ChannelConfigSchema).default([]),
    figures: FigureRulesSchema,
    answers: AnswerRulesSchema.prefault({}),
    /** How figures are named for readers (digests, /figures, answers, charts), in the order digests show them. */
    labels: FigureLabelRulesSchema,
    slack: z.object({ adminUserIds: z.array(z.string()).default([]) }).prefault({}),
    discord: z.object({ guildId: z.string().optional() }).prefault({}),
  })
  .superRefine((cfg, ctx) => {
    const topicIds = new Set(cfg.topics.map((t) => t.id));
    cfg.feeds.forEach((f, i) =>
      f.topics.forEach((t, j) => {
        if (!topicIds.has(t)) ctx.addIssue({ code: 'custom', path: ['feeds', i, 'topics', j], message: `a topic id declared under topics (got "${t}")` });
      }),
    );
    cfg.channels.forEach((c, i) =>
      c.topics.forEach((t, j) => {
        if (!topicIds.has(t)) ctx.addIssue({ code: 'custom', path: ['channels', i, 'topics', j], message: `a topic id declared under topics (got "${t}")` });
      }),
    );
  });

export type Config = z.infer<typeof ConfigSchema>;
export type TopicConfig = z.infer<typeof TopicSchema>;
export type FeedConfig = z.infer<typeof FeedConfigSchema>;
export type ChannelConfig = z.infer<typeof ChannelConfigSchema>;
export type AlertConfig = z.infer<typeof AlertConfigSchema>;

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** Settings that come from the environment (.env via dotenv). Secrets live only here. */
export const EnvSchema = z.object({
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalString,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_PUBLIC_KEY: optionalString,
  DISCORD_RECEIVE: z.enum(['gateway', 'http']).optional(),
  DISCORD_API_BASE: z.string().url().default('https://discord.com/api'),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString,
});

export type Env = z.infer<typeof EnvSchema>;
