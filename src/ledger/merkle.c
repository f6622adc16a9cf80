/* merkle.c - RFC 9162's tree hash, audit paths and consistency proofs,
 * written after the RFC's recursive definitions (section 2.1) and its
 * iterative verification algorithms, which they are tested against. */
#include "ledger/merkle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t merkle_leaf_hash(enum ledger_hash_alg alg, const void *data, size_t len,
			unsigned char *out)
{
	struct ledger_hasher h;
	static const unsigned char prefix = 0x00;
	if (ledger_hasher_init(&h, alg) || ledger_hasher_update(&h, &prefix, 1) ||
	    ledger_hasher_update(&h, data, len) || ledger_hasher_final(&h, out)) {
		/* Only a broken libcrypto gets here; ledger_hash aborts alike. */
		fputs("fazhi: libcrypto cannot compute the ledger hash\n", stderr);
		abort();
	}
	return ledger_hash_size(alg);
}

size_t merkle_node_hash(enum ledger_hash_alg alg, const unsigned char *left,
			const unsigned char *right, unsigned char *out)
{
	unsigned char buf[1 + 2 * LEDGER_HASH_MAX];
	size_t sz = ledger_hash_size(alg);
	buf[0] = 0x01;
	memcpy(buf + 1, left, sz);
	memcpy(buf + 1 + sz, right, sz);
	return ledger_hash(alg, buf, 1 + 2 * sz, out);
}

/* The largest power of two smaller than n (n >= 2). */
static uint64_t split_point(uint64_t n)
{
	uint64_t k = 1;
	while (k << 1 < n)
		k <<= 1;
	return k;
}

/* MTH of leaves [lo, hi), hi > lo. Recursion depth is log2(hi - lo). */
static void subtree_hash(enum ledger_hash_alg alg, const unsigned char *leaves, uint64_t lo,
			 uint64_t hi, unsigned char *out)
{
	size_t sz = ledger_hash_size(alg);
	if (hi - lo == 1) {
		memcpy(out, leaves + lo * sz, sz);
		return;
	}
	unsigned char l[LEDGER_HASH_MAX], r[LEDGER_HASH_MAX];
	uint64_t k = split_point(hi - lo);
	subtree_hash(alg, leaves, lo, lo + k, l);
	subtree_hash(alg, leaves, lo + k, hi, r);
	merkle_node_hash(alg, l, r, out);
}

void merkle_root(enum ledger_hash_alg alg, const unsigned char *leaves, uint64_t n,
		 unsigned char *out)
{
	if (n == 0)
		ledger_hash(alg, "", 0, out);
	else
		subtree_hash(alg, leaves, 0, n, out);
}

/* --- the right edge, for streaming roots --- */

void merkle_frontier_init(struct merkle_frontier *f, enum ledger_hash_alg alg)
{
	memset(f, 0, sizeof *f);
	f->alg = alg;
}

void merkle_frontier_add(struct merkle_frontier *f, const unsigned char *leaf_hash)
{
	size_t sz = ledger_hash_size(f->alg);
	memcpy(f->hash[f->depth], leaf_hash, sz);
	f->level[f->depth++] = 0;
	/* Two perfect subtrees of equal size merge into one: the stack
	 * mirrors the binary digits of size, largest subtree first. */
	while (f->depth >= 2 && f->level[f->depth - 1] == f->level[f->depth - 2]) {
		unsigned char h[LEDGER_HASH_MAX];
		merkle_node_hash(f->alg, f->hash[f->depth - 2], f->hash[f->depth - 1], h);
		f->depth--;
		memcpy(f->hash[f->depth - 1], h, sz);
		f->level[f->depth - 1]++;
	}
	f->size++;
}

void merkle_frontier_root(const struct merkle_frontier *f, unsigned char *out)
{
	size_t sz = ledger_hash_size(f->alg);
	if (f->depth == 0) {
		ledger_hash(f->alg, "", 0, out);
		return;
	}
	/* MTH splits at the largest power of two, which is the first
	 * subtree; folding from the right rebuilds exactly that tree. */
	unsigned char r[LEDGER_HASH_MAX];
	memcpy(r, f->hash[f->depth - 1], sz);
	for (int i = f->depth - 2; i >= 0; i--)
		merkle_node_hash(f->alg, f->hash[i], r, r);
	memcpy(out, r, sz);
}

/* --- inclusion --- */

static void proof_push(enum ledger_hash_alg alg, struct merkle_proof *p,
		       const unsigned char *h)
{
	memcpy(p->hash[p->n++], h, ledger_hash_size(alg));
}

/* PATH(m, D[lo:hi]). */
static void path(enum ledger_hash_alg alg, const unsigned char *leaves, uint64_t lo,
		 uint64_t hi, uint64_t m, struct merkle_proof *out)
{
	unsigned char h[LEDGER_HASH_MAX];
	if (hi - lo <= 1)
		return;
	uint64_t k = split_point(hi - lo);
	if (m < k) {
		path(alg, leaves, lo, lo + k, m, out);
		subtree_hash(alg, leaves, lo + k, hi, h);
	} else {
		path(alg, leaves, lo + k, hi, m - k, out);
		subtree_hash(alg, leaves, lo, lo + k, h);
	}
	proof_push(alg, out, h);
}

enum fz_err merkle_inclusion_proof(enum ledger_hash_alg alg, const unsigned char *leaves,
				   uint64_t n, uint64_t m, struct merkle_proof *out)
{
	out->n = 0;
	if (m >= n)
		return FZ_INVALID;
	path(alg, leaves, 0, n, m, out);
	return FZ_OK;
}

bool merkle_inclusion_verify(enum ledger_hash_alg alg, uint64_t m, uint64_t n,
			     const unsigned char *leaf_hash, const struct merkle_proof *proof,
			     const unsigned char *root)
{
	size_t sz = ledger_hash_size(alg);
	unsigned char r[LEDGER_HASH_MAX];
	if (m >= n || proof->n > MERKLE_PROOF_MAX)
		return false;
	uint64_t fn = m, sn = n - 1;
	memcpy(r, leaf_hash, sz);
	for (size_t i = 0; i < proof->n; i++) {
		const unsigned char *p = proof->hash[i];
		if (sn == 0)
			return false;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(alg, p, r, r);
			if (!(fn & 1))
				while (!(fn & 1) && fn != 0) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			merkle_node_hash(alg, r, p, r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(r, root, sz) == 0;
}

/* --- consistency --- */

/* SUBPROOF(m, D[lo:hi], whole). */
static void subproof(enum ledger_hash_alg alg, const unsigned char *leaves, uint64_t m,
		     uint64_t lo, uint64_t hi, bool whole, struct merkle_proof *out)
{
	unsigned char h[LEDGER_HASH_MAX];
	uint64_t n = hi - lo;
	if (m == n) {
		if (!whole) {
			subtree_hash(alg, leaves, lo, hi, h);
			proof_push(alg, out, h);
		}
		return;
	}
	uint64_t k = split_point(n);
	if (m <= k) {
		subproof(alg, leaves, m, lo, lo + k, whole, out);
		subtree_hash(alg, leaves, lo + k, hi, h);
	} else {
		subproof(alg, leaves, m - k, lo + k, hi, false, out);
		subtree_hash(alg, leaves, lo, lo + k, h);
	}
	proof_push(alg, out, h);
}

enum fz_err merkle_consistency_proof(enum ledger_hash_alg alg, const unsigned char *leaves,
				     uint64_t m, uint64_t n, struct merkle_proof *out)
{
	out->n = 0;
	if (m == 0 || m > n)
		return FZ_INVALID;
	subproof(alg, leaves, m, 0, n, true, out);
	return FZ_OK;
}

bool merkle_consistency_verify(enum ledger_hash_alg alg, uint64_t m, uint64_t n,
			       const unsigned char *root1, const unsigned char *root2,
			       const struct merkle_proof *proof)
{
	size_t sz = ledger_hash_size(alg);
	const unsigned char *first;
	size_t i = 0;
	unsigned char fr[LEDGER_HASH_MAX], sr[LEDGER_HASH_MAX];
	if (m == 0 || m > n || proof->n > MERKLE_PROOF_MAX)
		return false;
	if (m == n)
		return proof->n == 0 && memcmp(root1, root2, sz) == 0;
	if (proof->n == 0)
		return false;
	/* When m is a power of two, the old root itself starts the path. */
	if ((m & (m - 1)) == 0) {
		first = root1;
	} else {
		first = proof->hash[0];
		i = 1;
	}
	uint64_t fn = m - 1, sn = n - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	memcpy(fr, first, sz);
	memcpy(sr, first, sz);
	for (; i < proof->n; i++) {
		const unsigned char *c = proof->hash[i];
		if (sn == 0)
			return false;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(alg, c, fr, fr);
			merkle_node_hash(alg, c, sr, sr);
			if (!(fn & 1))
				while (!(fn & 1) && fn != 0) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			merkle_node_hash(alg, sr, c, sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(fr, root1, sz) == 0 && memcmp(sr, root2, sz) == 0;
}
