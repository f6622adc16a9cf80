/* levels.c - the tree's levels in memory and proofs read from them
 * (levels.h). */
#include "ledger/levels.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum fz_err merkle_levels_build(struct merkle_levels *t, enum ledger_hash_alg alg,
				const unsigned char *leaves, uint64_t n)
{
	memset(t, 0, sizeof *t);
	t->alg = alg;
	t->hs = ledger_hash_size(alg);
	t->n = n;
	if (n == 0)
		return FZ_INVALID;
	for (uint64_t count = n; count > 0 && t->depth < MERKLE_PROOF_MAX; count >>= 1) {
		int k = t->depth;
		if (!(t->level[k] = malloc(count * t->hs))) {
			merkle_levels_free(t);
			return FZ_NOMEM;
		}
		t->depth++;
		if (k == 0) {
			memcpy(t->level[0], leaves, count * t->hs);
			continue;
		}
		for (uint64_t i = 0; i < count; i++)
			merkle_node_hash(alg, t->level[k - 1] + 2 * i * t->hs,
					 t->level[k - 1] + (2 * i + 1) * t->hs,
					 t->level[k] + i * t->hs);
	}
	return FZ_OK;
}

void merkle_levels_free(struct merkle_levels *t)
{
	for (int k = 0; k < t->depth; k++)
		free(t->level[k]);
	memset(t->level, 0, sizeof t->level);
	t->depth = 0;
}

static uint64_t split_of(uint64_t size)
{
	uint64_t k = 1;
	while (k << 1 < size)
		k <<= 1;
	return k;
}

/* MTH(D[lo:hi]) where [lo, hi) is a subtree of the RFC 9162 recursion:
 * perfect and aligned ones are read from their level. */
static void mth(const struct merkle_levels *t, uint64_t lo, uint64_t hi, unsigned char *out)
{
	uint64_t size = hi - lo;
	if ((size & (size - 1)) == 0) {
		int k = 0;
		while ((UINT64_C(1) << k) < size)
			k++;
		if (k < t->depth && lo % size == 0) {
			memcpy(out, t->level[k] + (lo >> k) * t->hs, t->hs);
			return;
		}
	}
	unsigned char left[LEDGER_HASH_MAX], right[LEDGER_HASH_MAX];
	uint64_t k = split_of(size);
	mth(t, lo, lo + k, left);
	mth(t, lo + k, hi, right);
	merkle_node_hash(t->alg, left, right, out);
}

void merkle_levels_root(const struct merkle_levels *t, unsigned char *out)
{
	mth(t, 0, t->n, out);
}

enum fz_err merkle_levels_proof(const struct merkle_levels *t, uint64_t m,
				struct merkle_proof *out)
{
	out->n = 0;
	if (m >= t->n)
		return FZ_INVALID;
	/* walk down to the leaf, then emit siblings nearest first */
	uint64_t lo[MERKLE_PROOF_MAX], hi[MERKLE_PROOF_MAX];
	size_t depth = 0;
	uint64_t a = 0, b = t->n;
	while (b - a > 1 && depth < MERKLE_PROOF_MAX) {
		uint64_t k = split_of(b - a);
		if (m < a + k) {
			lo[depth] = a + k; /* the sibling is the right part */
			hi[depth] = b;
			b = a + k;
		} else {
			lo[depth] = a;
			hi[depth] = a + k;
			a = a + k;
		}
		depth++;
	}
	for (size_t i = depth; i-- > 0;)
		mth(t, lo[i], hi[i], out->hash[out->n++]);
	return FZ_OK;
}
