/* proof.c - proofs from stored subtrees (proof.h). Every range met in
 * the RFC 9162 recursion either is a perfect, aligned subtree (one read)
 * or is split at its largest power of two: after the first left turn all
 * siblings are perfect, so a proof costs O(log n) reads. */
#include "ledger/proof.h"

#include <string.h>

static uint64_t split_point(uint64_t n)
{
	uint64_t k = 1;
	while (k < n - k)
		k <<= 1;
	return k; /* largest power of two < n, for n >= 2 */
}

static int log2_exact(uint64_t n)
{
	if (n == 0 || (n & (n - 1)))
		return -1;
	int l = 0;
	while ((1ULL << l) < n)
		l++;
	return l;
}

/* MTH(D[start:end]), end > start. */
static enum fz_err range_hash(const struct merkle_nodes *t, uint64_t start, uint64_t end,
			      unsigned char *out, struct fz_error *e)
{
	uint64_t len = end - start;
	int l = log2_exact(len);
	if (l >= 0 && start % len == 0)
		return t->fn(t->ud, l, start >> l, out, e);
	unsigned char left[LEDGER_HASH_MAX], right[LEDGER_HASH_MAX];
	uint64_t k = split_point(len);
	enum fz_err rc = range_hash(t, start, start + k, left, e);
	if (!rc)
		rc = range_hash(t, start + k, end, right, e);
	if (!rc)
		merkle_node_hash(t->alg, left, right, out);
	return rc;
}

enum fz_err merkle_nodes_root(const struct merkle_nodes *t, uint64_t n, unsigned char *out,
			      struct fz_error *e)
{
	if (n == 0) {
		ledger_hash(t->alg, "", 0, out);
		return FZ_OK;
	}
	return range_hash(t, 0, n, out, e);
}

static enum fz_err push(const struct merkle_nodes *t, struct merkle_proof *p, uint64_t start,
			uint64_t end, struct fz_error *e)
{
	if (p->n == MERKLE_PROOF_MAX)
		return fz_fail(e, FZ_INTERNAL, NULL, "证明过长");
	enum fz_err rc = range_hash(t, start, end, p->hash[p->n], e);
	if (!rc)
		p->n++;
	return rc;
}

/* PATH(m, D[start:end]) appended to p, nearest sibling first. */
static enum fz_err path(const struct merkle_nodes *t, uint64_t m, uint64_t start, uint64_t end,
			struct merkle_proof *p, struct fz_error *e)
{
	uint64_t n = end - start;
	if (n <= 1)
		return FZ_OK;
	uint64_t k = split_point(n);
	enum fz_err rc;
	if (m < k) {
		if ((rc = path(t, m, start, start + k, p, e)))
			return rc;
		return push(t, p, start + k, end, e);
	}
	if ((rc = path(t, m - k, start + k, end, p, e)))
		return rc;
	return push(t, p, start, start + k, e);
}

enum fz_err merkle_nodes_inclusion(const struct merkle_nodes *t, uint64_t m, uint64_t n,
				   struct merkle_proof *out, struct fz_error *e)
{
	out->n = 0;
	if (m >= n)
		return fz_fail(e, FZ_INVALID, "index", "记录序号 %llu 不在 %llu 条记录的树中",
			       (unsigned long long)m, (unsigned long long)n);
	return path(t, m, 0, n, out, e);
}

/* SUBPROOF(m, D[start:end], b). */
static enum fz_err subproof(const struct merkle_nodes *t, uint64_t m, uint64_t start,
			    uint64_t end, bool b, struct merkle_proof *p, struct fz_error *e)
{
	uint64_t n = end - start;
	if (m == n)
		return b ? FZ_OK : push(t, p, start, end, e);
	uint64_t k = split_point(n);
	enum fz_err rc;
	if (m <= k) {
		if ((rc = subproof(t, m, start, start + k, b, p, e)))
			return rc;
		return push(t, p, start + k, end, e);
	}
	if ((rc = subproof(t, m - k, start + k, end, false, p, e)))
		return rc;
	return push(t, p, start, start + k, e);
}

enum fz_err merkle_nodes_consistency(const struct merkle_nodes *t, uint64_t m, uint64_t n,
				     struct merkle_proof *out, struct fz_error *e)
{
	out->n = 0;
	if (m == 0 || m > n)
		return fz_fail(e, FZ_INVALID, "first", "一致性证明的两个记录数应满足 0 < 前者 ≤ 后者");
	return subproof(t, m, 0, n, true, out, e);
}

int merkle_nodes_completed(uint64_t i)
{
	int c = 0;
	while ((i >> c) & 1)
		c++;
	return c;
}
