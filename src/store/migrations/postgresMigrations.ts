/** PostgreSQL schema: the same tables as SQLite, with timestamptz, boolean, json and identity keys. */
import type { Migration } from './migration.js';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE feeds (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url text NOT NULL UNIQUE,
  title text,
  full_text boolean NOT NULL DEFAULT false,
  trusted boolean NOT NULL DEFAULT false,
  etag text,
  last_modified text,
  last_status integer,
  last_error text,
  last_fetched_at timestamptz,
  consecutive_failures integer NOT NULL DEFAULT 0,
  next_poll_at timestamptz,
  lease_owner text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX feeds_next_poll ON feeds (next_poll_at);

CREATE TABLE articles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  guid text,
  link text,
  title text NOT NULL,
  published timestamptz NOT NULL,
  published_is_fetch_time boolean NOT NULL,
  author text,
  summary text,
  text text,
  first_seen_at timestamptz NOT NULL,
  seeded boolean NOT NULL DEFAULT false,
  title_hash text NOT NULL
);
-- Across feeds, one canonical link is one article.
CREATE UNIQUE INDEX articles_link ON articles (link) WHERE link IS NOT NULL;
CREATE INDEX articles_first_seen ON articles (first_seen_at, published, id);

CREATE TABLE article_sources (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  feed_id integer NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  guid text,
  title_hash text NOT NULL,
  added_at timestamptz NOT NULL,
  UNIQUE (article_id, feed_id)
);
CREATE UNIQUE INDEX article_sources_feed_guid ON article_sources (feed_id, guid) WHERE guid IS NOT NULL;
CREATE INDEX article_sources_feed_hash ON article_sources (feed_id, title_hash);
CREATE INDEX article_sources_feed_article ON article_sources (feed_id, article_id);

CREATE TABLE figures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  value double precision NOT NULL,
  value_max double precision,
  unit text NOT NULL,
  qualifier text NOT NULL,
  category text NOT NULL,
  actor text,
  cumulative boolean NOT NULL,
  quote text NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  sentence text NOT NULL,
  published timestamptz NOT NULL
);
-- One index per answer shape, each ending in the answer order so a lookup stops at its limit.
CREATE INDEX figures_category_actor_cumulative ON figures (category, actor, cumulative, published DESC, id DESC);
CREATE INDEX figures_category_actor ON figures (category, actor, published DESC, id DESC);
CREATE INDEX figures_category ON figures (category, published DESC, id DESC);
CREATE INDEX figures_published ON figures (published DESC, id DESC);
CREATE INDEX figures_article ON figures (article_id);

CREATE TABLE figure_catalog (
  category text NOT NULL,
  actor_key text NOT NULL,
  actor text,
  figure_count bigint NOT NULL,
  latest_published timestamptz NOT NULL,
  PRIMARY KEY (category, actor_key)
);
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

CREATE TABLE channels (
  channel_key text PRIMARY KEY,
  platform text NOT NULL CHECK (platform IN ('discord', 'slack', 'console')),
  external_id text NOT NULL,
  workspace_id text,
  schedule text NOT NULL,
  timezone text NOT NULL,
  max_articles integer NOT NULL CHECK (max_articles > 0),
  post_when_empty boolean NOT NULL,
  origin text NOT NULL CHECK (origin IN ('config', 'chat')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE subscriptions (
  channel_key text NOT NULL REFERENCES channels (channel_key) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('topic', 'feed')),
  value text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (channel_key, kind, value)
);

-- The outbox: a digest is recorded once per (channel, slot) before anything is posted.
CREATE TABLE digests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_key text NOT NULL,
  slot timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  -- json (not jsonb): the messages are kept exactly as rendered.
  payload json NOT NULL,
  sent_parts integer NOT NULL DEFAULT 0,
  article_ids json NOT NULL,
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL,
  lease_owner text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  UNIQUE (channel_key, slot)
);
CREATE INDEX digests_pending ON digests (next_attempt_at) WHERE status = 'pending';

CREATE TABLE leases (
  name text PRIMARY KEY,
  owner text NOT NULL,
  until timestamptz NOT NULL
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
