/* checkpoint_test.c - Ed25519 keys written at 0600 and refused when
 * wider, checkpoints signed and verified, and any change to size, root,
 * time or key breaking the signature. */
#include "t.h"

#include <stdio.h>
#include <sys/stat.h>

#include "ledger/checkpoint.h"

static void key_paths(char *priv, char *pub, size_t n)
{
	const char *dir = t_tmpdir();
	snprintf(priv, n, "%s/ledger.key", dir);
	snprintf(pub, n, "%s/ledger.pub", dir);
}

TEST(ledger_key_is_written_0600_and_not_overwritten)
{
	char priv[512], pub[512];
	struct stat sb;
	key_paths(priv, pub, sizeof priv);
	REQUIRE(ledger_key_generate(priv, pub, NULL) == FZ_OK);
	REQUIRE(stat(priv, &sb) == 0);
	CHECK_INT(sb.st_mode & 0777, 0600);
	REQUIRE(stat(pub, &sb) == 0);
	CHECK_INT(sb.st_mode & 0777, 0644);
	struct fz_error e;
	CHECK_INT(ledger_key_generate(priv, pub, &e), FZ_CONFLICT);
}

TEST(ledger_checkpoint_signs_and_verifies_and_detects_changes)
{
	char priv[512], pub[512];
	key_paths(priv, pub, sizeof priv);
	REQUIRE(ledger_key_generate(priv, pub, NULL) == FZ_OK);
	struct ledger_key *k;
	REQUIRE(ledger_key_load(priv, &k, NULL) == FZ_OK);
	struct ledger_checkpoint cp = { .alg = LEDGER_HASH_SM3, .size = 12, .at = 1760000000 };
	memset(cp.root, 0xab, sizeof cp.root);
	REQUIRE(ledger_checkpoint_sign(&cp, k) == FZ_OK);
	CHECK(ledger_checkpoint_verify(&cp));

	unsigned char raw[LEDGER_PUBKEY_LEN];
	REQUIRE(ledger_pubkey_load(pub, raw, NULL) == FZ_OK);
	CHECK(memcmp(raw, cp.pubkey, sizeof raw) == 0);

	struct ledger_checkpoint bad = cp;
	bad.size = 13;
	CHECK(!ledger_checkpoint_verify(&bad));
	bad = cp;
	bad.root[31] ^= 1;
	CHECK(!ledger_checkpoint_verify(&bad));
	bad = cp;
	bad.at++;
	CHECK(!ledger_checkpoint_verify(&bad));
	bad = cp;
	bad.alg = LEDGER_HASH_SHA256;
	CHECK(!ledger_checkpoint_verify(&bad));
	bad = cp;
	bad.pubkey[0] ^= 1;
	CHECK(!ledger_checkpoint_verify(&bad));
	ledger_key_free(k);
}

TEST(ledger_checkpoint_text_is_the_documented_form)
{
	struct ledger_checkpoint cp = { .alg = LEDGER_HASH_SHA256, .size = 3, .at = 5 };
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	memset(cp.root, 0, sizeof cp.root);
	cp.root[31] = 1;
	ledger_checkpoint_text(&cp, text);
	CHECK_STR(text, "fazhi-ledger-checkpoint/v1\nhash sha256\nsize 3\n"
			"root 0000000000000000000000000000000000000000000000000000000000000001\n"
			"time 5\n");
}

TEST(ledger_key_load_refuses_a_key_readable_by_others)
{
	char priv[512], pub[512];
	key_paths(priv, pub, sizeof priv);
	REQUIRE(ledger_key_generate(priv, pub, NULL) == FZ_OK);
	REQUIRE(chmod(priv, 0644) == 0);
	struct ledger_key *k = NULL;
	struct fz_error e;
	CHECK_INT(ledger_key_load(priv, &k, &e), FZ_FORBIDDEN);
	CHECK(k == NULL);
	CHECK_INT(ledger_key_load("/nonexistent/ledger.key", &k, &e), FZ_NOTFOUND);
}
