/* note_test.c - C2SP signed notes and checkpoints: base64 both ways and
 * strict; key IDs as the spec computes them; the checkpoint body in the
 * documented form, parsed back, signed as a note that verifies with the
 * log's verifier key and breaks with any change; SM2 signatures; tlog
 * cosignatures; and proofs from stored subtrees equal to merkle.h's. */
#include "t.h"

#include <stdio.h>
#include <string.h>

#include "base/crypto.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "ledger/note.h"
#include "ledger/proof.h"

TEST(note_base64_round_trips_and_is_strict)
{
	char out[64];
	unsigned char back[64];
	size_t n;
	CHECK_INT((int64_t)note_b64_encode("fazhi", 5, out), 8);
	CHECK_STR(out, "ZmF6aGk=");
	CHECK(note_b64_decode(out, strlen(out), back, sizeof back, &n));
	CHECK_INT((int64_t)n, 5);
	CHECK(memcmp(back, "fazhi", 5) == 0);
	CHECK(!note_b64_decode("ZmF6aGk", 7, back, sizeof back, &n));   /* length */
	CHECK(!note_b64_decode("Zm=6aGk=", 8, back, sizeof back, &n));  /* inner pad */
	CHECK(!note_b64_decode("ZmF6 Gk=", 8, back, sizeof back, &n));  /* space */
	CHECK(!note_b64_decode("ZmF6aGk=", 8, back, 4, &n));            /* room */
}

TEST(note_key_id_is_the_spec_hash)
{
	/* SHA-256("a/b" || "\n" || 0x01 || key)[:4], computed here directly */
	unsigned char key[32], m[3 + 1 + 1 + 32], d[32];
	memset(key, 7, sizeof key);
	memcpy(m, "a/b\n\x01", 5);
	memcpy(m + 5, key, 32);
	crypto_sha256(m, sizeof m, d);
	uint32_t want = ((uint32_t)d[0] << 24) | ((uint32_t)d[1] << 16) | ((uint32_t)d[2] << 8) |
			d[3];
	const unsigned char type = NOTE_TYPE_ED25519;
	CHECK(note_key_id("a/b", &type, 1, key, 32) == want);
	CHECK(ledger_checkpoint_key_id("a/b", key) == want);
}

static struct ledger_key *key_in(const char *dir, const char *name, unsigned char pub[32])
{
	char priv[600], pubf[600];
	struct ledger_key *k = NULL;
	snprintf(priv, sizeof priv, "%s/%s.key", dir, name);
	snprintf(pubf, sizeof pubf, "%s/%s.pub", dir, name);
	if (ledger_key_generate(priv, pubf, NULL) || ledger_key_load(priv, &k, NULL))
		return NULL;
	ledger_key_public(k, pub);
	return k;
}

TEST(ledger_checkpoint_is_a_c2sp_note_that_verifies)
{
	unsigned char pub[32];
	struct ledger_key *k = key_in(t_tmpdir(), "log", pub);
	REQUIRE(k);
	struct ledger_checkpoint cp = { .alg = LEDGER_HASH_SM3, .size = 20852163, .at = 1760000000 };
	snprintf(cp.origin, sizeof cp.origin, "fazhi.640522.nx.gov.cn/enforcement");
	memset(cp.root, 0, sizeof cp.root);
	cp.root[31] = 1;
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	ledger_checkpoint_text(&cp, text);
	CHECK_STR(text, "fazhi.640522.nx.gov.cn/enforcement\n20852163\n"
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=\nhash sm3\ntime 1760000000\n");
	struct ledger_checkpoint back;
	REQUIRE(ledger_checkpoint_parse(text, strlen(text), &back, NULL) == FZ_OK);
	CHECK_STR(back.origin, cp.origin);
	CHECK(back.size == cp.size && back.at == cp.at && back.alg == cp.alg);
	CHECK(memcmp(back.root, cp.root, 32) == 0);

	REQUIRE(ledger_checkpoint_sign(&cp, k) == FZ_OK);
	CHECK(ledger_checkpoint_verify(&cp));
	/* the note: text, blank line, signature line; parsed and checked with
	 * the verifier key as any C2SP client would */
	struct buf b = BUF_INIT, vk = BUF_INIT;
	buf_adds(&b, text);
	buf_addc(&b, '\n');
	note_sig_line(&b, cp.origin, ledger_checkpoint_key_id(cp.origin, cp.pubkey), cp.sig, 64);
	ledger_checkpoint_vkey(&vk, cp.origin, pub);
	static struct note n;
	struct note_vkey v;
	REQUIRE(note_parse(b.data, b.len, &n, NULL) == FZ_OK);
	REQUIRE(note_vkey_parse(buf_cstr(&vk), &v, NULL) == FZ_OK);
	CHECK_INT((int64_t)n.nsigs, 1);
	CHECK(n.sigs[0].key_id == v.key_id);
	CHECK(ledger_ed25519_verify(v.key, n.text, n.text_len, n.sigs[0].sig));
	/* any change breaks it */
	struct ledger_checkpoint bad = cp;
	bad.origin[0] = 'g';
	CHECK(!ledger_checkpoint_verify(&bad));
	bad = cp;
	bad.at++;
	CHECK(!ledger_checkpoint_verify(&bad));
	/* a tampered verifier key is refused: its ID no longer matches */
	char *s = (char *)buf_cstr(&vk);
	s[strlen(s) - 3] = s[strlen(s) - 3] == 'A' ? 'B' : 'A';
	struct fz_error e = { 0 };
	CHECK_INT(note_vkey_parse(s, &v, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "标识与密钥不符");
	/* malformed notes are refused with a reason */
	CHECK_INT(note_parse("a\n1\n", 4, &n, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "空行");
	CHECK_INT(note_parse("a\n\n- x y\n", 9, &n, &e), FZ_INVALID);
	CHECK_INT(ledger_checkpoint_parse("a b\n1\nAA==\n", 11, &back, &e), FZ_INVALID);
	buf_release(&b);
	buf_release(&vk);
	ledger_key_free(k);
}

TEST(ledger_sm2_signs_with_sm3_and_verifies)
{
	char priv[600], pubf[600];
	const char *dir = t_tmpdir();
	struct ledger_key *k = NULL;
	unsigned char der[LEDGER_SM2_PUB_MAX], der2[LEDGER_SM2_PUB_MAX], sig[LEDGER_SM2_SIG_MAX];
	size_t dl, dl2, sl;
	snprintf(priv, sizeof priv, "%s/sm2.key", dir);
	snprintf(pubf, sizeof pubf, "%s/sm2.pub", dir);
	REQUIRE(ledger_sm2_key_generate(priv, pubf, NULL) == FZ_OK);
	REQUIRE(ledger_sm2_key_load(priv, &k, NULL) == FZ_OK);
	REQUIRE(ledger_sm2_key_public(k, der, &dl));
	REQUIRE(ledger_sm2_pubkey_load(pubf, der2, &dl2, NULL) == FZ_OK);
	CHECK(dl == dl2 && memcmp(der, der2, dl) == 0);
	const char *msg = "a/b\n1\nAAAA\n";
	REQUIRE(ledger_sm2_sign(k, msg, strlen(msg), sig, &sl) == FZ_OK);
	CHECK(ledger_sm2_verify(der, dl, msg, strlen(msg), sig, sl));
	CHECK(!ledger_sm2_verify(der, dl, "a/b\n2\nAAAA\n", strlen(msg), sig, sl));
	/* an Ed25519 key file is not an SM2 key */
	unsigned char pub[32];
	struct ledger_key *ed = key_in(dir, "ed", pub);
	char edpath[600];
	snprintf(edpath, sizeof edpath, "%s/ed.key", dir);
	struct ledger_key *k2 = NULL;
	struct fz_error e = { 0 };
	CHECK_INT(ledger_sm2_key_load(edpath, &k2, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "不是 SM2 密钥");
	/* the SM2 verifier key round-trips with type 0xff fazhi/sm2-sm3 */
	unsigned char type[1 + sizeof NOTE_SM2_ID];
	size_t tl = ledger_sm2_note_type(type);
	struct buf vk = BUF_INIT;
	note_vkey_format(&vk, "a/b", type, tl, der, dl);
	struct note_vkey v;
	REQUIRE(note_vkey_parse(buf_cstr(&vk), &v, NULL) == FZ_OK);
	CHECK(v.key_len == dl && memcmp(v.key, der, dl) == 0);
	buf_release(&vk);
	ledger_key_free(ed);
	ledger_key_free(k);
}

TEST(ledger_cosignature_is_tlog_cosignature_v1)
{
	unsigned char pub[32], sig[LEDGER_COSIG_LEN];
	struct ledger_key *k = key_in(t_tmpdir(), "w", pub);
	REQUIRE(k);
	const char *body = "example.com/log\n5\nAAAA\n";
	REQUIRE(ledger_cosign(k, 1679315147, body, strlen(body), sig) == FZ_OK);
	/* timestamp, big-endian, then Ed25519 over the documented message */
	CHECK(sig[0] == 0 && sig[3] == 0 && sig[4] == 0x64 && sig[7] == 0xcb);
	const char *msg = "cosignature/v1\ntime 1679315147\nexample.com/log\n5\nAAAA\n";
	CHECK(ledger_ed25519_verify(pub, msg, strlen(msg), sig + 8));
	int64_t t = 0;
	CHECK(ledger_cosig_verify(pub, body, strlen(body), sig, &t));
	CHECK_INT(t, 1679315147);
	sig[7] ^= 1; /* another time */
	CHECK(!ledger_cosig_verify(pub, body, strlen(body), sig, NULL));
	ledger_key_free(k);
}

static bool same_proof(const struct merkle_proof *a, const struct merkle_proof *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (memcmp(a->hash[i], b->hash[i], 32) != 0)
			return false;
	return true;
}

/* Nodes from a flat array of leaf hashes, as the store would give them;
 * counts reads. */
struct flat {
	const unsigned char *leaves;
	int reads;
};

static enum fz_err flat_node(void *ud, int level, uint64_t index, unsigned char *out,
			     struct fz_error *e)
{
	struct flat *f = ud;
	(void)e;
	f->reads++;
	merkle_root(LEDGER_HASH_SHA256, f->leaves + 32 * (index << level), 1ULL << level, out);
	return FZ_OK;
}

TEST(ledger_proofs_from_subtrees_equal_the_reference_and_cost_log_n_reads)
{
	enum { N = 300 };
	static unsigned char leaves[N * 32];
	for (int i = 0; i < N; i++) {
		unsigned char d = (unsigned char)i;
		merkle_leaf_hash(LEDGER_HASH_SHA256, &d, 1, leaves + 32 * i);
	}
	struct flat f = { leaves, 0 };
	struct merkle_nodes t = { LEDGER_HASH_SHA256, flat_node, &f };
	for (uint64_t n = 1; n <= N; n += 13) {
		unsigned char r1[32], r2[32];
		merkle_root(LEDGER_HASH_SHA256, leaves, n, r1);
		REQUIRE(merkle_nodes_root(&t, n, r2, NULL) == FZ_OK);
		CHECK(memcmp(r1, r2, 32) == 0);
		for (uint64_t m = 0; m < n; m += 7) {
			struct merkle_proof a, b;
			REQUIRE(merkle_inclusion_proof(LEDGER_HASH_SHA256, leaves, n, m, &a) == FZ_OK);
			f.reads = 0;
			REQUIRE(merkle_nodes_inclusion(&t, m, n, &b, NULL) == FZ_OK);
			CHECK(f.reads <= 2 * 9 + 2);
			CHECK(same_proof(&a, &b));
			if (m == 0)
				continue;
			REQUIRE(merkle_consistency_proof(LEDGER_HASH_SHA256, leaves, m, n, &a) == FZ_OK);
			f.reads = 0;
			REQUIRE(merkle_nodes_consistency(&t, m, n, &b, NULL) == FZ_OK);
			CHECK(f.reads <= 2 * 9 + 2);
			CHECK(same_proof(&a, &b));
		}
	}
	CHECK_INT(merkle_nodes_completed(0), 0);
	CHECK_INT(merkle_nodes_completed(1), 1);
	CHECK_INT(merkle_nodes_completed(7), 3);
}
