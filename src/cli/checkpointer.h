/* checkpointer.h - the server's background signer: every interval it
 * signs a checkpoint of the ledger when the ledger has grown, on its own
 * storage connection and outside any request (no lock around requests),
 * and once more when the server stops. */
#ifndef FZ_CLI_CHECKPOINTER_H
#define FZ_CLI_CHECKPOINTER_H

#include "base/err.h"

struct checkpointer;

/* Starts the thread. db and data_dir are borrowed and must outlive it.
 * interval_s >= 1. */
enum fz_err checkpointer_start(const char *db, const char *data_dir, const char *key_file,
			       int interval_s, struct checkpointer **out, struct fz_error *e)
	FZ_MUST_CHECK;
/* Wakes the thread, lets it sign a last checkpoint, joins it and frees
 * everything. NULL is a no-op. */
void checkpointer_stop(struct checkpointer *c);

#endif
