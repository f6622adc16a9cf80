-- 006_agency_documents.sql - what an agency's enforcement documents print
-- besides its name (文书设置): its 机关代字 when it is not the derived
-- prefix of the name, the competent court (管辖人民法院), the bank and
-- account where fines are paid, and the reconsideration body when it is
-- not the government of the agency's division. '' = not set.
ALTER TABLE agencies ADD COLUMN doc_code TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN court TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN payment_bank TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN payment_account TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN reconsideration TEXT NOT NULL DEFAULT '';
