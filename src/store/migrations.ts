/**
 * The one schema history of both databases. A migration is applied once, in version order, and
 * recorded in schema_migrations; the list is append-only (never edit one that has shipped, add the
 * next version). The versions are those the two former per-database lists recorded, so databases
 * made by earlier versions carry on from where they are. Table definitions are written once with
 * the few column types that differ taken from the dialect; the catalog triggers are the one part
 * written twice, since SQLite and PL/pgSQL triggers share no syntax.
 */
import type { DialectName } from './dialect.js';

export interface Migration {
  version: number;
  name: string;
  /** One or more statements, run in the migrating transaction. */
  sql: (dialect: DialectName) => string;
}

/** Column types per dialect: SQLite stores ISO text, 0/1 and JSON text (see timestamps.ts). */
const TYPES = {
  sqlite: { key: 'INTEGER PRIMARY KEY', bigkey: 'INTEGER PRIMARY KEY', ref: 'INTEGER', time: 'TEXT', bool: 'INTEGER', real: 'REAL', json: 'TEXT', big: 'INTEGER' },
  postgres: {
    key: 'integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
    bigkey: 'bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
    ref: 'bigint',
    time: 'timestamptz',
    bool: 'boolean',
    real: 'double precision',
    // json (not jsonb): digest messages are kept exactly as rendered.
    json: 'json',
    big: 'bigint',
  },
} as const;

const FALSE = { sqlite: '0', postgres: 'false' } as const;

function tables(d: DialectName): string {
  const t = TYPES[d];
  const no = FALSE[d];
  return `
CREATE TABLE feeds (
  id ${t.key},
  url text NOT NULL UNIQUE,
  title text,
  full_text ${t.bool} NOT NULL DEFAULT ${no},
  trusted ${t.bool} NOT NULL DEFAULT ${no},
  etag text,
  last_modified text,
  last_status integer,
  last_error text,
  last_fetched_at ${t.time},
  consecutive_failures integer NOT NULL DEFAULT 0,
  next_poll_at ${t.time},
  lease_owner text,
  lease_until ${t.time},
  created_at ${t.time} NOT NULL
);
CREATE INDEX feeds_next_poll ON feeds (next_poll_at);

CREATE TABLE articles (
  id ${t.bigkey},
  guid text,
  link text,
  title text NOT NULL,
  published ${t.time} NOT NULL,
  published_is_fetch_time ${t.bool} NOT NULL,
  author text,
  summary text,
  text text,
  first_seen_at ${t.time} NOT NULL,
  seeded ${t.bool} NOT NULL DEFAULT ${no},
  title_hash text NOT NULL
);
-- Across feeds, one canonical link is one article.
CREATE UNIQUE INDEX articles_link ON articles (link) WHERE link IS NOT NULL;
CREATE INDEX articles_first_seen ON articles (first_seen_at, published, id);

-- Which feeds carried an article, under which guid: the same wire story in two feeds is one
-- article with two rows here.
CREATE TABLE article_sources (
  id ${t.bigkey},
  article_id ${t.ref} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  feed_id integer NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  guid text,
  title_hash text NOT NULL,
  added_at ${t.time} NOT NULL,
  UNIQUE (article_id, feed_id)
);
CREATE UNIQUE INDEX article_sources_feed_guid ON article_sources (feed_id, guid) WHERE guid IS NOT NULL;
CREATE INDEX article_sources_feed_hash ON article_sources (feed_id, title_hash);
CREATE INDEX article_sources_feed_article ON article_sources (feed_id, article_id);

CREATE TABLE figures (
  id ${t.bigkey},
  article_id ${t.ref} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  value ${t.real} NOT NULL,
  value_max ${t.real},
  unit text NOT NULL,
  qualifier text NOT NULL,
  category text NOT NULL,
  actor text,
  cumulative ${t.bool} NOT NULL,
  quote text NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  sentence text NOT NULL,
  published ${t.time} NOT NULL
);
-- One index per answer shape, each ending in the answer order so a lookup stops at its limit.
CREATE INDEX figures_category_actor_cumulative ON figures (category, actor, cumulative, published DESC, id DESC);
CREATE INDEX figures_category_actor ON figures (category, actor, published DESC, id DESC);
CREATE INDEX figures_category ON figures (category, published DESC, id DESC);
CREATE INDEX figures_published ON figures (published DESC, id DESC);
CREATE INDEX figures_article ON figures (article_id);

-- (category, actor) -> count and newest date, kept by triggers so the catalog costs nothing at a million figures.
CREATE TABLE figure_catalog (
  category text NOT NULL,
  actor_key text NOT NULL,
  actor text,
  figure_count ${t.big} NOT NULL,
  latest_published ${t.time} NOT NULL,
  PRIMARY KEY (category, actor_key)
);
${CATALOG_TRIGGERS[d]}
CREATE TABLE channels (
  channel_key text PRIMARY KEY,
  platform text NOT NULL CHECK (platform IN ('discord', 'slack', 'console')),
  external_id text NOT NULL,
  workspace_id text,
  schedule text NOT NULL,
  timezone text NOT NULL,
  max_articles integer NOT NULL CHECK (max_articles > 0),
  post_when_empty ${t.bool} NOT NULL,
  origin text NOT NULL CHECK (origin IN ('config', 'chat')),
  created_at ${t.time} NOT NULL,
  updated_at ${t.time} NOT NULL
);

CREATE TABLE subscriptions (
  channel_key text NOT NULL REFERENCES channels (channel_key) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('topic', 'feed')),
  value text NOT NULL,
  created_at ${t.time} NOT NULL,
  PRIMARY KEY (channel_key, kind, value)
);

-- The outbox: a digest is recorded once per (channel, slot) before anything is posted.
-- No foreign key to channels: the history of what was sent outlives a removed channel.
CREATE TABLE digests (
  id ${t.bigkey},
  channel_key text NOT NULL,
  slot ${t.time} NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  payload ${t.json} NOT NULL,
  sent_parts integer NOT NULL DEFAULT 0,
  article_ids ${t.json} NOT NULL,
  period_start ${t.time} NOT NULL,
  period_end ${t.time} NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at ${t.time} NOT NULL,
  lease_owner text,
  lease_until ${t.time},
  created_at ${t.time} NOT NULL,
  sent_at ${t.time},
  UNIQUE (channel_key, slot)
);
CREATE INDEX digests_pending ON digests (next_attempt_at) WHERE status = 'pending';

CREATE TABLE leases (
  name text PRIMARY KEY,
  owner text NOT NULL,
  until ${t.time} NOT NULL
);
`;
}

/** Figures are replaced, never edited (an edit would bypass the catalog). Migration 7 drops the insert triggers (catalogCounts.ts counts inserts). */
const CATALOG_TRIGGERS: Record<DialectName, string> = {
  sqlite: `
CREATE TRIGGER figures_catalog_insert AFTER INSERT ON figures BEGIN
  INSERT INTO figure_catalog (category, actor_key, actor, figure_count, latest_published)
  VALUES (NEW.category, ifnull(NEW.actor, ''), NEW.actor, 1, NEW.published)
  ON CONFLICT (category, actor_key) DO UPDATE
    SET figure_count = figure_count + 1, latest_published = max(latest_published, excluded.latest_published);
END;
CREATE TRIGGER figures_catalog_delete AFTER DELETE ON figures BEGIN
  UPDATE figure_catalog
    SET figure_count = figure_count - 1,
        latest_published = CASE WHEN OLD.published < latest_published THEN latest_published
          ELSE ifnull((SELECT max(published) FROM figures WHERE category = OLD.category AND actor IS OLD.actor), latest_published) END
    WHERE category = OLD.category AND actor_key = ifnull(OLD.actor, '');
  DELETE FROM figure_catalog WHERE category = OLD.category AND actor_key = ifnull(OLD.actor, '') AND figure_count <= 0;
END;
CREATE TRIGGER figures_no_update BEFORE UPDATE ON figures BEGIN
  SELECT RAISE(ABORT, 'figures are replaced, not updated');
END;
`,
  postgres: `
CREATE FUNCTION figure_catalog_on_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO figure_catalog AS c (category, actor_key, actor, figure_count, latest_published)
  VALUES (NEW.category, coalesce(NEW.actor, ''), NEW.actor, 1, NEW.published)
  ON CONFLICT (category, actor_key) DO UPDATE
    SET figure_count = c.figure_count + 1, latest_published = greatest(c.latest_published, EXCLUDED.latest_published);
  RETURN NULL;
END
$fn$;
CREATE FUNCTION figure_catalog_on_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  newest timestamptz;
BEGIN
  -- Separate branches so each max() walks an index (IS NOT DISTINCT FROM would not).
  IF OLD.actor IS NULL THEN
    SELECT max(published) INTO newest FROM figures WHERE category = OLD.category AND actor IS NULL;
  ELSE
    SELECT max(published) INTO newest FROM figures WHERE category = OLD.category AND actor = OLD.actor;
  END IF;
  UPDATE figure_catalog
    SET figure_count = figure_count - 1,
        latest_published = CASE WHEN OLD.published < latest_published THEN latest_published ELSE coalesce(newest, latest_published) END
    WHERE category = OLD.category AND actor_key = coalesce(OLD.actor, '');
  DELETE FROM figure_catalog WHERE category = OLD.category AND actor_key = coalesce(OLD.actor, '') AND figure_count <= 0;
  RETURN NULL;
END
$fn$;
CREATE FUNCTION figures_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'figures are replaced, not updated';
END
$fn$;
CREATE TRIGGER figures_catalog_insert AFTER INSERT ON figures FOR EACH ROW EXECUTE FUNCTION figure_catalog_on_insert();
CREATE TRIGGER figures_catalog_delete AFTER DELETE ON figures FOR EACH ROW EXECUTE FUNCTION figure_catalog_on_delete();
CREATE TRIGGER figures_no_update BEFORE UPDATE ON figures FOR EACH ROW EXECUTE FUNCTION figures_refuse_update();
`,
};

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: tables },
  {
    version: 2,
    name: 'figures by unit',
    // Answers that ask for one unit of a measure (the tranche ordinal among money packages) read this
    // index instead of scanning every figure of the category and actor.
    sql: () => 'CREATE INDEX figures_category_actor_unit ON figures (category, actor, unit, published DESC, id DESC);',
  },
  {
    version: 3,
    name: 'figure status, since and event',
    // Nullable: figures stored before the rules filled them stay readable as "not known".
    sql: () => 'ALTER TABLE figures ADD COLUMN status text; ALTER TABLE figures ADD COLUMN since text; ALTER TABLE figures ADD COLUMN event text;',
  },
  {
    version: 4,
    name: 'seen requests',
    // Signed chat requests already accepted, until they expire: a captured request replayed to
    // another replica, or after a restart, is refused (an in-memory cache forgets both).
    sql: (d) => `CREATE TABLE seen_requests (key text PRIMARY KEY, expires_at ${d === 'sqlite' ? 'TEXT' : 'timestamptz'} NOT NULL);
CREATE INDEX seen_requests_expiry ON seen_requests (expires_at);`,
  },
  { version: 5, name: 'alerts', sql: alertTables },
  {
    version: 6,
    name: 'feed topics',
    // The topics a feed carries, from config (re-declared at start-up) or from `newsdigest feeds add
    // --topic` (kept until the feed is removed), so the poller can tell in SQL which feeds some channel
    // follows (directly or through a topic) and poll only those. The index serves that test.
    sql: (d) => `CREATE TABLE feed_topics (
  feed_id integer NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  topic text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('config', 'cli')),
  created_at ${TYPES[d].time} NOT NULL,
  PRIMARY KEY (feed_id, topic)
);
CREATE INDEX subscriptions_by_value ON subscriptions (kind, value);`,
  },
  {
    version: 7,
    name: 'figure catalog counted per batch',
    // The code that inserts figures adds each batch's groups to the catalog in one upsert
    // (catalogCounts.ts); a trigger firing once per figure cost more than the figure INSERTs of a
    // 1,000-feed cycle. The delete trigger stays: deletes are rare and need the next newest date.
    sql: (d) =>
      d === 'sqlite'
        ? 'DROP TRIGGER figures_catalog_insert;'
        : 'DROP TRIGGER figures_catalog_insert ON figures; DROP FUNCTION figure_catalog_on_insert();',
  },
];

/**
 * Alerts, their firings, and alert messages in the one outbox. An alert message is a row of
 * `digests` with kind 'alert', so it is leased, retried, resumed and ordered within its channel
 * exactly like a digest. Its slot is the instant it fired; (channel, slot) stays unique for digests
 * only, since two alerts of one channel may fire in the same millisecond. SQLite cannot drop a
 * table constraint, so there the outbox is rebuilt (same columns and ids); PostgreSQL drops it.
 */
function alertTables(d: DialectName): string {
  const t = TYPES[d];
  const outbox =
    d === 'sqlite'
      ? `
CREATE TABLE digests_v5 (
  id ${t.bigkey},
  channel_key text NOT NULL,
  slot ${t.time} NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  payload ${t.json} NOT NULL,
  sent_parts integer NOT NULL DEFAULT 0,
  article_ids ${t.json} NOT NULL,
  period_start ${t.time} NOT NULL,
  period_end ${t.time} NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at ${t.time} NOT NULL,
  lease_owner text,
  lease_until ${t.time},
  created_at ${t.time} NOT NULL,
  sent_at ${t.time},
  kind text NOT NULL DEFAULT 'digest' CHECK (kind IN ('digest', 'alert'))
);
INSERT INTO digests_v5 (id, channel_key, slot, status, payload, sent_parts, article_ids, period_start, period_end, attempts, last_error, next_attempt_at, lease_owner, lease_until, created_at, sent_at)
  SELECT id, channel_key, slot, status, payload, sent_parts, article_ids, period_start, period_end, attempts, last_error, next_attempt_at, lease_owner, lease_until, created_at, sent_at FROM digests;
DROP TABLE digests;
ALTER TABLE digests_v5 RENAME TO digests;
CREATE INDEX digests_pending ON digests (next_attempt_at) WHERE status = 'pending';`
      : `
ALTER TABLE digests ADD COLUMN kind text NOT NULL DEFAULT 'digest' CHECK (kind IN ('digest', 'alert'));
ALTER TABLE digests DROP CONSTRAINT digests_channel_key_slot_key;`;
  return `${outbox}
CREATE UNIQUE INDEX digests_channel_slot ON digests (channel_key, slot) WHERE kind = 'digest';
CREATE INDEX digests_channel_kind_slot ON digests (channel_key, kind, slot DESC);

-- What a channel watches: the measure in a person's words (resolved like /ask), a line or "changes",
-- and where the series stood when last looked at. version guards the state across replicas.
CREATE TABLE alerts (
  id ${t.key},
  channel_key text NOT NULL REFERENCES channels (channel_key) ON DELETE CASCADE,
  measure text NOT NULL,
  condition text NOT NULL CHECK (condition IN ('above', 'below', 'changes')),
  threshold ${t.real},
  unit text,
  rule_key text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('config', 'chat', 'cli')),
  state text NOT NULL CHECK (state IN ('unknown', 'on', 'off')),
  last_figure_id ${t.ref},
  last_value ${t.real},
  last_unit text,
  last_published ${t.time},
  version integer NOT NULL DEFAULT 0,
  created_at ${t.time} NOT NULL,
  updated_at ${t.time} NOT NULL,
  UNIQUE (channel_key, rule_key)
);

-- Each crossing, with the figure and its citation as they were when it fired (figures are replaced
-- on re-extraction, so nothing here points at a figure row), and its message in the outbox.
CREATE TABLE alert_firings (
  id ${t.bigkey},
  alert_id integer NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  channel_key text NOT NULL,
  fired_at ${t.time} NOT NULL,
  figure ${t.json} NOT NULL,
  previous ${t.json},
  outbox_id ${t.ref} NOT NULL
);
CREATE INDEX alert_firings_alert ON alert_firings (alert_id, fired_at DESC);
`;
}

/** Checks the list is strictly increasing, so a mistake in it fails loudly at start-up, not halfway. */
export function checkMigrations(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) throw new Error(`migrations must have strictly increasing versions (${m.version} after ${previous})`);
    previous = m.version;
  }
}
