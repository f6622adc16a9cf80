/* proof.h - RFC 9162 roots, inclusion and consistency proofs from stored
 * perfect subtrees, in O(log n) node reads: the caller supplies the hash
 * of the subtree of 2^level leaves that starts at leaf index << level
 * (level 0: a leaf hash). The proofs are those of merkle.h, which checks
 * them (merkle_inclusion_verify, merkle_consistency_verify). */
#ifndef FZ_LEDGER_PROOF_H
#define FZ_LEDGER_PROOF_H

#include <stdint.h>

#include "base/err.h"
#include "ledger/merkle.h"

/* Writes the hash of the perfect subtree (level, index) to out. */
typedef enum fz_err (*merkle_node_fn)(void *ud, int level, uint64_t index, unsigned char *out,
				      struct fz_error *e);

struct merkle_nodes {
	enum ledger_hash_alg alg;
	merkle_node_fn fn;
	void *ud;
};

/* MTH of the first n leaves. */
enum fz_err merkle_nodes_root(const struct merkle_nodes *t, uint64_t n, unsigned char *out,
			      struct fz_error *e) FZ_MUST_CHECK;
/* PATH(m, D[n]); FZ_INVALID unless m < n. */
enum fz_err merkle_nodes_inclusion(const struct merkle_nodes *t, uint64_t m, uint64_t n,
				   struct merkle_proof *out, struct fz_error *e) FZ_MUST_CHECK;
/* PROOF(m, D[n]); FZ_INVALID unless 0 < m <= n. */
enum fz_err merkle_nodes_consistency(const struct merkle_nodes *t, uint64_t m, uint64_t n,
				     struct merkle_proof *out, struct fz_error *e) FZ_MUST_CHECK;

/* The perfect subtrees completed by appending leaf i: for each level l
 * >= 1 with (i + 1) a multiple of 2^l, the node (l, i >> l). Returns how
 * many (0 for an even i). */
int merkle_nodes_completed(uint64_t i);

#endif
