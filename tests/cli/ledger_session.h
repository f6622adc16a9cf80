/* ledger_session.h - what the ledger tests of the shell commands do from
 * the outside: open a database in the test process (as a witness or an
 * attacker with the files would), run SQL on it directly, cosign its
 * latest checkpoint, append made-up leaves. */
#ifndef FZ_TESTS_CLI_LEDGER_SESSION_H
#define FZ_TESTS_CLI_LEDGER_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "ledger/checkpoint.h"

struct ledger_session {
	struct store *st;
	struct arena *a;
	struct app_config cfg;
	struct app_ctx ctx;
	char data_dir[600];
};

/* Opens db with data_dir (its key). False after t_fail. */
bool ls_open(struct ledger_session *s, const char *db, const char *data_dir);
void ls_close(struct ledger_session *s);

/* Runs sql on db directly (no triggers bypassed unless the SQL drops
 * them); the first column of the first row into out when given. */
bool ls_sql(const char *db, const char *sql, char *out, size_t n);

/* The latest checkpoint's signed note (with its cosignatures) into out. */
bool ls_latest_note(struct ledger_session *s, char *out, size_t n);

/* Makes a witness key in dir (name NAME), writes its verifier key to
 * vkey; the key for ls_cosign. */
struct ledger_key *ls_witness_key(const char *dir, const char *name, char *vkey, size_t n);
/* The latest checkpoint cosigned by k (verifier key vkey), handed to the
 * log through app_ledger_cosign_submit; vkey must be registered. */
bool ls_cosign_latest(struct ledger_session *s, struct ledger_key *k, const char *vkey);

/* Appends n made-up evidence leaves (ref ids from first_ref). */
bool ls_append(struct ledger_session *s, int first_ref, int n);

#endif
