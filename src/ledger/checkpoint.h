/* checkpoint.h - signed checkpoints of the ledger: (tree size, root, hash,
 * time) as a short text, signed with the agency's Ed25519 key. Ed25519
 * rather than SM2: deterministic 64-byte signatures, 32-byte keys, one
 * EVP call each way and no signer-ID parameter to agree on; the checkpoint
 * names its algorithm so that SM2 can be added beside it.
 *
 * Signed text (docs/LEDGER.md), each line ending in "\n":
 *   fazhi-ledger-checkpoint/v1
 *   hash sm3
 *   size <tree size, decimal>
 *   root <root, lowercase hex>
 *   time <Unix seconds, decimal> */
#ifndef FZ_LEDGER_CHECKPOINT_H
#define FZ_LEDGER_CHECKPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "ledger/hash.h"

#define LEDGER_PUBKEY_LEN 32
#define LEDGER_SIG_LEN 64
#define LEDGER_CHECKPOINT_TEXT_MAX 256

struct ledger_checkpoint {
	enum ledger_hash_alg alg;
	uint64_t size;
	unsigned char root[LEDGER_HASH_MAX];
	int64_t at;
	unsigned char pubkey[LEDGER_PUBKEY_LEN]; /* raw Ed25519 public key */
	unsigned char sig[LEDGER_SIG_LEN];
};

/* The signed text of cp into out (NUL-terminated); returns its length. */
size_t ledger_checkpoint_text(const struct ledger_checkpoint *cp,
			      char out[LEDGER_CHECKPOINT_TEXT_MAX]);

/* An Ed25519 private key (EVP_PKEY, opaque). */
struct ledger_key;

/* Makes a new key pair and writes the private key (PKCS#8 PEM, mode 0600,
 * created exclusively: an existing file is FZ_CONFLICT) and the public key
 * (SubjectPublicKeyInfo PEM, mode 0644). */
enum fz_err ledger_key_generate(const char *priv_path, const char *pub_path,
				struct fz_error *e) FZ_MUST_CHECK;
/* Loads a private key file; refuses one readable by group or others
 * (FZ_FORBIDDEN). Free with ledger_key_free. */
enum fz_err ledger_key_load(const char *priv_path, struct ledger_key **out,
			    struct fz_error *e) FZ_MUST_CHECK;
void ledger_key_free(struct ledger_key *k);
/* Reads a public key PEM file into its raw 32 bytes. */
enum fz_err ledger_pubkey_load(const char *pub_path, unsigned char out[LEDGER_PUBKEY_LEN],
			       struct fz_error *e) FZ_MUST_CHECK;

/* Fills cp->pubkey and cp->sig: signs the text of cp with k. */
enum fz_err ledger_checkpoint_sign(struct ledger_checkpoint *cp, const struct ledger_key *k)
	FZ_MUST_CHECK;
/* True when cp->sig is cp->pubkey's signature of cp's text. */
bool ledger_checkpoint_verify(const struct ledger_checkpoint *cp) FZ_MUST_CHECK;

#endif
