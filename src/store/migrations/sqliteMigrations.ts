/**
 * SQLite schema. Timestamps are TEXT in the one ISO form of Date#toISOString() (see ../timestamps.ts),
 * so comparing them as text orders them in time; booleans are 0/1; JSON is TEXT.
 */
import type { Migration } from './migration.js';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  title TEXT,
  full_text INTEGER NOT NULL DEFAULT 0 CHECK (full_text IN (0, 1)),
  trusted INTEGER NOT NULL DEFAULT 0 CHECK (trusted IN (0, 1)),
  etag TEXT,
  last_modified TEXT,
  last_status INTEGER,
  last_error TEXT,
  last_fetched_at TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  next_poll_at TEXT,
  lease_owner TEXT,
  lease_until TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX feeds_next_poll ON feeds (next_poll_at);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  guid TEXT,
  link TEXT,
  title TEXT NOT NULL,
  published TEXT NOT NULL,
  published_is_fetch_time INTEGER NOT NULL CHECK (published_is_fetch_time IN (0, 1)),
  author TEXT,
  summary TEXT,
  text TEXT,
  first_seen_at TEXT NOT NULL,
  seeded INTEGER NOT NULL DEFAULT 0 CHECK (seeded IN (0, 1)),
  title_hash TEXT NOT NULL
);
-- Across feeds, one canonical link is one article.
CREATE UNIQUE INDEX articles_link ON articles (link) WHERE link IS NOT NULL;
CREATE INDEX articles_first_seen ON articles (first_seen_at, published, id);

-- Which feeds carried an article, under which guid: the same wire story in two feeds is one
-- article with two rows here.
CREATE TABLE article_sources (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  guid TEXT,
  title_hash TEXT NOT NULL,
  added_at TEXT NOT NULL,
  UNIQUE (article_id, feed_id)
);
CREATE UNIQUE INDEX article_sources_feed_guid ON article_sources (feed_id, guid) WHERE guid IS NOT NULL;
CREATE INDEX article_sources_feed_hash ON article_sources (feed_id, title_hash);
CREATE INDEX article_sources_feed_article ON article_sources (feed_id, article_id);

CREATE TABLE figures (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  value REAL NOT NULL,
  value_max REAL,
  unit TEXT NOT NULL,
  qualifier TEXT NOT NULL,
  category TEXT NOT NULL,
  actor TEXT,
  cumulative INTEGER NOT NULL CHECK (cumulative IN (0, 1)),
  quote TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  sentence TEXT NOT NULL,
  published TEXT NOT NULL
);
-- One index per answer shape, each ending in the answer order so a lookup stops at its limit.
CREATE INDEX figures_category_actor_cumulative ON figures (category, actor, cumulative, published DESC, id DESC);
CREATE INDEX figures_category_actor ON figures (category, actor, published DESC, id DESC);
CREATE INDEX figures_category ON figures (category, published DESC, id DESC);
CREATE INDEX figures_published ON figures (published DESC, id DESC);
CREATE INDEX figures_article ON figures (article_id);

-- (category, actor) -> count and newest date, kept by triggers so the catalog costs nothing at a million figures.
CREATE TABLE figure_catalog (
  category TEXT NOT NULL,
  actor_key TEXT NOT NULL,
  actor TEXT,
  figure_count INTEGER NOT NULL,
  latest_published TEXT NOT NULL,
  PRIMARY KEY (category, actor_key)
);
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
-- Figures are replaced, never edited; an edit would bypass the catalog.
CREATE TRIGGER figures_no_update BEFORE UPDATE ON figures BEGIN
  SELECT RAISE(ABORT, 'figures are replaced, not updated');
END;

CREATE TABLE channels (
  channel_key TEXT PRIMARY KEY,
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'console')),
  external_id TEXT NOT NULL,
  workspace_id TEXT,
  schedule TEXT NOT NULL,
  timezone TEXT NOT NULL,
  max_articles INTEGER NOT NULL CHECK (max_articles > 0),
  post_when_empty INTEGER NOT NULL CHECK (post_when_empty IN (0, 1)),
  origin TEXT NOT NULL CHECK (origin IN ('config', 'chat')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE subscriptions (
  channel_key TEXT NOT NULL REFERENCES channels (channel_key) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('topic', 'feed')),
  value TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (channel_key, kind, value)
);

-- The outbox: a digest is recorded once per (channel, slot) before anything is posted.
-- No foreign key to channels: the history of what was sent outlives a removed channel.
CREATE TABLE digests (
  id INTEGER PRIMARY KEY,
  channel_key TEXT NOT NULL,
  slot TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  payload TEXT NOT NULL,
  sent_parts INTEGER NOT NULL DEFAULT 0,
  article_ids TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_until TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (channel_key, slot)
);
CREATE INDEX digests_pending ON digests (next_attempt_at) WHERE status = 'pending';

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  until TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'figures by unit',
    // Answers that ask for one unit of a measure (the tranche ordinal among money packages) read this
    // index instead of scanning every figure of the category and actor.
    sql: `
CREATE INDEX figures_category_actor_unit ON figures (category, actor, unit, published DESC, id DESC);
`,
  },
];
