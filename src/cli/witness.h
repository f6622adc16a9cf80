/* witness.h - what the files of `fazhi witness` share (cmd_witness.c:
 * the rounds; witness_keys.c: the log keys followed and their rotations).
 * Private to src/cli/. */
#ifndef FZ_CLI_WITNESS_H
#define FZ_CLI_WITNESS_H

#include <limits.h>
#include <stdbool.h>

#include "base/buf.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "ledger/note.h"

struct witness {
	const char *state, *name, *log;
	struct note_vkey log_key; /* the log's key followed */
	struct buf keys;          /* log-keys as it will be written */
	struct ledger_key *key;
	unsigned char pub[LEDGER_PUBKEY_LEN];
};

/* dir/file in the state directory; -1 when too long. */
int witness_state_path(const struct witness *w, const char *file, char out[PATH_MAX]);
/* Reads a whole small file into b; false when it does not exist. */
bool witness_file_read(const char *path, struct buf *b);
/* True when note carries a valid Ed25519 signature by k. */
bool witness_signed_by(const struct note *note, const struct note_vkey *k);
/* GETs url and reads its "proof" (hex hashes of hs bytes) into proof;
 * false when the answer is not one (*rc nonzero: the request failed and
 * was reported). */
bool witness_proof_fetch(const char *url, size_t hs, struct merkle_proof *proof, long *status,
			 int *rc);

/* Sets w->log_key to the key to follow and w->keys to log-keys' text:
 * --log-key (log_key) when the state follows none yet, else the last key
 * of log-keys, provided log_key is one of them. 0, or an exit code. */
int witness_keys_load(struct witness *w, const char *log_key);
/* note (checkpoint cp) is not signed by w->log_key: follows the log's
 * rotation statements from it, each signed by the old and the new key and
 * recorded in cp's tree, to a key that signed note; then takes it
 * (w->log_key, appended to w->keys). 0, or an exit code, said why. */
int witness_rotation_follow(struct witness *w, const struct note *note,
			    const struct ledger_checkpoint *cp);

#endif
