/* store.h - the storage interface.
 *
 * The app layer talks only to this header. A backend (SQLite now,
 * PostgreSQL later) fills a struct store_ops; tests/store/ holds the
 * contract suite every backend must pass. One struct store is one
 * connection and is used by one thread at a time; struct store_pool hands
 * connections to request threads without a lock around the request.
 *
 * This file holds the core (scope, pages, lists, transactions, settings);
 * each feature's rows and operations are in its own store_<feature>.h,
 * which this file includes twice: at file scope for the types, and inside
 * struct store_ops (STORE_OPS_BODY defined) for the operations, so that
 * callers see one table and include only this header.
 *
 * Conventions for every operation:
 * - returns FZ_OK, FZ_NOTFOUND, FZ_CONFLICT (unique key taken, foreign key
 *   missing: e->field names the field), FZ_INVALID (a required string is
 *   NULL, a value out of its range, a malformed filter or scope), FZ_NOMEM
 *   or FZ_DB; fills e when given;
 * - strings in results are allocated in the arena passed in;
 * - a get or list with a struct scope never returns a row outside it: a
 *   row outside the scope is FZ_NOTFOUND, exactly like a missing one; a
 *   NULL scope sees nothing; SCOPE_DIVISION with a prefix that is not 1-6
 *   digits is FZ_INVALID;
 * - lists order by id (the audit log newest first), clamp page.limit to
 *   1..200 and a negative offset to 0, and report the total that matched;
 * - inserts set the id in the struct passed; an update of an id that does
 *   not exist is FZ_NOTFOUND;
 * - timestamps (created_at, updated_at, at ...) are set by the caller; one
 *   left 0 is set to time(NULL) by the store, and the struct shows the
 *   value stored. An insert with updated_at 0 uses created_at. An update
 *   never changes created_at. */
#ifndef FZ_STORE_STORE_H
#define FZ_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/calendar.h"
#include "domain/case.h"
#include "domain/catalogue.h"
#include "domain/evidence.h"
#include "domain/model.h"
#include "domain/powerlist.h"
#include "domain/publication.h"
#include "domain/search.h"

/* Which rows a caller may see. */
enum scope_kind {
	SCOPE_NONE = 0,     /* sees nothing */
	SCOPE_ALL = 1,      /* system-wide (admins, the shell) */
	SCOPE_AGENCY = 2,   /* one agency */
	SCOPE_DIVISION = 3, /* every agency whose division_code starts with prefix */
};

struct scope {
	enum scope_kind kind;
	int64_t agency_id;        /* SCOPE_AGENCY */
	char division_prefix[7];  /* SCOPE_DIVISION: "64", "6405", "640522" */
};

struct page {
	int64_t offset; /* >= 0 */
	int limit;      /* 1..200 */
	bool no_total;  /* a walk that needs no total (keyset, page by page):
			 * the count is never run and total is offset + rows */
	/* > 0: count at most max(count_max, offset + limit) rows, so that a
	 * page's total costs the page's depth, not the whole scope; when more
	 * rows match, total is that number and the list's total_more is set
	 * (the total is a lower bound). 0: the exact total. Lists that honour
	 * it say so (case_list). */
	int64_t count_max;
};

/* A page of rows plus the total that matched. */
#define STORE_LIST(name, type) \
	struct name {          \
		type *items;   \
		size_t n;      \
		int64_t total; \
		bool total_more; /* more than total matched (page.count_max) */ \
	}

/* Each feature's types (they use STORE_LIST above); the same headers
 * give the operations below. */
#include "store/store_org.h"
#include "store/store_account.h"
#include "store/store_cert.h"
#include "store/store_audit.h"
#include "store/store_calendar.h"
#include "store/store_case.h"
#include "store/store_job.h"
#include "store/store_document.h"
#include "store/store_evidence.h"
#include "store/store_ledger.h"
#include "store/store_publication.h"
#include "store/store_powerlist.h"
#include "store/store_search.h"
#include "store/store_complaint.h"
#include "store/store_consultation.h"
#include "store/store_stats.h"
#include "store/store_indicators.h"
#include "store/store_evaluation.h"
#include "store/store_orgtree.h"
#include "store/store_decision.h"

/* The busy timeout a connection starts with (store_ops.busy_timeout). */
#define STORE_BUSY_TIMEOUT_MS 5000

struct store;
struct store_group;

/* What change_stamp reads (below): commits seen from other connections,
 * and this connection's own. */
struct store_stamp {
	int64_t others; /* PRAGMA data_version */
	int64_t own;    /* commits of this connection */
};
/* The longest answer the memo keeps, and how many it keeps per connection. */
#define STORE_MEMO_MAX (1024 * 1024)
#define STORE_MEMO_SLOTS 8

struct store_ops {
	const char *name; /* "sqlite" */
	void (*close)(struct store *st);

	/* Transactions. A write transaction takes the write lock at begin so
	 * that it never fails half-way for lack of it. Reads outside a
	 * transaction see the latest committed state (a list's page and total
	 * come from one snapshot). Transactions do not nest. A commit that
	 * fails has rolled back; rollback without a transaction does nothing.
	 * An operation called outside a transaction commits on its own.
	 * Any operation, begin and commit too, returns FZ_BUSY when another
	 * connection held the database past the busy timeout: nothing of
	 * the transaction is kept (roll back), and the whole of it may be
	 * tried again (app/tx.h does). */
	enum fz_err (*begin)(struct store *st, bool write, struct fz_error *e);
	enum fz_err (*commit)(struct store *st, struct fz_error *e);
	void (*rollback)(struct store *st);
	/* How long an operation waits for another connection's lock before
	 * FZ_BUSY, in milliseconds (STORE_BUSY_TIMEOUT_MS when opened). */
	void (*busy_timeout)(struct store *st, int ms);
	/* Makes st's commits durable through g (group commit): each commit,
	 * explicit or not, returns once a sync of the log covers it, a sync
	 * that the group's other connections' commits share. Same
	 * durability as alone; fewer syncs under load. A sync that fails
	 * makes the commit return FZ_IO (it is then written but not known
	 * to be on disk). g must outlive st. */
	enum fz_err (*group_join)(struct store *st, struct store_group *g, struct fz_error *e);
	/* Makes st g's log checkpointer (store_group_checkpointer): from now
	 * on st is used only by g's thread, until store_group_free; close
	 * it after that. The group's commits then leave a long log to that
	 * thread, which also restarts the log under load (g's gate held).
	 * FZ_NOMEM, FZ_INTERNAL (g has one already). */
	enum fz_err (*log_checkpointer)(struct store *st, struct store_group *g,
					struct fz_error *e);
	/* Makes st's connection g's writer: from now on every write
	 * transaction of g's connections (begin with write) runs on it,
	 * under g's gate, so that its cache of pages stays warm from one
	 * write to the next (no other connection's commit empties it). st
	 * joins g as group_join does and is used by no one else; close it
	 * after g's other connections. */
	enum fz_err (*group_writer)(struct store *st, struct store_group *g,
				    struct fz_error *e);

	/* A memo of answers, kept per connection: bytes under a key, with the
	 * change stamp taken before they were read, handed back only while
	 * the connection's stamp is still that one (nothing committed since).
	 * change_stamp: differs from every earlier stamp of this connection
	 * once anything was committed to the database since, by this
	 * connection or any other, in this process or another. Stamps compare
	 * only on one connection. Take it outside a transaction and before
	 * reading what will be kept. */
	enum fz_err (*change_stamp)(struct store *st, struct store_stamp *out,
				    struct fz_error *e);
	/* The bytes kept under key at stamp: true, *data valid until the next
	 * memo_put on st. False when none or kept at another stamp. */
	bool (*memo_get)(struct store *st, const char *key, const struct store_stamp *stamp,
			 const char **data, size_t *len);
	/* Keeps a copy of data under key (replacing what key held, else the
	 * oldest entry); silently keeps nothing when out of memory or when
	 * data is longer than STORE_MEMO_MAX. */
	void (*memo_put)(struct store *st, const char *key, const struct store_stamp *stamp,
			 const char *data, size_t len);

	/* Settings: small key/value configuration (security policy ...). */
	enum fz_err (*setting_get)(struct store *st, struct arena *a, const char *key,
				   char **value, struct fz_error *e);
	enum fz_err (*setting_set)(struct store *st, const char *key, const char *value,
				   struct fz_error *e);

	/* Each feature's operations, from its header. */
#define STORE_OPS_BODY
#include "store/store_org.h"
#include "store/store_account.h"
#include "store/store_cert.h"
#include "store/store_audit.h"
#include "store/store_calendar.h"
#include "store/store_case.h"
#include "store/store_job.h"
#include "store/store_document.h"
#include "store/store_evidence.h"
#include "store/store_ledger.h"
#include "store/store_publication.h"
#include "store/store_powerlist.h"
#include "store/store_search.h"
#include "store/store_complaint.h"
#include "store/store_consultation.h"
#include "store/store_stats.h"
#include "store/store_indicators.h"
#include "store/store_evaluation.h"
#include "store/store_orgtree.h"
#include "store/store_decision.h"
#undef STORE_OPS_BODY
};

struct store {
	const struct store_ops *ops;
};

/* The schema version this binary knows. */
int store_schema_version(void);

/* SQLite backend. Opens (creating when create is true) and migrates the
 * database at path. A missing file without create is FZ_NOTFOUND; a file
 * whose schema is newer than this binary is FZ_INVALID, with a message
 * saying so. Free with st->ops->close(st). */
enum fz_err store_sqlite_open(const char *path, bool create, struct store **out,
			      struct fz_error *e);
/* Opens without migrating; reports the version found. */
enum fz_err store_sqlite_version(const char *path, int *version, struct fz_error *e);

#endif
