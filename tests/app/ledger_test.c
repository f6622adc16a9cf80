/* ledger_test.c - the ledger through the app layer, on the demo county:
 * every event, evidence file and document has exactly one leaf whose
 * digest is its canonical digest; evidence is stored once per content,
 * refused on closed cases and outside the scope without leaving a file;
 * checkpoints are signed only when the ledger grew; the verifier passes. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/authz.h"
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
	struct case_filter f = { .closed = 2 };
	struct case_list l;
	const struct scope all = { .kind = SCOPE_ALL };
	REQUIRE(x.st->ops->case_list(x.st, x.a, &all, &f, (struct page){ 0, 200 }, &l, NULL) ==
		FZ_OK);
	int64_t foreign = 0;
	for (size_t i = 0; i < l.n && !foreign; i++)
		if (l.items[i].agency_id != x.officer.agency_id)
			foreign = l.items[i].id;
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
	REQUIRE(x.st->ops->ledger_size(x.st, &size1, NULL) == FZ_OK);
	CHECK_INT(size1, size0);
	lx_close(&x);
}
