/* levels.h - a whole Merkle tree held in memory as its levels, for making
 * many inclusion proofs at one tree size: level 0 is the leaf hashes,
 * level k the hashes of the perfect subtrees of 2^k leaves, so each proof
 * costs O(log^2 n) hash operations at most instead of rehashing all n
 * leaves. Building costs n node hashes and 2n hashes of memory (64 MiB
 * for a million SM3 leaves). Same tree and proofs as merkle.h (RFC 9162). */
#ifndef FZ_LEDGER_LEVELS_H
#define FZ_LEDGER_LEVELS_H

#include <stdint.h>

#include "base/err.h"
#include "ledger/merkle.h"

struct merkle_levels {
	enum ledger_hash_alg alg;
	size_t hs;                              /* hash size */
	uint64_t n;                             /* leaves */
	int depth;                              /* levels in use */
	unsigned char *level[MERKLE_PROOF_MAX]; /* level[k]: n >> k hashes */
};

/* Builds the levels over n leaf hashes (flat array, as merkle.h); the
 * caller may free leaves afterwards. FZ_NOMEM, or FZ_INVALID for n == 0. */
enum fz_err merkle_levels_build(struct merkle_levels *t, enum ledger_hash_alg alg,
				const unsigned char *leaves, uint64_t n) FZ_MUST_CHECK;
void merkle_levels_free(struct merkle_levels *t);

/* The root of the tree (MTH(D[n])). */
void merkle_levels_root(const struct merkle_levels *t, unsigned char *out);
/* PATH(m, D[n]) as merkle_inclusion_proof; FZ_INVALID when m >= n. */
enum fz_err merkle_levels_proof(const struct merkle_levels *t, uint64_t m,
				struct merkle_proof *out) FZ_MUST_CHECK;

#endif
