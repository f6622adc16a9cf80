/* ledger_test.c - the ledger through the app layer, on the demo county:
 * every event, evidence file and document has exactly one leaf whose
 * digest is its canonical digest; evidence is stored once per content,
 * refused on closed cases and outside the scope without leaving a file;
 * checkpoints are signed only when the ledger grew; the verifier passes. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/authz.h"
#include "app/bundle.h"
#include "app/evidence.h"
#include "app/ledger_verify.h"
#include "base/crypto.h"
#include "base/date.h"
#include "cli/demo.h"
#include "ledger/leaf.h"
#include "ledger/merkle.h"
#include "t.h"

struct lx {
	char db[512], data_dir[512];
	struct store *st;
	struct arena *a;
	struct app_config cfg;
	struct app_ctx cli;
	struct user officer; /* officer1 of 自然资源局 */
	struct app_ctx as_officer;
};

static bool lx_open(struct lx *x)
{
	struct fz_error e = { 0 };
	struct demo_summary sum;
	bool made;
	const char *dir = t_tmpdir();
	memset(x, 0, sizeof *x);
	crypto_password_set_cost_for_tests(10);
	snprintf(x->db, sizeof x->db, "%s/l.db", dir);
	snprintf(x->data_dir, sizeof x->data_dir, "%s/data", dir);
	app_config_defaults(&x->cfg);
	x->cfg.data_dir = x->data_dir;
	if (store_sqlite_open(x->db, true, &x->st, &e) || !(x->a = arena_new()))
		return false;
	app_ctx_init(&x->cli, x->st, x->a, &x->cfg, "cli", time_now());
	app_ctx_as_cli(&x->cli);
	if (app_ledger_key_init(x->data_dir, &made, &e) ||
	    demo_seed(&x->cli, DEMO_PASSWORD, &sum, &e) ||
	    x->st->ops->user_get_by_name(x->st, x->a, "officer1", &x->officer, &e)) {
		t_fail(__FILE__, __LINE__, "demo: %s", e.message);
		return false;
	}
	app_ctx_init(&x->as_officer, x->st, x->a, &x->cfg, "127.0.0.1", time_now());
	x->as_officer.user = &x->officer;
	x->as_officer.actor = "officer1";
	return authz_scope_for(&x->as_officer, &x->officer, &x->as_officer.scope, &e) == FZ_OK;
}

static void lx_close(struct lx *x)
{
	if (x->st)
		x->st->ops->close(x->st);
	arena_free(x->a);
}

/* The newest case of officer1's agency, open or closed as asked. */
static int64_t a_case(struct lx *x, bool closed)
{
	struct case_filter f = { .agency_id = x->officer.agency_id, .closed = closed ? 1 : 2 };
	struct case_list l;
	struct page pg = { 0, 1 };
	const struct scope all = { .kind = SCOPE_ALL };
	if (x->st->ops->case_list(x->st, x->a, &all, &f, pg, &l, NULL) || l.n == 0)
		return 0;
	return l.items[0].id;
}

/* A case of another agency than officer1's. */
static int64_t a_foreign_case(struct lx *x)
{
	struct case_filter f = { .closed = 2 };
	struct case_list l;
	const struct scope all = { .kind = SCOPE_ALL };
	if (x->st->ops->case_list(x->st, x->a, &all, &f, (struct page){ 0, 200 }, &l, NULL))
		return 0;
	for (size_t i = 0; i < l.n; i++)
		if (l.items[i].agency_id != x->officer.agency_id)
			return l.items[i].id;
	return 0;
}

TEST(app_ledger_every_event_leaf_holds_its_canonical_digest)
{
	struct lx x;
	REQUIRE(lx_open(&x));
	struct ledger_leaf_list l;
	REQUIRE(x.st->ops->ledger_leaves(x.st, x.a, 0, 10000, &l, NULL) == FZ_OK);
	REQUIRE(l.n > 50);
	int events = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct ledger_leaf *lf = &l.items[i];
		unsigned char data[LEDGER_LEAF_DATA_MAX], lh[LEDGER_HASH_MAX];
		size_t n = ledger_leaf_data(lf->kind, lf->ref_id, lf->at, lf->digest, lf->digest_len,
					    data);
		merkle_leaf_hash(LEDGER_HASH_SM3, data, n, lh);
		CHECK(memcmp(lh, lf->leaf_hash, 32) == 0);
		if (lf->kind != LEDGER_CASE_EVENT)
			continue;
		struct case_event ev;
		unsigned char d[LEDGER_DIGEST_MAX];
		REQUIRE(x.st->ops->case_event_get(x.st, x.a, lf->ref_id, &ev, NULL) == FZ_OK);
		CHECK_INT(app_ledger_event_digest(LEDGER_HASH_SM3, &ev, d), 32);
		CHECK(memcmp(d, lf->digest, 32) == 0);
		CHECK_INT(lf->at, ev.at);
		events++;
	}
	int64_t *ids;
	size_t n;
	CHECK(events > 30);
	for (int kind = 1; kind <= LEDGER_KIND_MAX; kind++) {
		REQUIRE(x.st->ops->ledger_unlogged(x.st, x.a, kind, 10, &ids, &n, NULL) == FZ_OK);
		CHECK_INT(n, 0);
	}
	lx_close(&x);
}

TEST(app_evidence_same_content_is_stored_once_with_a_leaf_per_record)
{
	struct lx x;
	struct fz_error e = { 0 };
	REQUIRE(lx_open(&x));
	int64_t c = a_case(&x, false);
	REQUIRE(c);
	int64_t size0, size1;
	REQUIRE(x.st->ops->ledger_size(x.st, &size0, NULL) == FZ_OK);
	struct evidence_meta m = { "现场.txt", "text/plain", EVIDENCE_TEXT_RECORD };
	struct evidence a, b;
	REQUIRE(app_evidence_add_bytes(&x.as_officer, c, &m, "同一内容", strlen("同一内容"), &a,
				       &e) == FZ_OK);
	REQUIRE(app_evidence_add_bytes(&x.as_officer, c, &m, "同一内容", strlen("同一内容"), &b,
				       &e) == FZ_OK);
	CHECK(a.id != b.id);
	CHECK_STR(a.digest, b.digest);
	REQUIRE(x.st->ops->ledger_size(x.st, &size1, NULL) == FZ_OK);
	CHECK_INT(size1, size0 + 2);
	struct ledger_leaf lf;
	unsigned char d[LEDGER_DIGEST_MAX];
	REQUIRE(x.st->ops->ledger_leaf_find(x.st, LEDGER_EVIDENCE, b.id, &lf, NULL) == FZ_OK);
	CHECK_INT(lf.idx, size0 + 1);
	CHECK_INT(app_ledger_evidence_digest(LEDGER_HASH_SM3, &b, d), 32);
	CHECK(memcmp(d, lf.digest, 32) == 0);
	int fd;
	struct evidence got;
	REQUIRE(app_evidence_open(&x.as_officer, c, a.id, &got, &fd, &e) == FZ_OK);
	char buf[64] = { 0 };
	CHECK_INT(read(fd, buf, sizeof buf - 1), (long)strlen("同一内容"));
	CHECK_STR(buf, "同一内容");
	close(fd);
	lx_close(&x);
}

static int files_in(const char *dir)
{
	int n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	for (struct dirent *de; (de = readdir(d));)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

TEST(app_evidence_refused_leaves_no_row_leaf_or_file)
{
	struct lx x;
	struct fz_error e = { 0 };
	char tmp[600];
	REQUIRE(lx_open(&x));
	snprintf(tmp, sizeof tmp, "%s/tmp", x.data_dir);
	int64_t open_case = a_case(&x, false), closed_case = a_case(&x, true);
	REQUIRE(open_case && closed_case);
	int64_t size0, size1;
	REQUIRE(x.st->ops->ledger_size(x.st, &size0, NULL) == FZ_OK);
	struct evidence_meta m = { "新.txt", "text/plain", EVIDENCE_TEXT_RECORD };
	const char *body = "一份从未保存过的内容";
	CHECK_INT(app_evidence_add_bytes(&x.as_officer, closed_case, &m, body, strlen(body), NULL,
					 &e), FZ_CONFLICT);
	/* a case of another agency is not there for this officer */
	int64_t foreign = a_foreign_case(&x);
	REQUIRE(foreign);
	CHECK_INT(app_evidence_add_bytes(&x.as_officer, foreign, &m, body, strlen(body), NULL, &e),
		  FZ_NOTFOUND);
	struct evidence_meta bad = { "a/b.txt", "text/plain", EVIDENCE_TEXT_RECORD };
	CHECK_INT(app_evidence_add_bytes(&x.as_officer, open_case, &bad, body, strlen(body), NULL,
					 &e), FZ_INVALID);
	/* over the limit while streaming */
	x.cfg.evidence_max = 4;
	CHECK_INT(app_evidence_add_bytes(&x.as_officer, open_case, &m, body, strlen(body), NULL, &e),
		  FZ_TOOLARGE);
	x.cfg.evidence_max = 0;
	/* a reviewer of the agency may not add (no case.act for the 三员 either) */
	struct app_ctx auditor = x.as_officer;
	struct user u = x.officer;
	u.roles = ROLE_AUDITOR;
	auditor.user = &u;
	CHECK_INT(app_evidence_add_bytes(&auditor, open_case, &m, body, strlen(body), NULL, &e),
		  FZ_FORBIDDEN);

	REQUIRE(x.st->ops->ledger_size(x.st, &size1, NULL) == FZ_OK);
	CHECK_INT(size1, size0);
	CHECK_INT(files_in(tmp), 0);
	unsigned char d[LEDGER_DIGEST_MAX];
	char hex[2 * LEDGER_DIGEST_MAX + 1], path[700];
	crypto_hex(d, ledger_digest(LEDGER_HASH_SM3, body, strlen(body), d), hex);
	snprintf(path, sizeof path, "%s/evidence/%.2s/%s", x.data_dir, hex, hex);
	CHECK(access(path, F_OK) != 0);
	lx_close(&x);
}

TEST(app_ledger_checkpoint_is_signed_only_when_the_ledger_grew)
{
	struct lx x;
	struct fz_error e = { 0 };
	struct ledger_checkpoint_row a, b, c;
	bool made;
	REQUIRE(lx_open(&x));
	REQUIRE(app_ledger_checkpoint(&x.cli, &made, &a, &e) == FZ_OK);
	CHECK(made);
	REQUIRE(app_ledger_checkpoint(&x.cli, &made, &b, &e) == FZ_OK);
	CHECK(!made);
	CHECK_INT(b.id, a.id);
	struct evidence_meta m = { "再.txt", "text/plain", EVIDENCE_TEXT_RECORD };
	REQUIRE(app_evidence_add_bytes(&x.as_officer, a_case(&x, false), &m, "x", 1, NULL, &e) ==
		FZ_OK);
	REQUIRE(app_ledger_checkpoint(&x.cli, &made, &c, &e) == FZ_OK);
	CHECK(made);
	CHECK_INT(c.tree_size, a.tree_size + 1);

	struct ledger_verify_report r;
	REQUIRE(app_ledger_verify(&x.cli, x.data_dir, NULL, &r, &e) == FZ_OK);
	CHECK(r.ok);
	CHECK_STR(r.problem, "");
	CHECK_INT(r.checkpoints, 2);
	CHECK_INT(r.unsigned_tail, 0);
	CHECK_INT(r.leaves, c.tree_size);
	CHECK(r.files > 10);
	/* no key: a clear error, nothing signed */
	x.cfg.data_dir = "/nonexistent/fazhi";
	CHECK_INT(app_ledger_checkpoint(&x.cli, &made, &c, &e), FZ_OK); /* nothing new */
	REQUIRE(app_evidence_add_bytes(&x.as_officer, a_case(&x, false), &m, "y", 1, NULL, &e) !=
		FZ_OK);
	lx_close(&x);
}

/* Rows written behind the application (straight to the store, as code
 * before the ledger did) are never logged after the fact: the check that
 * `fazhi init` runs names them and appends nothing. */
TEST(app_ledger_unlogged_check_names_rows_without_a_leaf)
{
	struct lx x;
	struct fz_error e = { 0 };
	REQUIRE(lx_open(&x));
	CHECK_INT(app_ledger_unlogged_check(&x.cli, &e), FZ_OK);
	struct enf_case c = {
		.agency_id = x.officer.agency_id, .procedure = "penalty_general",
		.kind = CASE_PENALTY, .domain = "土地管理", .title = "旧案",
		.party_kind = PARTY_ORGANISATION, .party_name = "某公司", .act_date = "2025-03-01",
	};
	struct case_numbering num = { .agency_code = "旧", .kind_code = "罚立", .year = 2025 };
	REQUIRE(x.st->ops->case_insert(x.st, x.a, &c, &num, &e) == FZ_OK);
	struct case_event a = { .case_id = c.id, .step = "open", .on = "2025-03-02" };
	REQUIRE(x.st->ops->case_event_append(x.st, &a, &e) == FZ_OK);
	int64_t size0, size1;
	REQUIRE(x.st->ops->ledger_size(x.st, &size0, NULL) == FZ_OK);
	CHECK_INT(app_ledger_unlogged_check(&x.cli, &e), FZ_CONFLICT);
	char want[64];
	snprintf(want, sizeof want, "案件事件 #%lld", (long long)a.id);
	CHECK_CONTAINS(e.message, want);
	CHECK_CONTAINS(e.message, "账本不会事后补记");
	/* a key rotation written behind the application: named too */
	struct ledger_rotation_row rot = { .note = "x", .at = 1760000000 };
	rot.new_pubkey[0] = 1;
	REQUIRE(x.st->ops->rotation_insert(x.st, &rot, &e) == FZ_OK);
	CHECK_INT(app_ledger_unlogged_check(&x.cli, &e), FZ_CONFLICT);
	snprintf(want, sizeof want, "密钥轮换记录 #%lld", (long long)rot.id);
	CHECK_CONTAINS(e.message, want);
	REQUIRE(x.st->ops->ledger_size(x.st, &size1, NULL) == FZ_OK);
	CHECK_INT(size1, size0);
	lx_close(&x);
}

/* A case's header is logged at opening and again each time its bound
 * fields change (opened, closed ...): a closed demo case has versions,
 * the first not closed, the last closed, each with its leaf. */
TEST(app_ledger_case_header_is_logged_at_each_change)
{
	struct lx x;
	REQUIRE(lx_open(&x));
	int64_t id = a_case(&x, true);
	REQUIRE(id);
	struct case_header_list hs;
	REQUIRE(x.st->ops->case_headers(x.st, x.a, id, &hs, NULL) == FZ_OK);
	REQUIRE(hs.n >= 2);
	CHECK(!hs.items[0].c.closed);
	CHECK(hs.items[hs.n - 1].c.closed);
	for (size_t i = 0; i < hs.n; i++) {
		struct ledger_leaf lf;
		unsigned char d[LEDGER_DIGEST_MAX];
		CHECK_INT(hs.items[i].seq, (int64_t)i + 1);
		REQUIRE(x.st->ops->ledger_leaf_find(x.st, LEDGER_CASE_HEADER, hs.items[i].id, &lf,
						    NULL) == FZ_OK);
		CHECK_INT(app_ledger_header_digest(LEDGER_HASH_SM3, &hs.items[i], d), 32);
		CHECK(memcmp(d, lf.digest, 32) == 0);
		CHECK_INT(lf.at, hs.items[i].at);
	}
	/* the latest version is the row as it stands */
	struct enf_case c;
	const struct scope all = { .kind = SCOPE_ALL };
	REQUIRE(x.st->ops->case_get(x.st, x.a, &all, id, &c, NULL) == FZ_OK);
	CHECK_STR(hs.items[hs.n - 1].c.party_name, c.party_name);
	CHECK_STR(hs.items[hs.n - 1].c.opened_on, c.opened_on);
	int64_t drift;
	REQUIRE(x.st->ops->case_header_drift(x.st, &drift, NULL) == FZ_OK);
	CHECK_INT(drift, 0);
	/* nothing changed: appending again adds no version */
	int64_t again;
	REQUIRE(x.st->ops->case_header_append(x.st, id, time_now(), &again, NULL) == FZ_OK);
	CHECK_INT(again, 0);
	lx_close(&x);
}

static const char *find_bytes(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* Fields by key, officers by id: the order they are given in never
 * changes an event's digest; a changed value does. */
TEST(app_ledger_event_digest_ignores_the_order_of_fields_and_officers)
{
	struct case_field f1[] = { { "amount", "5000" }, { "facts", "占用耕地" }, { "basis", "第七十七条" } };
	struct case_field f2[] = { { "basis", "第七十七条" }, { "amount", "5000" }, { "facts", "占用耕地" } };
	int64_t o1[] = { 7, 3, 11 }, o2[] = { 11, 7, 3 };
	struct case_event a = { .id = 5, .case_id = 2, .seq = 3, .step = "decide", .on = "2026-01-02",
				.at = 1767225600, .fields = f1, .nfields = 3, .officers = o1,
				.nofficers = 3 };
	struct case_event b = a;
	b.fields = f2;
	b.officers = o2;
	unsigned char da[LEDGER_DIGEST_MAX], db[LEDGER_DIGEST_MAX];
	CHECK_INT(app_ledger_event_digest(LEDGER_HASH_SM3, &a, da), 32);
	CHECK_INT(app_ledger_event_digest(LEDGER_HASH_SM3, &b, db), 32);
	CHECK(memcmp(da, db, 32) == 0);
	f2[1].value = "50000";
	CHECK_INT(app_ledger_event_digest(LEDGER_HASH_SM3, &b, db), 32);
	CHECK(memcmp(da, db, 32) != 0);
	/* the encoding lists them sorted: "amount" first, officer 3 first */
	struct buf enc = BUF_INIT;
	app_ledger_event_encode(&a, &enc);
	REQUIRE(buf_status(&enc) == FZ_OK);
	const char *amount = find_bytes(enc.data, enc.len, "amount");
	const char *basis = find_bytes(enc.data, enc.len, "basis");
	CHECK(amount && basis && amount < basis);
	const unsigned char three[8] = { 0, 0, 0, 0, 0, 0, 0, 3 };
	CHECK(memcmp(enc.data + enc.len - 24, three, 8) == 0);
	buf_release(&enc);
}

/* The hash is each database's own: an SM3 and a SHA-256 database open
 * side by side in one process both record and verify. */
TEST(app_ledger_two_databases_with_two_hashes_in_one_process)
{
	struct lx x;
	struct fz_error e = { 0 };
	struct demo_summary sum;
	REQUIRE(lx_open(&x));
	char db2[600], dir2[600];
	snprintf(db2, sizeof db2, "%s/sha.db", t_tmpdir());
	snprintf(dir2, sizeof dir2, "%s/sha-data", t_tmpdir());
	struct app_config cfg2;
	app_config_defaults(&cfg2);
	cfg2.data_dir = dir2;
	struct store *st2;
	struct arena *a2 = arena_new();
	bool made;
	REQUIRE(a2 && store_sqlite_open(db2, true, &st2, &e) == FZ_OK);
	struct app_ctx sha;
	app_ctx_init(&sha, st2, a2, &cfg2, "cli", time_now());
	app_ctx_as_cli(&sha);
	REQUIRE(app_ledger_hash_choose(&sha, LEDGER_HASH_SHA256, &e) == FZ_OK);
	REQUIRE(app_ledger_key_init(dir2, &made, &e) == FZ_OK);
	REQUIRE(demo_seed(&sha, DEMO_PASSWORD, &sum, &e) == FZ_OK);
	CHECK_STR(app_ledger_hash_label(&sha), "sha256");
	CHECK_STR(app_ledger_hash_label(&x.cli), "sm3");
	/* records made in turn, each with its database's hash */
	struct evidence_meta m = { "两库.txt", "text/plain", EVIDENCE_TEXT_RECORD };
	struct evidence ev1, ev2;
	REQUIRE(app_evidence_add_bytes(&x.as_officer, a_case(&x, false), &m, "甲", 3, &ev1, &e) ==
		FZ_OK);
	struct case_filter f = { .closed = 2 };
	struct case_list l;
	const struct scope all = { .kind = SCOPE_ALL };
	REQUIRE(st2->ops->case_list(st2, a2, &all, &f, (struct page){ 0, 1 }, &l, NULL) == FZ_OK &&
		l.n == 1);
	REQUIRE(app_evidence_add_bytes(&sha, l.items[0].id, &m, "甲", 3, &ev2, &e) == FZ_OK);
	unsigned char d[LEDGER_DIGEST_MAX];
	char hex[2 * LEDGER_DIGEST_MAX + 1];
	crypto_hex(d, ledger_digest(LEDGER_HASH_SM3, "甲", 3, d), hex);
	CHECK_STR(ev1.digest, hex);
	crypto_hex(d, ledger_digest(LEDGER_HASH_SHA256, "甲", 3, d), hex);
	CHECK_STR(ev2.digest, hex);
	struct ledger_verify_report r1, r2;
	REQUIRE(app_ledger_verify(&x.cli, x.data_dir, NULL, &r1, &e) == FZ_OK);
	REQUIRE(app_ledger_verify(&sha, dir2, NULL, &r2, &e) == FZ_OK);
	CHECK(r1.ok);
	CHECK_STR(r1.problem, "");
	CHECK_STR(r1.hash, "sm3");
	CHECK(r2.ok);
	CHECK_STR(r2.problem, "");
	CHECK_STR(r2.hash, "sha256");
	/* and again the other way round */
	REQUIRE(app_ledger_verify(&sha, dir2, NULL, &r2, &e) == FZ_OK);
	REQUIRE(app_ledger_verify(&x.cli, x.data_dir, NULL, &r1, &e) == FZ_OK);
	CHECK(r1.ok && r2.ok);
	st2->ops->close(st2);
	arena_free(a2);
	lx_close(&x);
}

/* Exporting reads a case: the permission and the scope of every read,
 * refused (and audited) before anything is recorded. */
TEST(app_bundle_export_checks_permission_and_scope)
{
	struct lx x;
	struct fz_error e = { 0 };
	struct bundle_summary sum;
	REQUIRE(lx_open(&x));
	int64_t foreign = a_foreign_case(&x);
	REQUIRE(foreign);
	int64_t size0, size1;
	REQUIRE(x.st->ops->ledger_size(x.st, &size0, NULL) == FZ_OK);
	char path[600];
	snprintf(path, sizeof path, "%s/b", t_tmpdir());
	FILE *out = fopen(path, "wb");
	REQUIRE(out);
	CHECK_INT(app_bundle_export(&x.as_officer, x.data_dir, foreign, out, &sum, &e), FZ_NOTFOUND);
	struct app_ctx auditor = x.as_officer;
	struct user u = x.officer;
	u.roles = ROLE_AUDITOR;
	auditor.user = &u;
	auditor.actor = "auditor";
	CHECK_INT(app_bundle_export(&auditor, x.data_dir, a_case(&x, true), out, &sum, &e),
		  FZ_FORBIDDEN);
	struct app_ctx nobody = x.as_officer;
	nobody.user = NULL;
	CHECK_INT(app_bundle_export(&nobody, x.data_dir, a_case(&x, true), out, &sum, &e),
		  FZ_UNAUTHORIZED);
	REQUIRE(x.st->ops->ledger_size(x.st, &size1, NULL) == FZ_OK);
	CHECK_INT(size1, size0);
	CHECK_INT(ftell(out), 0);
	struct audit_filter af = { .action = "case.export", .result = "denied" };
	struct audit_list al;
	REQUIRE(x.st->ops->audit_list(x.st, x.a, &af, (struct page){ 0, 10 }, &al, NULL) == FZ_OK);
	CHECK(al.n >= 1);
	/* the officer's own case: exported, the export recorded and audited */
	CHECK_INT(app_bundle_export(&x.as_officer, x.data_dir, a_case(&x, true), out, &sum, &e),
		  FZ_OK);
	REQUIRE(x.st->ops->ledger_size(x.st, &size1, NULL) == FZ_OK);
	CHECK_INT(size1, size0 + 1);
	CHECK_INT(sum.export_leaf, size0);
	af.result = "ok";
	REQUIRE(x.st->ops->audit_list(x.st, x.a, &af, (struct page){ 0, 10 }, &al, NULL) == FZ_OK);
	CHECK_INT(al.n, 1);
	CHECK_STR(al.items[0].actor, "officer1");
	fclose(out);
	out = fopen(path, "rb");
	REQUIRE(out);
	struct bundle_report r;
	bundle_verify(out, &r);
	fclose(out);
	CHECK(r.ok);
	CHECK_STR(r.problem, "");
	CHECK_INT(r.events, sum.events);
	CHECK_INT(r.headers, sum.headers);
	lx_close(&x);
}

/* Appends n leaves of kind 200 (no table behind them) straight into the
 * database, as other cases' records would: only their hashes matter to
 * the tree, and no interior node is stored for them (the checkpoint
 * catches up). */
static bool filler_leaves(const char *db, int n)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char sql[512];
	long long next = -1;
	bool ok = sqlite3_open(db, &h) == SQLITE_OK && sqlite3_busy_timeout(h, 10000) == SQLITE_OK &&
		  sqlite3_prepare_v2(h, "SELECT max(idx) + 1 FROM ledger_leaves", -1, &st, NULL) ==
			  SQLITE_OK;
	if (ok) {
		if (sqlite3_step(st) == SQLITE_ROW)
			next = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < %d)"
		 " INSERT INTO ledger_leaves (idx, kind, ref_id, digest, leaf_hash, at)"
		 " SELECT %lld + i, 200, 1000000 + %lld + i, randomblob(32), randomblob(32), 1760000000"
		 " FROM k",
		 n, next, next);
	ok = ok && next > 0 && sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(h);
	return ok;
}

/* Export takes each proof from the stored interior nodes: a case with
 * hundreds of items spread through a larger log exports, verifies, and
 * every proof in the bundle is the one recomputed from all the leaves. */
TEST(app_bundle_proofs_from_stored_nodes_equal_those_from_the_leaves)
{
	struct lx x;
	struct fz_error e = { 0 };
	struct bundle_summary sum;
	REQUIRE(lx_open(&x));
	int64_t c = a_case(&x, false);
	REQUIRE(c);
	struct evidence_meta m = { "笔录.txt", "text/plain", EVIDENCE_TEXT_RECORD };
	for (int round = 0; round < 2; round++) {
		REQUIRE(filler_leaves(x.db, 2000 + 1000 * round));
		for (int i = 0; i < 150; i++) {
			char body[32];
			struct evidence ev;
			snprintf(body, sizeof body, "询问笔录 %d-%d", round, i);
			REQUIRE(app_evidence_add_bytes(&x.as_officer, c, &m, body, strlen(body), &ev,
						       &e) == FZ_OK);
		}
	}
	char path[600];
	snprintf(path, sizeof path, "%s/many.bundle", t_tmpdir());
	FILE *out = fopen(path, "wb");
	REQUIRE(out);
	REQUIRE(app_bundle_export(&x.as_officer, x.data_dir, c, out, &sum, &e) == FZ_OK);
	fclose(out);
	CHECK(sum.evidence >= 300);
	CHECK(sum.tree_size > 5300);

	/* every leaf hash of the checkpoint's tree, to recompute the proofs */
	size_t hs = 32, n = (size_t)sum.tree_size;
	unsigned char *leaves = calloc(n, hs);
	REQUIRE(leaves);
	for (size_t from = 0; from < n;) {
		struct ledger_leaf_list page;
		struct arena *a = arena_new();
		REQUIRE(a);
		REQUIRE(x.st->ops->ledger_leaves(x.st, a, (int64_t)from, 5000, &page, NULL) == FZ_OK);
		REQUIRE(page.n > 0);
		for (size_t i = 0; i < page.n && from + i < n; i++)
			memcpy(leaves + (from + i) * hs, page.items[i].leaf_hash, hs);
		from += page.n;
		arena_free(a);
	}
	FILE *in = fopen(path, "rb");
	REQUIRE(in);
	struct bundle_report r;
	bundle_verify(in, &r);
	CHECK(r.ok);
	CHECK_STR(r.problem, "");
	CHECK_INT(r.evidence, sum.evidence);
	rewind(in);
	static char line[1 << 16], want[(MERKLE_PROOF_MAX + 1) * 65 + 8];
	long long idx = -1, filebytes;
	int proofs = 0, differ = 0;
	while (fgets(line, sizeof line, in)) {
		char type[16];
		if (sscanf(line, "file %lld", &filebytes) == 1) {
			REQUIRE(fseek(in, filebytes + 1, SEEK_CUR) == 0);
		} else if (strncmp(line, "proof", 5) == 0 && idx >= 0) {
			struct merkle_proof p;
			REQUIRE(merkle_inclusion_proof(LEDGER_HASH_SM3, leaves, n, (uint64_t)idx, &p) ==
				FZ_OK);
			size_t k = (size_t)snprintf(want, sizeof want, "proof");
			for (size_t i = 0; i < p.n; i++) {
				want[k++] = ' ';
				crypto_hex(p.hash[i], hs, want + k);
				k += 2 * hs;
			}
			snprintf(want + k, sizeof want - k, "\n");
			differ += strcmp(line, want) != 0;
			proofs++;
			idx = -1;
		} else if (sscanf(line, "%15s %lld", type, &idx) != 2) {
			idx = -1;
		}
	}
	fclose(in);
	free(leaves);
	CHECK_INT(proofs, sum.headers + sum.events + sum.evidence + sum.documents + 1);
	CHECK_INT(differ, 0);
	lx_close(&x);
}
