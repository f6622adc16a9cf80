/* ledger_note.h - the log's checkpoints as the ecosystem reads them: the
 * C2SP signed note of a stored checkpoint (with the witnesses'
 * cosignatures), the log's verifier keys, and collecting cosignatures
 * from witnesses (docs/LEDGER.md, "Witnesses"). */
#ifndef FZ_APP_LEDGER_NOTE_H
#define FZ_APP_LEDGER_NOTE_H

#include "app/ledger.h"
#include "ledger/checkpoint.h"
#include "ledger/note.h"

/* The checkpoint a stored row signs (origin "" for the older form). */
void app_ledger_checkpoint_of(const struct ledger_checkpoint_row *row,
			      struct ledger_checkpoint *cp);

/* The signed note of row into out: its text, a blank line, the log's
 * Ed25519 line, the SM2 line when signed so, then (with_cosigs) every
 * stored cosignature line. FZ_INVALID for a checkpoint in the older
 * form (it has no note). */
enum fz_err app_ledger_note(struct app_ctx *ctx, const struct ledger_checkpoint_row *row,
			    bool with_cosigs, struct buf *out, struct fz_error *e) FZ_MUST_CHECK;

/* The log's Ed25519 verifier key for row (<origin>+<id>+<base64>), and
 * its SM2 one ("" when the row has no SM2 signature). */
void app_ledger_vkey(const struct ledger_checkpoint_row *row, struct buf *out);
void app_ledger_sm2_vkey(const struct ledger_checkpoint_row *row, struct buf *out);

/* The witness keys the log accepts cosignatures from: data_dir's
 * LEDGER_WITNESSES_FILE, one verifier key (type 0x04) a line, "#"
 * comments and blank lines skipped. A missing file is no witness. */
enum fz_err app_ledger_witness_keys(const char *data_dir, struct arena *a,
				    struct note_vkey **out, size_t *n, struct fz_error *e)
	FZ_MUST_CHECK;

/* Takes a cosigned checkpoint from a witness: the note's text must be a
 * checkpoint this log signed (same size, same text); every signature line
 * from a configured witness key must verify and is stored (once per
 * checkpoint and key); audited ("ledger.cosign"). *added counts new ones.
 * FZ_NOTFOUND: no such checkpoint; FZ_CONFLICT: the text differs from the
 * one signed at that size (a split view); FZ_FORBIDDEN: no signature from
 * a configured witness, or one that does not verify. Public: the
 * signature is the witness's credential. */
enum fz_err app_ledger_cosign_submit(struct app_ctx *ctx, const char *note, size_t len,
				     int *added, struct fz_error *e) FZ_MUST_CHECK;

/* How far the log's checkpoints reach: the size of the latest signed
 * checkpoint and of the latest one with a verifying cosignature from a
 * registered witness (among the newest 200 checkpoints); 0 when none. A
 * record with leaf index i is signed when i < signed_size, witnessed when
 * i < witnessed_size. Public. */
struct ledger_coverage {
	int64_t signed_size;
	int64_t witnessed_size;
	int64_t witnessed_id; /* that checkpoint's id, 0 when none */
};
enum fz_err app_ledger_coverage(struct app_ctx *ctx, struct ledger_coverage *out,
				struct fz_error *e) FZ_MUST_CHECK;

/* The leaf index of object (kind, ref_id), -1 when it has none. */
int64_t app_ledger_leaf_index(struct app_ctx *ctx, enum ledger_kind kind, int64_t ref_id);

/* Rotates the log's signing key to the Ed25519 key at new_path (made
 * there, 0600, with new_path.pub, when the file does not exist): a
 * rotation statement - the signed note
 *   <origin>\nkey-rotation\nold <old verifier key>\nnew <new verifier key>\ntime <t>\n
 * signed by the old key and the new one - is stored and audited
 * ("ledger.key_rotate"). When the key in use is the data directory's
 * ledger.key, the new key replaces it there (the old one is kept as
 * ledger.key.retired-<id>, ledger.pub follows). The next checkpoint is
 * signed with the new key. */
enum fz_err app_ledger_key_rotate(struct app_ctx *ctx, const char *new_path,
				  struct ledger_rotation_row *out, struct fz_error *e)
	FZ_MUST_CHECK;
/* True when r's note is a rotation statement from r->old_pubkey to
 * r->new_pubkey signed by both. */
bool app_ledger_rotation_ok(const struct ledger_rotation_row *r) FZ_MUST_CHECK;
/* A rotation's leaf (kind 6): its canonical encoding
 * "fazhi.key_rotation.v1", at, old public key (hex), new public key
 * (hex), the signed note; and its digest (the length, 0 when out of
 * memory). */
void app_ledger_rotation_encode(const struct ledger_rotation_row *r, struct buf *b);
size_t app_ledger_rotation_digest(enum ledger_hash_alg alg, const struct ledger_rotation_row *r,
				  unsigned char out[LEDGER_DIGEST_MAX]);

#endif
