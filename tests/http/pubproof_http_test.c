/* pubproof_http_test.c - a published decision's proof file on the
 * portal, no sign-in: before any checkpoint covers its records the page
 * says when the file comes and the download answers 409 with the reason;
 * once one is signed the decision page links the file, the page and API
 * downloads give the same file, and it verifies offline with the log's
 * key (both records of a withdrawn decision); a decision never published
 * has no file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_fixture.h"
#include "app/bundle_publication.h"
#include "domain/publication.h"
#include "store/store.h"
#include "t.h"

static const struct scope all = { .kind = SCOPE_ALL };

/* The first publication with status s, 0 when none. */
static int64_t publication_with(struct t_demo *d, enum pub_status s)
{
	struct publication_list l;
	struct publication_filter f = { .status = (int)s };
	if (d->ts.st->ops->publication_list(d->ts.st, d->ts.a, &f, &all, (struct page){ 0, 5 }, &l,
					    NULL) ||
	    l.n == 0)
		return 0;
	return l.items[0].id;
}

TEST(public_decision_page_links_its_proof_file_and_the_file_verifies)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t id = publication_with(&d, PUB_WITHDRAWN), hidden = publication_with(&d, PUB_PREPARED);
	REQUIRE(id > 0 && hidden > 0);
	char page[128], file[128], api[128], link[160];
	snprintf(page, sizeof page, "/public/decisions/%lld", (long long)id);
	snprintf(file, sizeof file, "/public/decisions/%lld/proof", (long long)id);
	snprintf(api, sizeof api, "/api/v1/public/publications/%lld/proof", (long long)id);
	snprintf(link, sizeof link, "<a href=\"%s\" download>", file);
	/* no checkpoint yet: no link, and the download says why */
	struct http_resp r = t_api(&d, NULL, "GET", page, NULL);
	CHECK_INT(r.status, 200);
	CHECK_LACKS(r.body, link);
	CHECK_CONTAINS(r.body, "公示证明文件在下一个检查点签署后可下载");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", api, NULL);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body, "下一个检查点签署后可下载证明文件");
	t_resp_free(&r);
	/* the agency signs a checkpoint (from the shell, beside the server) */
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
		 "'%s' init --db '%s' --data-dir '%s' >/dev/null && "
		 "'%s' checkpoint --db '%s' --data-dir '%s' --tsa-url none >/dev/null",
		 t_fazhi_bin(), d.ts.db, d.ts.data_dir, t_fazhi_bin(), d.ts.db, d.ts.data_dir);
	REQUIRE(system(cmd) == 0);
	r = t_api(&d, NULL, "GET", page, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, link);
	t_resp_free(&r);
	/* the ledger page says how to check a decision with it */
	r = t_api(&d, NULL, "GET", "/ledger", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "核验一项公示的执法决定");
	CHECK_CONTAINS(r.body, "fazhi verify-publication 证明文件 --key");
	CHECK_CONTAINS(r.body, "不用本系统手工核验");
	t_resp_free(&r);
	struct http_resp f = t_api(&d, NULL, "GET", file, NULL);
	CHECK_INT(f.status, 200);
	CHECK_CONTAINS(f.headers, "text/plain; charset=utf-8");
	CHECK_CONTAINS(f.headers, "attachment; filename=\"publication-");
	REQUIRE(!strncmp(f.body, PUBPROOF_MAGIC "\n", strlen(PUBPROOF_MAGIC) + 1));
	struct http_resp a = t_api(&d, NULL, "GET", api, NULL);
	CHECK_INT(a.status, 200);
	CHECK_STR(a.body, f.body);
	t_resp_free(&a);
	/* offline, with the key the log signs with (as published) */
	struct ledger_checkpoint_row cp;
	REQUIRE(!d.ts.st->ops->checkpoint_latest(d.ts.st, &cp, NULL));
	struct pubproof_trust tr = { .pubkey = cp.pubkey };
	static struct pubproof_report rep;
	pubproof_verify(f.body, strlen(f.body), &tr, &rep);
	CHECK(rep.ok);
	if (!rep.ok)
		t_fail(__FILE__, __LINE__, "%s", rep.problem);
	CHECK_INT(rep.decision, id);
	CHECK_INT((long long)rep.nrec, 2);
	CHECK(!rep.rec[0].withdraw && rep.rec[1].withdraw);
	CHECK_INT(rep.tree_size, cp.tree_size);
	CHECK_STR(rep.status, "withdrawn");
	/* and not with another key */
	unsigned char other[32];
	memset(other, 9, sizeof other);
	tr.pubkey = other;
	pubproof_verify(f.body, strlen(f.body), &tr, &rep);
	CHECK(!rep.ok);
	CHECK_CONTAINS(rep.problem, "检查点没有 --key 给出的日志公钥的签名");
	t_resp_free(&f);
	/* a decision never published has no page and no file */
	snprintf(file, sizeof file, "/public/decisions/%lld/proof", (long long)hidden);
	snprintf(api, sizeof api, "/api/v1/public/publications/%lld/proof", (long long)hidden);
	r = t_api(&d, NULL, "GET", file, NULL);
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body, "该公示不存在或尚未公开");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", api, NULL);
	CHECK_ERROR(r, 404, "not_found", "id");
	t_resp_free(&r);
	t_demo_stop(&d);
}
