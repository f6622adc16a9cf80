-- 014_search.sql - Chinese full-text search over what is published
-- (docs/SEARCH.md): one row per published item with its already-redacted
-- text, and an FTS5 index over it with fazhi's own tokenizer ("fazhi",
-- registered on every connection by the store: CJK bigrams, each
-- character also a unigram, ASCII words). Derived from the publications,
-- rebuildable; the publication pipeline writes it through app/search.c.
--
-- id orders by date: (days since 1970 << 24) + the item's sequence that
-- day, so the index reads newest-first matches in rowid order and stops
-- after one page, and a date range is a rowid range.
CREATE TABLE search_items (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
  ref_id INTEGER NOT NULL CHECK (ref_id > 0),
  agency_id INTEGER NOT NULL CHECK (agency_id > 0),
  date TEXT NOT NULL CHECK (length(date) = 10),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  tags TEXT NOT NULL, -- "a<agency_id> k<kind without _>": filters inside the index
  UNIQUE (kind, ref_id)
);

CREATE VIRTUAL TABLE search_fts USING fts5(
  title, body, tags,
  content = 'search_items', content_rowid = 'id',
  tokenize = 'fazhi'
);

CREATE TRIGGER search_items_ai AFTER INSERT ON search_items BEGIN
  INSERT INTO search_fts (rowid, title, body, tags)
  VALUES (new.id, new.title, new.body, new.tags);
END;
CREATE TRIGGER search_items_ad AFTER DELETE ON search_items BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body, tags)
  VALUES ('delete', old.id, old.title, old.body, old.tags);
END;
CREATE TRIGGER search_items_au AFTER UPDATE ON search_items BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body, tags)
  VALUES ('delete', old.id, old.title, old.body, old.tags);
  INSERT INTO search_fts (rowid, title, body, tags)
  VALUES (new.id, new.title, new.body, new.tags);
END;
