/* bundle_test.c - `fazhi case export` and `fazhi verify-bundle`: a closed
 * demo case exported, its bundle verified offline on a copy after the
 * database and data directory are gone, one event's inclusion proof
 * checked here against the checkpoint the database published; one byte
 * changed in an event's data, a document's bytes, an evidence file's
 * bytes or the checkpoint's signature is named. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "cli_run.h"
#include "ledger/hash.h"
#include "ledger/leaf.h"
#include "ledger/merkle.h"
#include "t.h"

static char demo_dir[512];

static void demo_remove(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", demo_dir);
	if (demo_dir[0] && system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", demo_dir);
}

/* The first column of the first row of sql on db, into out. */
static bool query(const char *db, const char *sql, char *out, size_t n)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	bool ok = false;
	out[0] = '\0';
	if (sqlite3_open(db, &h) != SQLITE_OK)
		return false;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
			snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
			ok = true;
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return ok;
}

/* One demo per process with two bundles exported from it: b.closed (a
 * closed case with documents) and b.evidence (a case with evidence). */
static const char *demo(void)
{
	if (demo_dir[0])
		return demo_dir;
	struct buf out = BUF_INIT;
	const char *base = getenv("TMPDIR");
	char db[600], id[32], id2[32];
	snprintf(demo_dir, sizeof demo_dir, "%s/fazhi-bundle-XXXXXX",
		 base && *base ? base : "/tmp");
	if (!mkdtemp(demo_dir)) {
		demo_dir[0] = '\0';
		return demo_dir;
	}
	atexit(demo_remove);
	snprintf(db, sizeof db, "%s/d.db", demo_dir);
	if (cli_run(&out, NULL, "init --db %s", db) != 0 ||
	    cli_run(&out, NULL, "demo --db %s", db) != 0 ||
	    !query(db, "SELECT id FROM cases WHERE closed = 1 AND id IN "
		       "(SELECT case_id FROM documents) ORDER BY id LIMIT 1", id, sizeof id) ||
	    !query(db, "SELECT case_id FROM evidence ORDER BY case_id LIMIT 1", id2, sizeof id2) ||
	    cli_run(&out, NULL, "case export %s --db %s --out %s/b.closed", id, db, demo_dir) != 0 ||
	    cli_run(&out, NULL, "case export %s --db %s --out %s/b.evidence", id2, db,
		    demo_dir) != 0) {
		t_fail(__FILE__, __LINE__, "demo/export: %s", buf_cstr(&out));
		demo_dir[0] = '\0';
	}
	buf_release(&out);
	return demo_dir;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	buf_addc(&b, '\0');
	if (buf_status(&b)) {
		buf_release(&b);
		return NULL;
	}
	char *s = buf_detach(&b, len);
	*len -= 1;
	return s;
}

static bool spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

/* A copy of bundle name in a fresh directory, with one byte at the
 * offset where() picks changed; runs verify-bundle on it. */
static int tampered(const char *name, size_t (*where)(const char *data, size_t len),
		    struct buf *out)
{
	char src[700], dst[700];
	size_t len;
	snprintf(src, sizeof src, "%s/%s", demo(), name);
	snprintf(dst, sizeof dst, "%s/b", t_tmpdir());
	char *data = slurp(src, &len);
	if (!data)
		return -100;
	size_t at = where(data, len);
	if (at >= len) {
		free(data);
		return -101;
	}
	/* a hex digit stays a hex digit, any other byte changes one bit */
	char c = data[at];
	data[at] = c == '0' ? '1' : (c >= '1' && c <= '9') || (c >= 'a' && c <= 'f') ? '0'
									      : (char)(c ^ 1);
	bool ok = spit(dst, data, len);
	free(data);
	if (!ok)
		return -102;
	return cli_run(out, NULL, "verify-bundle --trust-on-first-use %s", dst);
}

static size_t after(const char *data, size_t len, const char *from, const char *needle)
{
	const char *p = strstr(data, from);
	p = p ? strstr(p, needle) : NULL;
	return p ? (size_t)(p - data) + strlen(needle) : len;
}

/* the middle of the first event's encoding */
static size_t in_event(const char *data, size_t len)
{
	size_t at = after(data, len, "\nevent ", "\nevent ");
	for (int spaces = 0; at < len && spaces < 2; at++)
		spaces += data[at] == ' ';
	return at + 120; /* past the type name, case id and seq */
}

static size_t in_document(const char *data, size_t len)
{
	size_t at = after(data, len, "\ndocument ", "\nfile ");
	const char *nl = at < len ? strchr(data + at, '\n') : NULL;
	return nl ? (size_t)(nl - data) + 200 : len;
}

static size_t in_evidence(const char *data, size_t len)
{
	size_t at = after(data, len, "\nevidence ", "\nfile ");
	const char *nl = at < len ? strchr(data + at, '\n') : NULL;
	return nl ? (size_t)(nl - data) + 5 : len;
}

static size_t in_signature(const char *data, size_t len)
{
	return after(data, len, "\nsignature ", "\nsignature ") + 10;
}

TEST(cli_bundle_verifies_offline_and_proves_an_event)
{
	struct buf out = BUF_INIT;
	const char *g = demo();
	REQUIRE(g[0]);
	char db[600], root[200], src[700], dir[600], cmd[6000];
	snprintf(db, sizeof db, "%s/d.db", g);
	/* the checkpoint the portal publishes */
	REQUIRE(query(db, "SELECT lower(hex(root)) FROM ledger_checkpoints ORDER BY id DESC LIMIT 1",
		      root, sizeof root));
	snprintf(src, sizeof src, "%s/b.closed", g);
	snprintf(dir, sizeof dir, "%s", t_tmpdir());
	/* a copy of the whole demo, then the database and its files removed */
	snprintf(cmd, sizeof cmd,
		 "cp -a '%s/d.db' '%s/d.db.data' '%s/' && cp '%s' '%s/bundle' && "
		 "rm -rf '%s/d.db' '%s/d.db.data'",
		 g, g, dir, src, dir, dir, dir);
	REQUIRE(system(cmd) == 0);
	CHECK_INT(cli_run(&out, NULL, "verify-bundle --trust-on-first-use %s/bundle", dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "案卷包核验通过（sm3）");
	CHECK_CONTAINS(buf_cstr(&out), "文书 ");

	/* one event's inclusion proof, checked here against the published root */
	size_t len;
	char path[700];
	snprintf(path, sizeof path, "%s/bundle", dir);
	char *data = slurp(path, &len);
	REQUIRE(data);
	char want[300];
	snprintf(want, sizeof want, "\nroot %s\n", root);
	CHECK(strstr(data, want) != NULL);
	const char *ev = strstr(data, "\nevent ");
	REQUIRE(ev);
	unsigned long long idx, ref;
	static char hex[65536], proof[8192];
	REQUIRE(sscanf(ev + 1, "event %llu %llu %65535s", &idx, &ref, hex) == 3);
	const char *pl = strstr(ev + 1, "\nproof");
	REQUIRE(pl);
	const char *pe = strchr(pl + 1, '\n');
	REQUIRE(pe && (size_t)(pe - pl) < sizeof proof);
	memcpy(proof, pl + 7, (size_t)(pe - pl - 7 > 0 ? pe - pl - 7 : 0));
	proof[pe - pl - 7 > 0 ? pe - pl - 7 : 0] = '\0';
	size_t enc_len = strlen(hex) / 2;
	unsigned char *enc = malloc(enc_len + 1);
	REQUIRE(enc);
	CHECK(crypto_unhex(hex, enc, enc_len));
	unsigned char digest[LEDGER_HASH_MAX], leaf[LEDGER_LEAF_DATA_MAX], lh[LEDGER_HASH_MAX];
	unsigned char r[LEDGER_HASH_MAX];
	ledger_hash(LEDGER_HASH_SM3, enc, enc_len, digest);
	free(enc);
	size_t n = ledger_leaf_data(1, (int64_t)ref, digest, 32, leaf);
	merkle_leaf_hash(LEDGER_HASH_SM3, leaf, n, lh);
	struct merkle_proof p = { .n = 0 };
	for (char *tok = proof; *tok && p.n < MERKLE_PROOF_MAX;) {
		char one[65];
		snprintf(one, sizeof one, "%.64s", tok);
		CHECK(crypto_unhex(one, p.hash[p.n++], 32));
		tok += strlen(one);
		while (*tok == ' ')
			tok++;
	}
	CHECK(crypto_unhex(root, r, 32));
	char size[32];
	REQUIRE(sscanf(strstr(data, "\nsize ") + 6, "%31s", size) == 1);
	uint64_t tree = strtoull(size, NULL, 10);
	CHECK(merkle_inclusion_verify(LEDGER_HASH_SM3, idx, tree, lh, &p, r));
	/* and the proof does not hold for another leaf index */
	CHECK(!merkle_inclusion_verify(LEDGER_HASH_SM3, idx + 1, tree, lh, &p, r));
	free(data);
	buf_release(&out);
}

TEST(cli_bundle_names_a_changed_event)
{
	struct buf out = BUF_INIT;
	REQUIRE(demo()[0]);
	CHECK_INT(tampered("b.closed", in_event, &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "事件（第 1 个");
	CHECK_CONTAINS(buf_cstr(&out), "与账本不符");
	buf_release(&out);
}

TEST(cli_bundle_names_a_changed_document)
{
	struct buf out = BUF_INIT;
	REQUIRE(demo()[0]);
	CHECK_INT(tampered("b.closed", in_document, &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "文书“");
	CHECK_CONTAINS(buf_cstr(&out), "文件内容已被改动");
	buf_release(&out);
}

TEST(cli_bundle_names_a_changed_evidence_file)
{
	struct buf out = BUF_INIT;
	REQUIRE(demo()[0]);
	CHECK_INT(cli_run(&out, NULL, "verify-bundle --trust-on-first-use %s/b.evidence", demo()), 0);
	buf_reset(&out);
	CHECK_INT(tampered("b.evidence", in_evidence, &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "证据材料“");
	CHECK_CONTAINS(buf_cstr(&out), "文件内容已被改动");
	buf_release(&out);
}

TEST(cli_bundle_refuses_an_altered_signature)
{
	struct buf out = BUF_INIT;
	REQUIRE(demo()[0]);
	CHECK_INT(tampered("b.closed", in_signature, &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "检查点的签名无效");
	buf_release(&out);
}
