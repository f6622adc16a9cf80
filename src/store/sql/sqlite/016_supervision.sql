-- 016_supervision.sql - what the derived case status (010) also carries
-- for supervision (执法监督, issue 12 §3): the supervision acts (督办,
-- 监督意见, 纠错通知) still awaiting the agency's answer and the earliest
-- of their deadlines, and the deadline of the filing of a major penalty
-- decision (重大行政处罚备案) while it is not filed, and the day from which
-- a case waiting for the legal review has waited too long (the province
-- config's review_pending_alert). The acts and the filing outlive the
-- closing of a case, so a closed case with either is refreshed daily too.
ALTER TABLE case_status ADD COLUMN acts_open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_status ADD COLUMN acts_due TEXT NOT NULL DEFAULT '';
ALTER TABLE case_status ADD COLUMN filing_due TEXT NOT NULL DEFAULT '';
ALTER TABLE case_status ADD COLUMN review_due TEXT NOT NULL DEFAULT '';
CREATE INDEX case_status_acts ON case_status(acts_due) WHERE acts_open > 0;
CREATE INDEX case_status_filing ON case_status(filing_due) WHERE filing_due <> '';
-- Closed cases were not computed for what outlives closing: computed
-- again once, on the first refresh after the upgrade (derived data).
DELETE FROM case_status WHERE case_id IN (SELECT id FROM cases WHERE closed = 1);
