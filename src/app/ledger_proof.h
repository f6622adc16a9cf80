/* ledger_proof.h - the tree's interior nodes and what they make cheap:
 * the root at any size, inclusion proofs and consistency proofs, each in
 * O(log n) reads (src/ledger/proof.h). Nodes are stored as leaves are
 * appended (app_ledger_nodes_append, in the same write transaction);
 * databases from before 008_checkpoints.sql are caught up by
 * app_ledger_nodes_catch_up. Proofs are public: no permission. */
#ifndef FZ_APP_LEDGER_PROOF_H
#define FZ_APP_LEDGER_PROOF_H

#include "app/ledger.h"
#include "ledger/merkle.h"

/* Stores the interior nodes that leaf idx (hash leaf_hash) completes.
 * Inside the appending write transaction. When the nodes of earlier
 * leaves are not all stored yet (an older database not caught up), does
 * nothing: catch-up fills them in order. */
enum fz_err app_ledger_nodes_append(struct app_ctx *ctx, int64_t idx,
				    const unsigned char *leaf_hash, size_t len, struct fz_error *e)
	FZ_MUST_CHECK;
/* Stores every missing node, in one write transaction of its own;
 * *added (may be NULL) counts the leaves processed. */
enum fz_err app_ledger_nodes_catch_up(struct app_ctx *ctx, int64_t *added, struct fz_error *e)
	FZ_MUST_CHECK;

/* The root of the first size leaves (FZ_INVALID beyond the ledger). */
enum fz_err app_ledger_root(struct app_ctx *ctx, int64_t size, unsigned char *root,
			    struct fz_error *e) FZ_MUST_CHECK;
/* The audit path of leaf index in the tree of size leaves; *leaf (may be
 * NULL) gets the leaf. FZ_INVALID unless index < size <= ledger size. */
enum fz_err app_ledger_inclusion_proof(struct app_ctx *ctx, int64_t index, int64_t size,
				       struct ledger_leaf *leaf, struct merkle_proof *out,
				       struct fz_error *e) FZ_MUST_CHECK;
/* The consistency proof between sizes first and second (0 < first <=
 * second <= ledger size). */
enum fz_err app_ledger_consistency_proof(struct app_ctx *ctx, int64_t first, int64_t second,
					 struct merkle_proof *out, struct fz_error *e)
	FZ_MUST_CHECK;

#endif
