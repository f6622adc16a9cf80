/* hash.h - the ledger's hash functions: SM3 (GB/T 32905, the default) or
 * SHA-256, both computed by OpenSSL's EVP interface. A database records
 * which one it uses when it is created; nothing mixes the two. */
#ifndef FZ_LEDGER_HASH_H
#define FZ_LEDGER_HASH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* Both hashes give 32 bytes; room for a longer one later. */
#define LEDGER_HASH_MAX 64

enum ledger_hash_alg {
	LEDGER_HASH_SM3 = 1,
	LEDGER_HASH_SHA256 = 2,
};

/* "sm3" or "sha256". */
const char *ledger_hash_name(enum ledger_hash_alg alg);
/* The algorithm named "sm3" or "sha256"; false for any other name. */
bool ledger_hash_from_name(const char *name, enum ledger_hash_alg *out) FZ_MUST_CHECK;
/* Digest length in bytes (32). */
size_t ledger_hash_size(enum ledger_hash_alg alg);

/* One-shot digest of len bytes into out (room for ledger_hash_size(alg)
 * bytes); returns the digest length.
 * Aborts the process when libcrypto cannot compute the hash at all (a
 * broken installation, as crypto_sha256 does). */
size_t ledger_hash(enum ledger_hash_alg alg, const void *data, size_t len,
		   unsigned char *out);

/* Streaming digest: init, update per chunk, final (which writes the
 * digest to out and releases the context). abort releases it without a result; it is safe to call after
 * final and on a context whose init failed. */
struct ledger_hasher {
	void *md;    /* EVP_MD_CTX * */
	size_t size; /* digest length */
};
enum fz_err ledger_hasher_init(struct ledger_hasher *h, enum ledger_hash_alg alg) FZ_MUST_CHECK;
enum fz_err ledger_hasher_update(struct ledger_hasher *h, const void *data, size_t len)
	FZ_MUST_CHECK;
enum fz_err ledger_hasher_final(struct ledger_hasher *h, unsigned char *out)
	FZ_MUST_CHECK;
void ledger_hasher_abort(struct ledger_hasher *h);

#endif
