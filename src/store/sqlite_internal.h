/* sqlite_internal.h - what the files of the SQLite backend share: the
 * connection record, the per-connection statement cache, sticky argument
 * binding, reading rows into an arena, error mapping, and the builder of
 * the fixed set of list-query variants. Private to src/store/. */
#ifndef FZ_STORE_SQLITE_INTERNAL_H
#define FZ_STORE_SQLITE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/buf.h"
#include "base/embed.h"
#include "domain/search.h"
#include "store/sqlite_stmt_id.h" /* the ids of the statement cache */
#include "store/store.h"

/* The numbered migrations, generated from sql/sqlite/ by scripts/embed.py. */
extern const struct embedded_file migrations_sqlite[];

struct sq_variant {
	uint64_t key;       /* query id, scope kind, count, filter mask */
	sqlite3_stmt *stmt;
};

/* One SQLite connection and what is kept with it: its prepared
 * statements, the calendar and the memo it read. A connection is used by
 * one thread at a time (opened NOMUTEX). */
struct sq_conn {
	sqlite3 *db;
	sqlite3_stmt *fixed[SQ_STMT_COUNT];
	struct sq_variant *variants; /* list-query variants prepared so far */
	size_t nvariants, capvariants;
	/* The calendar this connection read last, kept with the stamp
	 * (038_calendar_generation.sql) read with it; sq_calendar_get
	 * copies it out while the stamp is unchanged. */
	struct arena *cal_arena;     /* holds cal_cache; NULL when none */
	struct calendar cal_cache;   /* its names and sources all in one block: */
	const char *cal_text;        /* cal_text_len bytes (sqlite_calendar.c) */
	size_t cal_text_len;
	int64_t cal_gen;
	/* The memo of answers (sqlite_memo.c): commits of this connection,
	 * counted by its commit hook, and the entries kept. */
	int64_t own_commits;
	struct sq_memo {
		char *key;   /* NULL: free */
		char *data;
		size_t len;
		struct store_stamp stamp;
	} memo[STORE_MEMO_SLOTS];
	unsigned memo_next; /* the entry replaced next */
	/* Group commit (sq_group_join): the group, and what the WAL hook
	 * noted of a commit whose sync sq_commit runs once the gate is
	 * left (deferring set around that COMMIT). */
	struct store_group *group;
	bool deferring;
	bool committed;   /* the deferred commit wrote to the log */
	int log_frames;   /* the log's length after it */
};

/* One store handle (struct store). base must stay first: struct store *
 * converts to it. c is the connection its statements run on: its own,
 * or, while it holds the group's gate, the group's writer connection
 * (sq_begin), so that every write transaction of the server runs on the
 * one connection whose page cache no other connection's commit empties. */
struct sq_store {
	struct store base;
	struct sq_conn *c;
	struct sq_conn own;
	struct store_group *group;   /* group commit (sq_group_join), or NULL */
	bool gated;                  /* holds the group's write gate */
	bool joined;                 /* its work is in a savepoint of the
				      * writer's open batch (sq_begin) */
	struct timespec restart_until; /* the log checkpointer's deadline */
	int busy_ms;                 /* the busy timeout */
};

static inline struct sq_store *sq(struct store *st) { return (struct sq_store *)st; }

/* A filter's text was given (not NULL, not ""). */
static inline bool given(const char *s) { return s && *s; }

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

/* INSERT of a row of a case's event returning id and the case's agency
 * (sqlite_document.c). */
enum fz_err sq_insert_case_row(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
			       int64_t case_id, int64_t event_id, int64_t *id, int64_t *agency,
			       struct fz_error *e);
/* sq_write() for an INSERT, setting *id to the new row's id. */
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
/* Whether stmt (arguments in b) gives a row, then gives the statement
 * back: an EXISTS asked as "SELECT 1 ... LIMIT 1". */
enum fz_err sq_exists(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
		      bool *found, struct fz_error *e) FZ_MUST_CHECK;
/* A reader of one integer column into an int64_t. */
void sq_read_int(struct sq_row *r, void *item);

/* The two shapes many operations share, each one statement (id, sql):
 * sq_count_since runs "SELECT count(*) ... WHERE <key> = ?1 AND <time>
 * >= ?2" for a text key (an address's client key; NULL counts as "")
 * into n; sq_rows_of reads every row of "... WHERE <owner> = ?1 ORDER BY
 * ..." for one owner id (the events of a complaint ...) into an arena
 * array of item_size elements. */
enum fz_err sq_count_since(struct sq_store *s, enum sq_stmt_id id, const char *sql,
			   const char *key, int64_t since, int64_t *n, struct fz_error *e);
enum fz_err sq_rows_of(struct sq_store *s, enum sq_stmt_id id, const char *sql, int64_t owner,
		       struct arena *a, size_t item_size, sq_read_fn read, void **items,
		       size_t *n, struct fz_error *e);

/* --- list queries (sqlite_query.c) --- */

#define SQ_MAX_FILTERS 24

/* A count's division clause naming the agencies first
 * (sq_query.count_scope_division): col is the row's agency column. */
#define SQ_DIVISION_AGENCIES(col)                                                       \
	col " IN (SELECT id FROM agencies WHERE division_code LIKE :scope_prefix || '%')"

/* A list query: SELECT cols FROM ... WHERE <scope> AND <filter>... ORDER BY.
 * Each filter is a constant clause with named parameters; code chooses
 * which clauses apply (a bit mask) and binds their values. Filter 0 must
 * be "<x>.id = :id" for sq_query_get. A query without scope clauses is
 * unscoped and ignores the scope passed. */
struct sq_query {
	enum sq_query_id id;
	const char *select;         /* "SELECT a.id, a.name ..." */
	const char *from;           /* " FROM agencies a JOIN ..." */
	/* Optional: a narrower FROM for the count, without joins that only
	 * add columns to show (each row of from matches exactly one row of
	 * them: a NOT NULL foreign key). Used when the filters of the
	 * variant are all in count_filters. */
	const char *count_from;
	unsigned count_filters;
	const char *scope_agency;   /* uses :scope_agency */
	const char *scope_division; /* uses :scope_prefix */
	/* Optional: the count's own division clause, meaning the same as
	 * scope_division but naming the agencies first, so that a count may
	 * seek each agency's range of an index; a page ordered by id walks
	 * instead (seeking would sort every row of the scope). */
	const char *count_scope_division;
	const char *filters[SQ_MAX_FILTERS];
	/* Optional: the count's own clause for filter i, meaning the same as
	 * filters[i] but written so that the count may use an index the page
	 * should not (a partial index the page would have to sort). */
	const char *count_clauses[SQ_MAX_FILTERS];
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
	bool no_total; /* the page's no_total: the count is never run */
	int64_t count_max; /* the page's count_max: the count stops there */
	bool more;         /* after sq_list_run: more than *total matched */
	bool empty;    /* SCOPE_NONE: nothing to read */
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
/* A set of ids as the JSON array a statement reads with
 * "x.id IN (SELECT value FROM json_each(:ids))": one bound text, one plan,
 * whatever the number of ids. In a; NULL when out of memory. */
const char *sq_ids_json(struct arena *a, const int64_t *ids, size_t n);
/* Reads the page into an arena array of item_size elements with read
 * (NULL when empty), counts, gives the statements back. Consistent: both
 * run in one read transaction when the caller has none open. The count
 * statement runs only when the page is full, or empty past the start: a
 * shorter page ends the list, so its total is offset + rows. With the
 * page's count_max it counts at most max(count_max, offset + limit) + 1
 * rows: more than that many sets l->more, and *total is the bound. */
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

/* --- the memo of answers (sqlite_memo.c) --- */

/* Counts this connection's commits from now on (its commit hook). */
void sq_memo_attach(struct sq_store *s);
/* Frees the entries kept. */
void sq_memo_clear(struct sq_store *s);

/* --- operations, one file per concept --- */
#include "store/sqlite_ops.h"

#endif
