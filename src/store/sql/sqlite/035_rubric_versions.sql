-- 035_rubric_versions.sql - the bureau's rubric (评查标准) in versions: each
-- save is a new row, numbered per division; none is ever changed or
-- removed. A round copies the text of the version it was created under
-- (eval_rounds.rubric, frozen once drawn by 019's trigger), so files
-- scored under an older version keep their scores and their items.
CREATE TABLE IF NOT EXISTS rubric_versions (
	id         INTEGER PRIMARY KEY,
	division   TEXT NOT NULL,          -- the bureau's division prefix, '' all
	version    INTEGER NOT NULL CHECK (version >= 1),
	text       TEXT NOT NULL,          -- the rubric as docs/EVALUATION.md writes it
	created_by INTEGER REFERENCES users (id),
	created_at INTEGER NOT NULL,
	UNIQUE (division, version)
);

CREATE TRIGGER IF NOT EXISTS rubric_versions_no_update BEFORE UPDATE ON rubric_versions
BEGIN
	SELECT RAISE(ABORT, '评查标准的版本只能新增，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS rubric_versions_no_delete BEFORE DELETE ON rubric_versions
BEGIN
	SELECT RAISE(ABORT, '评查标准的版本只能新增，不能修改');
END;
