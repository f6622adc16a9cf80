/* store.h - the storage interface.
 *
 * The app layer talks only to this header. A backend (SQLite now,
 * PostgreSQL later) fills a struct store_ops; tests/store/ holds the
 * contract suite every backend must pass. One struct store is one
 * connection and is used by one thread at a time; struct store_pool hands
 * connections to request threads without a lock around the request.
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
};

/* Orders of the lists (struct list_sort is in domain/model.h). */
enum person_sort { PERSON_SORT_NAME = 1, PERSON_SORT_AGENCY, PERSON_SORT_KIND,
		   PERSON_SORT_REVIEWER, PERSON_SORT_ACTIVE };
enum user_sort { USER_SORT_USERNAME = 1, USER_SORT_NAME, USER_SORT_AGENCY,
		 USER_SORT_DISABLED };
enum cert_sort { CERT_SORT_NUMBER = 1, CERT_SORT_HOLDER, CERT_SORT_AGENCY,
		 CERT_SORT_VALID_UNTIL, CERT_SORT_STATUS };
enum audit_sort { AUDIT_SORT_AT = 1, AUDIT_SORT_ACTOR, AUDIT_SORT_ACTION,
		  AUDIT_SORT_OBJECT, AUDIT_SORT_RESULT };
/* CASE_SORT_DUE: the earliest running duty's due date, cases without one
 * last (ascending). */
enum case_sort { CASE_SORT_NUMBER = 1, CASE_SORT_TITLE, CASE_SORT_PARTY,
		 CASE_SORT_PROCEDURE, CASE_SORT_STATE, CASE_SORT_DUE };

/* A page of rows plus the total that matched. */
#define STORE_LIST(name, type) \
	struct name {          \
		type *items;   \
		size_t n;      \
		int64_t total; \
	}
STORE_LIST(division_list, struct division);
STORE_LIST(agency_list, struct agency);
STORE_LIST(unit_list, struct unit);
STORE_LIST(person_list, struct person);
STORE_LIST(user_list, struct user);
STORE_LIST(certificate_list, struct certificate);
STORE_LIST(cert_review_list, struct cert_review);
STORE_LIST(audit_list, struct audit_entry);
STORE_LIST(audit_change_list, struct audit_change);
STORE_LIST(case_list, struct enf_case);
STORE_LIST(case_event_list, struct case_event);
/* A random inspection draw (双随机) recorded on a case: its event. */
struct draw_ref {
	int64_t event_id;
	int64_t case_id;
};
STORE_LIST(draw_ref_list, struct draw_ref);
STORE_LIST(case_document_list, struct case_document);

/* Filters: a zero / NULL / "" member means "any". */
struct agency_filter {
	const char *division_code; /* exact */
	const char *kind;
	const char *q;             /* substring of name */
};

struct person_filter {
	int64_t agency_id;
	int64_t unit_id;
	int kind;                  /* enum person_kind or 0 */
	int is_reviewer;           /* 0 (or -1) any, 1 reviewers only,
	                            * 2 non-reviewers only */
	const char *q;             /* substring of name */
	struct list_sort sort;     /* enum person_sort */
};

/* Sign-in failures of one name (see login_name_get). */
struct login_name {
	const char *username;
	int64_t failures;     /* consecutive wrong passwords */
	int64_t locked_until; /* Unix seconds; 0 = not locked */
	int64_t updated_at;
};

struct user_filter {
	int64_t agency_id;
	unsigned role;             /* users holding this role bit */
	const char *q;             /* substring of username or display name */
	struct list_sort sort;     /* enum user_sort */
};

struct certificate_filter {
	int64_t agency_id;
	int64_t person_id;
	int status;                /* 0 any; CERT_SUSPENDED, CERT_REVOKED as
	                            * stored; CERT_EXPIRED: stored VALID and
	                            * valid_until < today; CERT_VALID: stored
	                            * VALID and, when today is given,
	                            * valid_until >= today */
	const char *today;         /* "YYYY-MM-DD", needed for CERT_EXPIRED and
	                            * expiring_within_days (else FZ_INVALID) */
	int expiring_within_days;  /* > 0: valid and valid_until within N days */
	const char *q;             /* substring of number or holder name */
	struct list_sort sort;     /* enum cert_sort */
};

struct audit_filter {
	int64_t from;              /* at >= from, 0 = any */
	int64_t to;                /* at < to, 0 = any */
	int64_t actor_id;          /* 0 = any */
	const char *actor;         /* exact username or display name */
	const char *action;        /* exact, or prefix when it ends in '.' */
	const char *object_type;
	const char *object_id;
	const char *result;
	struct list_sort sort;     /* enum audit_sort */
};

struct case_filter {
	int64_t agency_id;
	int kind;                  /* enum case_kind or 0 */
	const char *procedure;     /* exact definition id */
	const char *state;         /* exact step id */
	int closed;                /* 0 (or -1) any, 1 closed only, 2 open only */
	int64_t created_by;        /* user id */
	const char *q;             /* substring of number, title or party name */
	const char *opened_from;   /* "YYYY-MM-DD": opened_on >= it (else
	                            * FZ_INVALID); cases not yet opened never
	                            * match a bound */
	const char *opened_to;     /* "YYYY-MM-DD": opened_on <= it */
	/* From the derived status (case_status) as of status_day, which the
	 * three need ("YYYY-MM-DD"; a case whose status is of another day
	 * never matches): */
	const char *status_day;
	unsigned awaits;           /* role bits: waits for one of them now */
	bool overdue;              /* a duty past its due date */
	const char *due_by;        /* "YYYY-MM-DD": the earliest running duty is due
	                            * between status_day and it */
	/* Supervision (closed cases included, issue 12 §3): */
	bool acts_open;            /* a supervision act awaits the agency's answer */
	bool acts_overdue;         /* ... and one is past its deadline */
	const char *filing_due_by; /* "YYYY-MM-DD": a major decision's filing is
	                            * due between status_day and it */
	bool filing_overdue;       /* ... or is past its deadline, not filed */
	bool review_late;          /* open, waiting for the legal review since
	                            * longer than the config allows */
	bool handler_uncertified;  /* open, an officer who took part holds no
	                            * certificate valid on status_day (the
	                            * certificates, not the status, decide) */
	struct list_sort sort;     /* enum case_sort; 0: newest first */
};

/* What lists and queues need of a case without its record, derived by
 * the engine (app/case_status.c): on computed_on, the earliest due date
 * of a running duty of the agency, whether one is overdue, and the step
 * each role is to take now ("" none). Indexes of awaits: officer,
 * reviewer, head, supervisor (the role bits 0..3). */
/* One run of a scheduled job of the server. */
struct job_run {
	int64_t id;
	const char *job;        /* case_status ... */
	int64_t started_at;     /* Unix seconds */
	int64_t duration_ms;
	int64_t items;          /* what it did: cases refreshed ... */
	bool ok;
	const char *message;    /* the error, when not ok */
};
STORE_LIST(job_run_list, struct job_run);

/* A long export (027; app/export_job.h): its owner and the scope it was
 * asked in, how far it got, and its file once done. status: queued,
 * running, done, failed. */
struct export_job {
	int64_t id;
	const char *kind;       /* annual_xlsx */
	int64_t year;
	int64_t user_id;
	const char *username;
	unsigned roles;
	int64_t agency_id;
	struct scope scope;
	const char *status;
	int stage;
	const char *message;
	const unsigned char *file; /* with_file and done only */
	size_t file_len;
	int64_t created_at, updated_at;
};
/* A duty of a case that runs or stands still, as of the status's day:
 * what a list draws as a badge (store case_duties, 024). */
struct case_duty {
	int64_t case_id;
	int ord;                        /* the clock's index in its definition */
	const char *clock;              /* the definition's clock id */
	char due[FZ_DATE_LEN];
	bool running;                   /* false: suspended (中止) */
	bool overdue;
	bool provisional;               /* 暂定: a calendar year is missing */
};
STORE_LIST(case_duty_list, struct case_duty);

#define CASE_STATUS_ROLES 4
#define STORE_DUTIES_IDS_MAX 500
#define STORE_STATUS_SETTLED "9999-12-31"
struct case_todo_counts {
	int64_t mine, review, approval, due_soon, overdue, acts, acts_overdue, filing_overdue;
};
struct case_status {
	int64_t case_id;
	char computed_on[FZ_DATE_LEN];
	char next_due[FZ_DATE_LEN];
	const char *next_due_clock;
	bool overdue;
	const char *overdue_clock;      /* the first overdue duty ("" none) */
	char overdue_due[FZ_DATE_LEN];  /* ... and its due date */
	unsigned awaits_roles;
	const char *awaits[CASE_STATUS_ROLES];
	int acts_open;                  /* supervision acts not answered yet */
	char acts_due[FZ_DATE_LEN];     /* ... the earliest of their deadlines */
	char filing_due[FZ_DATE_LEN];   /* a major decision not yet filed: its
	                                 * filing deadline ("" none) */
	char review_due[FZ_DATE_LEN];   /* waiting for the legal review: the
	                                 * last day it may wait ("" none) */
	bool settled;                   /* closed, owing nothing that outlives
	                                 * closing: put writes computed_on as
	                                 * STORE_STATUS_SETTLED, no daily refresh */
	const struct case_duty *duties; /* put writes them with the status
	                                 * (replacing the case's former ones);
	                                 * get leaves them NULL */
	size_t nduties;
};

/* How case_insert numbers a case: "<agency_code><kind_code>〔<year>〕<n>号",
 * e.g. 海原自然资罚立〔2025〕3号. n counts 1, 2, 3 ... per agency, year and
 * kind_code (one series per kind code, whatever the case's kind). */
struct case_numbering {
	const char *agency_code;   /* 机关代字, e.g. "海原自然资"; 1-64 bytes */
	const char *kind_code;     /* 类别代字, e.g. "罚立"; 1-64 bytes */
	int year;                  /* 1..9999, normally the year of opening */
};


/* A calendar file uploaded from the page, held until confirmed. */
struct calendar_upload {
	unsigned char digest[32]; /* SHA-256 of the token */
	int64_t user_id;          /* who uploaded it */
	const char *file_name;    /* as the browser named it (for messages) */
	const char *content;      /* the file's text */
	size_t len;
	int64_t created_at, expires_at;
};

/* Per-agency counts for the 5% reviewer check. */
struct reviewer_ratio {
	int64_t agency_id;
	char *agency_name;
	int64_t officers;  /* active persons of kind OFFICER */
	int64_t reviewers; /* active OFFICER persons marked is_reviewer */
};
STORE_LIST(reviewer_ratio_list, struct reviewer_ratio);

/* The ledger's rows (they use STORE_LIST above). */
#include "store/store_ledger.h"
#include "store/store_powerlist.h"
/* Complaints (投诉举报). */
#include "store/store_complaint.h"
/* Public comment on drafts (公开征求意见). */
#include "store/store_consultation.h"
#include "store/store_stats.h"
#include "store/store_orgtree.h"
#include "store/store_evaluation.h"
#include "store/store_decision.h"

/* The busy timeout a connection starts with (store_ops.busy_timeout). */
#define STORE_BUSY_TIMEOUT_MS 5000

struct store;
struct store_group;

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

	/* Settings: small key/value configuration (security policy ...). */
	enum fz_err (*setting_get)(struct store *st, struct arena *a, const char *key,
				   char **value, struct fz_error *e);
	enum fz_err (*setting_set)(struct store *st, const char *key, const char *value,
				   struct fz_error *e);

	/* Divisions: keyed by code. put inserts or updates; the parent must
	 * be put first (FZ_CONFLICT, field parent_code). */
	enum fz_err (*division_put)(struct store *st, const struct division *d,
				    struct fz_error *e);
	enum fz_err (*division_get)(struct store *st, struct arena *a, const char *code,
				    struct division *out, struct fz_error *e);
	/* parent "" lists provinces; NULL lists all. */
	enum fz_err (*division_list)(struct store *st, struct arena *a, const char *parent,
				     struct page pg, struct division_list *out,
				     struct fz_error *e);

	/* Agencies. insert and update write every field, the document
	 * settings (doc_code, court, payment_bank, payment_account,
	 * reconsideration) included: a NULL one is stored as "" (not set),
	 * and get and list return "" for it, never NULL. The backend checks
	 * no format: that is the app's (org_doc_code_check ...). */
	enum fz_err (*agency_insert)(struct store *st, struct agency *ag, struct fz_error *e);
	enum fz_err (*agency_update)(struct store *st, struct agency *ag, struct fz_error *e);
	enum fz_err (*agency_get)(struct store *st, struct arena *a, const struct scope *sc,
				  int64_t id, struct agency *out, struct fz_error *e);
	enum fz_err (*agency_list)(struct store *st, struct arena *a, const struct scope *sc,
				   const struct agency_filter *f, struct page pg,
				   struct agency_list *out, struct fz_error *e);

	/* Units: scope applies through the unit's agency. unit_list with
	 * agency_id 0 lists the units of every agency in scope. */
	enum fz_err (*unit_insert)(struct store *st, struct unit *u, struct fz_error *e);
	enum fz_err (*unit_update)(struct store *st, struct unit *u, struct fz_error *e);
	enum fz_err (*unit_get)(struct store *st, struct arena *a, const struct scope *sc,
				int64_t id, struct unit *out, struct fz_error *e);
	enum fz_err (*unit_list)(struct store *st, struct arena *a, const struct scope *sc,
				 int64_t agency_id, struct page pg, struct unit_list *out,
				 struct fz_error *e);

	/* People (officers and assistants) */
	enum fz_err (*person_insert)(struct store *st, struct person *p, struct fz_error *e);
	enum fz_err (*person_update)(struct store *st, struct person *p, struct fz_error *e);
	enum fz_err (*person_get)(struct store *st, struct arena *a, const struct scope *sc,
				  int64_t id, struct person *out, struct fz_error *e);
	enum fz_err (*person_list)(struct store *st, struct arena *a, const struct scope *sc,
				   const struct person_filter *f, struct page pg,
				   struct person_list *out, struct fz_error *e);
	enum fz_err (*reviewer_ratios)(struct store *st, struct arena *a,
				       const struct scope *sc, struct page pg,
				       struct reviewer_ratio_list *out, struct fz_error *e);

	/* Accounts. Scope applies through user.agency_id; users with
	 * agency_id 0 are visible only to SCOPE_ALL. */
	enum fz_err (*user_insert)(struct store *st, struct user *u, struct fz_error *e);
	/* Writes every column of u (the caller read it first). */
	enum fz_err (*user_update)(struct store *st, struct user *u, struct fz_error *e);
	enum fz_err (*user_get)(struct store *st, struct arena *a, const struct scope *sc,
				int64_t id, struct user *out, struct fz_error *e);
	enum fz_err (*user_get_by_name)(struct store *st, struct arena *a, const char *username,
					struct user *out, struct fz_error *e);
	/* Leaves password_hash NULL in every item: no list needs it. */
	enum fz_err (*user_list)(struct store *st, struct arena *a, const struct scope *sc,
				 const struct user_filter *f, struct page pg,
				 struct user_list *out, struct fz_error *e);

	/* Certificates. Scope applies through certificate.agency_id. */
	enum fz_err (*certificate_insert)(struct store *st, struct certificate *c,
					  struct fz_error *e);
	enum fz_err (*certificate_update)(struct store *st, struct certificate *c,
					  struct fz_error *e);
	enum fz_err (*certificate_get)(struct store *st, struct arena *a, const struct scope *sc,
				       int64_t id, struct certificate *out, struct fz_error *e);
	/* Unscoped: the public check by number. */
	enum fz_err (*certificate_get_by_number)(struct store *st, struct arena *a,
						 const char *number, struct certificate *out,
						 struct fz_error *e);
	enum fz_err (*certificate_list)(struct store *st, struct arena *a, const struct scope *sc,
					const struct certificate_filter *f, struct page pg,
					struct certificate_list *out, struct fz_error *e);
	enum fz_err (*cert_review_insert)(struct store *st, struct cert_review *r,
					  struct fz_error *e);
	/* Every review of one certificate, oldest year first; unscoped (get
	 * the certificate with a scope first). */
	enum fz_err (*cert_review_list)(struct store *st, struct arena *a, int64_t certificate_id,
					struct cert_review_list *out, struct fz_error *e);

	/* Sessions, found by the digest of their token. */
	enum fz_err (*session_insert)(struct store *st, struct session *s, struct fz_error *e);
	enum fz_err (*session_get)(struct store *st, struct arena *a,
				   const unsigned char digest[32], struct session *out,
				   struct fz_error *e);
	enum fz_err (*session_touch)(struct store *st, int64_t id, int64_t now,
				     struct fz_error *e);
	enum fz_err (*session_delete)(struct store *st, int64_t id, struct fz_error *e);
	/* Ends every session of a user (disable, password change). */
	enum fz_err (*session_delete_user)(struct store *st, int64_t user_id, struct fz_error *e);
	/* Removes sessions idle since before idle_before or created before
	 * created_before. */
	enum fz_err (*session_expire)(struct store *st, int64_t idle_before,
				      int64_t created_before, struct fz_error *e);

	/* Failed sign-ins per client address, for rate limiting. add forgets
	 * failures more than a day older than at, so windows are <= 1 day. */
	enum fz_err (*login_failure_add)(struct store *st, const char *client_addr, int64_t at,
					 struct fz_error *e);
	enum fz_err (*login_failure_count)(struct store *st, const char *client_addr,
					   int64_t since, int64_t *count, struct fz_error *e);
	/* Sign-in lockout by name, whether or not an account has it. get
	 * gives a zeroed struct for a name not recorded; put with failures
	 * and locked_until both 0 forgets the name, and every put forgets
	 * names untouched for a day (so a flood of made-up names stays
	 * small). */
	enum fz_err (*login_name_get)(struct store *st, const char *username,
				      struct login_name *out, struct fz_error *e);
	enum fz_err (*login_name_put)(struct store *st, const struct login_name *ln,
				      struct fz_error *e);

	/* Password hashes an account has had. recent gives up to n, newest
	 * first, as an array of arena strings. */
	enum fz_err (*password_history_add)(struct store *st, int64_t user_id, const char *hash,
					    int64_t at, struct fz_error *e);
	enum fz_err (*password_history_recent)(struct store *st, struct arena *a,
					       int64_t user_id, int n, char ***hashes,
					       size_t *count, struct fz_error *e);

	/* Bytes of evidence registered in the agency's cases, and its own
	 * quota in bytes (-1 when it has none: the configured default
	 * applies). */
	enum fz_err (*agency_evidence_usage)(struct store *st, int64_t agency_id, int64_t *used,
					     int64_t *quota, struct fz_error *e);

	/* Audit log: append-only. The backend itself refuses UPDATE and any
	 * DELETE of records younger than the retention period. append writes
	 * the record and its changes atomically; action and result ("ok",
	 * "denied", "failed") are required, other NULL strings are stored as
	 * "". */
	enum fz_err (*audit_append)(struct store *st, struct audit_entry *ent,
				    const struct audit_change *changes, size_t nchanges,
				    struct fz_error *e);
	enum fz_err (*audit_list)(struct store *st, struct arena *a, const struct audit_filter *f,
				  struct page pg, struct audit_list *out, struct fz_error *e);
	enum fz_err (*audit_changes)(struct store *st, struct arena *a, int64_t audit_id,
				     struct audit_change_list *out, struct fz_error *e);
	/* Deletes records with at < before, with their changes; FZ_FORBIDDEN
	 * if before is inside the retention period: the longest of
	 * retention_days, the setting "audit_retention_days" and 180 days,
	 * counted back from now. */
	enum fz_err (*audit_purge)(struct store *st, int64_t before, int64_t now,
				   int retention_days, int64_t *deleted, struct fz_error *e);

	/* Holiday calendar. calendar_year_replace stores one year's record
	 * (loaded_at 0 = now) and exactly the days given, replacing all the
	 * year had, atomically; every day must lie in that year (FZ_INVALID,
	 * field days) and none may repeat (FZ_CONFLICT). */
	enum fz_err (*calendar_year_replace)(struct store *st, const struct calendar_year *y,
					     const struct calendar_day *days, size_t ndays,
					     struct fz_error *e);
	/* The whole calendar, years and days sorted, names in the arena;
	 * empty when nothing is loaded. Read in one snapshot. About 35 days
	 * a year: callers read it per request for now (caching it across
	 * requests, invalidated on load, is a later optimisation). */
	enum fz_err (*calendar_get)(struct store *st, struct arena *a, struct calendar *out,
				    struct fz_error *e);

	/* Enforcement cases. Scope applies through case.agency_id (and, for
	 * SCOPE_DIVISION, that agency's division). A case is never deleted.
	 *
	 * case_insert gives c the next number of its series (see struct
	 * case_numbering) and stores it: c->number (in arena a; any value the
	 * caller put there is ignored), c->id, c->created_at, c->updated_at
	 * are set. The number is taken in the same transaction as the insert:
	 * when the insert fails or the caller's transaction rolls back, the
	 * number is not used up, so numbers have no gaps. Call it inside the
	 * caller's write transaction (begin(st, true)), which serialises the
	 * writers that number cases at the same time; outside one it commits
	 * on its own like any operation. Required: procedure,
	 * domain, title, party_name, a valid kind and party_kind; matter,
	 * party_id and party_address NULL are stored as ""; act_date and
	 * opened_on are "" or real dates (FZ_INVALID, naming the field). A
	 * missing agency or creating user is FZ_CONFLICT (agency_id,
	 * created_by; created_by 0 means the shell). */
	enum fz_err (*case_insert)(struct store *st, struct arena *a, struct enf_case *c,
				   const struct case_numbering *num, struct fz_error *e);
	/* Writes every column that follows the events: procedure, domain,
	 * matter, title, party_kind, party_name, party_id, party_address,
	 * act_date, opened_on, state, closed and updated_at, with the rules of
	 * case_insert (read the case first, change what changed). number,
	 * agency_id, kind, created_by and created_at are never written: the
	 * backend refuses to change them whoever connects. */
	enum fz_err (*case_update)(struct store *st, struct enf_case *c, struct fz_error *e);
	enum fz_err (*case_get)(struct store *st, struct arena *a, const struct scope *sc,
				int64_t id, struct enf_case *out, struct fz_error *e);
	/* The derived status of a case: put replaces it (it is not part of
	 * the record); get is FZ_NOTFOUND when none; stale lists up to max
	 * open cases in scope whose status is missing or of a day before
	 * today, oldest first. */
	enum fz_err (*case_status_put)(struct store *st, const struct case_status *cs,
				       struct fz_error *e);
	enum fz_err (*case_status_get)(struct store *st, struct arena *a, int64_t case_id,
				       struct case_status *out, struct fz_error *e);
	enum fz_err (*case_status_stale)(struct store *st, const struct scope *sc,
					 const char *today, int64_t *ids, size_t max, size_t *n,
					 struct fz_error *e);
	/* The duties of the cases ids[0..n) as their status last wrote
	 * them, by case id then clock order: one query for a page of a list
	 * (n at most STORE_DUTIES_IDS_MAX, else FZ_INVALID). */
	enum fz_err (*case_duties_of)(struct store *st, struct arena *a, const int64_t *ids,
				      size_t n, struct case_duty_list *out, struct fz_error *e);
	/* The workbench's counts in scope from the statuses of day, in one
	 * pass: open cases waiting for one of the roles `mine` (0: none),
	 * for the reviewer, for the head; open cases whose earliest running
	 * duty is due between day and soon, open cases with a duty overdue;
	 * cases with supervision acts unanswered, late ones; major decisions
	 * not filed in time. */
	enum fz_err (*case_todo_counts)(struct store *st, const struct scope *sc, const char *day,
					const char *soon, unsigned mine,
					struct case_todo_counts *out, struct fz_error *e);
	/* Marks every status as of an earlier day (the calendar changed):
	 * each is computed again when next refreshed. */
	enum fz_err (*case_status_invalidate)(struct store *st, struct fz_error *e);
	/* The server's scheduled jobs: a run appended (id set), and the
	 * latest run of each job, by job name. */
	enum fz_err (*job_run_insert)(struct store *st, struct job_run *run, struct fz_error *e);
	enum fz_err (*job_runs_latest)(struct store *st, struct arena *a, struct job_run_list *out,
				       struct fz_error *e);
	/* Long exports (027): insert (queued; id set); get, only of user_id
	 * (FZ_NOTFOUND otherwise), with the file when with_file; claim: the
	 * oldest queued becomes running at stage 1 (FZ_NOTFOUND: none);
	 * progress sets the stage; finish sets done (with file) or failed
	 * (with message); interrupt fails every queued or running job with
	 * message (at a start: *n of them); unfinished counts queued and
	 * running. */
	enum fz_err (*export_job_insert)(struct store *st, struct export_job *j,
					 struct fz_error *e);
	enum fz_err (*export_job_get)(struct store *st, struct arena *a, int64_t id,
				      int64_t user_id, bool with_file, struct export_job *out,
				      struct fz_error *e);
	enum fz_err (*export_job_claim)(struct store *st, struct arena *a, struct export_job *out,
					struct fz_error *e);
	enum fz_err (*export_job_progress)(struct store *st, int64_t id, int stage,
					   struct fz_error *e);
	enum fz_err (*export_job_finish)(struct store *st, int64_t id, bool ok, const char *message,
					 const void *file, size_t len, struct fz_error *e);
	enum fz_err (*export_job_interrupt)(struct store *st, const char *message, int64_t *n,
					    struct fz_error *e);
	enum fz_err (*export_job_unfinished)(struct store *st, int64_t *n, struct fz_error *e);
	/* Newest first (by id). */
	enum fz_err (*case_list)(struct store *st, struct arena *a, const struct scope *sc,
				 const struct case_filter *f, struct page pg,
				 struct case_list *out, struct fz_error *e);

	/* The record of a case: append-only; the backend itself refuses any
	 * UPDATE or DELETE of an event, its fields or its officers, and any
	 * field or officer added to an event after it was written.
	 *
	 * case_event_append stores ev with its fields and officers atomically
	 * and sets ev->id, ev->seq (the case's last seq + 1, taken inside the
	 * transaction: call it in the caller's write transaction) and ev->at.
	 * Required: step, on (a real date); reason and actor NULL are stored
	 * as ""; every field needs a non-empty key (unique within the event:
	 * FZ_CONFLICT, field fields) and a non-NULL value; officers are
	 * person ids, each at most once (FZ_CONFLICT, field officers).
	 * FZ_CONFLICT naming case_id, corrects (which must be an event of the
	 * same case), actor_id or officers when what it names does not exist;
	 * corrects 0 is no correction, actor_id 0 the shell. Unscoped, like
	 * every insert: get the case with a scope first. */
	enum fz_err (*case_event_append)(struct store *st, struct case_event *ev,
					 struct fz_error *e);
	/* Every event of a case in seq order, fields and officers in the order
	 * they were given, all in the arena; one snapshot. A case outside the
	 * scope (or missing) is FZ_NOTFOUND; a case without events is an
	 * empty list. */
	enum fz_err (*case_events)(struct store *st, struct arena *a, const struct scope *sc,
				   int64_t case_id, struct case_event_list *out,
				   struct fz_error *e);

	/* Generated documents (执法文书, 005_documents.sql): metadata, the
	 * bytes being a file in the data directory. document_number_next
	 * takes the next number of the series (agency, year, code: 1, 2, 3
	 * ...) and, like case_insert, gives it back when the caller's write
	 * transaction rolls back: call it inside that transaction, which
	 * serialises concurrent writers, and numbers have neither gaps nor
	 * duplicates. FZ_INVALID for a code "" or over 64 bytes or a year
	 * outside 1..9999; FZ_CONFLICT (agency_id) for a missing agency. */
	enum fz_err (*document_number_next)(struct store *st, int64_t agency_id, int year,
					    const char *code, int64_t *n, struct fz_error *e);
	/* The number document_number_next would take now, taking nothing:
	 * a guess to draw a document with before the write transaction
	 * (app/document_make.c checks it there). Same errors. */
	enum fz_err (*document_number_peek)(struct store *st, int64_t agency_id, int year,
					    const char *code, int64_t *n, struct fz_error *e);
	/* Stores d and sets d->id, d->agency_id (the case's) and created_at
	 * (0 = now). Append-only: the backend refuses UPDATE and DELETE.
	 * Required: kind, title, digest (lower-case hex), size >= 0, pages
	 * >= 1 (FZ_INVALID naming the field); number NULL is stored as "".
	 * FZ_CONFLICT naming case_id (no such case), event_id (not an event
	 * of that case), kind (the event already has one of this kind) or
	 * number (the agency already has a document with it). */
	enum fz_err (*document_insert)(struct store *st, struct case_document *d,
				       struct fz_error *e);
	/* Scoped through the case's agency, like the case. */
	enum fz_err (*document_get)(struct store *st, struct arena *a, const struct scope *sc,
				    int64_t id, struct case_document *out, struct fz_error *e);
	/* Every document of a case in id order; a case outside the scope
	 * (or missing) is FZ_NOTFOUND. */
	enum fz_err (*document_list)(struct store *st, struct arena *a, const struct scope *sc,
				     int64_t case_id, struct case_document_list *out,
				     struct fz_error *e);
	/* The ledger (004_ledger.sql): append-only whoever connects.
	 * ledger_hash_get/set: the hash name recorded for the database ("sm3"
	 * unless set); set is FZ_FORBIDDEN once any leaf exists. */
	enum fz_err (*ledger_hash_get)(struct store *st, char out[8], struct fz_error *e);
	enum fz_err (*ledger_hash_set)(struct store *st, const char *name, struct fz_error *e);
	/* Appends lf with the next idx (taken inside the transaction, like an
	 * event's seq: call it in the caller's write transaction) and sets
	 * lf->idx and lf->at. FZ_CONFLICT (field ref_id) when the object
	 * (kind, ref_id) already has a leaf. */
	enum fz_err (*ledger_leaf_append)(struct store *st, struct ledger_leaf *lf,
					  struct fz_error *e);
	/* Number of leaves. */
	enum fz_err (*ledger_size)(struct store *st, int64_t *size, struct fz_error *e);
	/* Up to limit (1..10000) leaves with idx >= from, in idx order. */
	enum fz_err (*ledger_leaves)(struct store *st, struct arena *a, int64_t from, int limit,
				     struct ledger_leaf_list *out, struct fz_error *e);
	/* The leaf of object (kind, ref_id); FZ_NOTFOUND when it has none. */
	enum fz_err (*ledger_leaf_find)(struct store *st, int kind, int64_t ref_id,
					struct ledger_leaf *out, struct fz_error *e);
	/* Ids (ascending, at most limit 1..10000) of case events (kind 1),
	 * evidence (kind 2), documents (kind 3), case headers (kind 4) or
	 * case exports (kind 5) that have no leaf;
	 * FZ_INVALID for another kind. */
	enum fz_err (*ledger_unlogged)(struct store *st, struct arena *a, int kind, int limit,
				       int64_t **ids, size_t *n, struct fz_error *e);
	/* Checkpoints: insert sets cp->id; a tree_size below the last one or
	 * above the ledger's size is FZ_FORBIDDEN. latest is FZ_NOTFOUND when
	 * there is none; list is oldest first. */
	enum fz_err (*checkpoint_insert)(struct store *st, struct ledger_checkpoint_row *cp,
					 struct fz_error *e);
	enum fz_err (*checkpoint_latest)(struct store *st, struct ledger_checkpoint_row *out,
					 struct fz_error *e);
	enum fz_err (*checkpoint_list)(struct store *st, struct arena *a, struct page pg,
				       struct ledger_checkpoint_list *out, struct fz_error *e);
	/* Case headers (kind 4 leaves): case_header_append copies the bound
	 * fields of the case row into a new version when they differ from
	 * the latest one (or there is none) and sets *id, else *id = 0; call
	 * it in the write transaction that changed the row. case_headers lists
	 * a case's versions oldest first. case_header_drift sets *case_id to
	 * the first case whose row differs from its latest version or has
	 * none (0 when every case agrees). */
	enum fz_err (*case_header_append)(struct store *st, int64_t case_id, int64_t at,
					  int64_t *id, struct fz_error *e);
	enum fz_err (*case_header_get)(struct store *st, struct arena *a, int64_t id,
				       struct case_header *out, struct fz_error *e);
	enum fz_err (*case_headers)(struct store *st, struct arena *a, int64_t case_id,
				    struct case_header_list *out, struct fz_error *e);
	enum fz_err (*case_header_drift)(struct store *st, int64_t *case_id, struct fz_error *e);
	/* Case exports (kind 5 leaves): insert sets x->id (x->at 0 = now). */
	enum fz_err (*case_export_insert)(struct store *st, struct case_export *x,
					  struct fz_error *e);
	enum fz_err (*case_export_get)(struct store *st, struct arena *a, int64_t id,
				       struct case_export *out, struct fz_error *e);
	/* How many leaves with idx < before the case has: counts[k] for leaf
	 * kind k (1 events, 2 evidence, 3 documents, 4 headers; counts[0] and
	 * counts[5] are 0). */
	enum fz_err (*ledger_case_counts)(struct store *st, int64_t case_id, int64_t before,
					  int64_t counts[6], struct fz_error *e);
	/* 012_publications.sql. Publications are unscoped rows: the app
	 * applies the caller's scope (app/publication.c) and the portal
	 * shows only public statuses. publication_insert sets p->id;
	 * publication_update writes the mutable columns (status, title, text,
	 * dates, withdrawal); publication_by_event finds the publication of a
	 * decision's event (FZ_NOTFOUND when none); publication_list pages
	 * with f (ordered by published_on, or withdrawn_on when
	 * f->withdrawn_only, then id); publication_event_insert appends what
	 * the public saw (kind 7 leaves) and sets ev->id. */
	enum fz_err (*publication_insert)(struct store *st, struct publication *p,
					  struct fz_error *e);
	enum fz_err (*publication_update)(struct store *st, const struct publication *p,
					  struct fz_error *e);
	enum fz_err (*publication_get)(struct store *st, struct arena *a, int64_t id,
				       struct publication *out, struct fz_error *e);
	enum fz_err (*publication_by_event)(struct store *st, struct arena *a, int64_t event_id,
					    struct publication *out, struct fz_error *e);
	enum fz_err (*publication_list)(struct store *st, struct arena *a,
					const struct publication_filter *f, const struct scope *sc,
					struct page pg, struct publication_list *out,
					struct fz_error *e);
	enum fz_err (*publication_event_insert)(struct store *st, struct publication_event *ev,
						struct fz_error *e);
	enum fz_err (*publication_event_get)(struct store *st, struct arena *a, int64_t id,
					     struct publication_event *out, struct fz_error *e);
	/* Every publish and withdraw record of a publication, in order. */
	enum fz_err (*publication_events_of)(struct store *st, struct arena *a,
					     int64_t publication_id,
					     struct publication_event **items, size_t *n,
					     struct fz_error *e);
	/* 017_power_lists.sql, the power-and-responsibility list (权责清单).
	 * Unscoped rows: the app applies the caller's scope. insert makes a
	 * draft (the agency's next version number; a second draft of an
	 * agency is FZ_CONFLICT) and sets id and version; items_replace
	 * replaces a draft's powers (seq from 1) and note_set its note: a
	 * published version is FZ_FORBIDDEN (the triggers refuse it);
	 * publish turns a draft into a published version with pl's
	 * effective_on, published_on/at, backdate_reason and publisher
	 * (FZ_FORBIDDEN when it is no longer a draft). get reads one with
	 * its items (FZ_NOTFOUND); list pages an agency's versions newest
	 * first, drafts only with published_only false; in_force reads the
	 * published version with the latest effective_on on or before on,
	 * with its items (FZ_NOTFOUND when none); draft_of an agency's
	 * draft (FZ_NOTFOUND). */
	enum fz_err (*power_list_insert)(struct store *st, struct power_list *pl,
					 struct fz_error *e);
	enum fz_err (*power_items_replace)(struct store *st, int64_t list_id,
					   const struct power_item *items, size_t n,
					   struct fz_error *e);
	enum fz_err (*power_list_note_set)(struct store *st, int64_t list_id, const char *note,
					   struct fz_error *e);
	enum fz_err (*power_list_publish)(struct store *st, const struct power_list *pl,
					  struct fz_error *e);
	enum fz_err (*power_list_get)(struct store *st, struct arena *a, int64_t id,
				      struct power_list *out, struct fz_error *e);
	enum fz_err (*power_list_list)(struct store *st, struct arena *a, int64_t agency_id,
				       bool published_only, struct page pg,
				       struct power_list_list *out, struct fz_error *e);
	enum fz_err (*power_list_in_force)(struct store *st, struct arena *a, int64_t agency_id,
					   const char *on, struct power_list *out,
					   struct fz_error *e);
	enum fz_err (*power_list_draft_of)(struct store *st, struct arena *a, int64_t agency_id,
					   struct power_list *out, struct fz_error *e);
	/* What the portal counts for an agency on day today. */
	enum fz_err (*agency_public_counts)(struct store *st, int64_t agency_id,
					    const char *today, struct agency_public_counts *out,
					    struct fz_error *e);
	/* 008_checkpoints.sql. checkpoint_get: by id; checkpoint_at_size: the
	 * latest C2SP checkpoint of exactly size leaves; both FZ_NOTFOUND. */
	enum fz_err (*checkpoint_get)(struct store *st, int64_t id,
				      struct ledger_checkpoint_row *out, struct fz_error *e);
	enum fz_err (*checkpoint_at_size)(struct store *st, int64_t size,
					  struct ledger_checkpoint_row *out, struct fz_error *e);
	/* The log's origin ("" when unset) and required signatures
	 * ("ed25519" or "ed25519,sm2"); set changes both (an origin already
	 * used by a checkpoint is FZ_FORBIDDEN to change). */
	enum fz_err (*ledger_log_get)(struct store *st, char origin[256], char sigs[16],
				      struct fz_error *e);
	enum fz_err (*ledger_log_set)(struct store *st, const char *origin, const char *sigs,
				      struct fz_error *e);
	/* Interior nodes (level >= 1; level 0 reads the leaf hash): put in
	 * the appending transaction, get FZ_NOTFOUND when not stored.
	 * nodes_covered: the number of leaves whose level-1 parents are
	 * stored (even; nodes are filled in leaf order). */
	enum fz_err (*ledger_node_put)(struct store *st, int level, int64_t idx,
				       const unsigned char *hash, size_t len, struct fz_error *e);
	enum fz_err (*ledger_node_get)(struct store *st, int level, int64_t idx,
				       unsigned char *out, size_t *len, struct fz_error *e);
	enum fz_err (*ledger_nodes_covered)(struct store *st, int64_t *leaves, struct fz_error *e);
	/* The leaf with this leaf hash; FZ_NOTFOUND. */
	enum fz_err (*ledger_leaf_by_hash)(struct store *st, const unsigned char *hash, size_t len,
					   struct ledger_leaf *out, struct fz_error *e);
	/* Cosignatures: insert sets id and at (0 = now); the same witness key
	 * on the same checkpoint twice is FZ_CONFLICT. list: a checkpoint's,
	 * in id order. */
	enum fz_err (*cosig_insert)(struct store *st, struct ledger_cosig_row *c,
				    struct fz_error *e);
	enum fz_err (*cosig_list)(struct store *st, struct arena *a, int64_t checkpoint_id,
				  struct ledger_cosig_list *out, struct fz_error *e);
	/* Key rotations: insert sets id and at (0 = now); list gives all,
	 * oldest first (at most 1000). */
	enum fz_err (*rotation_insert)(struct store *st, struct ledger_rotation_row *r,
				       struct fz_error *e);
	enum fz_err (*rotation_list)(struct store *st, struct arena *a,
				     struct ledger_rotation_list *out, struct fz_error *e);
	/* RFC 3161: the configured authority ("" when none; set "" clears
	 * it), and the token of a checkpoint (get: FZ_NOTFOUND when none; the
	 * bytes in a). */
	enum fz_err (*ledger_tsa_get)(struct store *st, char out[512], struct fz_error *e);
	enum fz_err (*ledger_tsa_set)(struct store *st, const char *url, struct fz_error *e);
	enum fz_err (*timestamp_put)(struct store *st, int64_t checkpoint_id, const void *token,
				     size_t len, int64_t at, struct fz_error *e);
	enum fz_err (*timestamp_get)(struct store *st, struct arena *a, int64_t checkpoint_id,
				     unsigned char **token, size_t *len, struct fz_error *e);

	/* Evidence metadata: append-only. insert sets ev->id (uploaded_at 0
	 * = now); a missing case or uploader is FZ_CONFLICT (case_id,
	 * uploaded_by). get and list are scoped through the case's agency;
	 * list gives one case's evidence in id order. */
	enum fz_err (*evidence_insert)(struct store *st, struct evidence *ev, struct fz_error *e);
	enum fz_err (*evidence_get)(struct store *st, struct arena *a, const struct scope *sc,
				    int64_t id, struct evidence *out, struct fz_error *e);
	enum fz_err (*evidence_list)(struct store *st, struct arena *a, const struct scope *sc,
				     int64_t case_id, struct page pg, struct evidence_list *out,
				     struct fz_error *e);
	/* One event by id with its fields and officers; unscoped (verify). */
	enum fz_err (*case_event_get)(struct store *st, struct arena *a, int64_t id,
				      struct case_event *out, struct fz_error *e);
	/* The random_draw events of every case, newest first (day of the
	 * draw, then id), a page of them and the total; unscoped: the
	 * portal publishes every draw (app/inspection_public.c). With
	 * visible_at ("YYYY-MM-DD HH:MM", China time) only the draws public
	 * at that minute: not those whose field publish_at is later (an
	 * embargo, app/draw.h); NULL = all. */
	enum fz_err (*draw_events)(struct store *st, struct arena *a, struct page pg,
				   const char *visible_at, struct draw_ref_list *out,
				   struct fz_error *e);

	/* Full-text search over published items (014_search.sql). put
	 * stores it (replacing the item of the same kind and ref_id) and sets
	 * it->id, which orders by date; FZ_INVALID naming the field for a
	 * missing kind, title or body, a ref_id or agency_id below 1 or a
	 * date before 1970; a failure inside the caller's transaction leaves
	 * it to roll back. remove is FZ_OK when there was none. query reads
	 * one page of matches newest first (q->limit, clamped to 1..100)
	 * and says whether more follow; strings in a. */
	enum fz_err (*search_put)(struct store *st, struct search_item *it, struct fz_error *e);
	enum fz_err (*search_remove)(struct store *st, const char *kind, int64_t ref_id,
				     struct fz_error *e);
	enum fz_err (*search_query)(struct store *st, struct arena *a,
				    const struct search_query *q, struct search_item_list *out,
				    struct fz_error *e);
	/* Complaints (018_complaints.sql; scope in store_complaint.h).
	 * insert sets c->id (FZ_CONFLICT naming agency_id for an unknown
	 * agency, receipt for a receipt taken); update writes the mutable
	 * columns (state, handler, dates, reply, reason); get is scoped;
	 * by_receipt is unscoped (the app checks the phone); list pages with
	 * f, newest first; recent counts the filings of client_key at or
	 * after since. Events are append-only: insert sets ev->id; of gives a
	 * complaint's in order. */
	enum fz_err (*complaint_insert)(struct store *st, struct complaint *c, struct fz_error *e);
	enum fz_err (*complaint_update)(struct store *st, const struct complaint *c,
					struct fz_error *e);
	enum fz_err (*complaint_get)(struct store *st, struct arena *a, const struct scope *sc,
				     int64_t id, struct complaint *out, struct fz_error *e);
	enum fz_err (*complaint_by_receipt)(struct store *st, struct arena *a, const char *receipt,
					    struct complaint *out, struct fz_error *e);
	enum fz_err (*complaint_list)(struct store *st, struct arena *a,
				      const struct complaint_filter *f, const struct scope *sc,
				      struct page pg, struct complaint_list *out, struct fz_error *e);
	enum fz_err (*complaint_recent)(struct store *st, const char *client_key, int64_t since,
					int64_t *n, struct fz_error *e);
	enum fz_err (*complaint_event_insert)(struct store *st, struct complaint_event *ev,
					      struct fz_error *e);
	/* Failed receipt lookups (027): add one of client_key at `at`,
	 * pruning those before `before`; count those at or after since. */
	enum fz_err (*complaint_lookup_add)(struct store *st, const char *client_key, int64_t at,
					    int64_t before, struct fz_error *e);
	enum fz_err (*complaint_lookup_count)(struct store *st, const char *client_key,
					      int64_t since, int64_t *n, struct fz_error *e);
	/* Attachments of a filing (027), append-only: insert sets a->id;
	 * of gives a complaint's in order (the caller checked its scope). */
	enum fz_err (*complaint_attachment_insert)(struct store *st,
						   struct complaint_attachment *att,
						   struct fz_error *e);
	enum fz_err (*complaint_attachments_of)(struct store *st, struct arena *a,
						int64_t complaint_id,
						struct complaint_attachment **items, size_t *n,
						struct fz_error *e);
	enum fz_err (*complaint_event_get)(struct store *st, struct arena *a, int64_t id,
					   struct complaint_event *out, struct fz_error *e);
	enum fz_err (*complaint_events_of)(struct store *st, struct arena *a, int64_t complaint_id,
					   struct complaint_event **items, size_t *n,
					   struct fz_error *e);

	/* Public comment on drafts (029_public_comments.sql,
	 * store_consultation.h). consultations: the periods of every matter,
	 * open (a comment_open with no comment_close after it) or closed,
	 * the latest opened first; consultation_of: case_id's latest period
	 * (FZ_NOTFOUND when it never had one). Comments and their events are
	 * append-only: inserts set the id (FZ_CONFLICT naming receipt for a
	 * receipt taken). comments_of: a period's comments in order with
	 * their standing, only the shown ones when shown_only; counts over
	 * all of them. recent: comments sent from client_key at or after
	 * since. A review request (审查建议) is a comment of kind review
	 * whose open_event is the document's publish event: by_receipt finds
	 * one of either kind (unscoped: the app shows the public only what
	 * is theirs to see); review_list pages review requests about the
	 * documents of agencies in sc (unanswered only when open_only),
	 * earliest due first. */
	enum fz_err (*consultations)(struct store *st, struct arena *a, bool open, struct page pg,
				     struct consultation_ref_list *out, struct fz_error *e);
	enum fz_err (*consultation_of)(struct store *st, int64_t case_id,
				       struct consultation_ref *out, struct fz_error *e);
	enum fz_err (*comment_insert)(struct store *st, struct public_comment *c,
				      struct fz_error *e);
	enum fz_err (*comment_get)(struct store *st, struct arena *a, int64_t id,
				   struct public_comment *out, struct fz_error *e);
	enum fz_err (*comments_of)(struct store *st, struct arena *a, int64_t open_event,
				   bool shown_only, struct page pg, struct public_comment_list *out,
				   struct fz_error *e);
	enum fz_err (*comment_counts)(struct store *st, struct arena *a, int64_t open_event,
				      struct comment_counts *out, struct fz_error *e);
	enum fz_err (*comment_recent)(struct store *st, const char *client_key, int64_t since,
				      int64_t *n, struct fz_error *e);
	enum fz_err (*comment_event_insert)(struct store *st, struct comment_event *ev,
					    struct fz_error *e);
	enum fz_err (*comment_event_get)(struct store *st, struct arena *a, int64_t id,
					 struct comment_event *out, struct fz_error *e);
	enum fz_err (*comment_events_of)(struct store *st, struct arena *a, int64_t comment_id,
					 struct comment_event **items, size_t *n,
					 struct fz_error *e);
	enum fz_err (*comment_by_receipt)(struct store *st, struct arena *a, const char *receipt,
					  struct public_comment *out, struct fz_error *e);
	enum fz_err (*review_list)(struct store *st, struct arena *a, const struct scope *sc,
				   bool open_only, struct page pg, struct public_comment_list *out,
				   struct fz_error *e);

	/* Statistics (store_stats.h), grouped in the database, every list
	 * whole (not paged; at most a few rows per agency and month), in
	 * scope through the case's agency. event_counts: events of q's steps
	 * by agency, case kind, step, q->key's value and month.
	 * decision_counts: the events of q's steps that still stand (no
	 * event of q->later_json after them in their case) by agency,
	 * penalty kinds, fine band and month. open_counts: open cases by
	 * agency. FZ_INVALID for a malformed steps list. */
	enum fz_err (*stats_event_counts)(struct store *st, struct arena *a, const struct scope *sc,
					  const struct stats_query *q,
					  struct stats_event_count_list *out, struct fz_error *e);
	enum fz_err (*stats_decision_counts)(struct store *st, struct arena *a,
					     const struct scope *sc, const struct stats_query *q,
					     struct stats_decision_count_list *out,
					     struct fz_error *e);
	enum fz_err (*stats_open_counts)(struct store *st, struct arena *a, const struct scope *sc,
					 struct stats_open_count_list *out, struct fz_error *e);
	/* Case-file evaluation, supervision checks, rectification notices
	 * (019_evaluation.sql, store_evaluation.h). Rounds and plans are
	 * unscoped rows (the app checks their division); files, check items
	 * and notices are scoped through their agency. Inserts set the id;
	 * updates write the mutable columns and refuse, by trigger, to change
	 * a drawn sample, a given score, a recorded finding or a closed
	 * notice (FZ_FORBIDDEN). */
	enum fz_err (*eval_round_insert)(struct store *st, struct eval_round *r,
					 const int64_t *agencies, size_t nagencies,
					 struct fz_error *e);
	/* Writes status, seed, method, population and updated_at. */
	enum fz_err (*eval_round_update)(struct store *st, const struct eval_round *r,
					 struct fz_error *e);
	enum fz_err (*eval_round_get)(struct store *st, struct arena *a, int64_t id,
				      struct eval_round *out, struct fz_error *e);
	/* Newest first unless f->sort says (store_evaluation.h). */
	enum fz_err (*eval_round_list)(struct store *st, struct arena *a,
				       const struct eval_round_filter *f, struct page pg,
				       struct eval_round_list *out, struct fz_error *e);
	/* The round's agencies, ascending. */
	enum fz_err (*eval_round_agencies)(struct store *st, struct arena *a, int64_t round_id,
					   int64_t **ids, size_t *n, struct fz_error *e);
	/* The agency's closed enforcement cases whose last recorded event
	 * falls in from..to (both included): the population of a sample.
	 * Matters (normative documents, major decisions: case kinds 5, 6)
	 * have no enforcement case file and are never drawn. */
	enum fz_err (*eval_closed_cases)(struct store *st, struct arena *a, int64_t agency_id,
					 const char *from, const char *to,
					 struct eval_case **items, size_t *n, struct fz_error *e);
	enum fz_err (*eval_file_insert)(struct store *st, struct eval_file *f,
					struct fz_error *e);
	/* Writes evaluator_id, form, content, total, vetoed, grade, scored_on. */
	enum fz_err (*eval_file_update)(struct store *st, const struct eval_file *f,
					struct fz_error *e);
	enum fz_err (*eval_file_get)(struct store *st, struct arena *a, const struct scope *sc,
				     int64_t id, struct eval_file *out, struct fz_error *e);
	/* Ordered by agency, then draw order. */
	enum fz_err (*eval_file_list)(struct store *st, struct arena *a, const struct scope *sc,
				      const struct eval_file_filter *f, struct page pg,
				      struct eval_file_list *out, struct fz_error *e);
	enum fz_err (*eval_mark_insert)(struct store *st, const struct eval_mark_row *m,
					struct fz_error *e);
	enum fz_err (*eval_marks_of)(struct store *st, struct arena *a, int64_t file_id,
				     struct eval_mark_row **items, size_t *n, struct fz_error *e);
	enum fz_err (*check_plan_insert)(struct store *st, struct check_plan *p,
					 struct fz_error *e);
	enum fz_err (*check_plan_get)(struct store *st, struct arena *a, int64_t id,
				      struct check_plan *out, struct fz_error *e);
	enum fz_err (*check_plan_list)(struct store *st, struct arena *a,
				       const struct check_plan_filter *f, struct page pg,
				       struct check_plan_list *out, struct fz_error *e);
	/* Rubric versions (store_evaluation.h): insert numbers v->version
	 * (the division's last + 1, inside the caller's transaction) and sets
	 * id and created_at; latest is FZ_NOTFOUND when the division has none. */
	enum fz_err (*rubric_version_insert)(struct store *st, struct rubric_version *v,
					     struct fz_error *e);
	enum fz_err (*rubric_version_latest)(struct store *st, struct arena *a,
					     const char *division, struct rubric_version *out,
					     struct fz_error *e);
	enum fz_err (*check_item_insert)(struct store *st, struct check_item *it,
					 struct fz_error *e);
	/* Writes finding and found_on. */
	enum fz_err (*check_item_update)(struct store *st, const struct check_item *it,
					 struct fz_error *e);
	enum fz_err (*check_item_get)(struct store *st, struct arena *a, const struct scope *sc,
				      int64_t id, struct check_item *out, struct fz_error *e);
	/* A plan's items in scope, by month then id (at most 1000). */
	enum fz_err (*check_items_of)(struct store *st, struct arena *a, const struct scope *sc,
				      int64_t plan_id, struct check_item **items, size_t *n,
				      struct fz_error *e);
	enum fz_err (*notice_insert)(struct store *st, struct rect_notice *nt,
				     struct fz_error *e);
	/* Writes status, report, answered_on, first_answered_on,
	 * return_reason, closed_on, updated_at. */
	enum fz_err (*notice_update)(struct store *st, const struct rect_notice *nt,
				     struct fz_error *e);
	enum fz_err (*notice_get)(struct store *st, struct arena *a, const struct scope *sc,
				  int64_t id, struct rect_notice *out, struct fz_error *e);
	/* Newest first. */
	enum fz_err (*notice_list)(struct store *st, struct arena *a, const struct scope *sc,
				   const struct rect_notice_filter *f, struct page pg,
				   struct rect_notice_list *out, struct fz_error *e);
	/* Append-only; insert sets r->id (r->at 0 = now). */
	enum fz_err (*oversight_record_insert)(struct store *st, struct oversight_record *r,
					       struct fz_error *e);
	enum fz_err (*oversight_record_get)(struct store *st, struct arena *a, int64_t id,
					    struct oversight_record *out, struct fz_error *e);
	/* The organisation tree's counts (store_orgtree.h): one row per
	 * agency, unit, and (agency, unit) of active people, of valid
	 * certificates (stored valid, valid_until >= today, an active
	 * holder; placed by the holder's agency and unit) and of open cases
	 * (by agency), every agency in scope, in no particular order. Not
	 * paged: a few rows per unit. NULL or SCOPE_NONE sees nothing. */
	enum fz_err (*org_counts)(struct store *st, struct arena *a, const struct scope *sc,
				  const char *today, struct org_count_list *out,
				  struct fz_error *e);
	/* Calendar files uploaded from the page and not yet confirmed
	 * (026_calendar_uploads.sql), keyed by the SHA-256 of their token.
	 * put first deletes every upload expired at u->created_at; get is
	 * FZ_NOTFOUND for a digest unknown or expired at now; delete of an
	 * unknown digest is FZ_NOTFOUND. */
	enum fz_err (*calendar_upload_put)(struct store *st, const struct calendar_upload *u,
					   struct fz_error *e);
	enum fz_err (*calendar_upload_get)(struct store *st, struct arena *a,
					   const unsigned char digest[32], int64_t now,
					   struct calendar_upload *out, struct fz_error *e);
	enum fz_err (*calendar_upload_delete)(struct store *st, const unsigned char digest[32],
					      struct fz_error *e);

	/* --- decision catalogues (决策事项目录, 028_decisions.sql) --- */
	/* Sets c->id; FZ_CONFLICT when the agency has one for the year. */
	enum fz_err (*decision_catalogue_insert)(struct store *st, struct decision_catalogue *c,
						 struct fz_error *e);
	/* With agency_name and approved_on; FZ_NOTFOUND. */
	enum fz_err (*decision_catalogue_get)(struct store *st, struct arena *a, int64_t id,
					      struct decision_catalogue *out, struct fz_error *e);
	/* Newest year first, then agency. */
	enum fz_err (*decision_catalogue_list)(struct store *st, struct arena *a,
					       const struct decision_catalogue_filter *f,
					       struct page pg, struct decision_catalogue_list *out,
					       struct fz_error *e);
	/* Append-only; sets en->id (en->at 0 = now). The schema refuses a
	 * second approval and an entry after it that is not an adjustment. */
	enum fz_err (*decision_catalogue_entry_insert)(struct store *st,
						       struct decision_catalogue_entry *en,
						       struct fz_error *e);
	enum fz_err (*decision_catalogue_entry_get)(struct store *st, struct arena *a, int64_t id,
						    struct decision_catalogue_entry *out,
						    struct fz_error *e);
	/* A catalogue's entries in the order recorded (at most 2000). */
	enum fz_err (*decision_catalogue_entries)(struct store *st, struct arena *a,
						  int64_t catalogue_id,
						  struct decision_catalogue_entry **items, size_t *n,
						  struct fz_error *e);
	/* The open major decision (not closed, other than except_case) whose
	 * 立项 names catalogue item item_id: its id and number; FZ_NOTFOUND
	 * when there is none (one item, one decision). */
	enum fz_err (*decision_item_open_case)(struct store *st, struct arena *a, int64_t item_id,
					       int64_t except_case, int64_t *case_id,
					       const char **number, struct fz_error *e);
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
