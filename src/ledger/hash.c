/* hash.c - SM3 and SHA-256 through EVP. The EVP_MD objects are fetched
 * once per call from the default provider; Debian's OpenSSL 3.0 ships SM3
 * there, so no legacy provider is needed. */
#include "ledger/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

static const EVP_MD *md_of(enum ledger_hash_alg alg)
{
	return alg == LEDGER_HASH_SHA256 ? EVP_sha256() : EVP_sm3();
}

const char *ledger_hash_name(enum ledger_hash_alg alg)
{
	return alg == LEDGER_HASH_SHA256 ? "sha256" : "sm3";
}

bool ledger_hash_from_name(const char *name, enum ledger_hash_alg *out)
{
	if (name && strcmp(name, "sm3") == 0) {
		*out = LEDGER_HASH_SM3;
		return true;
	}
	if (name && strcmp(name, "sha256") == 0) {
		*out = LEDGER_HASH_SHA256;
		return true;
	}
	return false;
}

size_t ledger_hash_size(enum ledger_hash_alg alg)
{
	(void)alg;
	return 32;
}

size_t ledger_hash(enum ledger_hash_alg alg, const void *data, size_t len,
		   unsigned char *out)
{
	unsigned int n = 0;
	const EVP_MD *md = md_of(alg);
	if (!md || EVP_Digest(data, len, out, &n, md, NULL) != 1) {
		fprintf(stderr, "fazhi: libcrypto cannot compute %s\n", ledger_hash_name(alg));
		abort();
	}
	return n;
}

enum fz_err ledger_hasher_init(struct ledger_hasher *h, enum ledger_hash_alg alg)
{
	const EVP_MD *md = md_of(alg);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	h->md = NULL;
	h->size = ledger_hash_size(alg);
	if (!c)
		return FZ_NOMEM;
	if (!md || EVP_DigestInit_ex(c, md, NULL) != 1) {
		EVP_MD_CTX_free(c);
		return FZ_INTERNAL;
	}
	h->md = c;
	return FZ_OK;
}

enum fz_err ledger_hasher_update(struct ledger_hasher *h, const void *data, size_t len)
{
	if (!h->md)
		return FZ_INTERNAL;
	return EVP_DigestUpdate(h->md, data, len) == 1 ? FZ_OK : FZ_INTERNAL;
}

enum fz_err ledger_hasher_final(struct ledger_hasher *h, unsigned char *out)
{
	unsigned int n = 0;
	if (!h->md)
		return FZ_INTERNAL;
	int ok = EVP_DigestFinal_ex(h->md, out, &n);
	ledger_hasher_abort(h);
	return ok == 1 && n == h->size ? FZ_OK : FZ_INTERNAL;
}

void ledger_hasher_abort(struct ledger_hasher *h)
{
	EVP_MD_CTX_free(h->md);
	h->md = NULL;
}
