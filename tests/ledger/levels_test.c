/* levels_test.c - the tree held as its levels (ledger/levels.h) gives
 * exactly the roots and audit paths of merkle.h for every tree of up to
 * 70 leaves, in both hashes, and refuses an index outside the tree. */
#include "t.h"

#include <stdio.h>
#include <string.h>

#include "ledger/levels.h"

enum { LEVELS_MAX = 70 };

static void some_leaves(enum ledger_hash_alg alg, unsigned char *out, int n)
{
	for (int i = 0; i < n; i++) {
		char data[32];
		int len = snprintf(data, sizeof data, "levels %d", i);
		merkle_leaf_hash(alg, data, (size_t)len, out + 32 * i);
	}
}

TEST(merkle_levels_give_the_proofs_of_the_reference_tree)
{
	static unsigned char leaves[LEVELS_MAX * 32];
	for (int a = LEDGER_HASH_SM3; a <= LEDGER_HASH_SHA256; a++) {
		enum ledger_hash_alg alg = (enum ledger_hash_alg)a;
		some_leaves(alg, leaves, LEVELS_MAX);
		for (uint64_t n = 1; n <= LEVELS_MAX; n++) {
			struct merkle_levels t;
			unsigned char root[LEDGER_HASH_MAX], lroot[LEDGER_HASH_MAX];
			REQUIRE(merkle_levels_build(&t, alg, leaves, n) == FZ_OK);
			merkle_root(alg, leaves, n, root);
			merkle_levels_root(&t, lroot);
			CHECK(memcmp(root, lroot, 32) == 0);
			for (uint64_t m = 0; m < n; m++) {
				struct merkle_proof want, got;
				REQUIRE(merkle_inclusion_proof(alg, leaves, n, m, &want) == FZ_OK);
				REQUIRE(merkle_levels_proof(&t, m, &got) == FZ_OK);
				if (got.n != want.n) {
					t_fail(__FILE__, __LINE__, "leaf %llu of %llu: %zu hashes, want %zu",
					       (unsigned long long)m, (unsigned long long)n, got.n,
					       want.n);
					continue;
				}
				for (size_t i = 0; i < got.n; i++)
					if (memcmp(got.hash[i], want.hash[i], 32) != 0)
						t_fail(__FILE__, __LINE__, "leaf %llu of %llu: hash %zu differs",
						       (unsigned long long)m, (unsigned long long)n, i);
				CHECK(merkle_inclusion_verify(alg, m, n, leaves + 32 * m, &got, root));
			}
			struct merkle_proof p;
			CHECK_INT(merkle_levels_proof(&t, n, &p), FZ_INVALID);
			merkle_levels_free(&t);
		}
	}
}

TEST(merkle_levels_refuse_an_empty_tree)
{
	struct merkle_levels t;
	unsigned char leaf[32] = { 0 };
	CHECK_INT(merkle_levels_build(&t, LEDGER_HASH_SM3, leaf, 0), FZ_INVALID);
	merkle_levels_free(&t);
}
