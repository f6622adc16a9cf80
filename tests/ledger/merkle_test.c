/* merkle_test.c - the tree against RFC 6962's reference values (the
 * Certificate Transparency test vectors: roots of sizes 0-8, audit paths
 * and consistency proofs), and properties for every size up to 64: every
 * proof verifies, changing any leaf changes the root and breaks proofs. */
#include "t.h"

#include <stdio.h>

#include "base/crypto.h"
#include "ledger/merkle.h"

#define SHA LEDGER_HASH_SHA256

/* The CT test leaves: "", 00, 10, 2021, 3031, 40414243, 50..57, 60..6f. */
static const char *const ct_leaves[8] = {
	"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
	"606162636465666768696a6b6c6d6e6f",
};

static const char *const ct_roots[9] = {
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

static void ct_leaf_hashes(unsigned char out[8 * 32])
{
	for (int i = 0; i < 8; i++) {
		unsigned char data[16];
		size_t n = strlen(ct_leaves[i]) / 2;
		REQUIRE(crypto_unhex(ct_leaves[i], data, n));
		merkle_leaf_hash(SHA, data, n, out + 32 * i);
	}
}

static void unhex32(const char *h, unsigned char out[32])
{
	REQUIRE(crypto_unhex(h, out, 32));
}

static bool proof_is(const struct merkle_proof *p, const char *const *want, size_t n)
{
	if (p->n != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char hex[65];
		crypto_hex(p->hash[i], 32, hex);
		if (strcmp(hex, want[i]) != 0)
			return false;
	}
	return true;
}

TEST(merkle_root_matches_rfc6962_reference_roots)
{
	unsigned char leaves[8 * 32], root[LEDGER_HASH_MAX];
	ct_leaf_hashes(leaves);
	struct merkle_frontier f;
	merkle_frontier_init(&f, SHA);
	for (int n = 0; n <= 8; n++) {
		char hex[65];
		merkle_root(SHA, leaves, (uint64_t)n, root);
		crypto_hex(root, 32, hex);
		CHECK_STR(hex, ct_roots[n]);
		merkle_frontier_root(&f, root);
		crypto_hex(root, 32, hex);
		CHECK_STR(hex, ct_roots[n]);
		if (n < 8)
			merkle_frontier_add(&f, leaves + 32 * n);
	}
}

TEST(merkle_inclusion_proofs_match_rfc6962_vectors)
{
	unsigned char leaves[8 * 32], root[32];
	struct merkle_proof p;
	ct_leaf_hashes(leaves);
	static const char *const p0[] = {
		"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		"6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
	};
	static const char *const p5[] = {
		"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
		"ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
		"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	};
	static const char *const p2of3[] = {
		"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	};
	static const char *const p1of5[] = {
		"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
	};
	struct { uint64_t m, n; const char *const *want; size_t k; } v[] = {
		{ 0, 8, p0, 3 }, { 5, 8, p5, 3 }, { 2, 3, p2of3, 1 }, { 1, 5, p1of5, 3 },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		CHECK_INT(merkle_inclusion_proof(SHA, leaves, v[i].n, v[i].m, &p), FZ_OK);
		CHECK(proof_is(&p, v[i].want, v[i].k));
		unhex32(ct_roots[v[i].n], root);
		CHECK(merkle_inclusion_verify(SHA, v[i].m, v[i].n, leaves + 32 * v[i].m, &p, root));
		unhex32(ct_roots[0], root);
		CHECK(!merkle_inclusion_verify(SHA, v[i].m, v[i].n, leaves + 32 * v[i].m, &p, root));
	}
	CHECK_INT(merkle_inclusion_proof(SHA, leaves, 8, 8, &p), FZ_INVALID);
}

TEST(merkle_consistency_proofs_match_rfc6962_vectors)
{
	unsigned char leaves[8 * 32], r1[32], r2[32];
	struct merkle_proof p;
	ct_leaf_hashes(leaves);
	static const char *const c1to8[] = {
		"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		"6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
	};
	static const char *const c6to8[] = {
		"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
		"ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
		"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	};
	static const char *const c2to5[] = {
		"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
	};
	struct { uint64_t m, n; const char *const *want; size_t k; } v[] = {
		{ 1, 1, NULL, 0 }, { 1, 8, c1to8, 3 }, { 6, 8, c6to8, 3 }, { 2, 5, c2to5, 2 },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		CHECK_INT(merkle_consistency_proof(SHA, leaves, v[i].m, v[i].n, &p), FZ_OK);
		CHECK(proof_is(&p, v[i].want, v[i].k));
		unhex32(ct_roots[v[i].m], r1);
		unhex32(ct_roots[v[i].n], r2);
		CHECK(merkle_consistency_verify(SHA, v[i].m, v[i].n, r1, r2, &p));
	}
	CHECK_INT(merkle_consistency_proof(SHA, leaves, 0, 8, &p), FZ_INVALID);
	CHECK_INT(merkle_consistency_proof(SHA, leaves, 5, 4, &p), FZ_INVALID);
}

#define PROP_MAX 64

/* Leaf i of the property trees: the leaf hash of "leaf <i>". */
static void prop_leaves(enum ledger_hash_alg alg, unsigned char *out, int n)
{
	for (int i = 0; i < n; i++) {
		char data[32];
		int len = snprintf(data, sizeof data, "leaf %d", i);
		merkle_leaf_hash(alg, data, (size_t)len, out + 32 * i);
	}
}

TEST(merkle_every_inclusion_proof_verifies_up_to_64_leaves)
{
	static unsigned char leaves[PROP_MAX * 32];
	for (int alg = LEDGER_HASH_SM3; alg <= LEDGER_HASH_SHA256; alg++) {
		prop_leaves((enum ledger_hash_alg)alg, leaves, PROP_MAX);
		struct merkle_frontier f;
		merkle_frontier_init(&f, (enum ledger_hash_alg)alg);
		for (uint64_t n = 1; n <= PROP_MAX; n++) {
			unsigned char root[LEDGER_HASH_MAX], froot[LEDGER_HASH_MAX];
			merkle_frontier_add(&f, leaves + 32 * (n - 1));
			merkle_root((enum ledger_hash_alg)alg, leaves, n, root);
			merkle_frontier_root(&f, froot);
			CHECK(memcmp(root, froot, 32) == 0);
			for (uint64_t m = 0; m < n; m++) {
				struct merkle_proof p;
				REQUIRE(merkle_inclusion_proof((enum ledger_hash_alg)alg, leaves, n, m,
							       &p) == FZ_OK);
				if (!merkle_inclusion_verify((enum ledger_hash_alg)alg, m, n,
							     leaves + 32 * m, &p, root))
					t_fail(__FILE__, __LINE__, "leaf %llu of %llu does not verify",
					       (unsigned long long)m, (unsigned long long)n);
				/* the same proof for another index or size fails */
				if (n > 1)
					CHECK(!merkle_inclusion_verify((enum ledger_hash_alg)alg,
								       (m + 1) % n, n, leaves + 32 * m,
								       &p, root));
			}
		}
	}
}

TEST(merkle_changing_any_leaf_changes_the_root_and_breaks_its_proof)
{
	static unsigned char leaves[PROP_MAX * 32];
	prop_leaves(LEDGER_HASH_SM3, leaves, PROP_MAX);
	for (uint64_t n = 1; n <= PROP_MAX; n += 7) {
		unsigned char root[32], changed[32];
		merkle_root(LEDGER_HASH_SM3, leaves, n, root);
		for (uint64_t m = 0; m < n; m++) {
			struct merkle_proof p;
			REQUIRE(merkle_inclusion_proof(LEDGER_HASH_SM3, leaves, n, m, &p) == FZ_OK);
			leaves[32 * m + 5] ^= 0x40;
			merkle_root(LEDGER_HASH_SM3, leaves, n, changed);
			CHECK(memcmp(root, changed, 32) != 0);
			CHECK(!merkle_inclusion_verify(LEDGER_HASH_SM3, m, n, leaves + 32 * m, &p,
						       root));
			leaves[32 * m + 5] ^= 0x40;
		}
	}
}

TEST(merkle_every_consistency_proof_verifies_up_to_40_leaves)
{
	static unsigned char leaves[PROP_MAX * 32];
	unsigned char roots[41][32];
	prop_leaves(LEDGER_HASH_SM3, leaves, 40);
	for (uint64_t n = 1; n <= 40; n++)
		merkle_root(LEDGER_HASH_SM3, leaves, n, roots[n]);
	for (uint64_t m = 1; m <= 40; m++)
		for (uint64_t n = m; n <= 40; n++) {
			struct merkle_proof p;
			REQUIRE(merkle_consistency_proof(LEDGER_HASH_SM3, leaves, m, n, &p) == FZ_OK);
			if (!merkle_consistency_verify(LEDGER_HASH_SM3, m, n, roots[m], roots[n], &p))
				t_fail(__FILE__, __LINE__, "consistency %llu -> %llu fails",
				       (unsigned long long)m, (unsigned long long)n);
			if (m < n) {
				unsigned char bad[32];
				memcpy(bad, roots[m], 32);
				bad[0] ^= 1;
				CHECK(!merkle_consistency_verify(LEDGER_HASH_SM3, m, n, bad, roots[n],
								 &p));
			}
		}
}

TEST(merkle_leaf_and_node_hashes_are_domain_separated)
{
	/* A node's bytes given as a leaf must not hash to the node. */
	unsigned char a[32], b[32], node[32], fake[32], two[64];
	merkle_leaf_hash(SHA, "a", 1, a);
	merkle_leaf_hash(SHA, "b", 1, b);
	merkle_node_hash(SHA, a, b, node);
	memcpy(two, a, 32);
	memcpy(two + 32, b, 32);
	merkle_leaf_hash(SHA, two, 64, fake);
	CHECK(memcmp(node, fake, 32) != 0);
}
