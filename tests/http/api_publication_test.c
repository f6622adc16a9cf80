/* api_publication_test.c - the publication pipeline over HTTP, on the
 * demo county: a decision's publication is prepared redacted, previewed
 * beside the original, refused to the wrong role and to a text that
 * still holds what the rules mask, confirmed live on the portal; a
 * revoked decision starts the withdrawal clock and leaves a public
 * notice; a late publication is published and counted late; the open
 * data downloads say what the portal says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_fixture.h"
#include "app/ledger.h"
#include "domain/publication.h"
#include "store/store.h"
#include "t.h"

static const struct scope all = { .kind = SCOPE_ALL };

static int64_t case_titled(struct t_demo *d, const char *title)
{
	struct case_list l;
	struct case_filter f = { .q = title };
	if (d->ts.st->ops->case_list(d->ts.st, d->ts.a, &all, &f, (struct page){ 0, 5 }, &l, NULL) ||
	    l.n != 1)
		return 0;
	return l.items[0].id;
}

/* The latest publication of the case (by the store), and its status. */
static int64_t publication_of(struct t_demo *d, int64_t case_id, struct publication *out)
{
	struct publication_list l;
	struct publication_filter f = { .status = -1 };
	int64_t id = 0;
	if (d->ts.st->ops->publication_list(d->ts.st, d->ts.a, &f, &all, (struct page){ 0, 200 },
					    &l, NULL))
		return 0;
	for (size_t i = 0; i < l.n; i++)
		if (l.items[i].case_id == case_id) {
			id = l.items[i].id;
			if (out)
				*out = l.items[i];
		}
	return id;
}

static enum pub_status status_of(struct t_demo *d, int64_t pub)
{
	struct publication p;
	if (d->ts.st->ops->publication_get(d->ts.st, d->ts.a, pub, &p, NULL))
		return PUB_STATUS_COUNT;
	return p.status;
}

static int64_t leaves_of_kind(struct t_demo *d, int kind)
{
	struct ledger_leaf lf;
	int64_t n = 0;
	for (int64_t ref = 1; ref < 100; ref++)
		if (d->ts.st->ops->ledger_leaf_find(d->ts.st, kind, ref, &lf, NULL) == FZ_OK)
			n++;
	return n;
}

TEST(publication_is_prepared_redacted_and_goes_live_only_when_the_reviewer_confirms)
{
	struct t_demo d;
	char path[128];
	REQUIRE(t_demo_start(&d));
	/* decided three days ago against a citizen (田学军, ID number on the
	 * decision): prepared, not yet public */
	int64_t c = case_titled(&d, "未经批准临时用地逾期不归还");
	REQUIRE(c > 0);
	int64_t id = publication_of(&d, c, NULL);
	REQUIRE(id > 0);
	CHECK_INT(status_of(&d, id), PUB_PREPARED);
	snprintf(path, sizeof path, "/api/v1/public/publications/%lld", (long long)id);
	struct http_resp r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);

	/* the reviewer's preview: the original beside the redacted text */
	snprintf(path, sizeof path, "/api/v1/publications/%lld", (long long)id);
	r = t_api(&d, "reviewer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	json_t *j = t_json(&r);
	const char *orig = json_string_value(json_object_get(j, "original_text"));
	const char *text = json_string_value(json_object_get(j, "text"));
	REQUIRE(orig && text);
	CHECK_CONTAINS(orig, "田学军");
	CHECK(!strstr(text, "田学军"));
	CHECK_CONTAINS(text, "当事人：田某");
	CHECK_CONTAINS(text, "公民身份号码：×××");
	CHECK_CONTAINS(text, "海自然资罚〔2026〕"); /* decision numbers stay */
	json_decref(j);
	t_resp_free(&r);

	/* only the publishing step's role confirms; nothing changes else */
	snprintf(path, sizeof path, "/api/v1/publications/%lld/confirm", (long long)id);
	r = t_api(&d, "officer1", "POST", path, "{}");
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body, "法制审核人员");
	t_resp_free(&r);
	r = t_api(&d, "head1", "POST", path, "{}");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	CHECK_INT(status_of(&d, id), PUB_PREPARED);

	/* an adjusted text that still holds a phone or an ID number is refused */
	r = t_api(&d, "reviewer1", "POST", path,
		  "{\"text\":\"当事人田某，联系电话13995551234，违法占地。\"}");
	CHECK_ERROR(r, 400, "invalid", "text");
	CHECK_CONTAINS(r.body, "仍含有依规则应当隐去的内容（电话号码）");
	t_resp_free(&r);
	r = t_api(&d, "reviewer1", "POST", path,
		  "{\"title\":\"田某 110105194912310021 违法占地\"}");
	CHECK_ERROR(r, 400, "invalid", "title");
	CHECK_CONTAINS(r.body, "身份证号码");
	t_resp_free(&r);
	r = t_api(&d, "reviewer1", "POST", path, "{\"end_on\":\"2026-02-30\"}");
	CHECK_ERROR(r, 400, "invalid", "end_on");
	CHECK_CONTAINS(r.body, "公示截止日期");
	t_resp_free(&r);
	CHECK_INT(status_of(&d, id), PUB_PREPARED);
	int64_t leaves = leaves_of_kind(&d, LEDGER_PUBLICATION);

	/* confirmed: live, the case step 公示 recorded, a ledger leaf */
	r = t_api(&d, "reviewer1", "POST", path, "{}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"hand_masked\":0"); /* nothing masked by hand */
	CHECK_CONTAINS(r.body, "\"status\":\"live\"");
	t_resp_free(&r);
	CHECK_INT(status_of(&d, id), PUB_LIVE);
	CHECK_INT(leaves_of_kind(&d, LEDGER_PUBLICATION), leaves + 1);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/events?limit=100", (long long)c);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_CONTAINS(r.body, "\"step\":\"publish\"");
	t_resp_free(&r);
	/* twice is a conflict */
	snprintf(path, sizeof path, "/api/v1/publications/%lld/confirm", (long long)id);
	r = t_api(&d, "reviewer1", "POST", path, "{}");
	CHECK_ERROR(r, 409, "conflict", "status");
	t_resp_free(&r);

	/* on the portal, for anyone: no full name, no ID number, no phone */
	snprintf(path, sizeof path, "/api/v1/public/publications/%lld", (long long)id);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "田某");
	CHECK(!strstr(r.body, "田学军"));
	CHECK(!strstr(r.body, "original_text"));
	t_resp_free(&r);
	snprintf(path, sizeof path, "/public/decisions/%lld", (long long)id);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "当事人：田某");
	CHECK(!strstr(r.body, "经审核人员另行隐去"));
	CHECK_CONTAINS(r.body, "href=\"/ledger\"");
	CHECK_CONTAINS(r.body, "核验方法");
	/* its record is in the ledger; signed after the latest checkpoint,
	 * its proof comes with the next one */
	CHECK_CONTAINS(r.body, "本公示在账本中的记录");
	CHECK_CONTAINS(r.body, "下一个检查点签署后可取得");
	CHECK(!strstr(r.body, "田学军"));
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/decisions", NULL);
	CHECK_CONTAINS(r.body, "未经批准临时用地逾期不归还");
	t_resp_free(&r);
	t_demo_stop(&d);
}

static struct http_resp confirm_with(struct t_demo *d, int64_t id, const char *field,
				     const char *value)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/publications/%lld/confirm", (long long)id);
	json_t *o = json_pack("{s:s}", field, value);
	char *body = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	struct http_resp r = t_api(d, "reviewer1", "POST", path, body ? body : "{}");
	free(body);
	return r;
}

/* s with its first `from` made `to` (or `to` appended when from is
 * NULL), in out (cap bytes); NULL when from is not in s. */
static const char *edited(const char *s, const char *from, const char *to, char *out,
			  size_t cap)
{
	const char *at = from ? strstr(s, from) : s + strlen(s);
	if (!at)
		return NULL;
	snprintf(out, cap, "%.*s%s%s", (int)(at - s), s, to, at + (from ? strlen(from) : 0));
	return out;
}

/* Issue 10: at confirmation the reviewer may only hide more than the
 * automatic redaction. A changed number, an added sentence, a changed
 * line break, an empty text or a retitled title are refused saying to
 * correct the record instead, and nothing changes; a name masked further
 * goes live, counted (1 span) in the answer, the audit, and on the
 * portal's API and page. */
TEST(reviewer_adjustment_may_only_mask_more_than_the_automatic_redaction)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	int64_t c = case_titled(&d, "未经批准临时用地逾期不归还");
	struct publication p;
	int64_t id = publication_of(&d, c, &p);
	REQUIRE(id > 0 && p.status == PUB_PREPARED);
	size_t cap = strlen(p.text) + 256;
	char *buf = malloc(cap), *title = malloc(strlen(p.title) + 64);
	REQUIRE(buf && title);
	const struct {
		const char *field, *from, *to;
	} bad[] = {
		{ "text", "〔2026〕", "〔2025〕" },    /* the decision's number changed */
		{ "text", NULL, "当事人已缴纳罚款。" }, /* a sentence added */
		{ "text", "\n", " " },                /* a line break made a space */
		{ "title", NULL, "（更正）" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bool t = strcmp(bad[i].field, "title") == 0;
		const char *v = t ? edited(p.title, bad[i].from, bad[i].to, title,
					    strlen(p.title) + 64)
				  : edited(p.text, bad[i].from, bad[i].to, buf, cap);
		REQUIRE(v);
		struct http_resp r = confirm_with(&d, id, bad[i].field, v);
		CHECK_ERROR(r, 400, "invalid", bad[i].field);
		CHECK_CONTAINS(r.body, "不能改写、增加或删除其他文字");
		CHECK_CONTAINS(r.body, "请更正办理记录");
		t_resp_free(&r);
	}
	struct http_resp r = confirm_with(&d, id, "text", "");
	CHECK_ERROR(r, 400, "invalid", "text");
	CHECK_CONTAINS(r.body, "公示正文不能为空");
	t_resp_free(&r);
	struct publication now;
	REQUIRE(d.ts.st->ops->publication_get(d.ts.st, d.ts.a, id, &now, NULL) == FZ_OK);
	CHECK_INT(now.status, PUB_PREPARED);
	CHECK_STR(now.text, p.text);
	CHECK_STR(now.title, p.title);
	CHECK_INT(now.hand_masked, 0);

	/* the party's surname masked too: one span, live */
	const char *v = edited(p.text, "当事人：田某", "当事人：某某", buf, cap);
	REQUIRE(v);
	r = confirm_with(&d, id, "text", v);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"hand_masked\":1");
	CHECK_CONTAINS(r.body, "当事人：某某");
	t_resp_free(&r);
	CHECK_INT(status_of(&d, id), PUB_LIVE);
	/* the portal's API and page say so, for anyone */
	char path[96];
	const char *const portal[] = { "/api/v1/public/publications/", "/public/decisions/" };
	for (size_t k = 0; k < 2; k++) {
		snprintf(path, sizeof path, "%s%lld", portal[k], (long long)id);
		r = t_api(&d, NULL, "GET", path, NULL);
		CHECK_INT(r.status, 200);
		CHECK_CONTAINS(r.body, "本文在自动隐去个人信息之外，经审核人员另行隐去 1 处。");
		CHECK_CONTAINS(r.body, "当事人：某某");
		t_resp_free(&r);
	}
	/* the audit records the count with the publication */
	int64_t aid = t_first_id(&d, "auditor", "/api/v1/audit?action=publication.publish&limit=1");
	REQUIRE(aid > 0);
	snprintf(path, sizeof path, "/api/v1/audit/%lld/changes", (long long)aid);
	r = t_api(&d, "auditor", "GET", path, NULL);
	CHECK_CONTAINS(r.body, "\"field\":\"hand_masked\"");
	CHECK_CONTAINS(r.body, "\"after\":\"1\"");
	t_resp_free(&r);
	free(buf);
	free(title);
	t_demo_stop(&d);
}

/* A demo decision published before a signed checkpoint: its page gives
 * the leaf's index and hash and links the inclusion proof at the signed
 * size, and that proof is for the very leaf the page shows — what anyone
 * can check against the signed checkpoint with their own tools. */
TEST(public_decision_page_links_the_inclusion_proof_of_its_ledger_record)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	/* the agency makes its key and signs a checkpoint (from the shell,
	 * beside the server) */
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
		 "'%s' init --db '%s' --data-dir '%s' >/dev/null && "
		 "'%s' checkpoint --db '%s' --data-dir '%s' --tsa-url none >/dev/null",
		 t_fazhi_bin(), d.ts.db, d.ts.data_dir, t_fazhi_bin(), d.ts.db, d.ts.data_dir);
	REQUIRE(system(cmd) == 0);
	struct http_resp r = t_api(&d, NULL, "GET", "/api/v1/public/publications?limit=1", NULL);
	CHECK_INT(r.status, 200);
	const char *idp = strstr(r.body, "\"id\":");
	REQUIRE(idp);
	long long id = strtoll(idp + 5, NULL, 10);
	t_resp_free(&r);
	char path[160];
	snprintf(path, sizeof path, "/public/decisions/%lld", id);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	const char *link = strstr(r.body, "/api/v1/ledger/proof/inclusion?index=");
	const char *hash = strstr(r.body, "<code class=\"hash\">");
	REQUIRE(link && hash);
	char proof[160], leaf[160];
	size_t k = 0;
	for (const char *q = link; *q && *q != '"' && k + 1 < sizeof proof; q++) {
		if (!strncmp(q, "&amp;", 5)) {
			proof[k++] = '&';
			q += 4;
		} else {
			proof[k++] = *q;
		}
	}
	proof[k] = '\0';
	hash += strlen("<code class=\"hash\">");
	k = 0;
	while (hash[k] && hash[k] != '<' && k + 1 < sizeof leaf) {
		leaf[k] = hash[k];
		k++;
	}
	leaf[k] = '\0';
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", proof, NULL);
	CHECK_INT(r.status, 200);
	char want[200];
	snprintf(want, sizeof want, "\"leaf_hash\":\"%s\"", leaf);
	CHECK_CONTAINS(r.body, want);
	CHECK_CONTAINS(r.body, "\"proof\"");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(published_texts_on_the_portal_hold_no_id_number_phone_or_witness_name)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	/* the demo's facts name a witness with ID number, phone and address */
	struct http_resp r = t_api(&d, NULL, "GET", "/api/v1/public/publications?limit=200", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "证人：马某");
	CHECK_CONTAINS(r.body, "举报人：李某");
	CHECK(!strstr(r.body, "马文斌"));
	CHECK(!strstr(r.body, "640522198503120013"));
	CHECK(!strstr(r.body, "13909551234"));
	CHECK(!strstr(r.body, "139 9555 0123"));
	CHECK(!strstr(r.body, "文昌路12号"));
	/* legal persons keep their name and USCC */
	CHECK_CONTAINS(r.body, "海原县丰润养殖专业合作社");
	/* prepared ones are not on the portal */
	CHECK(!strstr(r.body, "\"prepared\""));
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(late_publication_is_still_published_and_counted_late)
{
	struct t_demo d;
	struct publication p;
	REQUIRE(t_demo_start(&d));
	int64_t c = case_titled(&d, "违法占用土地建设仓储设施");
	REQUIRE(c > 0);
	REQUIRE(publication_of(&d, c, &p) > 0);
	CHECK_INT(p.status, PUB_LIVE);
	CHECK(p.late);
	CHECK(strcmp(p.published_on, p.due_on) > 0);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/public/publications/%lld", (long long)p.id);
	struct http_resp r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "\"late\":true");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(revoked_decision_runs_the_withdrawal_clock_and_leaves_a_public_notice)
{
	struct t_demo d;
	char path[128];
	REQUIRE(t_demo_start(&d));
	int64_t c = case_titled(&d, "非法占地建设养殖场");
	REQUIRE(c > 0);
	int64_t id = publication_of(&d, c, NULL);
	REQUIRE(id > 0);
	CHECK_INT(status_of(&d, id), PUB_LIVE);
	/* withdrawal before the decision is set aside: refused, clearly */
	snprintf(path, sizeof path, "/api/v1/publications/%lld/withdraw", (long long)id);
	struct http_resp r = t_api(&d, "reviewer1", "POST", path, "{}");
	CHECK_ERROR(r, 409, "conflict", "status");
	CHECK_CONTAINS(r.body, "撤销、变更或确认违法后");
	t_resp_free(&r);

	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)c);
	r = t_api(&d, "head1", "POST", path,
		  "{\"step\":\"revoke_decision\",\"fields\":{\"mode\":\"revoke\","
		  "\"reasons\":\"经复查，占地系经批准的设施农业用地\"}}");
	CHECK_INT(r.status, 201);
	t_resp_free(&r);
	CHECK_INT(status_of(&d, id), PUB_WITHDRAWING);
	/* the withdrawal clock runs: 3 working days, a duty */
	snprintf(path, sizeof path, "/api/v1/cases/%lld/deadlines", (long long)c);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_CONTAINS(r.body, "撤下公示期限");
	CHECK_CONTAINS(r.body, "第四十八条第二款");
	t_resp_free(&r);
	/* a duty with a due date the publication shows too (预警 lists it
	 * once it is the case's nearest or overdue duty) */
	struct publication pw;
	REQUIRE(d.ts.st->ops->publication_get(d.ts.st, d.ts.a, id, &pw, NULL) == FZ_OK);
	CHECK(pw.withdraw_due_on[0] != '\0');
	snprintf(path, sizeof path, "\"due\":\"%s\"", pw.withdraw_due_on);
	snprintf(path + 64, sizeof path - 64, "/api/v1/cases/%lld/deadlines", (long long)c);
	r = t_api(&d, "officer1", "GET", path + 64, NULL);
	CHECK_CONTAINS(r.body, path);
	t_resp_free(&r);
	/* still public until withdrawn */
	snprintf(path, sizeof path, "/api/v1/public/publications/%lld", (long long)id);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);

	/* only the reviewer withdraws; the pipeline records 撤下公示 */
	snprintf(path, sizeof path, "/api/v1/publications/%lld/withdraw", (long long)id);
	r = t_api(&d, "officer1", "POST", path, "{}");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	CHECK_INT(status_of(&d, id), PUB_WITHDRAWING);
	r = t_api(&d, "reviewer1", "POST", path, "{}");
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	CHECK_INT(status_of(&d, id), PUB_WITHDRAWN);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/events?limit=100", (long long)c);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_CONTAINS(r.body, "\"step\":\"unpublish\"");
	t_resp_free(&r);

	/* the public URL now shows the notice: date, reason, basis; no text */
	snprintf(path, sizeof path, "/public/decisions/%lld", (long long)id);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "撤下公告");
	CHECK_CONTAINS(r.body, "经复查，占地系经批准的设施农业用地");
	CHECK_CONTAINS(r.body, "《中华人民共和国行政处罚法》第四十八条第二款");
	CHECK(!strstr(r.body, "证人"));
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/public/publications/%lld", (long long)id);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_CONTAINS(r.body, "\"text\":null");
	t_resp_free(&r);
	/* and the withdrawal log lists it, on the page and in the API */
	r = t_api(&d, NULL, "GET", "/public/withdrawals", NULL);
	CHECK_CONTAINS(r.body, "非法占地建设养殖场");
	CHECK_CONTAINS(r.body, "违法占用土地建设停车场"); /* the demo's */
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/api/v1/public/withdrawals", NULL);
	CHECK_CONTAINS(r.body, "\"total\":2");
	t_resp_free(&r);
	/* the indicators count both withdrawals, from the events */
	r = t_api(&d, "supervisor", "GET", "/api/v1/indicators?from=2020-01-01", NULL);
	CHECK_INT(r.status, 200);
	json_t *ind = t_json(&r), *it;
	size_t i;
	bool seen = false;
	json_array_foreach(json_object_get(ind, "items"), i, it) {
		if (strcmp(json_string_value(json_object_get(it, "id")), "withdrawal") != 0)
			continue;
		seen = true;
		CHECK_INT(json_integer_value(json_object_get(it, "denominator")), 2);
		CHECK(json_integer_value(json_object_get(it, "numerator")) >= 1);
		CHECK_INT(json_array_size(json_object_get(it, "denominator_cases")), 2);
	}
	CHECK(seen);
	json_decref(ind);
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", "/indicators/withdrawal?from=2020-01-01&part=den", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "非法占地建设养殖场");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/feed.atom", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<feed xmlns=\"http://www.w3.org/2005/Atom\">");
	CHECK_CONTAINS(r.body, "【撤下】");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(public_lists_refuse_bad_filters_clearly_and_page)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, NULL, "GET", "/api/v1/public/publications?from=2026-13-01",
				   NULL);
	CHECK_ERROR(r, 400, "invalid", "from");
	CHECK_CONTAINS(r.body, "起始日期应为 YYYY-MM-DD 格式的有效日期");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/api/v1/public/publications?from=2026-12-01&to=2026-01-01",
		  NULL);
	CHECK_ERROR(r, 400, "invalid", "from");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/api/v1/public/publications?kind=bogus", NULL);
	CHECK_ERROR(r, 400, "invalid", "kind");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/decisions?to=yesterday", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "截止日期应为");
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/api/v1/public/publications?limit=2", NULL);
	CHECK_INT(r.status, 200);
	json_t *j = t_json(&r);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 2);
	int64_t total = json_integer_value(json_object_get(j, "total"));
	CHECK(total > 2);
	CHECK(json_is_false(json_object_get(j, "total_more")));
	json_decref(j);
	t_resp_free(&r);
	/* a count bound below the portal's publications: the API says its
	 * total is a lower bound, the page says 超过 and links the next page,
	 * and the last page is exact */
	d.ts.cfg.case_count_max = 2;
	REQUIRE(t_server_restart(&d.ts, 0));
	r = t_api(&d, NULL, "GET", "/api/v1/public/publications?limit=1", NULL);
	j = t_json(&r);
	CHECK_INT(json_integer_value(json_object_get(j, "total")), 2);
	CHECK(json_is_true(json_object_get(j, "total_more")));
	json_decref(j);
	t_resp_free(&r);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/public/publications?limit=2&offset=%lld",
		 (long long)total - 1);
	r = t_api(&d, NULL, "GET", path, NULL);
	j = t_json(&r);
	CHECK_INT(json_integer_value(json_object_get(j, "total")), total);
	CHECK(json_is_false(json_object_get(j, "total_more")));
	json_decref(j);
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/public/decisions?size=1", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "<span>第 1 页，超过 2 条</span>");
	CHECK_CONTAINS(r.body, "rel=\"next\"");
	CHECK_LACKS(r.body, "rel=\"last\"");
	t_resp_free(&r);
	/* the reviewer's list is not public */
	r = t_api(&d, NULL, "GET", "/api/v1/publications", NULL);
	CHECK_INT(r.status, 401);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(open_data_csv_json_and_xlsx_hold_what_the_portal_shows)
{
	struct t_demo d;
	char cmd[2600], path[512];
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, NULL, "GET", "/api/v1/public/publications?limit=200", NULL);
	json_t *j = t_json(&r);
	t_resp_free(&r);
	REQUIRE(j);
	size_t n = json_array_size(json_object_get(j, "items"));
	REQUIRE(n >= 3);
	struct http_resp csv = t_api(&d, NULL, "GET", "/api/v1/public/open-data/publications.csv",
				     NULL);
	struct http_resp js = t_api(&d, NULL, "GET", "/api/v1/public/open-data/publications.json",
				    NULL);
	CHECK_INT(csv.status, 200);
	CHECK_INT(js.status, 200);
	CHECK_CONTAINS(csv.body, "\"编号\",\"标题\"");
	json_t *whole = t_json(&js);
	CHECK_INT(json_integer_value(json_object_get(whole, "total")), (int64_t)n);
	json_decref(whole);
	/* the XLSX, read back with python3's zipfile: the first column holds
	 * every id the portal lists, the second every title */
	snprintf(path, sizeof path, "%s/pub.xlsx", d.ts.dir);
	snprintf(cmd, sizeof cmd,
		 "curl -sf -o '%s' http://127.0.0.1:%d/api/v1/public/open-data/publications.xlsx &&"
		 " python3 -c 'import sys,zipfile,re\n"
		 "z=zipfile.ZipFile(sys.argv[1])\n"
		 "s=re.findall(r\"<t[^>]*>([^<]*)</t>\",z.read(\"xl/sharedStrings.xml\").decode())\n"
		 "print(\"\\n\".join(s))' '%s' > '%s.txt'",
		 path, d.ts.port, path, path);
	REQUIRE(system(cmd) == 0);
	snprintf(cmd, sizeof cmd, "%s.txt", path);
	FILE *f = fopen(cmd, "r");
	REQUIRE(f);
	static char strings[1 << 20];
	size_t len = fread(strings, 1, sizeof strings - 1, f);
	strings[len] = '\0';
	fclose(f);
	CHECK_CONTAINS(strings, "公示日期");
	json_t *it;
	size_t i;
	json_array_foreach(json_object_get(j, "items"), i, it) {
		const char *title = json_string_value(json_object_get(it, "title"));
		CHECK_CONTAINS(csv.body, title);
		CHECK_CONTAINS(strings, title);
	}
	CHECK(!strstr(strings, "640522198503120013"));
	CHECK(!strstr(csv.body, "马文斌"));
	t_resp_free(&csv);
	t_resp_free(&js);
	json_decref(j);
	t_demo_stop(&d);
}

TEST(publication_past_its_end_date_leaves_the_listings_but_keeps_its_page)
{
	struct t_demo d;
	struct publication p;
	char path[96];
	REQUIRE(t_demo_start(&d));
	int64_t c = case_titled(&d, "擅自在耕地上挖砂");
	REQUIRE(c > 0);
	REQUIRE(publication_of(&d, c, &p) > 0);
	CHECK_INT(p.status, PUB_LIVE);
	struct http_resp r = t_api(&d, NULL, "GET", "/api/v1/public/publications?limit=200", NULL);
	CHECK_CONTAINS(r.body, "擅自在耕地上挖砂");
	t_resp_free(&r);
	/* its publicity period ended yesterday (set through the store: the
	 * API takes no end date in the past) */
	snprintf(p.end_on, sizeof p.end_on, "2020-01-01");
	REQUIRE(d.ts.st->ops->publication_update(d.ts.st, &p, NULL) == FZ_OK);
	r = t_api(&d, NULL, "GET", "/api/v1/public/publications?limit=200", NULL);
	CHECK(!strstr(r.body, "擅自在耕地上挖砂"));
	t_resp_free(&r);
	r = t_api(&d, NULL, "GET", "/api/v1/public/open-data/publications.csv", NULL);
	CHECK(!strstr(r.body, "擅自在耕地上挖砂"));
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/public/publications/%lld", (long long)p.id);
	r = t_api(&d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	t_resp_free(&r);
	/* an end date in the past is refused at confirmation */
	int64_t other = publication_of(&d, case_titled(&d, "非法开采黏土"), NULL);
	REQUIRE(other > 0);
	snprintf(path, sizeof path, "/api/v1/publications/%lld/confirm", (long long)other);
	r = t_api(&d, "reviewer1", "POST", path, "{\"end_on\":\"2020-01-01\"}");
	CHECK_ERROR(r, 400, "invalid", "end_on");
	CHECK_CONTAINS(r.body, "不能早于今天");
	t_resp_free(&r);
	t_demo_stop(&d);
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The pipeline's steps have no side door: 公示 and 撤下公示 typed as case
 * steps are refused (they are recorded only by confirming or withdrawing
 * the publication), and a 公示 record cannot be corrected. Nothing is
 * added to the case. */
TEST(publication_steps_are_not_taken_by_hand_nor_corrected)
{
	struct t_demo d;
	char path[128], body[256];
	REQUIRE(t_demo_start(&d));
	int64_t c = case_titled(&d, "违法占用土地建设仓储设施");
	REQUIRE(c > 0);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/events?limit=200", (long long)c);
	struct http_resp r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	int before = count_of(r.body, "\"seq\":");
	const char *pub = strstr(r.body, "\"step\":\"publish\"");
	REQUIRE(pub);
	/* the publish event's id: the "id" that opens its object */
	const char *open = pub;
	while (open > r.body && strncmp(open, "{\"id\":", 6) != 0)
		open--;
	long long pub_event = strtoll(open + 6, NULL, 10);
	t_resp_free(&r);
	REQUIRE(pub_event > 0);

	snprintf(path, sizeof path, "/api/v1/cases/%lld/steps", (long long)c);
	r = t_api(&d, "reviewer1", "POST", path,
		  "{\"step\":\"publish\",\"fields\":{\"publication\":\"1\"}}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "公示和撤下公示由公示流程在确认时自动记录");
	t_resp_free(&r);
	r = t_api(&d, "reviewer1", "POST", path, "{\"step\":\"unpublish\",\"reason\":\"手工撤下\"}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "公示和撤下公示由公示流程在确认时自动记录");
	t_resp_free(&r);
	snprintf(body, sizeof body,
		 "{\"step\":\"correction\",\"corrects\":%lld,\"reason\":\"笔误\","
		 "\"fields\":{\"publication\":\"2\"}}",
		 pub_event);
	r = t_api(&d, "head1", "POST", path, body);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body, "公示记录不能更正");
	t_resp_free(&r);

	snprintf(path, sizeof path, "/api/v1/cases/%lld/events?limit=200", (long long)c);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(count_of(r.body, "\"seq\":"), before);
	t_resp_free(&r);
	t_demo_stop(&d);
}
