/* ledger_rederive.h - the verifier's per-kind half (ledger_rederive.c):
 * how each kind of leaf is re-derived from the tables and the data
 * directory. Internal to the verifier. */
#ifndef FZ_APP_LEDGER_REDERIVE_H
#define FZ_APP_LEDGER_REDERIVE_H

#include "app/ledger_verify.h"

/* The re-derivation of kind (enum ledger_kind), or NULL for a kind this
 * binary does not record. */
ledger_rederive_fn ledger_rederive_for(int kind);

/* A case's number for messages ("#id" when it cannot be read). */
void ledger_case_name(struct app_ctx *ctx, int64_t case_id, char *out, size_t n);

#endif
