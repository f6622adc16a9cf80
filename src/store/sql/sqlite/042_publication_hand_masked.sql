-- 042_publication_hand_masked.sql - how many spans the reviewer masked
-- by hand at confirmation, beyond the automatic redaction (issue 10):
-- the portal says so beside the text. The reviewer may only mask more;
-- anything else is corrected in the record (docs/PUBLICATION.md). A
-- table beside publications, not a column, so that running this again
-- (as an older schema version is migrated anew) changes nothing; a
-- publication without a row had nothing masked by hand.
CREATE TABLE IF NOT EXISTS publication_hand_masked (
	publication_id INTEGER PRIMARY KEY REFERENCES publications (id),
	spans          INTEGER NOT NULL CHECK (spans > 0)
);
