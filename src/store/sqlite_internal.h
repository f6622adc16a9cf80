/* sqlite_internal.h - what the files of the SQLite backend share: the
 * connection record, the per-connection statement cache, sticky argument
 * binding, reading rows into an arena, error mapping, and the builder of
 * the fixed set of list-query variants. Private to src/store/. */
#ifndef FZ_STORE_SQLITE_INTERNAL_H
#define FZ_STORE_SQLITE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/embed.h"
#include "domain/search.h"
#include "store/store.h"

/* The numbered migrations, generated from sql/sqlite/ by scripts/embed.py. */
extern const struct embedded_file migrations_sqlite[];

/* Every fixed statement. Each id is used at exactly one place, which
 * passes its SQL to sq_stmt(); the first use prepares it and later uses on
 * the same connection reuse it. */
enum sq_stmt_id {
	SQ_BEGIN_READ = 1,
	SQ_BEGIN_WRITE,
	SQ_COMMIT,
	SQ_ROLLBACK,
	SQ_SAVEPOINT,
	SQ_RELEASE,
	SQ_ROLLBACK_TO,
	SQ_SETTING_GET,
	SQ_SETTING_SET,
	SQ_DIVISION_PUT,
	SQ_DIVISION_GET,
	SQ_AGENCY_INSERT,
	SQ_AGENCY_UPDATE,
	SQ_UNIT_INSERT,
	SQ_UNIT_UPDATE,
	SQ_PERSON_INSERT,
	SQ_PERSON_UPDATE,
	SQ_USER_INSERT,
	SQ_USER_UPDATE,
	SQ_USER_GET_BY_NAME,
	SQ_CERT_INSERT,
	SQ_CERT_UPDATE,
	SQ_CERT_GET_BY_NUMBER,
	SQ_REVIEW_INSERT,
	SQ_REVIEW_LIST,
	SQ_SESSION_INSERT,
	SQ_SESSION_GET,
	SQ_SESSION_TOUCH,
	SQ_SESSION_DELETE,
	SQ_SESSION_DELETE_USER,
	SQ_SESSION_EXPIRE,
	SQ_LOGIN_FAILURE_ADD,
	SQ_LOGIN_FAILURE_PRUNE,
	SQ_LOGIN_FAILURE_COUNT,
	SQ_AUDIT_INSERT,
	SQ_AUDIT_CHANGE_INSERT,
	SQ_AUDIT_CHANGES,
	SQ_AUDIT_PURGE,
	SQ_AUDIT_RETENTION,
	SQ_EXISTS_DIVISION,
	SQ_EXISTS_AGENCY,
	SQ_EXISTS_UNIT_OF_AGENCY,
	SQ_EXISTS_PERSON,
	SQ_EXISTS_CERTIFICATE,
	SQ_EXISTS_USER,
	SQ_CALENDAR_YEAR_PUT,
	SQ_CALENDAR_DAYS_DELETE,
	SQ_CALENDAR_DAY_INSERT,
	SQ_CALENDAR_YEARS,
	SQ_CALENDAR_DAYS,
	SQ_CALENDAR_UPLOAD_PRUNE,
	SQ_CALENDAR_UPLOAD_PUT,
	SQ_CALENDAR_UPLOAD_GET,
	SQ_CALENDAR_UPLOAD_DELETE,
	SQ_CASE_NUMBER_NEXT,
	SQ_CASE_INSERT,
	SQ_CASE_UPDATE,
	SQ_CASE_STATUS_PUT,
	SQ_CASE_STATUS_GET,
	SQ_CASE_STATUS_STALE,
	SQ_CASE_DUTIES_DELETE,
	SQ_CASE_DUTY_INSERT,
	SQ_CASE_DUTIES_OF,
	SQ_CASE_STATUS_INVALIDATE,
	SQ_CASE_STATUS_PLACEHOLDER,
	SQ_CASE_TODO_COUNTS,
	SQ_JOB_RUN_INSERT,
	SQ_JOB_RUNS_LATEST,
	SQ_CASE_EVENT_INSERT,
	SQ_CASE_FIELD_INSERT,
	SQ_CASE_OFFICER_INSERT,
	SQ_CASE_EVENTS,
	SQ_CASE_EVENT_FIELDS,
	SQ_CASE_EVENT_OFFICERS,
	SQ_EXISTS_CASE,
	SQ_EXISTS_CASE_EVENT,
	SQ_DOC_NUMBER_NEXT,
	SQ_DOC_NUMBER_PEEK,
	SQ_DOC_INSERT,
	SQ_DOC_LIST,
	SQ_LEDGER_HASH_GET,
	SQ_LEDGER_HASH_SET,
	SQ_LEDGER_LEAF_APPEND,
	SQ_LEDGER_SIZE,
	SQ_LEDGER_LEAVES,
	SQ_LEDGER_LEAF_FIND,
	SQ_LEDGER_UNLOGGED_EVENTS,
	SQ_LEDGER_UNLOGGED_EVIDENCE,
	SQ_LEDGER_UNLOGGED_DOCUMENTS,
	SQ_LEDGER_UNLOGGED_HEADERS,
	SQ_LEDGER_UNLOGGED_EXPORTS,
	SQ_LEDGER_UNLOGGED_ROTATIONS,
	SQ_CASE_HEADER_APPEND,
	SQ_CASE_HEADER_GET,
	SQ_CASE_HEADERS,
	SQ_CASE_HEADER_DRIFT,
	SQ_CASE_EXPORT_INSERT,
	SQ_CASE_EXPORT_GET,
	SQ_LEDGER_CASE_COUNTS,
	SQ_CHECKPOINT_INSERT,
	SQ_CHECKPOINT_LATEST,
	SQ_CHECKPOINT_LIST,
	SQ_CHECKPOINT_COUNT,
	SQ_CHECKPOINT_GET,
	SQ_CHECKPOINT_AT_SIZE,
	SQ_LEDGER_LOG_GET,
	SQ_LEDGER_LOG_SET,
	SQ_LEDGER_NODE_PUT,
	SQ_LEDGER_NODE_GET,
	SQ_LEDGER_LEAF_HASH_GET,
	SQ_LEDGER_NODES_COVERED,
	SQ_LEDGER_LEAF_BY_HASH,
	SQ_COSIG_INSERT,
	SQ_COSIG_LIST,
	SQ_ROTATION_INSERT,
	SQ_ROTATION_LIST,
	SQ_LEDGER_TSA_GET,
	SQ_LEDGER_TSA_SET,
	SQ_TIMESTAMP_PUT,
	SQ_TIMESTAMP_GET,
	SQ_EVIDENCE_INSERT,
	SQ_CASE_EVENT_GET,
	SQ_CASE_EVENT_GET_FIELDS,
	SQ_CASE_EVENT_GET_OFFICERS,
	SQ_LOGIN_NAME_GET,
	SQ_LOGIN_NAME_PUT,
	SQ_LOGIN_NAME_CLEAR,
	SQ_LOGIN_NAME_PRUNE,
	SQ_PASSWORD_HISTORY_ADD,
	SQ_PASSWORD_HISTORY_RECENT,
	SQ_EVIDENCE_USAGE,
	SQ_PUB_INSERT,
	SQ_PUB_UPDATE,
	SQ_PUB_GET,
	SQ_PUB_BY_EVENT,
	SQ_PUB_LIST,
	SQ_PUB_COUNT,
	SQ_PUB_EVENT_INSERT,
	SQ_PUB_EVENT_GET,
	SQ_PUB_EVENTS_OF,
	SQ_LEDGER_UNLOGGED_PUBLICATIONS,
	SQ_SEARCH_DELETE,
	SQ_SEARCH_INSERT,
	SQ_SEARCH_QUERY,
	SQ_SEARCH_BOUNDS,
	SQ_DRAW_EVENTS,
	SQ_DRAW_EVENTS_COUNT,
	SQ_POWER_INSERT,
	SQ_POWER_ITEMS_DELETE,
	SQ_POWER_ITEM_INSERT,
	SQ_POWER_NOTE_SET,
	SQ_POWER_PUBLISH,
	SQ_POWER_GET,
	SQ_POWER_ITEMS_OF,
	SQ_POWER_COUNT,
	SQ_POWER_LIST,
	SQ_POWER_IN_FORCE,
	SQ_POWER_DRAFT_OF,
	SQ_POWER_PUBLIC_OFFICERS,
	SQ_POWER_PUBLIC_POWERS,
	SQ_LEDGER_UNLOGGED_POWER_LISTS,
	SQ_CMP_INSERT,
	SQ_CMP_UPDATE,
	SQ_CMP_GET,
	SQ_CMP_BY_RECEIPT,
	SQ_CMP_COUNT,
	SQ_CMP_LIST,
	SQ_CMP_LIST_SORTED, /* + 2 * key + desc, enum complaint_sort */
	SQ_CMP_LIST_SORTED_END = SQ_CMP_LIST_SORTED + 2 * 8,
	SQ_CMP_RECENT,
	SQ_CMP_EVENT_INSERT,
	SQ_CMP_EVENT_GET,
	SQ_CMP_EVENTS_OF,
	SQ_LEDGER_UNLOGGED_COMPLAINTS,
	SQ_EVAL_ROUND_INSERT,
	SQ_EVAL_ROUND_AGENCY_INSERT,
	SQ_EVAL_ROUND_UPDATE,
	SQ_EVAL_ROUND_GET,
	SQ_EVAL_ROUND_LIST,
	SQ_EVAL_ROUND_COUNT,
	SQ_EVAL_ROUND_AGENCIES,
	SQ_RUBRIC_INSERT,
	SQ_RUBRIC_LATEST,
	SQ_EVAL_CLOSED_CASES,
	SQ_EVAL_FILE_INSERT,
	SQ_EVAL_FILE_UPDATE,
	SQ_EVAL_MARK_INSERT,
	SQ_EVAL_MARKS_OF,
	SQ_CHECK_PLAN_INSERT,
	SQ_CHECK_PLAN_GET,
	SQ_CHECK_PLAN_LIST,
	SQ_CHECK_PLAN_COUNT,
	SQ_CHECK_ITEM_INSERT,
	SQ_CHECK_ITEM_UPDATE,
	SQ_CHECK_ITEMS_OF,
	SQ_NOTICE_INSERT,
	SQ_NOTICE_UPDATE,
	SQ_OVERSIGHT_INSERT,
	SQ_OVERSIGHT_GET,
	SQ_LEDGER_UNLOGGED_OVERSIGHT,
	SQ_EXPORT_INSERT,
	SQ_EXPORT_GET,
	SQ_EXPORT_GET_FILE,
	SQ_EXPORT_NEXT,
	SQ_EXPORT_BY_ID,
	SQ_EXPORT_CLAIM,
	SQ_EXPORT_PROGRESS,
	SQ_EXPORT_FINISH,
	SQ_EXPORT_INTERRUPT,
	SQ_EXPORT_UNFINISHED,
	SQ_CMP_LOOKUP_INSERT,
	SQ_CMP_LOOKUP_PRUNE,
	SQ_CMP_LOOKUP_COUNT,
	SQ_CMP_ATT_INSERT,
	SQ_CMP_ATTS_OF,
	SQ_CONSULT_COUNT,
	SQ_CONSULT_LIST,
	SQ_CONSULT_OF,
	SQ_COMMENT_INSERT,
	SQ_COMMENT_GET,
	SQ_COMMENT_COUNT,
	SQ_COMMENT_LIST,
	SQ_COMMENT_COUNTS,
	SQ_COMMENT_RECENT,
	SQ_COMMENT_EVENT_INSERT,
	SQ_COMMENT_EVENT_GET,
	SQ_COMMENT_EVENTS_OF,
	SQ_LEDGER_UNLOGGED_COMMENTS,
	SQ_COMMENT_BY_RECEIPT,
	SQ_REVREQ_COUNT,
	SQ_REVREQ_LIST,
	SQ_DCAT_INSERT,
	SQ_DCAT_GET,
	SQ_DCAT_LIST,
	SQ_DCAT_COUNT,
	SQ_DCAT_ENTRY_INSERT,
	SQ_DCAT_ENTRY_GET,
	SQ_DCAT_ENTRIES,
	SQ_DCAT_ITEM_OPEN_CASE,
	SQ_LEDGER_UNLOGGED_DCAT,
	SQ_STMT_COUNT
};

/* The list queries; each has a fixed set of WHERE variants (see sq_query). */
enum sq_query_id {
	SQ_Q_DIVISION = 1,
	SQ_Q_AGENCY,
	SQ_Q_UNIT,
	SQ_Q_PERSON,
	SQ_Q_RATIO,
	SQ_Q_USER,
	SQ_Q_CERTIFICATE,
	SQ_Q_AUDIT,
	SQ_Q_CASE,
	SQ_Q_EVIDENCE,
	SQ_Q_DOCUMENT,
	SQ_Q_EVAL_FILE,
	SQ_Q_CHECK_ITEM,
	SQ_Q_NOTICE,
};

struct sq_variant {
	uint64_t key;       /* query id, scope kind, count, filter mask */
	sqlite3_stmt *stmt;
};

/* One connection. base must stay first: struct store * converts to it. */
struct sq_store {
	struct store base;
	sqlite3 *db;
	sqlite3_stmt *fixed[SQ_STMT_COUNT];
	struct sq_variant *variants; /* list-query variants prepared so far */
	size_t nvariants, capvariants;
	struct store_group *group;   /* group commit (sq_group_join), or NULL */
	bool gated;                  /* holds the group's write gate */
	int busy_ms;                 /* the busy timeout */
};

static inline struct sq_store *sq(struct store *st) { return (struct sq_store *)st; }

/* --- statements (sqlite_stmt.c) --- */

/* The cached statement for id, prepared from sql on first use. A statement
 * handed out is reset and unbound; give it back with sq_done(). */
enum fz_err sq_stmt(struct sq_store *s, enum sq_stmt_id id, const char *sql,
		    sqlite3_stmt **out, struct fz_error *e);
/* Resets stmt (ending its read of the database) and clears its bindings. */
void sq_done(sqlite3_stmt *stmt);
void sq_cache_clear(struct sq_store *s);

/* Runs a fixed statement without arguments or rows (BEGIN, COMMIT ...). */
enum fz_err sq_exec(struct sq_store *s, enum sq_stmt_id id, const char *sql,
		    struct fz_error *e);

/* Sticky positional binding: each call binds the next parameter; the first
 * failure is kept in rc and later calls do nothing. */
struct sq_args {
	sqlite3_stmt *stmt;
	int i;
	int rc;
};
static inline struct sq_args sq_args(sqlite3_stmt *stmt)
{
	return (struct sq_args){ stmt, 0, SQLITE_OK };
}
void sq_arg_int(struct sq_args *b, int64_t v);
void sq_arg_id(struct sq_args *b, int64_t v);     /* 0 binds NULL */
void sq_arg_text(struct sq_args *b, const char *v); /* NULL binds NULL */
void sq_arg_nonempty(struct sq_args *b, const char *v); /* "" binds NULL too */
void sq_arg_blob(struct sq_args *b, const void *v, int n);
/* The same by name; a name the statement lacks is an error (SQLITE_RANGE
 * when the statement runs), so a misspelt name is never a silent NULL. */
void sq_arg_named_int(struct sq_args *b, const char *name, int64_t v);
void sq_arg_named_text(struct sq_args *b, const char *name, const char *v);

/* Reading a row column by column into an arena; nomem is sticky. */
struct sq_row {
	sqlite3_stmt *stmt;
	struct arena *a;
	int col;
	bool nomem;
};
int64_t sq_col_int(struct sq_row *r);
bool sq_col_bool(struct sq_row *r);
char *sq_col_text(struct sq_row *r); /* NULL for SQL NULL */
/* Copies into a fixed array (codes, dates); "" for SQL NULL. */
void sq_col_fixed(struct sq_row *r, char *dst, size_t size);
/* Copies a BLOB into dst, at most cap bytes; sets *len (when not NULL). */
void sq_col_blob(struct sq_row *r, unsigned char *dst, size_t cap, size_t *len);

typedef void (*sq_read_fn)(struct sq_row *r, void *item);

/* --- errors (sqlite_stmt.c) --- */

/* Maps a failed SQLite result to fz_err and fills e: unique keys name
 * their field (执法证号已存在 ...), NOT NULL and CHECK are FZ_INVALID, a
 * trigger's RAISE is FZ_FORBIDDEN with its own message, busy is FZ_DB. */
enum fz_err sq_fail(struct sq_store *s, int rc, struct fz_error *e);

/* A reference a row makes; checked one by one when a foreign key fails so
 * that the message names the field. */
struct sq_ref {
	const char *field;
	enum sq_stmt_id stmt;
	const char *sql;   /* SELECT 1 FROM ... WHERE ...=?1 [AND ...=?2] */
	int64_t id, id2;   /* id 0 = no reference made: skipped */
	const char *text;  /* instead of id, for text keys */
	const char *message;
};
/* The references rows make, with the one SQL text of each SQ_EXISTS_*. */
#define SQ_REF_DIVISION(field, code, msg) \
	{ field, SQ_EXISTS_DIVISION, "SELECT 1 FROM divisions WHERE code = ?1", 0, 0, code, msg }
#define SQ_REF_AGENCY(field, id) \
	{ field, SQ_EXISTS_AGENCY, "SELECT 1 FROM agencies WHERE id = ?1", id, 0, NULL, \
	  "所属执法主体不存在" }
#define SQ_REF_UNIT_OF_AGENCY(field, unit, agency) \
	{ field, SQ_EXISTS_UNIT_OF_AGENCY, \
	  "SELECT 1 FROM units WHERE id = ?1 AND agency_id = ?2", unit, agency, NULL, \
	  "内设机构不存在或不属于该执法主体" }
#define SQ_REF_PERSON(field, id) \
	{ field, SQ_EXISTS_PERSON, "SELECT 1 FROM people WHERE id = ?1", id, 0, NULL, \
	  "人员不存在" }
#define SQ_REF_CERTIFICATE(field, id) \
	{ field, SQ_EXISTS_CERTIFICATE, "SELECT 1 FROM certificates WHERE id = ?1", id, 0, \
	  NULL, "执法证不存在" }
#define SQ_REF_USER(field, id) \
	{ field, SQ_EXISTS_USER, "SELECT 1 FROM users WHERE id = ?1", id, 0, NULL, "用户不存在" }
#define SQ_REF_CASE(field, id) \
	{ field, SQ_EXISTS_CASE, "SELECT 1 FROM cases WHERE id = ?1", id, 0, NULL, "案件不存在" }
#define SQ_REF_CASE_EVENT(field, event, case_id) \
	{ field, SQ_EXISTS_CASE_EVENT, \
	  "SELECT 1 FROM case_events WHERE id = ?1 AND case_id = ?2", event, case_id, NULL, \
	  "被更正的记录不存在或不属于该案件" }

/* sq_fail(), except that a foreign-key failure is FZ_CONFLICT naming the
 * first reference of refs that does not resolve. */
enum fz_err sq_fail_refs(struct sq_store *s, int rc, const struct sq_ref *refs, size_t n,
			 struct fz_error *e);

/* Runs a write statement whose arguments b holds and gives it back. A
 * foreign-key failure is explained with refs; with notfound set, a
 * statement that changed no row is FZ_NOTFOUND with that message. */
enum fz_err sq_write(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
		     const struct sq_ref *refs, size_t nrefs, const char *notfound,
		     struct fz_error *e);

/* sq_write() for an INSERT, setting *id to the new row's id. */
/* INSERT of a row of a case's event returning id and the case's agency
 * (sqlite_document.c). */
enum fz_err sq_insert_case_row(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
			       int64_t case_id, int64_t event_id, int64_t *id, int64_t *agency,
			       struct fz_error *e);
enum fz_err sq_insert(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
		      int64_t *id, struct fz_error *e);

/* Reads every row of stmt (arguments in b) into a growing arena array,
 * then gives the statement back. For short unpaged lists. */
enum fz_err sq_collect(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
		       struct arena *a, size_t item_size, sq_read_fn read, void **items,
		       size_t *n, struct fz_error *e);

/* Reads the first row of stmt (arguments in b) into item with read, then
 * gives the statement back. No row is the error missing (FZ_NOTFOUND for
 * a thing asked for, FZ_DB for a settings row that must exist) with field
 * and message. */
enum fz_err sq_one(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
		   struct arena *a, void *item, sq_read_fn read, enum fz_err missing,
		   const char *field, const char *message, struct fz_error *e);
/* A reader of one integer column into an int64_t. */
void sq_read_int(struct sq_row *r, void *item);

/* --- list queries (sqlite_query.c) --- */

#define SQ_MAX_FILTERS 24

/* A list query: SELECT cols FROM ... WHERE <scope> AND <filter>... ORDER BY.
 * Each filter is a constant clause with named parameters; code chooses
 * which clauses apply (a bit mask) and binds their values. Filter 0 must
 * be "<x>.id = :id" for sq_query_get. A query without scope clauses is
 * unscoped and ignores the scope passed. */
struct sq_query {
	enum sq_query_id id;
	const char *select;         /* "SELECT a.id, a.name ..." */
	const char *from;           /* " FROM agencies a JOIN ..." */
	const char *scope_agency;   /* uses :scope_agency */
	const char *scope_division; /* uses :scope_prefix */
	const char *filters[SQ_MAX_FILTERS];
	const char *order;          /* " ORDER BY a.id" */
	/* Orders by column (struct list_sort): sorts[key] is a fixed column
	 * expression for key 1..nsorts-1 ("p.name"), then tiebreak ("p.id")
	 * in the same direction. */
	const char *const *sorts;
	size_t nsorts;
	const char *tiebreak;
};

/* A list being read: the count and page statements of one variant. */
struct sq_list {
	struct sq_store *s;
	const struct sq_query *q;
	sqlite3_stmt *count, *page;
	struct sq_args cb, pb;
	int64_t offset;
	int limit;
	bool empty; /* SCOPE_NONE: nothing to read */
};

enum fz_err sq_list_open(struct sq_store *s, const struct sq_query *q, const struct scope *sc,
			 unsigned mask, struct page pg, struct sq_list *l, struct fz_error *e);
/* The same in the order sort names (the usual order when q has no such
 * key). */
enum fz_err sq_list_open_sorted(struct sq_store *s, const struct sq_query *q,
				const struct scope *sc, unsigned mask, struct list_sort sort,
				struct page pg, struct sq_list *l, struct fz_error *e);
/* Bind a filter's parameter: skipped when the variant lacks that filter's
 * clause, an error (when the list is read) when no filter of the query
 * declares the name — a misspelt name is never a silent NULL. */
void sq_list_int(struct sq_list *l, const char *name, int64_t v);
void sq_list_text(struct sq_list *l, const char *name, const char *v);
/* Counts, reads the page into an arena array of item_size elements with
 * read, gives the statements back. Consistent: both run in one read
 * transaction when the caller has none open. */
enum fz_err sq_list_run(struct sq_list *l, struct arena *a, size_t item_size, sq_read_fn read,
			void **items, size_t *n, int64_t *total, struct fz_error *e);
/* One row by id within the scope; FZ_NOTFOUND (with notfound as message)
 * when missing or outside it. */
enum fz_err sq_query_get(struct sq_store *s, const struct sq_query *q, const struct scope *sc,
			 int64_t id, struct arena *a, void *item, sq_read_fn read,
			 const char *notfound, struct fz_error *e);

/* Transaction helpers for operations that write several rows: a savepoint
 * works both inside and outside the caller's transaction. */
enum fz_err sq_savepoint(struct sq_store *s, struct fz_error *e);
enum fz_err sq_release(struct sq_store *s, struct fz_error *e);
void sq_rollback_to(struct sq_store *s);

/* Now, for timestamps the caller left 0. */
int64_t sq_now_if_zero(int64_t t);
/* The limit of a page clamped to 1..200 and offset to >= 0. */
struct page sq_page_clamp(struct page pg);

/* --- search (sqlite_search_tok.c) --- */

/* Registers the "fazhi" FTS5 tokenizer on db; an SQLite result code. */
int sq_search_register(sqlite3 *db);
/* The SQL functions fz_cert_number(x) and fz_refuse(message) (migration
 * 023), registered on every connection like the tokenizer. */
int sq_cert_register(sqlite3 *db);
/* The MATCH expression for terms (each a quoted phrase, all required, in
 * title or body) and the filters (agency_id 0 and kind NULL: none). */
void sq_search_expr(struct buf *b, const struct search_terms *t, int64_t agency_id,
		    const char *kind);
/* The tag of kind in the tags column: "k" and its letters and digits. */
void sq_search_tag_kind(struct buf *b, const char *kind);

/* --- operations, one file per concept --- */

/* sqlite_db.c */
enum fz_err sq_begin(struct store *st, bool write, struct fz_error *e);
enum fz_err sq_commit(struct store *st, struct fz_error *e);
void sq_rollback(struct store *st);

/* sqlite_org.c */
enum fz_err sq_division_put(struct store *st, const struct division *d, struct fz_error *e);
enum fz_err sq_division_get(struct store *st, struct arena *a, const char *code,
			    struct division *out, struct fz_error *e);
enum fz_err sq_division_list(struct store *st, struct arena *a, const char *parent,
			     struct page pg, struct division_list *out, struct fz_error *e);
enum fz_err sq_agency_insert(struct store *st, struct agency *ag, struct fz_error *e);
enum fz_err sq_agency_update(struct store *st, struct agency *ag, struct fz_error *e);
enum fz_err sq_agency_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			  struct agency *out, struct fz_error *e);
enum fz_err sq_agency_list(struct store *st, struct arena *a, const struct scope *sc,
			   const struct agency_filter *f, struct page pg,
			   struct agency_list *out, struct fz_error *e);
enum fz_err sq_unit_insert(struct store *st, struct unit *u, struct fz_error *e);
enum fz_err sq_unit_update(struct store *st, struct unit *u, struct fz_error *e);
enum fz_err sq_unit_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			struct unit *out, struct fz_error *e);
enum fz_err sq_unit_list(struct store *st, struct arena *a, const struct scope *sc,
			 int64_t agency_id, struct page pg, struct unit_list *out,
			 struct fz_error *e);

/* sqlite_people.c */
enum fz_err sq_person_insert(struct store *st, struct person *p, struct fz_error *e);
enum fz_err sq_person_update(struct store *st, struct person *p, struct fz_error *e);
enum fz_err sq_person_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			  struct person *out, struct fz_error *e);
enum fz_err sq_person_list(struct store *st, struct arena *a, const struct scope *sc,
			   const struct person_filter *f, struct page pg,
			   struct person_list *out, struct fz_error *e);
enum fz_err sq_reviewer_ratios(struct store *st, struct arena *a, const struct scope *sc,
			       struct page pg, struct reviewer_ratio_list *out,
			       struct fz_error *e);

/* sqlite_user.c */
enum fz_err sq_setting_get(struct store *st, struct arena *a, const char *key, char **value,
			   struct fz_error *e);
enum fz_err sq_setting_set(struct store *st, const char *key, const char *value,
			   struct fz_error *e);
enum fz_err sq_user_insert(struct store *st, struct user *u, struct fz_error *e);
enum fz_err sq_user_update(struct store *st, struct user *u, struct fz_error *e);
enum fz_err sq_user_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			struct user *out, struct fz_error *e);
enum fz_err sq_user_get_by_name(struct store *st, struct arena *a, const char *username,
				struct user *out, struct fz_error *e);
enum fz_err sq_user_list(struct store *st, struct arena *a, const struct scope *sc,
			 const struct user_filter *f, struct page pg, struct user_list *out,
			 struct fz_error *e);

/* sqlite_session.c */
enum fz_err sq_session_insert(struct store *st, struct session *s, struct fz_error *e);
enum fz_err sq_session_get(struct store *st, struct arena *a, const unsigned char digest[32],
			   struct session *out, struct fz_error *e);
enum fz_err sq_session_touch(struct store *st, int64_t id, int64_t now, struct fz_error *e);
enum fz_err sq_session_delete(struct store *st, int64_t id, struct fz_error *e);
enum fz_err sq_session_delete_user(struct store *st, int64_t user_id, struct fz_error *e);
enum fz_err sq_session_expire(struct store *st, int64_t idle_before, int64_t created_before,
			      struct fz_error *e);
enum fz_err sq_login_failure_add(struct store *st, const char *client_addr, int64_t at,
				 struct fz_error *e);
enum fz_err sq_login_failure_count(struct store *st, const char *client_addr, int64_t since,
				   int64_t *count, struct fz_error *e);

/* sqlite_account.c */
enum fz_err sq_login_name_get(struct store *st, const char *username, struct login_name *out,
			      struct fz_error *e);
enum fz_err sq_login_name_put(struct store *st, const struct login_name *ln,
			      struct fz_error *e);
enum fz_err sq_password_history_add(struct store *st, int64_t user_id, const char *hash,
				    int64_t at, struct fz_error *e);
enum fz_err sq_password_history_recent(struct store *st, struct arena *a, int64_t user_id,
				       int n, char ***hashes, size_t *count,
				       struct fz_error *e);
enum fz_err sq_agency_evidence_usage(struct store *st, int64_t agency_id, int64_t *used,
				     int64_t *quota, struct fz_error *e);

/* sqlite_cert.c */
enum fz_err sq_certificate_insert(struct store *st, struct certificate *c, struct fz_error *e);
enum fz_err sq_certificate_update(struct store *st, struct certificate *c, struct fz_error *e);
enum fz_err sq_certificate_get(struct store *st, struct arena *a, const struct scope *sc,
			       int64_t id, struct certificate *out, struct fz_error *e);
enum fz_err sq_certificate_get_by_number(struct store *st, struct arena *a, const char *number,
					 struct certificate *out, struct fz_error *e);
enum fz_err sq_certificate_list(struct store *st, struct arena *a, const struct scope *sc,
				const struct certificate_filter *f, struct page pg,
				struct certificate_list *out, struct fz_error *e);
enum fz_err sq_cert_review_insert(struct store *st, struct cert_review *r, struct fz_error *e);
enum fz_err sq_cert_review_list(struct store *st, struct arena *a, int64_t certificate_id,
				struct cert_review_list *out, struct fz_error *e);

/* sqlite_audit.c */
enum fz_err sq_audit_append(struct store *st, struct audit_entry *ent,
			    const struct audit_change *changes, size_t nchanges,
			    struct fz_error *e);
enum fz_err sq_audit_list(struct store *st, struct arena *a, const struct audit_filter *f,
			  struct page pg, struct audit_list *out, struct fz_error *e);
enum fz_err sq_audit_changes(struct store *st, struct arena *a, int64_t audit_id,
			     struct audit_change_list *out, struct fz_error *e);
enum fz_err sq_audit_purge(struct store *st, int64_t before, int64_t now, int retention_days,
			   int64_t *deleted, struct fz_error *e);

/* sqlite_calendar.c */
enum fz_err sq_calendar_year_replace(struct store *st, const struct calendar_year *y,
				     const struct calendar_day *days, size_t ndays,
				     struct fz_error *e);
enum fz_err sq_calendar_get(struct store *st, struct arena *a, struct calendar *out,
			    struct fz_error *e);

/* sqlite_case.c */
enum fz_err sq_case_insert(struct store *st, struct arena *a, struct enf_case *c,
			   const struct case_numbering *num, struct fz_error *e);
enum fz_err sq_case_update(struct store *st, struct enf_case *c, struct fz_error *e);
enum fz_err sq_case_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			struct enf_case *out, struct fz_error *e);
enum fz_err sq_case_status_put(struct store *st, const struct case_status *cs,
			       struct fz_error *e);
enum fz_err sq_case_status_get(struct store *st, struct arena *a, int64_t case_id,
			       struct case_status *out, struct fz_error *e);
enum fz_err sq_job_run_insert(struct store *st, struct job_run *run, struct fz_error *e);
enum fz_err sq_job_runs_latest(struct store *st, struct arena *a, struct job_run_list *out,
			       struct fz_error *e);
enum fz_err sq_case_status_stale(struct store *st, const struct scope *sc, const char *today,
				 int64_t *ids, size_t max, size_t *n, struct fz_error *e);
enum fz_err sq_case_duties_of(struct store *st, struct arena *a, const int64_t *ids, size_t n,
			      struct case_duty_list *out, struct fz_error *e);
enum fz_err sq_case_status_invalidate(struct store *st, struct fz_error *e);
enum fz_err sq_case_todo_counts(struct store *st, const struct scope *sc, const char *day,
				const char *soon, unsigned mine, struct case_todo_counts *out,
				struct fz_error *e);
enum fz_err sq_case_list(struct store *st, struct arena *a, const struct scope *sc,
			 const struct case_filter *f, struct page pg, struct case_list *out,
			 struct fz_error *e);

/* sqlite_case_event.c */
enum fz_err sq_case_event_append(struct store *st, struct case_event *ev, struct fz_error *e);
enum fz_err sq_case_events(struct store *st, struct arena *a, const struct scope *sc,
			   int64_t case_id, struct case_event_list *out, struct fz_error *e);

/* sqlite_document.c */
enum fz_err sq_document_number_peek(struct store *st, int64_t agency_id, int year,
				    const char *code, int64_t *n, struct fz_error *e);
enum fz_err sq_document_number_next(struct store *st, int64_t agency_id, int year,
				    const char *code, int64_t *n, struct fz_error *e);
enum fz_err sq_document_insert(struct store *st, struct case_document *d, struct fz_error *e);
enum fz_err sq_document_get(struct store *st, struct arena *a, const struct scope *sc,
			    int64_t id, struct case_document *out, struct fz_error *e);
enum fz_err sq_document_list(struct store *st, struct arena *a, const struct scope *sc,
			     int64_t case_id, struct case_document_list *out, struct fz_error *e);

/* sqlite_search.c */
enum fz_err sq_search_put(struct store *st, struct search_item *it, struct fz_error *e);
enum fz_err sq_search_remove(struct store *st, const char *kind, int64_t ref_id,
			     struct fz_error *e);
enum fz_err sq_search_query(struct store *st, struct arena *a, const struct search_query *q,
			    struct search_item_list *out, struct fz_error *e);

/* sqlite_case_event.c (verify) */
enum fz_err sq_case_event_get(struct store *st, struct arena *a, int64_t id,
			      struct case_event *out, struct fz_error *e);
enum fz_err sq_draw_events(struct store *st, struct arena *a, struct page pg,
			   const char *visible_at, struct draw_ref_list *out, struct fz_error *e);

/* sqlite_ledger.c */
enum fz_err sq_ledger_hash_get(struct store *st, char out[8], struct fz_error *e);
enum fz_err sq_ledger_hash_set(struct store *st, const char *name, struct fz_error *e);
enum fz_err sq_ledger_leaf_append(struct store *st, struct ledger_leaf *lf, struct fz_error *e);
enum fz_err sq_ledger_size(struct store *st, int64_t *size, struct fz_error *e);
enum fz_err sq_ledger_leaves(struct store *st, struct arena *a, int64_t from, int limit,
			     struct ledger_leaf_list *out, struct fz_error *e);
enum fz_err sq_ledger_leaf_find(struct store *st, int kind, int64_t ref_id,
				struct ledger_leaf *out, struct fz_error *e);
enum fz_err sq_ledger_unlogged(struct store *st, struct arena *a, int kind, int limit,
			       int64_t **ids, size_t *n, struct fz_error *e);
enum fz_err sq_case_header_append(struct store *st, int64_t case_id, int64_t at, int64_t *id,
				  struct fz_error *e);
enum fz_err sq_case_header_get(struct store *st, struct arena *a, int64_t id,
			       struct case_header *out, struct fz_error *e);
enum fz_err sq_case_headers(struct store *st, struct arena *a, int64_t case_id,
			    struct case_header_list *out, struct fz_error *e);
enum fz_err sq_case_header_drift(struct store *st, int64_t *case_id, struct fz_error *e);
enum fz_err sq_case_export_insert(struct store *st, struct case_export *x, struct fz_error *e);
/* sqlite_powerlist.c */
enum fz_err sq_power_list_insert(struct store *st, struct power_list *pl, struct fz_error *e);
enum fz_err sq_power_items_replace(struct store *st, int64_t list_id,
				   const struct power_item *items, size_t n, struct fz_error *e);
enum fz_err sq_power_list_note_set(struct store *st, int64_t list_id, const char *note,
				   struct fz_error *e);
enum fz_err sq_power_list_publish(struct store *st, const struct power_list *pl,
				  struct fz_error *e);
enum fz_err sq_power_list_get(struct store *st, struct arena *a, int64_t id,
			      struct power_list *out, struct fz_error *e);
enum fz_err sq_power_list_list(struct store *st, struct arena *a, int64_t agency_id,
			       bool published_only, struct page pg, struct power_list_list *out,
			       struct fz_error *e);
enum fz_err sq_power_list_in_force(struct store *st, struct arena *a, int64_t agency_id,
				   const char *on, struct power_list *out, struct fz_error *e);
enum fz_err sq_power_list_draft_of(struct store *st, struct arena *a, int64_t agency_id,
				   struct power_list *out, struct fz_error *e);
enum fz_err sq_agency_public_counts(struct store *st, int64_t agency_id, const char *today,
				    struct agency_public_counts *out, struct fz_error *e);
enum fz_err sq_publication_insert(struct store *st, struct publication *p, struct fz_error *e);
enum fz_err sq_publication_update(struct store *st, const struct publication *p,
				  struct fz_error *e);
enum fz_err sq_publication_get(struct store *st, struct arena *a, int64_t id,
			       struct publication *out, struct fz_error *e);
enum fz_err sq_publication_by_event(struct store *st, struct arena *a, int64_t event_id,
				    struct publication *out, struct fz_error *e);
enum fz_err sq_publication_list(struct store *st, struct arena *a,
				const struct publication_filter *f, const struct scope *sc,
				struct page pg, struct publication_list *out, struct fz_error *e);
enum fz_err sq_publication_event_insert(struct store *st, struct publication_event *ev,
					struct fz_error *e);
enum fz_err sq_publication_event_get(struct store *st, struct arena *a, int64_t id,
				     struct publication_event *out, struct fz_error *e);
enum fz_err sq_publication_events_of(struct store *st, struct arena *a, int64_t publication_id,
				     struct publication_event **items, size_t *n,
				     struct fz_error *e);
enum fz_err sq_case_export_get(struct store *st, struct arena *a, int64_t id,
			       struct case_export *out, struct fz_error *e);
enum fz_err sq_ledger_case_counts(struct store *st, int64_t case_id, int64_t before,
				  int64_t counts[6], struct fz_error *e);
enum fz_err sq_ledger_leaf_by_hash(struct store *st, const unsigned char *hash, size_t len,
				   struct ledger_leaf *out, struct fz_error *e);

/* sqlite_checkpoint.c */
enum fz_err sq_checkpoint_insert(struct store *st, struct ledger_checkpoint_row *cp,
				 struct fz_error *e);
enum fz_err sq_checkpoint_latest(struct store *st, struct ledger_checkpoint_row *out,
				 struct fz_error *e);
enum fz_err sq_checkpoint_list(struct store *st, struct arena *a, struct page pg,
			       struct ledger_checkpoint_list *out, struct fz_error *e);
enum fz_err sq_checkpoint_get(struct store *st, int64_t id, struct ledger_checkpoint_row *out,
			      struct fz_error *e);
enum fz_err sq_checkpoint_at_size(struct store *st, int64_t size,
				  struct ledger_checkpoint_row *out, struct fz_error *e);
enum fz_err sq_ledger_log_get(struct store *st, char origin[256], char sigs[16],
			      struct fz_error *e);
enum fz_err sq_ledger_log_set(struct store *st, const char *origin, const char *sigs,
			      struct fz_error *e);
enum fz_err sq_ledger_node_put(struct store *st, int level, int64_t idx,
			       const unsigned char *hash, size_t len, struct fz_error *e);
enum fz_err sq_ledger_node_get(struct store *st, int level, int64_t idx, unsigned char *out,
			       size_t *len, struct fz_error *e);
enum fz_err sq_ledger_nodes_covered(struct store *st, int64_t *leaves, struct fz_error *e);
enum fz_err sq_cosig_insert(struct store *st, struct ledger_cosig_row *c, struct fz_error *e);
enum fz_err sq_cosig_list(struct store *st, struct arena *a, int64_t checkpoint_id,
			  struct ledger_cosig_list *out, struct fz_error *e);
enum fz_err sq_rotation_insert(struct store *st, struct ledger_rotation_row *r,
			       struct fz_error *e);
enum fz_err sq_rotation_list(struct store *st, struct arena *a, struct ledger_rotation_list *out,
			     struct fz_error *e);
enum fz_err sq_ledger_tsa_get(struct store *st, char out[512], struct fz_error *e);
enum fz_err sq_ledger_tsa_set(struct store *st, const char *url, struct fz_error *e);
enum fz_err sq_timestamp_put(struct store *st, int64_t checkpoint_id, const void *token,
			     size_t len, int64_t at, struct fz_error *e);
enum fz_err sq_timestamp_get(struct store *st, struct arena *a, int64_t checkpoint_id,
			     unsigned char **token, size_t *len, struct fz_error *e);

/* sqlite_evidence.c */
enum fz_err sq_evidence_insert(struct store *st, struct evidence *ev, struct fz_error *e);
enum fz_err sq_evidence_get(struct store *st, struct arena *a, const struct scope *sc,
			    int64_t id, struct evidence *out, struct fz_error *e);
enum fz_err sq_evidence_list(struct store *st, struct arena *a, const struct scope *sc,
			     int64_t case_id, struct page pg, struct evidence_list *out,
			     struct fz_error *e);


/* sqlite_export.c */
enum fz_err sq_export_job_insert(struct store *st, struct export_job *j, struct fz_error *e);
enum fz_err sq_export_job_get(struct store *st, struct arena *a, int64_t id, int64_t user_id,
			      bool with_file, struct export_job *out, struct fz_error *e);
enum fz_err sq_export_job_claim(struct store *st, struct arena *a, struct export_job *out,
				struct fz_error *e);
enum fz_err sq_export_job_progress(struct store *st, int64_t id, int stage, struct fz_error *e);
enum fz_err sq_export_job_finish(struct store *st, int64_t id, bool ok, const char *message,
				 const void *file, size_t len, struct fz_error *e);
enum fz_err sq_export_job_interrupt(struct store *st, const char *message, int64_t *n,
				    struct fz_error *e);
enum fz_err sq_export_job_unfinished(struct store *st, int64_t *n, struct fz_error *e);
/* sqlite_consultation.c */
enum fz_err sq_consultations(struct store *st, struct arena *a, bool open, struct page pg,
			     struct consultation_ref_list *out, struct fz_error *e);
enum fz_err sq_consultation_of(struct store *st, int64_t case_id, struct consultation_ref *out,
			       struct fz_error *e);
enum fz_err sq_comment_insert(struct store *st, struct public_comment *c, struct fz_error *e);
enum fz_err sq_comment_get(struct store *st, struct arena *a, int64_t id,
			   struct public_comment *out, struct fz_error *e);
enum fz_err sq_comments_of(struct store *st, struct arena *a, int64_t open_event, bool shown_only,
			   struct page pg, struct public_comment_list *out, struct fz_error *e);
enum fz_err sq_comment_counts(struct store *st, struct arena *a, int64_t open_event,
			      struct comment_counts *out, struct fz_error *e);
enum fz_err sq_comment_recent(struct store *st, const char *client_key, int64_t since, int64_t *n,
			      struct fz_error *e);
enum fz_err sq_comment_event_insert(struct store *st, struct comment_event *ev,
				    struct fz_error *e);
enum fz_err sq_comment_event_get(struct store *st, struct arena *a, int64_t id,
				 struct comment_event *out, struct fz_error *e);
enum fz_err sq_comment_events_of(struct store *st, struct arena *a, int64_t comment_id,
				 struct comment_event **items, size_t *n, struct fz_error *e);

enum fz_err sq_comment_by_receipt(struct store *st, struct arena *a, const char *receipt,
				  struct public_comment *out, struct fz_error *e);
enum fz_err sq_review_list(struct store *st, struct arena *a, const struct scope *sc,
			   bool open_only, struct page pg, struct public_comment_list *out,
			   struct fz_error *e);

/* sqlite_complaint.c */
enum fz_err sq_complaint_attachment_insert(struct store *st, struct complaint_attachment *att,
					   struct fz_error *e);
enum fz_err sq_complaint_attachments_of(struct store *st, struct arena *a, int64_t complaint_id,
					struct complaint_attachment **items, size_t *n,
					struct fz_error *e);
enum fz_err sq_complaint_lookup_add(struct store *st, const char *client_key, int64_t at,
				    int64_t before, struct fz_error *e);
enum fz_err sq_complaint_lookup_count(struct store *st, const char *client_key, int64_t since,
				      int64_t *n, struct fz_error *e);
enum fz_err sq_complaint_insert(struct store *st, struct complaint *c, struct fz_error *e);
enum fz_err sq_complaint_update(struct store *st, const struct complaint *c, struct fz_error *e);
enum fz_err sq_complaint_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			     struct complaint *out, struct fz_error *e);
enum fz_err sq_complaint_by_receipt(struct store *st, struct arena *a, const char *receipt,
				    struct complaint *out, struct fz_error *e);
enum fz_err sq_complaint_list(struct store *st, struct arena *a, const struct complaint_filter *f,
			      const struct scope *sc, struct page pg, struct complaint_list *out,
			      struct fz_error *e);
enum fz_err sq_complaint_recent(struct store *st, const char *client_key, int64_t since,
				int64_t *n, struct fz_error *e);
enum fz_err sq_complaint_event_insert(struct store *st, struct complaint_event *ev,
				      struct fz_error *e);
enum fz_err sq_complaint_event_get(struct store *st, struct arena *a, int64_t id,
				   struct complaint_event *out, struct fz_error *e);
enum fz_err sq_complaint_events_of(struct store *st, struct arena *a, int64_t complaint_id,
				   struct complaint_event **items, size_t *n, struct fz_error *e);

/* sqlite_stats.c */
enum fz_err sq_stats_event_counts(struct store *st, struct arena *a, const struct scope *sc,
				  const struct stats_query *q, struct stats_event_count_list *out,
				  struct fz_error *e);
enum fz_err sq_stats_decision_counts(struct store *st, struct arena *a, const struct scope *sc,
				     const struct stats_query *q,
				     struct stats_decision_count_list *out, struct fz_error *e);
enum fz_err sq_stats_open_counts(struct store *st, struct arena *a, const struct scope *sc,
				 struct stats_open_count_list *out, struct fz_error *e);

/* --- sqlite_evaluation.c --- */
enum fz_err sq_eval_round_insert(struct store *st, struct eval_round *r, const int64_t *agencies, size_t nagencies, struct fz_error *e);
enum fz_err sq_eval_round_update(struct store *st, const struct eval_round *r, struct fz_error *e);
enum fz_err sq_eval_round_get(struct store *st, struct arena *a, int64_t id, struct eval_round *out, struct fz_error *e);
enum fz_err sq_eval_round_list(struct store *st, struct arena *a, const struct eval_round_filter *f, struct page pg, struct eval_round_list *out, struct fz_error *e);
enum fz_err sq_eval_round_agencies(struct store *st, struct arena *a, int64_t round_id, int64_t **ids, size_t *n, struct fz_error *e);
enum fz_err sq_eval_closed_cases(struct store *st, struct arena *a, int64_t agency_id, const char *from, const char *to, struct eval_case **items, size_t *n, struct fz_error *e);
enum fz_err sq_eval_file_insert(struct store *st, struct eval_file *f, struct fz_error *e);
enum fz_err sq_eval_file_update(struct store *st, const struct eval_file *f, struct fz_error *e);
enum fz_err sq_eval_file_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id, struct eval_file *out, struct fz_error *e);
enum fz_err sq_eval_file_list(struct store *st, struct arena *a, const struct scope *sc, const struct eval_file_filter *f, struct page pg, struct eval_file_list *out, struct fz_error *e);
enum fz_err sq_eval_mark_insert(struct store *st, const struct eval_mark_row *m, struct fz_error *e);
enum fz_err sq_eval_marks_of(struct store *st, struct arena *a, int64_t file_id, struct eval_mark_row **items, size_t *n, struct fz_error *e);
enum fz_err sq_check_plan_insert(struct store *st, struct check_plan *p, struct fz_error *e);
enum fz_err sq_check_plan_get(struct store *st, struct arena *a, int64_t id, struct check_plan *out, struct fz_error *e);
enum fz_err sq_rubric_version_insert(struct store *st, struct rubric_version *v, struct fz_error *e);
enum fz_err sq_rubric_version_latest(struct store *st, struct arena *a, const char *division, struct rubric_version *out, struct fz_error *e);
enum fz_err sq_check_plan_list(struct store *st, struct arena *a, const struct check_plan_filter *f, struct page pg, struct check_plan_list *out, struct fz_error *e);
enum fz_err sq_check_item_insert(struct store *st, struct check_item *it, struct fz_error *e);
enum fz_err sq_check_item_update(struct store *st, const struct check_item *it, struct fz_error *e);
enum fz_err sq_check_item_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id, struct check_item *out, struct fz_error *e);
enum fz_err sq_check_items_of(struct store *st, struct arena *a, const struct scope *sc, int64_t plan_id, struct check_item **items, size_t *n, struct fz_error *e);
enum fz_err sq_notice_insert(struct store *st, struct rect_notice *nt, struct fz_error *e);
enum fz_err sq_notice_update(struct store *st, const struct rect_notice *nt, struct fz_error *e);
enum fz_err sq_notice_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id, struct rect_notice *out, struct fz_error *e);
enum fz_err sq_notice_list(struct store *st, struct arena *a, const struct scope *sc, const struct rect_notice_filter *f, struct page pg, struct rect_notice_list *out, struct fz_error *e);
enum fz_err sq_oversight_record_insert(struct store *st, struct oversight_record *r, struct fz_error *e);
enum fz_err sq_oversight_record_get(struct store *st, struct arena *a, int64_t id, struct oversight_record *out, struct fz_error *e);
enum fz_err sq_calendar_upload_put(struct store *st, const struct calendar_upload *u,
				   struct fz_error *e);
enum fz_err sq_calendar_upload_get(struct store *st, struct arena *a,
				   const unsigned char digest[32], int64_t now,
				   struct calendar_upload *out, struct fz_error *e);
enum fz_err sq_calendar_upload_delete(struct store *st, const unsigned char digest[32],
				      struct fz_error *e);
enum fz_err sq_org_counts(struct store *st, struct arena *a, const struct scope *sc,
			  const char *today, struct org_count_list *out, struct fz_error *e);
/* sqlite_decision.c */
enum fz_err sq_decision_catalogue_insert(struct store *st, struct decision_catalogue *c, struct fz_error *e);
enum fz_err sq_decision_catalogue_get(struct store *st, struct arena *a, int64_t id, struct decision_catalogue *out, struct fz_error *e);
enum fz_err sq_decision_catalogue_list(struct store *st, struct arena *a, const struct decision_catalogue_filter *f, struct page pg, struct decision_catalogue_list *out, struct fz_error *e);
enum fz_err sq_decision_catalogue_entry_insert(struct store *st, struct decision_catalogue_entry *en, struct fz_error *e);
enum fz_err sq_decision_catalogue_entry_get(struct store *st, struct arena *a, int64_t id, struct decision_catalogue_entry *out, struct fz_error *e);
enum fz_err sq_decision_catalogue_entries(struct store *st, struct arena *a, int64_t catalogue_id, struct decision_catalogue_entry **items, size_t *n, struct fz_error *e);
enum fz_err sq_decision_item_open_case(struct store *st, struct arena *a, int64_t item_id, int64_t except_case, int64_t *case_id, const char **number, struct fz_error *e);

#endif
