/* bundle_test.c - `fazhi case export` and `fazhi verify-bundle`: a closed
 * demo case exported, its bundle verified offline on a copy after the
 * database and data directory are gone, one event's inclusion proof
 * checked here against the checkpoint the database published; one byte
 * changed in an event's data, a document's bytes, an evidence file's
 * bytes or the checkpoint's signature is named; so is an item left out,
 * doubled, swapped or spliced in from another case; a 96 MiB file is
 * verified in a few MiB of memory. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/evidence.h"
#include "base/crypto.h"
#include "base/date.h"
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
	snprintf(src, sizeof src, "%s/b.closed", g);
	/* the checkpoint the portal published at the bundle's size */
	size_t blen;
	char *bdata = slurp(src, &blen), q[300];
	REQUIRE(bdata && strstr(bdata, "\nsize "));
	unsigned long long bsize = strtoull(strstr(bdata, "\nsize ") + 6, NULL, 10);
	free(bdata);
	snprintf(q, sizeof q, "SELECT lower(hex(root)) FROM ledger_checkpoints WHERE tree_size = %llu",
		 bsize);
	REQUIRE(query(db, q, root, sizeof root));
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
	/* the leaf's time is the event's own: after type, case, seq, step, on */
	struct canon_reader cr = { enc, enc + enc_len, false };
	const unsigned char *str;
	size_t sl;
	CHECK(canon_expect(&cr, "fazhi.case_event.v2"));
	(void)canon_get_int(&cr);
	CHECK_INT(canon_get_int(&cr), 1);
	canon_get_str(&cr, &str, &sl);
	canon_get_str(&cr, &str, &sl);
	int64_t at = canon_get_int(&cr);
	CHECK(!cr.bad && at > 0);
	free(enc);
	size_t n = ledger_leaf_data(1, (int64_t)ref, at, digest, 32, leaf);
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

/* --- completeness: a bundle is cut into its items and put together
 * again with one missing, doubled, swapped or taken from another case --- */

struct item {
	size_t at, len;
	char type[16];
};

/* The items of a bundle (after its nine header lines, before "end"):
 * each its line, its proof and, for evidence and documents, its file. */
static size_t items_of(const char *data, size_t len, struct item *it, size_t max, size_t *end)
{
	size_t p = 0, n = 0;
	for (int line = 0; line < 9 && p < len; line++)
		p = (size_t)((const char *)memchr(data + p, '\n', len - p) - data) + 1;
	while (p < len && n < max && strncmp(data + p, "end\n", 4) != 0) {
		struct item *x = &it[n++];
		x->at = p;
		sscanf(data + p, "%15s", x->type);
		for (int line = 0; line < 2; line++)
			p = (size_t)((const char *)memchr(data + p, '\n', len - p) - data) + 1;
		if (!strcmp(x->type, "evidence") || !strcmp(x->type, "document")) {
			unsigned long long size = strtoull(data + p + 5, NULL, 10);
			p = (size_t)((const char *)memchr(data + p, '\n', len - p) - data) + 1;
			p += (size_t)size + 1;
		}
		x->len = p - x->at;
	}
	*end = p;
	return n;
}

/* The index of the k-th item (from 0) of type, or (size_t)-1. */
static size_t nth(const struct item *it, size_t n, const char *type, int k)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(it[i].type, type) && k-- == 0)
			return i;
	return (size_t)-1;
}

enum op { DROP, DOUBLE, SWAP_NEXT, SPLICE_BEFORE };

/* Writes bundle name with item i dropped, doubled, swapped with the next
 * or preceded by item j of bundle other; runs verify-bundle on it. */
static int recut(const char *name, const char *type, int k, enum op op, const char *other,
		 struct buf *out)
{
	char src[700], dst[700];
	size_t len, olen = 0, end, oend;
	static struct item it[4096], ot[4096];
	snprintf(src, sizeof src, "%s/%s", demo(), name);
	char *data = slurp(src, &len), *odata = NULL;
	if (!data)
		return -100;
	size_t n = items_of(data, len, it, 4096, &end), on = 0;
	size_t i = nth(it, n, type, k), j = (size_t)-1;
	if (other) {
		snprintf(src, sizeof src, "%s/%s", demo(), other);
		if (!(odata = slurp(src, &olen))) {
			free(data);
			return -100;
		}
		on = items_of(odata, olen, ot, 4096, &oend);
		j = nth(ot, on, type, 0);
	}
	if (i == (size_t)-1 || (op == SWAP_NEXT && i + 1 >= n) || (other && j == (size_t)-1)) {
		free(data);
		free(odata);
		return -101;
	}
	struct buf b = BUF_INIT;
	buf_add(&b, data, it[0].at);
	for (size_t x = 0; x < n; x++) {
		if (x == i && op == DROP)
			continue;
		if (x == i && op == SPLICE_BEFORE)
			buf_add(&b, odata + ot[j].at, ot[j].len);
		if (x == i && op == SWAP_NEXT) {
			buf_add(&b, data + it[x + 1].at, it[x + 1].len);
			buf_add(&b, data + it[x].at, it[x].len);
			x++;
			continue;
		}
		buf_add(&b, data + it[x].at, it[x].len);
		if (x == i && op == DOUBLE)
			buf_add(&b, data + it[x].at, it[x].len);
	}
	buf_add(&b, data + end, len - end);
	snprintf(dst, sizeof dst, "%s/b", t_tmpdir());
	bool ok = !buf_status(&b) && spit(dst, b.data, b.len);
	buf_release(&b);
	free(data);
	free(odata);
	return ok ? cli_run(out, NULL, "verify-bundle --trust-on-first-use %s", dst) : -102;
}

TEST(cli_bundle_names_an_omitted_item)
{
	struct buf out = BUF_INIT;
	REQUIRE(demo()[0]);
	/* an event in the middle: the gap in the sequence */
	CHECK_INT(recut("b.closed", "event", 1, DROP, NULL, &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "案卷包缺少第 2 个案件事件（有案件事件被遗漏）");
	/* the last document: fewer than the export recorded */
	size_t len, end;
	static struct item it[4096];
	char path[700];
	snprintf(path, sizeof path, "%s/b.closed", demo());
	char *data = slurp(path, &len);
	REQUIRE(data);
	size_t n = items_of(data, len, it, 4096, &end);
	int docs = 0;
	for (size_t i = 0; i < n; i++)
		docs += !strcmp(it[i].type, "document");
	free(data);
	REQUIRE(docs >= 2);
	CHECK_INT(recut("b.closed", "document", docs - 1, DROP, NULL, &out), 9);
	char want[200];
	snprintf(want, sizeof want, "导出时本案有执法文书 %d 项，案卷包中只有 %d 项（有执法文书被遗漏）", docs,
		 docs - 1);
	CHECK_CONTAINS(buf_cstr(&out), want);
	/* the export record itself: completeness cannot be checked */
	CHECK_INT(recut("b.closed", "export", 0, DROP, NULL, &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "案卷包缺少导出记录（export 行）");
	buf_release(&out);
}

TEST(cli_bundle_names_a_duplicated_item)
{
	struct buf out = BUF_INIT;
	REQUIRE(demo()[0]);
	CHECK_INT(recut("b.closed", "event", 2, DOUBLE, NULL, &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "事件（第 3 个");
	CHECK_CONTAINS(buf_cstr(&out), "重复出现");
	CHECK_INT(recut("b.evidence", "evidence", 0, DOUBLE, NULL, &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "证据材料“");
	CHECK_CONTAINS(buf_cstr(&out), "重复出现");
	buf_release(&out);
}

TEST(cli_bundle_names_reordered_items)
{
	struct buf out = BUF_INIT;
	REQUIRE(demo()[0]);
	CHECK_INT(recut("b.closed", "event", 1, SWAP_NEXT, NULL, &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "事件（第 2 个");
	CHECK_CONTAINS(buf_cstr(&out), "顺序被打乱");
	CHECK_INT(recut("b.closed", "document", 0, SWAP_NEXT, NULL, &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "顺序被打乱");
	buf_release(&out);
}

TEST(cli_bundle_names_an_item_spliced_from_another_case)
{
	struct buf out = BUF_INIT;
	REQUIRE(demo()[0]);
	CHECK_INT(recut("b.closed", "event", 1, SPLICE_BEFORE, "b.evidence", &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "不属于本案（属于案件 #");
	CHECK_CONTAINS(buf_cstr(&out), "是从其他案件拼入的");
	CHECK_INT(recut("b.closed", "header", 0, SPLICE_BEFORE, "b.evidence", &out), 9);
	CHECK_CONTAINS(buf_cstr(&out), "不属于本案");
	buf_release(&out);
}

/* verify-bundle streams: a bundle holding a 96 MiB file is checked with
 * a peak resident size far below the file's (the whole bundle was read
 * into memory before). */
TEST(cli_bundle_verifies_a_large_file_in_constant_memory)
{
	struct buf out = BUF_INIT;
	const char *g = demo();
	REQUIRE(g[0]);
	const char *dir = t_tmpdir();
	char cmd[1600], db[600], data_dir[600], bundle[600], id[32];
	snprintf(cmd, sizeof cmd, "cp -a '%s/d.db' '%s/d.db.data' '%s/'", g, g, dir);
	REQUIRE(system(cmd) == 0);
	snprintf(db, sizeof db, "%s/d.db", dir);
	snprintf(data_dir, sizeof data_dir, "%s/d.db.data", dir);
	snprintf(bundle, sizeof bundle, "%s/big", dir);
	REQUIRE(query(db, "SELECT id FROM cases WHERE closed = 0 ORDER BY id LIMIT 1", id,
		      sizeof id));

	/* a 96 MiB recording, uploaded in chunks as the server receives one */
	struct store *st;
	struct arena *a = arena_new();
	struct fz_error e = { 0 };
	struct app_config cfg;
	struct app_ctx ctx;
	app_config_defaults(&cfg);
	cfg.data_dir = data_dir;
	REQUIRE(a && store_sqlite_open(db, false, &st, &e) == FZ_OK);
	app_ctx_init(&ctx, st, a, &cfg, "cli", time_now());
	app_ctx_as_cli(&ctx);
	struct evidence_upload up;
	enum { CHUNK = 1 << 20, CHUNKS = 96 };
	static unsigned char chunk[CHUNK];
	REQUIRE(app_evidence_upload_begin(data_dir, LEDGER_HASH_SM3, (int64_t)CHUNK * CHUNKS, &up,
					  &e) == FZ_OK);
	for (int i = 0; i < CHUNKS; i++) {
		for (size_t k = 0; k < CHUNK; k += 4096)
			chunk[k] = (unsigned char)(i + k / 4096);
		REQUIRE(app_evidence_upload_write(&up, chunk, CHUNK, &e) == FZ_OK);
	}
	REQUIRE(app_evidence_upload_finish(&up, &e) == FZ_OK);
	struct evidence_meta m = { "执法记录仪.mp4", "video/mp4", EVIDENCE_AV_RECORD };
	REQUIRE(app_evidence_add(&ctx, strtoll(id, NULL, 10), &m, &up, NULL, NULL, &e) == FZ_OK);
	st->ops->close(st);
	arena_free(a);
	CHECK_INT(cli_run(&out, NULL, "case export %s --db %s --out %s", id, db, bundle), 0);
	struct stat sb;
	REQUIRE(stat(bundle, &sb) == 0);
	CHECK(sb.st_size > (off_t)CHUNK * CHUNKS);

	/* The peak of fazhi alone: a child's peak includes what it held
	 * before exec (a fork of this test process, large by now), so a
	 * small fresh process (python3, which meson needs anyway) runs fazhi
	 * and reports its child's peak from getrusage(RUSAGE_CHILDREN). */
	snprintf(cmd, sizeof cmd,
		 "python3 -c 'import resource, subprocess, sys; "
		 "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
		 "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "
		 "'%s' verify-bundle --trust-on-first-use '%s'",
		 t_fazhi_bin(), bundle);
	FILE *p = popen(cmd, "r");
	REQUIRE(p);
	int rc = -1;
	long maxrss = -1;
	CHECK_INT(fscanf(p, "%d %ld", &rc, &maxrss), 2);
	CHECK_INT(pclose(p), 0);
	CHECK_INT(rc, 0);
	/* ru_maxrss is in KiB: under half the file, whatever the build */
	CHECK(maxrss > 0 && maxrss < (long)CHUNK * CHUNKS / 1024 / 2);
	if (getenv("T_VERBOSE"))
		printf("  verify-bundle of %lld bytes: peak RSS %ld KiB\n", (long long)sb.st_size,
		       maxrss);
	buf_release(&out);
}
