/* sqlite_db.c - opening a SQLite database for fazhi: the pragmas that make
 * an acknowledged commit durable, the numbered migrations carried in the
 * binary, and the table of operations that makes SQLite a struct store
 * backend (transactions and group commit: sqlite_tx.c). */
#include "store/sqlite_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void sq_close(struct store *st);

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.busy_timeout = sq_busy_timeout,
	.group_join = sq_group_join,
	.log_checkpointer = sq_log_checkpointer,
	.group_writer = sq_group_writer,
	.change_stamp = sq_change_stamp,
	.memo_get = sq_memo_get,
	.memo_put = sq_memo_put,
	.setting_get = sq_setting_get,
	.setting_set = sq_setting_set,
	.division_put = sq_division_put,
	.division_get = sq_division_get,
	.division_list = sq_division_list,
	.agency_insert = sq_agency_insert,
	.agency_update = sq_agency_update,
	.agency_get = sq_agency_get,
	.agency_list = sq_agency_list,
	.unit_insert = sq_unit_insert,
	.unit_update = sq_unit_update,
	.unit_get = sq_unit_get,
	.unit_list = sq_unit_list,
	.person_insert = sq_person_insert,
	.person_update = sq_person_update,
	.person_get = sq_person_get,
	.person_list = sq_person_list,
	.reviewer_ratios = sq_reviewer_ratios,
	.user_insert = sq_user_insert,
	.user_update = sq_user_update,
	.user_get = sq_user_get,
	.user_get_by_name = sq_user_get_by_name,
	.user_list = sq_user_list,
	.certificate_insert = sq_certificate_insert,
	.certificate_update = sq_certificate_update,
	.certificate_get = sq_certificate_get,
	.certificate_get_by_number = sq_certificate_get_by_number,
	.certificate_list = sq_certificate_list,
	.cert_review_insert = sq_cert_review_insert,
	.cert_review_list = sq_cert_review_list,
	.session_insert = sq_session_insert,
	.session_get = sq_session_get,
	.session_touch = sq_session_touch,
	.session_delete = sq_session_delete,
	.session_delete_user = sq_session_delete_user,
	.session_expire = sq_session_expire,
	.login_failure_add = sq_login_failure_add,
	.login_failure_count = sq_login_failure_count,
	.login_name_get = sq_login_name_get,
	.login_name_put = sq_login_name_put,
	.password_history_add = sq_password_history_add,
	.password_history_recent = sq_password_history_recent,
	.agency_evidence_usage = sq_agency_evidence_usage,
	.audit_append = sq_audit_append,
	.audit_list = sq_audit_list,
	.audit_changes = sq_audit_changes,
	.audit_purge = sq_audit_purge,
	.calendar_year_replace = sq_calendar_year_replace,
	.calendar_get = sq_calendar_get,
	.case_insert = sq_case_insert,
	.case_update = sq_case_update,
	.case_get = sq_case_get,
	.case_status_put = sq_case_status_put,
	.case_status_get = sq_case_status_get,
	.case_status_stale = sq_case_status_stale,
	.case_duties_of = sq_case_duties_of,
	.case_status_invalidate = sq_case_status_invalidate,
	.case_todo_counts = sq_case_todo_counts,
	.job_run_insert = sq_job_run_insert,
	.job_runs_latest = sq_job_runs_latest,
	.stats_event_counts = sq_stats_event_counts,
	.stats_decision_counts = sq_stats_decision_counts,
	.stats_open_counts = sq_stats_open_counts,
	.stats_summary_state = sq_stats_summary_state,
	.stats_summary_fill = sq_stats_summary_fill,
	.stats_summary_reset = sq_stats_summary_reset,
	.indicator_stale = sq_indicator_stale,
	.indicator_stale_all = sq_indicator_stale_all,
	.indicator_facts_put = sq_indicator_facts_put,
	.indicator_sums = sq_indicator_sums,
	.indicator_side = sq_indicator_side,
	.indicator_matters = sq_indicator_matters,
	.case_list = sq_case_list,
	.case_event_append = sq_case_event_append,
	.case_events = sq_case_events,
	.case_record = sq_case_record,
	.ledger_hash_get = sq_ledger_hash_get,
	.ledger_hash_set = sq_ledger_hash_set,
	.ledger_leaf_append = sq_ledger_leaf_append,
	.ledger_size = sq_ledger_size,
	.ledger_leaves = sq_ledger_leaves,
	.ledger_leaf_find = sq_ledger_leaf_find,
	.ledger_unlogged = sq_ledger_unlogged,
	.checkpoint_insert = sq_checkpoint_insert,
	.checkpoint_latest = sq_checkpoint_latest,
	.checkpoint_list = sq_checkpoint_list,
	.case_header_append = sq_case_header_append,
	.case_header_get = sq_case_header_get,
	.case_headers = sq_case_headers,
	.case_header_drift = sq_case_header_drift,
	.case_export_insert = sq_case_export_insert,
	.case_export_get = sq_case_export_get,
	.ledger_case_counts = sq_ledger_case_counts,
	.publication_insert = sq_publication_insert,
	.publication_update = sq_publication_update,
	.publication_get = sq_publication_get,
	.publication_by_event = sq_publication_by_event,
	.publication_list = sq_publication_list,
	.publication_event_insert = sq_publication_event_insert,
	.publication_event_get = sq_publication_event_get,
	.publication_events_of = sq_publication_events_of,
	.power_list_insert = sq_power_list_insert,
	.power_items_replace = sq_power_items_replace,
	.power_list_note_set = sq_power_list_note_set,
	.power_list_publish = sq_power_list_publish,
	.power_list_get = sq_power_list_get,
	.power_list_list = sq_power_list_list,
	.power_list_in_force = sq_power_list_in_force,
	.power_list_draft_of = sq_power_list_draft_of,
	.agency_public_counts = sq_agency_public_counts,
	.export_job_insert = sq_export_job_insert,
	.export_job_get = sq_export_job_get,
	.export_job_claim = sq_export_job_claim,
	.export_job_progress = sq_export_job_progress,
	.export_job_finish = sq_export_job_finish,
	.export_job_interrupt = sq_export_job_interrupt,
	.export_job_unfinished = sq_export_job_unfinished,
	.consultations = sq_consultations,
	.consultation_of = sq_consultation_of,
	.comment_insert = sq_comment_insert,
	.comment_get = sq_comment_get,
	.comments_of = sq_comments_of,
	.comment_counts = sq_comment_counts,
	.comment_recent = sq_comment_recent,
	.comment_event_insert = sq_comment_event_insert,
	.comment_event_get = sq_comment_event_get,
	.comment_events_of = sq_comment_events_of,
	.comment_by_receipt = sq_comment_by_receipt,
	.review_list = sq_review_list,
	.complaint_insert = sq_complaint_insert,
	.complaint_update = sq_complaint_update,
	.complaint_get = sq_complaint_get,
	.complaint_by_receipt = sq_complaint_by_receipt,
	.complaint_list = sq_complaint_list,
	.complaint_recent = sq_complaint_recent,
	.complaint_event_insert = sq_complaint_event_insert,
	.complaint_lookup_add = sq_complaint_lookup_add,
	.complaint_lookup_count = sq_complaint_lookup_count,
	.complaint_attachment_insert = sq_complaint_attachment_insert,
	.complaint_attachments_of = sq_complaint_attachments_of,
	.complaint_event_get = sq_complaint_event_get,
	.complaint_events_of = sq_complaint_events_of,
	.checkpoint_get = sq_checkpoint_get,
	.checkpoint_at_size = sq_checkpoint_at_size,
	.ledger_log_get = sq_ledger_log_get,
	.ledger_log_set = sq_ledger_log_set,
	.ledger_node_put = sq_ledger_node_put,
	.ledger_node_get = sq_ledger_node_get,
	.ledger_nodes_covered = sq_ledger_nodes_covered,
	.ledger_leaf_by_hash = sq_ledger_leaf_by_hash,
	.cosig_insert = sq_cosig_insert,
	.cosig_list = sq_cosig_list,
	.rotation_insert = sq_rotation_insert,
	.rotation_list = sq_rotation_list,
	.ledger_tsa_get = sq_ledger_tsa_get,
	.ledger_tsa_set = sq_ledger_tsa_set,
	.timestamp_put = sq_timestamp_put,
	.timestamp_get = sq_timestamp_get,
	.evidence_insert = sq_evidence_insert,
	.evidence_get = sq_evidence_get,
	.evidence_list = sq_evidence_list,
	.case_event_get = sq_case_event_get,
	.draw_events = sq_draw_events,
	.document_number_next = sq_document_number_next,
	.document_number_peek = sq_document_number_peek,
	.document_insert = sq_document_insert,
	.document_get = sq_document_get,
	.document_list = sq_document_list,
	.search_put = sq_search_put,
	.search_remove = sq_search_remove,
	.search_query = sq_search_query,
	.eval_round_insert = sq_eval_round_insert,
	.eval_round_update = sq_eval_round_update,
	.eval_round_get = sq_eval_round_get,
	.eval_round_list = sq_eval_round_list,
	.eval_round_agencies = sq_eval_round_agencies,
	.eval_closed_cases = sq_eval_closed_cases,
	.eval_file_insert = sq_eval_file_insert,
	.eval_file_update = sq_eval_file_update,
	.eval_file_get = sq_eval_file_get,
	.eval_file_list = sq_eval_file_list,
	.eval_mark_insert = sq_eval_mark_insert,
	.eval_marks_of = sq_eval_marks_of,
	.check_plan_insert = sq_check_plan_insert,
	.check_plan_get = sq_check_plan_get,
	.check_plan_list = sq_check_plan_list,
	.rubric_version_insert = sq_rubric_version_insert,
	.rubric_version_latest = sq_rubric_version_latest,
	.check_item_insert = sq_check_item_insert,
	.check_item_update = sq_check_item_update,
	.check_item_get = sq_check_item_get,
	.check_items_of = sq_check_items_of,
	.notice_insert = sq_notice_insert,
	.notice_update = sq_notice_update,
	.notice_get = sq_notice_get,
	.notice_list = sq_notice_list,
	.oversight_record_insert = sq_oversight_record_insert,
	.oversight_record_get = sq_oversight_record_get,
	.org_counts = sq_org_counts,
	.calendar_upload_put = sq_calendar_upload_put,
	.calendar_upload_get = sq_calendar_upload_get,
	.calendar_upload_delete = sq_calendar_upload_delete,
	.decision_catalogue_insert = sq_decision_catalogue_insert,
	.decision_catalogue_get = sq_decision_catalogue_get,
	.decision_catalogue_list = sq_decision_catalogue_list,
	.decision_catalogue_entry_insert = sq_decision_catalogue_entry_insert,
	.decision_catalogue_entry_get = sq_decision_catalogue_entry_get,
	.decision_catalogue_entries = sq_decision_catalogue_entries,
	.decision_item_open_case = sq_decision_item_open_case,
};

/* --- migrations --- */

/* The number that starts "NNN_name.sql", or -1. */
static int migration_number(const char *name)
{
	int n = 0, digits = 0;
	for (; *name >= '0' && *name <= '9' && digits < 6; name++, digits++)
		n = n * 10 + (*name - '0');
	return digits && *name == '_' ? n : -1;
}

int store_schema_version(void)
{
	int latest = 0;
	for (const struct embedded_file *m = migrations_sqlite; m->name; m++) {
		int n = migration_number(m->name);
		if (n > latest)
			latest = n;
	}
	return latest;
}

/* Migrations are numbered upwards in name order (embed.py sorts them by
 * name) from 1; a number may be skipped (branches reserve numbers ahead
 * of a merge), but a duplicate or a number out of order is a build
 * mistake, caught before any of them touches a database. */
static enum fz_err migrations_check(struct fz_error *e)
{
	int last = 0;
	for (const struct embedded_file *m = migrations_sqlite; m->name; m++) {
		int n = migration_number(m->name);
		if (n <= last)
			return fz_fail(e, FZ_INTERNAL, "", "内部错误：数据库结构升级脚本 %s 编号有误",
				       m->name);
		last = n;
	}
	return FZ_OK;
}

static int user_version(sqlite3 *db, int64_t *version)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int64(stmt, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc;
}

static enum fz_err too_new(int64_t found, struct fz_error *e)
{
	return fz_fail(e, FZ_INVALID, "", "数据库结构版本 %lld 高于本程序支持的版本 %d，请升级 fazhi",
		       (long long)found, store_schema_version());
}

/* Applies one migration in its own write transaction, unless another
 * process got there first. */
static enum fz_err migrate_one(struct sq_store *s, const struct embedded_file *m, int n,
			       int64_t *version, struct fz_error *e)
{
	char set_version[48];
	enum fz_err err = FZ_OK;
	int rc = sqlite3_exec(s->c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);
	if ((rc = user_version(s->c->db, version)) != SQLITE_OK) {
		err = sq_fail(s, rc, e);
		goto fail;
	}
	if (*version > store_schema_version()) {
		err = too_new(*version, e);
		goto fail;
	}
	if (*version >= n) {
		rc = sqlite3_exec(s->c->db, "COMMIT", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return FZ_OK;
		err = sq_fail(s, rc, e);
		goto fail;
	}

	/* PRAGMA takes no bound parameters; n is our own integer, parsed from
	 * the embedded file name, not input. */
	snprintf(set_version, sizeof set_version, "PRAGMA user_version = %d", n);
	if ((rc = sqlite3_exec(s->c->db, m->data, NULL, NULL, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_exec(s->c->db, set_version, NULL, NULL, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_exec(s->c->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK) {
		err = fz_fail(e, FZ_DB, "", "数据库结构升级到版本 %d 失败（%s）", n,
			      sqlite3_errmsg(s->c->db));
		goto fail;
	}
	*version = n;
	return FZ_OK;
fail:
	sqlite3_exec(s->c->db, "ROLLBACK", NULL, NULL, NULL);
	return err;
}

static enum fz_err migrate(struct sq_store *s, struct fz_error *e)
{
	int64_t version = 0;
	enum fz_err err = migrations_check(e);
	if (err)
		return err;
	int rc = user_version(s->c->db, &version);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);
	if (version > store_schema_version())
		return too_new(version, e);
	for (const struct embedded_file *m = migrations_sqlite; m->name; m++) {
		int n = migration_number(m->name);
		if (n > version && (err = migrate_one(s, m, n, &version, e)))
			return err;
	}
	return FZ_OK;
}

/* --- opening --- */

/* SQLite's process-wide settings, once, before its first use. Without
 * them every allocation of every connection takes one global mutex to
 * count the memory in use (SQLITE_CONFIG_MEMSTATUS), which nothing here
 * reads: with a worker thread a connection, the threads of a loaded
 * server queued on it and woke each other (docs/PERFORMANCE.md
 * "Appends"). A process that used SQLite before (a test's own
 * connection) keeps the defaults: sqlite3_config then refuses, which
 * changes nothing but speed. */
static void sqlite_settings(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static enum fz_err db_open(const char *path, int flags, sqlite3 **out, struct fz_error *e)
{
	static pthread_once_t settings = PTHREAD_ONCE_INIT;
	(void)pthread_once(&settings, sqlite_settings);
	struct stat sb;
	*out = NULL;
	if (!(flags & SQLITE_OPEN_CREATE) && stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return fz_fail(e, FZ_NOTFOUND, "", "数据库文件 %s 不存在", path);
		return fz_fail(e, FZ_IO, "", "无法访问数据库文件 %s（%s）", path, strerror(errno));
	}
	/* NOMUTEX: one connection is used by one thread at a time (the pool
	 * sees to that), so SQLite's own per-connection mutex is not needed. */
	int rc = sqlite3_open_v2(path, out, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		enum fz_err err = fz_fail(e, rc == SQLITE_NOMEM ? FZ_NOMEM : FZ_IO, "",
					  "无法打开数据库文件 %s（%s）", path,
					  *out ? sqlite3_errmsg(*out) : sqlite3_errstr(rc));
		sqlite3_close(*out);
		*out = NULL;
		return err;
	}
	sqlite3_extended_result_codes(*out, 1);
	/* The search index's tokenizer, before any statement (a migration
	 * creates the index, every write to search_items feeds it). */
	if ((rc = sq_search_register(*out)) != SQLITE_OK ||
	    (rc = sq_cert_register(*out)) != SQLITE_OK) {
		sqlite3_close(*out);
		*out = NULL;
		return fz_fail(e, FZ_DB, "", "无法注册全文检索分词器或数据库函数（%s）", sqlite3_errstr(rc));
	}
	/* Wait for another connection's write lock rather than failing at
	 * once with SQLITE_BUSY; past the timeout the app retries (app/tx.c). */
	sqlite3_busy_timeout(*out, STORE_BUSY_TIMEOUT_MS);
	return FZ_OK;
}

static enum fz_err db_configure(struct sq_store *s, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	/* WAL: readers never block the writer nor the writer readers, and a
	 * commit is one append to the log. */
	int rc = sqlite3_prepare_v2(s->c->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);
	rc = sqlite3_step(stmt);
	const unsigned char *mode = rc == SQLITE_ROW ? sqlite3_column_text(stmt, 0) : NULL;
	bool wal = mode && strcmp((const char *)mode, "wal") == 0;
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc, e);
	if (!wal)
		return fz_fail(e, FZ_DB, "", "数据库不能切换到 WAL 日志模式");

	/* FULL, not NORMAL: in WAL mode NORMAL does not sync the log at each
	 * commit, so the last acknowledged commits may be lost on power loss
	 * or an OS crash. fazhi promises that a write it acknowledged survives
	 * kill -9 and power loss, so every commit is synced to disk. */
	rc = sqlite3_exec(s->c->db,
			  "PRAGMA synchronous = FULL;"
			  "PRAGMA foreign_keys = ON;",
			  NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);
	return FZ_OK;
}

enum fz_err store_sqlite_open(const char *path, bool create, struct store **out,
			      struct fz_error *e)
{
	enum fz_err err;
	*out = NULL;
	struct sq_store *s = calloc(1, sizeof *s);
	if (!s)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	s->base.ops = &sqlite_ops;
	s->c = &s->own;
	s->busy_ms = STORE_BUSY_TIMEOUT_MS;
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if ((err = db_open(path, flags, &s->c->db, e)) || (err = db_configure(s, e)) ||
	    (err = migrate(s, e))) {
		sq_close(&s->base);
		return err;
	}
	sq_memo_attach(s);
	*out = &s->base;
	return FZ_OK;
}

enum fz_err store_sqlite_version(const char *path, int *version, struct fz_error *e)
{
	sqlite3 *db;
	int64_t v = 0;
	*version = 0;
	enum fz_err err = db_open(path, SQLITE_OPEN_READONLY, &db, e);
	if (err)
		return err;
	int rc = user_version(db, &v);
	if (rc != SQLITE_OK)
		err = fz_fail(e, rc == SQLITE_NOTADB ? FZ_DB : FZ_IO, "",
			      "无法读取数据库文件 %s（%s）", path, sqlite3_errmsg(db));
	sqlite3_close(db);
	*version = (int)v;
	return err;
}

static void sq_close(struct store *st)
{
	struct sq_store *s = sq(st);
	if (!s)
		return;
	if (s->gated)
		sq_rollback(st); /* and leaves the gate and the writer's connection */
	if (s->c->db) {
		if (!sqlite3_get_autocommit(s->c->db))
			sqlite3_exec(s->c->db, "ROLLBACK", NULL, NULL, NULL);
		sq_cache_clear(s);
		sq_memo_clear(s);
		arena_free(s->c->cal_arena);
		/* Lets SQLite refresh statistics for the planner from what this
		 * connection saw; cheap, and advised before closing. */
		sqlite3_exec(s->c->db, "PRAGMA optimize", NULL, NULL, NULL);
		sqlite3_close_v2(s->c->db);
	}
	free(s);
}
