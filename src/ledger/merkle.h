/* merkle.h - the Merkle tree of RFC 9162 (Certificate Transparency 2.0,
 * same shape as RFC 6962): leaf hash H(0x00 || data), node hash
 * H(0x01 || left || right), the tree of n leaves split at the largest
 * power of two smaller than n; inclusion proofs (audit paths) and
 * consistency proofs, made and checked. Pure computation, no I/O.
 *
 * Leaf hashes are passed as one flat array, leaf i at leaves + i*size,
 * where size is ledger_hash_size(alg); every out parameter has room for
 * one hash of that size. */
#ifndef FZ_LEDGER_MERKLE_H
#define FZ_LEDGER_MERKLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ledger/hash.h"

/* A proof has at most one hash per level of a tree of 2^63 leaves. */
#define MERKLE_PROOF_MAX 64

struct merkle_proof {
	size_t n;
	unsigned char hash[MERKLE_PROOF_MAX][LEDGER_HASH_MAX];
};

/* H(0x00 || data) and H(0x01 || left || right); both return the size. */
size_t merkle_leaf_hash(enum ledger_hash_alg alg, const void *data, size_t len,
			unsigned char *out);
size_t merkle_node_hash(enum ledger_hash_alg alg, const unsigned char *left,
			const unsigned char *right, unsigned char *out);

/* The root of the first n leaves (MTH(D[n])); the empty tree's root is
 * H() of no bytes. */
void merkle_root(enum ledger_hash_alg alg, const unsigned char *leaves, uint64_t n,
		 unsigned char *out);

/* Roots while leaves stream in, in O(log n) memory: the right edge of
 * the tree as perfect subtrees, largest first. Add leaf hashes in order;
 * merkle_frontier_root gives MTH of all added so far. */
struct merkle_frontier {
	enum ledger_hash_alg alg;
	uint64_t size;          /* leaves added */
	int depth;              /* subtrees on the stack */
	unsigned char hash[MERKLE_PROOF_MAX][LEDGER_HASH_MAX];
	int level[MERKLE_PROOF_MAX]; /* subtree i holds 2^level[i] leaves */
};
void merkle_frontier_init(struct merkle_frontier *f, enum ledger_hash_alg alg);
void merkle_frontier_add(struct merkle_frontier *f, const unsigned char *leaf_hash);
void merkle_frontier_root(const struct merkle_frontier *f, unsigned char *out);

/* The audit path of leaf m in the tree of the first n leaves (PATH(m,
 * D[n]), nearest sibling first). FZ_INVALID when m >= n. */
enum fz_err merkle_inclusion_proof(enum ledger_hash_alg alg, const unsigned char *leaves,
				   uint64_t n, uint64_t m, struct merkle_proof *out)
	FZ_MUST_CHECK;
/* True when proof shows leaf_hash at index m in the tree of size n with
 * root (RFC 9162 section 2.1.3.2). */
bool merkle_inclusion_verify(enum ledger_hash_alg alg, uint64_t m, uint64_t n,
			     const unsigned char *leaf_hash, const struct merkle_proof *proof,
			     const unsigned char *root) FZ_MUST_CHECK;

/* The consistency proof between the trees of the first m and n leaves
 * (PROOF(m, D[n])). FZ_INVALID unless 0 < m <= n. */
enum fz_err merkle_consistency_proof(enum ledger_hash_alg alg, const unsigned char *leaves,
				     uint64_t m, uint64_t n, struct merkle_proof *out)
	FZ_MUST_CHECK;
/* True when proof shows that the tree of size m with root1 is a prefix of
 * the tree of size n with root2 (RFC 9162 section 2.1.4.2). */
bool merkle_consistency_verify(enum ledger_hash_alg alg, uint64_t m, uint64_t n,
			       const unsigned char *root1, const unsigned char *root2,
			       const struct merkle_proof *proof) FZ_MUST_CHECK;

#endif
