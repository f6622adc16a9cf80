/* app.h - use cases: the one place that authorises, opens a transaction,
 * calls the domain and storage, and writes the audit log.
 *
 * HTTP handlers and CLI commands build a struct app_ctx for one request
 * and call app_* functions; nothing above this layer touches the store
 * directly for writes. */
#ifndef FZ_APP_APP_H
#define FZ_APP_APP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/model.h"
#include "store/store.h"

struct proc_registry;

/* Security policy and limits. Defaults come from app_config_defaults();
 * secadmin may change the policy values through settings. */
struct app_config {
	int session_idle_seconds;   /* 1800: idle timeout */
	int session_max_seconds;    /* 43200: absolute lifetime */
	int lockout_threshold;      /* 5 consecutive failures lock ... */
	int lockout_seconds;        /* ... for 900 seconds */
	int client_failure_limit;   /* failed sign-ins per client address ... */
	int client_failure_window;  /* ... within this many seconds */
	int audit_retention_days;   /* 180, never less */
	int password_history;       /* 5: a new password is none of the last N */
	/* Management addresses ("10.0.0.5,10.0.0.6"; NULL = none): from
	 * these, an administrator (sysadmin, secadmin, auditor) signs in even
	 * while the account is locked, so that nobody can lock the
	 * administrators out from the network. */
	const char *admin_addresses;
	/* Evidence bytes one agency may store (0 = EVIDENCE_QUOTA_DEFAULT,
	 * 20 GiB); an agency's own quota, when set, wins. */
	int64_t evidence_quota;
	bool cookie_secure;         /* set Secure on cookies (behind HTTPS) */
	/* Procedure definitions and province config, loaded once at start
	 * (app/procreg.h); NULL until then: case use cases need it. */
	const struct proc_registry *procs;
	/* The data directory (evidence files, documents, the ledger's
	 * signing key); NULL when the process has none (some tests): use
	 * cases that need files then fail with FZ_INTERNAL. */
	const char *data_dir;
	/* Largest evidence upload in bytes (0 = EVIDENCE_MAX_DEFAULT, 2 GiB). */
	int64_t evidence_max;
	/* The ledger's signing key when it lives outside the data directory
	 * (--key-file); NULL = data_dir/ledger.key. */
	const char *ledger_key_file;
	/* Where the public reports a suspected impostor (serve
	 * --complaint-contact, at most 80 bytes so that it fits an error
	 * message, "海原县司法局执法监督科，电话 0955-4012345");
	 * NULL = the local justice bureau, named without a contact. */
	const char *complaint_contact;
	/* The portal's address as the public reaches it (serve --public-url,
	 * "https://fazhi.example.gov.cn"), written into QR codes; NULL = the
	 * address the request came to. */
	const char *public_url;
	/* How long one request may wait in all for a busy database before
	 * its write fails with FZ_BUSY (0 = APP_WRITE_WAIT_MS, app/tx.h). */
	int write_wait_ms;
	/* The longest a random inspection draw's result may be kept off the
	 * portal after it is recorded (serve --draw-embargo-max-days; 0 =
	 * APP_DRAW_EMBARGO_MAX_DAYS_DEFAULT). See app/draw.h. */
	int draw_embargo_max_days;
	/* How far a case list counts for its total (0 =
	 * APP_CASE_COUNT_MAX_DEFAULT): beyond it, and beyond the page asked,
	 * the list says "超过 N 条" instead of counting a whole province. */
	int64_t case_count_max;
	/* The clock requests run at (Unix seconds); NULL = time_now(). Tests
	 * set it to move the server's time without sleeping. */
	int64_t (*clock)(void);
};

/* Unverified (U): no rule in the reference sets how long a draw's result
 * may wait before it is published; 90 days is a placeholder, configurable
 * per deployment (docs/INSPECTIONS.md). */
#define APP_DRAW_EMBARGO_MAX_DAYS_DEFAULT 90

/* Counting 10,000 cases costs about 0.5 ms of CPU a page (the exact count
 * of the province's 1.41 million: 48 ms); the first 500 pages of 20 are
 * numbered exactly (docs/PERFORMANCE.md, "a count that stops"). */
#define APP_CASE_COUNT_MAX_DEFAULT 10000

void app_config_defaults(struct app_config *cfg);
/* The instant a request of cfg runs at: cfg->clock() when set, else
 * time_now(). */
int64_t app_now(const struct app_config *cfg);
/* cfg's bound on a draw's embargo, in days. */
int app_draw_embargo_max_days(const struct app_config *cfg);
/* The case lists' count bound (app_config.case_count_max or its default). */
int64_t app_case_count_max(const struct app_config *cfg);

/* One request's context. The caller owns st (borrowed from a pool) and a
 * (the request arena); app functions allocate results in a. */
struct app_ctx {
	struct store *st;
	struct arena *a;
	const struct app_config *cfg;
	const char *client_addr;     /* "127.0.0.1", or "cli" */
	int64_t now;                 /* Unix seconds, fixed for the request */
	char today[FZ_DATE_LEN];     /* China date of now */
	/* Set by app_session_resolve / app_ctx_as_cli: */
	struct user *user;           /* NULL = anonymous */
	struct scope scope;          /* what the user may see */
	int64_t session_id;          /* 0 = none */
	const char *actor;           /* username for the audit log */
	bool cli;                    /* the shell operator: every permission */
	struct app_config policy_cfg; /* cfg with the stored policy applied
	                               * (app_policy_apply) */
	/* The connection's change stamp (store_ops.change_stamp), taken by
	 * app_session_resolve before it read anything; has_stamp false when
	 * none was taken or the session check itself committed since (a
	 * touch, an expiry). A memo may keep what the request reads under
	 * it: a stamp older than the reads, a later commit of the request's
	 * own included, only makes the entry miss, never served stale. */
	struct store_stamp stamp;
	bool has_stamp;
	/* Documents this request has inserted (document_make.c): a list of a
	 * case's documents read earlier in the transaction is still whole
	 * while this is unchanged (a step's status reuses its gates' list). */
	unsigned documents_inserted;
	/* app_tx_again's state (app/tx.h): when the write under way first
	 * found the database busy (monotonic ms, 0 = not), how many times it
	 * has tried again since, and whether a whole-transaction loop owns
	 * the retries. */
	int64_t busy_since_ms;
	int busy_tries;
	bool busy_whole;
	/* A background round (cli/periodic.c) points this at its thread's
	 * stop flag: long jobs give up between batches once it is set, so a
	 * server asked to stop does not wait for, say, 10^6 statuses to be
	 * refreshed (the next start goes on where it stopped). NULL in a
	 * request and in the shell. */
	const atomic_bool *stop_asked;
};

/* Initialises ctx for an anonymous request at time now. */
void app_ctx_init(struct app_ctx *ctx, struct store *st, struct arena *a,
		  const struct app_config *cfg, const char *client_addr, int64_t now);
/* Makes ctx act as the shell operator (root on the server): system-wide
 * scope, audited as actor "(cli)". */
void app_ctx_as_cli(struct app_ctx *ctx);

#endif
