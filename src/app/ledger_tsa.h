/* ledger_tsa.h - RFC 3161 time-stamps on checkpoints, so that the time of
 * a record does not rest on the agency's clock alone (docs/LEDGER.md,
 * "Time-stamps"). The log asks the time-stamping authority configured
 * with `fazhi checkpoint --tsa-url URL` for a token over the checkpoint's
 * note text (SHA-256 imprint) and keeps it with the checkpoint. */
#ifndef FZ_APP_LEDGER_TSA_H
#define FZ_APP_LEDGER_TSA_H

#include "app/app.h"
#include "base/buf.h"

/* POSTs an RFC 3161 request for SHA-256(msg) with a random nonce to url
 * and writes the granted token (DER TimeStampToken) to out. The answer
 * must be granted, for this imprint and nonce; its signature is the
 * outsider's to check (`openssl ts -verify`). FZ_IO with a Chinese
 * reason when the authority cannot be reached or refuses. */
enum fz_err app_ledger_tsa_token(const char *url, const void *msg, size_t len, struct buf *out,
				 struct fz_error *e) FZ_MUST_CHECK;

#endif
