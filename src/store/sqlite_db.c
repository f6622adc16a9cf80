/* sqlite_db.c - opening a SQLite database for fazhi: the pragmas that make
 * an acknowledged commit durable, the numbered migrations carried in the
 * binary, transactions, and the table of operations that makes SQLite a
 * struct store backend. */
#include "store/sqlite_internal.h"
#include "store/store_group.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void sq_close(struct store *st);
static void sq_busy_timeout(struct store *st, int ms);
static enum fz_err sq_group_join(struct store *st, struct store_group *g, struct fz_error *e);
static enum fz_err sq_log_checkpointer(struct store *st, struct store_group *g,
				       struct fz_error *e);
static enum fz_err sq_group_writer(struct store *st, struct store_group *g, struct fz_error *e);
static void gate_leave(struct sq_store *s);
static void writer_close(void *arg);

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

static enum fz_err db_open(const char *path, int flags, sqlite3 **out, struct fz_error *e)
{
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

/* --- transactions --- */

static void sq_busy_timeout(struct store *st, int ms)
{
	sq(st)->busy_ms = ms > 0 ? ms : 0;
	sqlite3_busy_timeout(sq(st)->own.db, sq(st)->busy_ms);
}

/* Leaves the gate and the group's writer connection (sq_begin). */
static void gate_leave(struct sq_store *s)
{
	if (s->gated) {
		s->gated = false;
		s->c = &s->own;
		store_group_gate_leave(s->group);
	}
}

/* --- group commit --- */

/* What SQLite's default WAL hook checkpoints at (wal_autocheckpoint):
 * some 30 case steps (a step writes about 34 pages of tables and
 * indexes). */
#define WAL_CHECKPOINT_FRAMES 1000

/* The log's checkpointer waits this long for the readers of the log to
 * finish before it gives up restarting it (until the next call): they
 * are requests, done in milliseconds, while the group's writers wait. */
#define WAL_RESTART_WAIT_NS 20000000L

/* Syncs the write-ahead log through this connection's own handle of it,
 * as SQLite itself does at a commit with synchronous=FULL. Any
 * connection's handle of the log will do: each has the file open from
 * its first read on (db_configure reads), and an fsync makes the file's
 * writes durable whoever wrote them. */
static bool wal_sync(void *arg)
{
	struct sq_conn *c = arg;
	sqlite3_file *wal = NULL;
	if (sqlite3_file_control(c->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) !=
		    SQLITE_OK ||
	    !wal || !wal->pMethods)
		return false;
	return wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) == SQLITE_OK;
}

/* Returns once a sync through c's handle, or another's, covers a commit
 * whose log records are written; then hands a long log to the group's
 * checkpointer, or checkpoints here when it has none. */
static bool group_synced(struct sq_conn *c, int frames)
{
	if (!store_group_sync(c->group, wal_sync, c))
		return false;
	if (frames >= WAL_CHECKPOINT_FRAMES && !store_group_checkpoint_due(c->group, frames))
		(void)sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL,
						NULL);
	return true;
}

/* Called by SQLite after every commit of this connection, its log
 * records written and its write lock released. A commit under the gate
 * (sq_commit) is only noted: sq_commit leaves the gate, and with it the
 * writer's connection, before it waits for the sync, so that the next
 * writer writes while this one syncs. Any other (a statement outside a
 * transaction) returns once a sync covers it; a failure is the commit's
 * error. Replaces SQLite's default hook, which checkpoints in the
 * committing request. */
static int wal_committed(void *arg, sqlite3 *db, const char *name, int frames)
{
	(void)db;
	(void)name;
	struct sq_conn *c = arg;
	if (c->deferring) {
		c->committed = true;
		c->log_frames = frames;
		return SQLITE_OK;
	}
	return group_synced(c, frames) ? SQLITE_OK : SQLITE_IOERR_FSYNC;
}

/* In WAL mode NORMAL writes a commit's log records without syncing them
 * (and still syncs before checkpoints and at the log's restart); the hook
 * or sq_commit syncs them before the commit returns: FULL's durability,
 * one sync for many commits. */
static enum fz_err sq_group_join(struct store *st, struct store_group *g, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	int rc = sqlite3_exec(s->own.db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);
	s->group = g;
	s->own.group = g;
	sqlite3_wal_hook(s->own.db, wal_committed, &s->own);
	return FZ_OK;
}

/* The writer's page cache: the pages of the tables and indexes a step
 * writes, and the cases it reads, stay in it from one write transaction
 * to the next (no other connection commits); 32 MiB at most, taken as
 * used. */
#define WRITER_CACHE_KIB 32768

static enum fz_err sq_group_writer(struct store *st, struct store_group *g, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	enum fz_err err = sq_group_join(st, g, e);
	if (err)
		return err;
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", WRITER_CACHE_KIB);
	int rc = sqlite3_exec(s->own.db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);
	store_group_writer_set(g, s, writer_close);
	return FZ_OK;
}

/* The checkpointer's busy handler: short naps until its deadline, so
 * that it takes the log the moment the last reader has left it. */
static int checkpointer_busy(void *arg, int tries)
{
	(void)tries;
	struct sq_store *s = arg;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > s->restart_until.tv_sec ||
	    (now.tv_sec == s->restart_until.tv_sec && now.tv_nsec >= s->restart_until.tv_nsec))
		return 0;
	struct timespec nap = { 0, 100000 }; /* 0.1 ms */
	nanosleep(&nap, NULL);
	return 1;
}

/* The group's checkpointer (store_group_checkpointer): a passive copy,
 * or, with the gate held, a restart of the log, which waits for its
 * readers (within WAL_RESTART_WAIT_NS) and copies what is left. */
static bool log_checkpoint(void *arg, bool restart)
{
	struct sq_store *s = arg;
	if (restart) {
		clock_gettime(CLOCK_MONOTONIC, &s->restart_until);
		s->restart_until.tv_nsec += WAL_RESTART_WAIT_NS;
		if (s->restart_until.tv_nsec >= 1000000000L) {
			s->restart_until.tv_sec++;
			s->restart_until.tv_nsec -= 1000000000L;
		}
	}
	int rc = sqlite3_wal_checkpoint_v2(
		s->c->db, NULL, restart ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE,
		NULL, NULL);
	return rc == SQLITE_OK;
}

static enum fz_err sq_log_checkpointer(struct store *st, struct store_group *g,
				       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	/* only a restart waits, and with this handler: a passive checkpoint
	 * never waits */
	sqlite3_busy_handler(s->c->db, checkpointer_busy, s);
	return store_group_checkpointer(g, log_checkpoint, s, e);
}

/* --- the writer and its batches (store_group.h) --- */

static enum fz_err batch_fail(enum store_batch_outcome outcome, struct fz_error *e)
{
	if (outcome == STORE_BATCH_LOST)
		return fz_fail(e, FZ_BUSY, "", "系统繁忙，本次操作未保存，请稍后重试");
	return fz_fail(e, FZ_IO, "", "读写数据库文件失败");
}

/* Ends the batch open on the writer w, its gate held: commits the
 * transaction and tells the batch's tickets. holder (NULL: the caller
 * keeps the gate) leaves the gate before the sync, so that the next
 * writer writes while this one syncs, through sync's handle of the log.
 * FZ_OK, or the commit's error (the tickets: lost), or FZ_IO. */
static enum fz_err batch_end(struct sq_store *w, struct sq_store *holder, struct sq_conn *sync,
			     bool own, struct fz_error *e)
{
	struct sq_conn *c = &w->own;
	struct store_batch_ticket *members = store_group_batch_take(w->group);
	enum store_batch_outcome outcome = STORE_BATCH_DONE;
	enum fz_err err = FZ_OK;
	c->committed = false;
	if (sqlite3_get_autocommit(c->db)) {
		/* rolled back by SQLite itself (a statement that failed so) */
		outcome = STORE_BATCH_LOST;
		err = fz_fail(e, FZ_DB, "", "事务已被数据库回滚，数据未保存");
	} else {
		c->deferring = true;
		err = sq_exec(w, SQ_COMMIT, "COMMIT", e);
		c->deferring = false;
		if (err) {
			outcome = STORE_BATCH_LOST;
			if (!sqlite3_get_autocommit(c->db))
				(void)sq_exec(w, SQ_ROLLBACK, "ROLLBACK", NULL);
		}
	}
	bool committed = c->committed;
	int frames = c->log_frames;
	if (holder)
		gate_leave(holder);
	if (committed && !group_synced(sync, frames)) {
		outcome = STORE_BATCH_IO;
		err = batch_fail(outcome, e);
	}
	store_group_batch_complete(w->group, members, outcome, own);
	return err;
}

/* The group's close of a batch left open (store_group_writer_set): by
 * the holder of the gate, which it keeps; the sync through the writer's
 * own handle. */
static void writer_close(void *arg)
{
	struct sq_store *w = arg;
	struct fz_error ignore;
	(void)batch_end(w, NULL, &w->own, false, &ignore);
}

/* A write transaction through the group's writer w, the gate held: the
 * batch's, this one's work in a savepoint of its own, when one is open;
 * else a new one. */
static enum fz_err writer_begin(struct sq_store *s, struct sq_store *w, struct fz_error *e)
{
	s->c = &w->own;
	struct fz_error ignore;
	/* a batch whose transaction is gone (cannot be: it is never passed
	 * on so) ends as lost rather than be joined */
	if (store_group_batch_open(s->group) && sqlite3_get_autocommit(w->own.db))
		(void)batch_end(w, NULL, &w->own, false, &ignore);
	if (!store_group_batch_open(s->group)) {
		enum fz_err err = sq_exec(s, SQ_BEGIN_WRITE, "BEGIN IMMEDIATE", e);
		if (err)
			gate_leave(s);
		return err;
	}
	enum fz_err err = sq_exec(s, SQ_BATCH_SAVEPOINT, "SAVEPOINT fz_batch", e);
	if (!err) {
		s->joined = true;
		return FZ_OK;
	}
	/* the batch ends without this one */
	(void)batch_end(w, s, &s->own, false, &ignore);
	return err;
}

/* The work is done: left in the batch for the writer waiting next, and
 * waited for; or the batch, with it, committed and synced here. */
static enum fz_err writer_commit(struct sq_store *s, struct sq_store *w, struct fz_error *e)
{
	/* rolled back by SQLite itself: never passed on as a batch (the
	 * next writer's savepoint would begin a new transaction) */
	if (sqlite3_get_autocommit(s->c->db)) {
		sq_rollback(&s->base);
		return fz_fail(e, FZ_DB, "", "事务已被数据库回滚，数据未保存");
	}
	if (s->joined) {
		s->joined = false;
		enum fz_err err = sq_exec(s, SQ_BATCH_RELEASE, "RELEASE fz_batch", e);
		if (err) {
			s->joined = true;
			sq_rollback(&s->base);
			return err;
		}
	}
	struct store_batch_ticket t;
	if (store_group_batch_pass(s->group, &t)) {
		gate_leave(s);
		enum store_batch_outcome outcome = store_group_batch_wait(s->group, &t);
		return outcome == STORE_BATCH_DONE ? FZ_OK : batch_fail(outcome, e);
	}
	return batch_end(w, s, &s->own, true, e);
}

/* Undoes this one's work: its savepoint, the batch going on for the
 * others (passed on or ended); or, alone, the transaction. */
static void writer_rollback(struct sq_store *s, struct sq_store *w)
{
	sqlite3 *db = s->c->db;
	if (!s->joined) {
		if (!sqlite3_get_autocommit(db))
			(void)sq_exec(s, SQ_ROLLBACK, "ROLLBACK", NULL);
		gate_leave(s);
		return;
	}
	s->joined = false;
	if (!sqlite3_get_autocommit(db)) {
		(void)sq_exec(s, SQ_BATCH_ROLLBACK_TO, "ROLLBACK TO fz_batch", NULL);
		(void)sq_exec(s, SQ_BATCH_RELEASE, "RELEASE fz_batch", NULL);
	}
	if (!sqlite3_get_autocommit(db) && store_group_batch_pass(s->group, NULL)) {
		gate_leave(s);
		return;
	}
	struct fz_error ignore;
	(void)batch_end(w, s, &s->own, false, &ignore);
}

static struct sq_store *writer_of(struct sq_store *s)
{
	return s->gated ? store_group_writer(s->group) : NULL;
}

enum fz_err sq_begin(struct store *st, bool write, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	if (s->gated || !sqlite3_get_autocommit(s->c->db))
		return fz_fail(e, FZ_INTERNAL, "", "内部错误：事务已经开始");
	if (!write)
		return sq_exec(s, SQ_BEGIN_READ, "BEGIN", e);
	/* The group's writers queue on its gate first (woken at once when
	 * it is free) rather than on SQLite's lock (polled with sleeps), and
	 * write through the group's writer when it has one. */
	if (s->group) {
		if (!store_group_gate_enter(s->group, s->busy_ms))
			return sq_fail(s, SQLITE_BUSY, e);
		s->gated = true;
		struct sq_store *w = store_group_writer(s->group);
		if (w)
			return writer_begin(s, w, e);
	}
	/* IMMEDIATE takes the write lock now (waiting up to busy_timeout), so
	 * that a write transaction never fails half-way for lack of it. */
	enum fz_err err = sq_exec(s, SQ_BEGIN_WRITE, "BEGIN IMMEDIATE", e);
	if (err)
		gate_leave(s);
	return err;
}

enum fz_err sq_commit(struct store *st, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	struct sq_store *w = writer_of(s);
	if (w)
		return writer_commit(s, w, e);
	if (sqlite3_get_autocommit(s->c->db))
		return fz_fail(e, FZ_DB, "", "事务已被数据库回滚，数据未保存");
	struct sq_conn *c = s->c;
	c->deferring = s->gated;
	c->committed = false;
	enum fz_err err = sq_exec(s, SQ_COMMIT, "COMMIT", e);
	c->deferring = false;
	if (err)
		sq_rollback(st);
	gate_leave(s); /* a commit that wrote nothing calls no hook */
	if (c->committed && !group_synced(c, c->log_frames))
		return fz_fail(e, FZ_IO, "", "读写数据库文件失败");
	return err;
}

void sq_rollback(struct store *st)
{
	struct sq_store *s = sq(st);
	struct sq_store *w = writer_of(s);
	if (w) {
		writer_rollback(s, w);
		return;
	}
	if (!sqlite3_get_autocommit(s->c->db))
		(void)sq_exec(s, SQ_ROLLBACK, "ROLLBACK", NULL);
	gate_leave(s);
}
