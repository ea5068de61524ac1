import type { DatabaseSync } from 'node:sqlite'
import { AUTOMERGE_MIGRATION, INDEX_TRIGGER } from './search-index'

/** Each entry moves the schema one version up; applied in a transaction with `user_version`. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE captures (
     id INTEGER PRIMARY KEY,
     received_at INTEGER NOT NULL,
     method TEXT NOT NULL,
     target TEXT NOT NULL,
     http_version TEXT NOT NULL,
     raw_headers TEXT NOT NULL,
     content_type TEXT,
     body BLOB NOT NULL,
     body_size INTEGER NOT NULL,
     truncated INTEGER NOT NULL DEFAULT 0,
     remote_address TEXT NOT NULL,
     remote_port INTEGER NOT NULL,
     reply_status INTEGER NOT NULL,
     reply_headers TEXT NOT NULL,
     reply_body TEXT NOT NULL
   );
   -- Contentless: the text lives in captures already; the index keeps only tokens.
   CREATE VIRTUAL TABLE captures_fts USING fts5(
     method, target, headers, body,
     content = '', contentless_delete = 1, tokenize = 'unicode61'
   );`,
  // Provider and event name, shown as list columns; computed once at capture time.
  `ALTER TABLE captures ADD COLUMN provider TEXT;
   ALTER TABLE captures ADD COLUMN event TEXT;`,
  // Key vault, endpoints, and the verification verdict stored with each capture.
  `CREATE TABLE keys (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     kind TEXT NOT NULL,
     algorithm TEXT,
     fingerprint TEXT NOT NULL,
     public_material TEXT,
     sealed BLOB,
     storage TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     last_used_at INTEGER
   );
   CREATE TABLE endpoints (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     path_prefix TEXT NOT NULL UNIQUE,
     scheme TEXT,
     key_ids TEXT NOT NULL,
     reply TEXT NOT NULL,
     params TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL
   );
   CREATE TABLE meta (k TEXT PRIMARY KEY, v BLOB);
   ALTER TABLE captures ADD COLUMN endpoint_id INTEGER;
   ALTER TABLE captures ADD COLUMN verdict TEXT;
   ALTER TABLE captures ADD COLUMN verdict_reason TEXT;
   ALTER TABLE captures ADD COLUMN replay INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE captures ADD COLUMN sig_hash TEXT;
   CREATE INDEX captures_sig_hash ON captures (sig_hash) WHERE sig_hash IS NOT NULL;`,
  // User-defined signature schemes (validated JSON definitions).
  `CREATE TABLE schemes (id TEXT PRIMARY KEY, definition TEXT NOT NULL, updated_at INTEGER NOT NULL);`,
  // Live forwarding: where an endpoint forwards, and what the target answered for each capture.
  `ALTER TABLE endpoints ADD COLUMN forward_to TEXT;
   ALTER TABLE captures ADD COLUMN forward_status INTEGER;
   ALTER TABLE captures ADD COLUMN forward_error TEXT;`,
  // Composer history: what was sent and what came back.
  `CREATE TABLE sent (id INTEGER PRIMARY KEY, sent_at INTEGER NOT NULL, request TEXT NOT NULL, response TEXT NOT NULL);`,
  // Pinned captures are kept by retention.
  `ALTER TABLE captures ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;`,
  // Capture ids are never reused (after Clear all, or deleting the newest): the highest id ever
  // given is kept, and each insert takes the next one.
  `CREATE TABLE capture_seq (one INTEGER PRIMARY KEY CHECK (one = 1), high INTEGER NOT NULL);
   INSERT INTO capture_seq VALUES (1, coalesce((SELECT max(id) FROM captures), 0));
   CREATE TRIGGER captures_seq AFTER INSERT ON captures BEGIN
     UPDATE capture_seq SET high = max(high, NEW.id) WHERE one = 1;
   END;`,
  // Captures brought in from elsewhere (a raw request, a curl command, a HAR file) say so.
  `ALTER TABLE captures ADD COLUMN imported TEXT;`,
  // The capture count is kept as rows come and go (no count(*) scan at start or per status), and
  // pinned captures are indexed so retention can skip them without a scan.
  `CREATE TABLE capture_stats (one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL);
   INSERT INTO capture_stats VALUES (1, (SELECT count(*) FROM captures));
   CREATE TRIGGER captures_count_up AFTER INSERT ON captures BEGIN
     UPDATE capture_stats SET n = n + 1 WHERE one = 1;
   END;
   CREATE TRIGGER captures_count_down AFTER DELETE ON captures BEGIN
     UPDATE capture_stats SET n = n - 1 WHERE one = 1;
   END;
   CREATE INDEX captures_pinned ON captures (id) WHERE pinned = 1;`,
  // Scale: bodies leave the summary rows (a list scan no longer walks their pages); Clear all hides
  // everything up to a floor id at once and the rows go in the background (`cleared` of them left);
  // a deleted capture takes its body and index entry with it; a narrow index answers "the n-th row".
  `CREATE TABLE capture_bodies (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
   INSERT INTO capture_bodies (id, body) SELECT id, body FROM captures;
   ALTER TABLE captures DROP COLUMN body;
   ALTER TABLE capture_seq ADD COLUMN floor INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE capture_stats ADD COLUMN cleared INTEGER NOT NULL DEFAULT 0;
   CREATE TRIGGER captures_gone AFTER DELETE ON captures BEGIN
     DELETE FROM capture_bodies WHERE id = OLD.id;
     DELETE FROM captures_fts WHERE rowid = OLD.id;
   END;
   CREATE INDEX captures_ids ON captures (id);`,
  // The search index never rewrites itself inside a commit because of deletions: the writer's upkeep
  // merges deleted entries away in bounded steps (search-index.ts).
  `INSERT INTO captures_fts (captures_fts, rank) VALUES ('deletemerge', 0);`,
  // The search index in generations by id range (search-index.ts): the current one covers ids from
  // index_from on (all of them in a store made before); a capture deleted from an older generation
  // keeps its entry until the whole generation goes. Pinned captures indexed again in a newer
  // generation, when theirs went, are noted with it.
  `ALTER TABLE capture_seq ADD COLUMN index_from INTEGER NOT NULL DEFAULT 0;
   DROP TRIGGER captures_gone;
   CREATE TRIGGER captures_gone AFTER DELETE ON captures BEGIN
     DELETE FROM capture_bodies WHERE id = OLD.id;
   END;
   CREATE TRIGGER captures_gone_indexed AFTER DELETE ON captures
   WHEN OLD.id >= (SELECT index_from FROM capture_seq WHERE one = 1) BEGIN
     DELETE FROM captures_fts WHERE rowid = OLD.id;
   END;
   CREATE TABLE index_moved (id INTEGER PRIMARY KEY, gen INTEGER NOT NULL);`,
  // Captures are committed without their search entry and indexed by the writer between commits
  // (search-index.ts indexStep): `indexed` is the highest id the index has taken.
  `ALTER TABLE capture_seq ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
   UPDATE capture_seq SET indexed = high;
   DROP TRIGGER captures_gone_indexed;
   ${INDEX_TRIGGER}`,
  // Fewer, larger FTS5 merges (search-index.ts AUTOMERGE).
  AUTOMERGE_MIGRATION
]

export function migrate(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number }
  let version = row.user_version
  if (version > MIGRATIONS.length) {
    throw new Error(
      `The capture database was written by a newer Hookscope (schema ${version}, this build knows ${MIGRATIONS.length}).`
    )
  }
  while (version < MIGRATIONS.length) {
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(MIGRATIONS[version]!)
      version += 1
      db.exec(`PRAGMA user_version = ${version}`)
      db.exec('COMMIT')
    } catch (err) {
      db.exec('ROLLBACK')
      throw err
    }
  }
  return version
}
