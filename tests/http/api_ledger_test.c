/* api_ledger_test.c - the public ledger API as an outsider uses it, with
 * no sign-in: every checkpoint listed; inclusion proofs (by index and by
 * leaf hash) and consistency proofs checked here, client-side, against
 * roots this test computes itself from the leaf hashes; bad requests
 * answered 400 in Chinese; cosignatures taken only from registered
 * witnesses and only for the checkpoint the log signed. */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/ledger.h"
#include "app/ledger_note.h"
#include "app/ledger_proof.h"
#include "app/ledger_verify.h"
#include "base/crypto.h"
#include "base/date.h"
#include "harness.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "t.h"

#define NLEAVES 37

struct fx {
	struct t_server ts;
	struct app_ctx ctx;
	unsigned char leaves[NLEAVES * 32]; /* leaf hashes, as appended */
};

static json_t *get_json(struct fx *f, const char *path, long want)
{
	struct http_resp r = t_http(&f->ts, "GET", path, NULL, NULL, NULL);
	if (r.status != want)
		t_fail(__FILE__, __LINE__, "GET %s: %ld, want %ld: %s", path, r.status, want, r.body);
	json_t *j = json_loads(r.body, 0, NULL);
	t_resp_free(&r);
	return j;
}

/* Appends leaves [from, to) with made-up digests, in one transaction. */
static bool append(struct fx *f, int from, int to)
{
	struct fz_error e = { 0 };
	if (app_tx_begin(&f->ctx, &e))
		return false;
	for (int i = from; i < to; i++) {
		unsigned char d[LEDGER_DIGEST_MAX];
		char seed[32];
		int64_t idx;
		snprintf(seed, sizeof seed, "leaf %d", i);
		size_t n = ledger_digest(LEDGER_HASH_SM3, seed, strlen(seed), d);
		if (app_ledger_append(&f->ctx, LEDGER_EVIDENCE, 1000 + i, d, n, &idx, &e) ||
		    idx != i) {
			app_tx_abort(&f->ctx);
			t_fail(__FILE__, __LINE__, "append %d: %s", i, e.message);
			return false;
		}
		struct ledger_leaf_list page;
		if (f->ctx.st->ops->ledger_leaves(f->ctx.st, f->ctx.a, i, 1, &page, &e) || page.n != 1)
			return false;
		memcpy(f->leaves + 32 * i, page.items[0].leaf_hash, 32);
	}
	return app_tx_commit(&f->ctx, &e) == FZ_OK;
}

static bool fx_start(struct fx *f)
{
	struct fz_error e = { 0 };
	bool created, made;
	struct ledger_checkpoint_row row;
	memset(f, 0, sizeof *f);
	if (!t_server_start(&f->ts))
		return false;
	app_ctx_init(&f->ctx, f->ts.st, f->ts.a, &f->ts.cfg, "cli", time_now());
	app_ctx_as_cli(&f->ctx);
	if (app_ledger_key_init(f->ts.data_dir, &created, &e) ||
	    app_ledger_log_configure(&f->ctx, "fazhi.640522.nx.gov.cn/enforcement", NULL, &e))
		return false;
	/* checkpoints at 13 and 37 leaves */
	return append(f, 0, 13) && !app_ledger_checkpoint(&f->ctx, &made, &row, &e) && made &&
	       append(f, 13, NLEAVES) && !app_ledger_checkpoint(&f->ctx, &made, &row, &e) && made;
}

static bool hex_hash(json_t *v, unsigned char *out)
{
	const char *s = json_string_value(v);
	return s && strlen(s) == 64 && crypto_unhex(s, out, 32);
}

static bool proof_of(json_t *j, struct merkle_proof *p)
{
	json_t *arr = json_object_get(j, "proof");
	p->n = json_array_size(arr);
	for (size_t i = 0; i < p->n; i++)
		if (!hex_hash(json_array_get(arr, i), p->hash[i]))
			return false;
	return json_is_array(arr);
}

TEST(api_ledger_lists_every_checkpoint_as_a_signed_note)
{
	struct fx f;
	REQUIRE(fx_start(&f));
	json_t *j = get_json(&f, "/api/v1/ledger/checkpoints", 200);
	REQUIRE(j);
	CHECK_INT(json_integer_value(json_object_get(j, "total")), 2);
	json_t *items = json_object_get(j, "items");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(items, 0), "tree_size")), 13);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(items, 1), "tree_size")), 37);
	const char *note = json_string_value(json_object_get(json_array_get(items, 0), "note"));
	CHECK_CONTAINS(note, "fazhi.640522.nx.gov.cn/enforcement\n13\n");
	CHECK_CONTAINS(note, "\nhash sm3\ntime ");
	CHECK_CONTAINS(note, "\n\n\xe2\x80\x94 fazhi.640522.nx.gov.cn/enforcement ");
	json_decref(j);

	/* the latest at the stable text URL: a note the log's key verifies */
	struct http_resp r = t_http(&f.ts, "GET", "/ledger/checkpoint", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	char ct[128];
	CHECK_CONTAINS(t_header(&r, "Content-Type", ct, sizeof ct), "text/plain");
	static struct note n;
	struct ledger_checkpoint cp;
	REQUIRE(note_parse(r.body, strlen(r.body), &n, NULL) == FZ_OK);
	REQUIRE(ledger_checkpoint_parse(n.text, n.text_len, &cp, NULL) == FZ_OK);
	CHECK_INT((int64_t)cp.size, NLEAVES);
	unsigned char root[32];
	merkle_root(LEDGER_HASH_SM3, f.leaves, NLEAVES, root);
	CHECK(memcmp(cp.root, root, 32) == 0);
	j = get_json(&f, "/api/v1/ledger/checkpoint", 200);
	struct note_vkey vk;
	REQUIRE(note_vkey_parse(json_string_value(json_object_get(j, "verifier_key")), &vk, NULL) ==
		FZ_OK);
	CHECK_INT(n.nsigs, 1);
	CHECK(n.sigs[0].key_id == vk.key_id);
	CHECK(ledger_ed25519_verify(vk.key, n.text, n.text_len, n.sigs[0].sig));
	json_decref(j);
	t_resp_free(&r);
	t_server_stop(&f.ts);
}

TEST(api_ledger_inclusion_proofs_verify_against_the_root)
{
	struct fx f;
	REQUIRE(fx_start(&f));
	const int sizes[] = { 1, 2, 7, 13, 16, 37 };
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		int n = sizes[s];
		unsigned char root[32];
		merkle_root(LEDGER_HASH_SM3, f.leaves, (uint64_t)n, root);
		for (int m = 0; m < n; m++) {
			char path[128];
			struct merkle_proof p;
			unsigned char got_root[32];
			snprintf(path, sizeof path, "/api/v1/ledger/proof/inclusion?tree_size=%d&index=%d",
				 n, m);
			json_t *j = get_json(&f, path, 200);
			REQUIRE(j);
			CHECK(proof_of(j, &p));
			CHECK(hex_hash(json_object_get(j, "root"), got_root));
			CHECK(memcmp(got_root, root, 32) == 0);
			if (!merkle_inclusion_verify(LEDGER_HASH_SM3, (uint64_t)m, (uint64_t)n,
						     f.leaves + 32 * m, &p, root))
				t_fail(__FILE__, __LINE__, "inclusion of %d in %d does not verify", m, n);
			json_decref(j);
		}
	}
	/* by leaf hash */
	char path[256], hex[65];
	crypto_hex(f.leaves + 32 * 20, 32, hex);
	snprintf(path, sizeof path, "/api/v1/ledger/proof/inclusion?tree_size=37&hash=%s", hex);
	json_t *j = get_json(&f, path, 200);
	CHECK_INT(json_integer_value(json_object_get(j, "index")), 20);
	json_decref(j);
	t_server_stop(&f.ts);
}

TEST(api_ledger_consistency_proofs_verify_between_roots)
{
	struct fx f;
	REQUIRE(fx_start(&f));
	const int pairs[][2] = { { 1, 1 }, { 1, 37 }, { 3, 7 }, { 4, 8 }, { 6, 8 },
				 { 13, 37 }, { 16, 37 }, { 36, 37 }, { 37, 37 } };
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		int m = pairs[i][0], n = pairs[i][1];
		unsigned char r1[32], r2[32];
		struct merkle_proof p;
		char path[128];
		merkle_root(LEDGER_HASH_SM3, f.leaves, (uint64_t)m, r1);
		merkle_root(LEDGER_HASH_SM3, f.leaves, (uint64_t)n, r2);
		snprintf(path, sizeof path, "/api/v1/ledger/proof/consistency?first=%d&second=%d", m,
			 n);
		json_t *j = get_json(&f, path, 200);
		REQUIRE(j);
		CHECK(proof_of(j, &p));
		if (!merkle_consistency_verify(LEDGER_HASH_SM3, (uint64_t)m, (uint64_t)n, r1, r2, &p))
			t_fail(__FILE__, __LINE__, "consistency %d -> %d does not verify", m, n);
		/* and it does not verify against another first root */
		r1[0] ^= 1;
		if (merkle_consistency_verify(LEDGER_HASH_SM3, (uint64_t)m, (uint64_t)n, r1, r2, &p) &&
		    m != n)
			t_fail(__FILE__, __LINE__, "consistency %d -> %d verifies a wrong root", m, n);
		json_decref(j);
	}
	t_server_stop(&f.ts);
}

TEST(api_ledger_refuses_bad_proof_requests_in_chinese)
{
	struct fx f;
	REQUIRE(fx_start(&f));
	const char *bad[] = {
		"/api/v1/ledger/proof/inclusion?tree_size=37&index=37",
		"/api/v1/ledger/proof/inclusion?tree_size=38&index=1",
		"/api/v1/ledger/proof/inclusion?index=1",
		"/api/v1/ledger/proof/inclusion?tree_size=37&hash=zz",
		"/api/v1/ledger/proof/consistency?first=0&second=3",
		"/api/v1/ledger/proof/consistency?first=5&second=3",
		"/api/v1/ledger/proof/consistency?first=5&second=99",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct http_resp r = t_http(&f.ts, "GET", bad[i], NULL, NULL, NULL);
		if (r.status != 400)
			t_fail(__FILE__, __LINE__, "%s: %ld %s", bad[i], r.status, r.body);
		/* a Chinese message, never an internal name alone */
		CHECK(strstr(r.body, "\"message\":\"") != NULL);
		CHECK((unsigned char)strstr(r.body, "\"message\":\"")[11] >= 0x80);
		t_resp_free(&r);
	}
	json_t *j = get_json(&f, "/api/v1/ledger/leaves?offset=35&limit=5", 200);
	CHECK_INT(json_integer_value(json_object_get(j, "total")), NLEAVES);
	CHECK_INT((int64_t)json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
	t_server_stop(&f.ts);
}

/* A witness key in dir and its verifier key line. */
static struct ledger_key *witness_key(const char *dir, const char *name, char *vkey, size_t n)
{
	char priv[600], pub[600];
	struct ledger_key *k = NULL;
	unsigned char raw[32];
	snprintf(priv, sizeof priv, "%s/w-%s.key", dir, name);
	snprintf(pub, sizeof pub, "%s/w-%s.pub", dir, name);
	if (ledger_key_generate(priv, pub, NULL) || ledger_key_load(priv, &k, NULL))
		return NULL;
	ledger_key_public(k, raw);
	struct buf b = BUF_INIT;
	const unsigned char type = NOTE_TYPE_COSIG_V1;
	char full[300];
	snprintf(full, sizeof full, "%s.example/w", name);
	note_vkey_format(&b, full, &type, 1, raw, 32);
	snprintf(vkey, n, "%s", buf_cstr(&b));
	buf_release(&b);
	return k;
}

/* {"note": text + "\n" + cosignature line of k over text}. */
static char *cosigned(struct ledger_key *k, const char *vkey_line, const char *text, size_t len)
{
	struct note_vkey vk;
	unsigned char sig[LEDGER_COSIG_LEN];
	struct buf b = BUF_INIT;
	if (note_vkey_parse(vkey_line, &vk, NULL) || ledger_cosign(k, 1760000000, text, len, sig))
		return NULL;
	buf_add(&b, text, len);
	buf_addc(&b, '\n');
	note_sig_line(&b, vk.name, vk.key_id, sig, sizeof sig);
	json_t *j = json_pack("{s:s}", "note", buf_cstr(&b));
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	buf_release(&b);
	return s;
}

TEST(api_ledger_takes_cosignatures_only_from_registered_witnesses)
{
	struct fx f;
	REQUIRE(fx_start(&f));
	char v1[300], v2[300], path[700];
	struct ledger_key *k1 = witness_key(f.ts.dir, "w1", v1, sizeof v1);
	struct ledger_key *k2 = witness_key(f.ts.dir, "w2", v2, sizeof v2);
	REQUIRE(k1 && k2);
	snprintf(path, sizeof path, "%s/%s", f.ts.data_dir, LEDGER_WITNESSES_FILE);
	FILE *wf = fopen(path, "w");
	REQUIRE(wf);
	fprintf(wf, "# 市司法局\n%s\n", v1);
	fclose(wf);

	struct ledger_checkpoint_row row;
	struct fz_error e = { 0 };
	REQUIRE(f.ts.st->ops->checkpoint_at_size(f.ts.st, NLEAVES, &row, &e) == FZ_OK);
	struct ledger_checkpoint cp;
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	app_ledger_checkpoint_of(&row, &cp);
	size_t n = ledger_checkpoint_text(&cp, text);
	int64_t audits = t_audit_count(&f.ts);

	/* an unregistered witness: 403, nothing stored */
	char *body = cosigned(k2, v2, text, n);
	struct http_resp r = t_http(&f.ts, "POST", "/api/v1/ledger/cosignatures", NULL,
				    "application/json", body);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body, "登记的见证方");
	t_resp_free(&r);
	free(body);
	CHECK_INT(t_audit_count(&f.ts), audits);

	/* another text at the same size (a split view offered to the log): 409 */
	struct ledger_checkpoint other = cp;
	other.root[0] ^= 1;
	char text2[LEDGER_CHECKPOINT_TEXT_MAX];
	size_t n2 = ledger_checkpoint_text(&other, text2);
	body = cosigned(k1, v1, text2, n2);
	r = t_http(&f.ts, "POST", "/api/v1/ledger/cosignatures", NULL, "application/json", body);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "不同");
	t_resp_free(&r);
	free(body);
	CHECK_INT(t_audit_count(&f.ts), audits);

	/* the registered witness: 201, then 200 (already taken), audited once */
	body = cosigned(k1, v1, text, n);
	r = t_http(&f.ts, "POST", "/api/v1/ledger/cosignatures", NULL, "application/json", body);
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	r = t_http(&f.ts, "POST", "/api/v1/ledger/cosignatures", NULL, "application/json", body);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	free(body);
	CHECK_INT(t_audit_count(&f.ts), audits + 1);

	/* served with the checkpoint */
	r = t_http(&f.ts, "GET", "/ledger/checkpoint", NULL, NULL, NULL);
	CHECK_CONTAINS(r.body, "\xe2\x80\x94 w1.example/w ");
	t_resp_free(&r);
	json_t *j = get_json(&f, "/api/v1/ledger/checkpoint", 200);
	json_t *c0 = json_array_get(json_object_get(j, "cosignatures"), 0);
	CHECK_STR(json_string_value(json_object_get(c0, "witness")), "w1.example/w");
	CHECK_INT(json_integer_value(json_object_get(c0, "time")), 1760000000);
	json_decref(j);
	ledger_key_free(k1);
	ledger_key_free(k2);
	t_server_stop(&f.ts);
}

TEST(api_ledger_publishes_key_rotations)
{
	struct fx f;
	REQUIRE(fx_start(&f));
	json_t *j = get_json(&f, "/api/v1/ledger/key-rotations", 200);
	CHECK_INT((int64_t)json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	char path[700];
	struct ledger_rotation_row rot;
	struct fz_error e = { 0 };
	snprintf(path, sizeof path, "%s/next.key", f.ts.data_dir);
	REQUIRE(app_ledger_key_rotate(&f.ctx, path, &rot, &e) == FZ_OK);
	CHECK(app_ledger_rotation_ok(&rot));
	j = get_json(&f, "/api/v1/ledger/key-rotations", 200);
	json_t *it = json_array_get(json_object_get(j, "items"), 0);
	CHECK_CONTAINS(json_string_value(json_object_get(it, "note")),
		       "fazhi.640522.nx.gov.cn/enforcement\nkey-rotation\nold ");
	json_decref(j);
	/* the next checkpoint, at the same size, is signed with the new key */
	bool made;
	struct ledger_checkpoint_row row;
	REQUIRE(app_ledger_checkpoint(&f.ctx, &made, &row, &e) == FZ_OK);
	CHECK(made);
	CHECK(memcmp(row.pubkey, rot.new_pubkey, 32) == 0);
	t_server_stop(&f.ts);
}

/* A log from before 008_checkpoints.sql: leaves without interior nodes
 * and a checkpoint in the older text form. Proofs need the nodes; they
 * are stored by the catch-up (the server's start, the next checkpoint),
 * the older checkpoint still verifies, and a C2SP one follows at the same
 * size. */
TEST(api_ledger_upgrades_an_older_log)
{
	struct fx f;
	struct fz_error e = { 0 };
	REQUIRE(fx_start(&f));
	/* as an older database had it: no nodes, a checkpoint in the old form */
	char sql[200];
	sqlite3 *h;
	REQUIRE(sqlite3_open(f.ts.db, &h) == SQLITE_OK);
	sqlite3_busy_timeout(h, 30000);
	snprintf(sql, sizeof sql, "DROP TRIGGER ledger_nodes_no_delete; DELETE FROM ledger_nodes;");
	CHECK_INT(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	struct ledger_key *k = NULL;
	char priv[700];
	snprintf(priv, sizeof priv, "%s/%s", f.ts.data_dir, LEDGER_KEY_FILE);
	REQUIRE(ledger_key_load(priv, &k, NULL) == FZ_OK);
	struct ledger_checkpoint old = { .alg = LEDGER_HASH_SM3, .size = NLEAVES, .at = 1700000000 };
	merkle_root(LEDGER_HASH_SM3, f.leaves, NLEAVES, old.root);
	REQUIRE(ledger_checkpoint_sign(&old, k) == FZ_OK);
	ledger_key_free(k);
	struct ledger_checkpoint_row row = { .tree_size = NLEAVES, .root_len = 32, .at = old.at };
	memcpy(row.root, old.root, 32);
	snprintf(row.hash, sizeof row.hash, "sm3");
	memcpy(row.pubkey, old.pubkey, 32);
	memcpy(row.signature, old.sig, 64);
	REQUIRE(f.ts.st->ops->checkpoint_insert(f.ts.st, &row, &e) == FZ_OK);

	/* no nodes: the proof is refused, plainly */
	struct http_resp r = t_http(&f.ts, "GET", "/api/v1/ledger/proof/inclusion?tree_size=37&index=5",
				    NULL, NULL, NULL);
	CHECK(r.status != 200);
	CHECK_CONTAINS(r.body, "树节点缺失");
	t_resp_free(&r);
	/* caught up: proofs again, equal to the reference */
	int64_t added;
	REQUIRE(app_ledger_nodes_catch_up(&f.ctx, &added, &e) == FZ_OK);
	CHECK_INT(added, NLEAVES);
	json_t *j = get_json(&f, "/api/v1/ledger/proof/inclusion?tree_size=37&index=5", 200);
	struct merkle_proof p;
	CHECK(proof_of(j, &p));
	CHECK(merkle_inclusion_verify(LEDGER_HASH_SM3, 5, NLEAVES, f.leaves + 32 * 5, &p, old.root));
	json_decref(j);
	/* the older checkpoint verifies, and is followed by a C2SP one */
	struct ledger_verify_report vr = { 0 };
	struct ledger_checkpoint_row stored;
	char problem[512] = "";
	REQUIRE(f.ts.st->ops->checkpoint_get(f.ts.st, row.id, &stored, &e) == FZ_OK);
	CHECK_STR(stored.origin, "");
	CHECK(ledger_trust_checkpoint(&f.ctx, NULL, NULL, 0, false, &stored, &vr, problem,
				      sizeof problem));
	stored.root[0] ^= 1;
	CHECK(!ledger_trust_checkpoint(&f.ctx, NULL, NULL, 0, false, &stored, &vr, problem,
				       sizeof problem));
	CHECK_CONTAINS(problem, "签名无效");
	bool made;
	struct ledger_checkpoint_row now;
	REQUIRE(app_ledger_checkpoint(&f.ctx, &made, &now, &e) == FZ_OK);
	CHECK(made);
	CHECK_STR(now.origin, "fazhi.640522.nx.gov.cn/enforcement");
	t_server_stop(&f.ts);
}
