/* pages_publication_test.c - 公示审核 and the portal as a browser without
 * JavaScript sees them: the reviewer's list and side-by-side preview, a
 * refused adjustment re-shown with its message and nothing changed, a
 * form without its CSRF field refused, the confirmation, and the portal's
 * pages for anyone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/publication.h"
#include "page_fixture.h"
#include "store/store.h"
#include "t.h"

static enum pub_status status_of(struct t_pages *p, int64_t id)
{
	struct publication pub;
	if (p->ts.st->ops->publication_get(p->ts.st, p->ts.a, id, &pub, NULL))
		return PUB_STATUS_COUNT;
	return pub.status;
}

TEST(reviewer_previews_beside_the_original_and_confirms_without_javascript)
{
	struct t_pages p;
	struct t_browser rev, o1;
	char url[96];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "reviewer1", &rev));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t c = t_pages_case_id(&p, "未经批准临时用地逾期不归还");
	int64_t id = t_pages_publication_of(&p, c, PUB_PREPARED);
	REQUIRE(id > 0);

	struct http_resp r = t_page_get(&p, &rev, "/publications?status=prepared");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "未经批准临时用地逾期不归还");
	CHECK_CONTAINS(r.body, "待确认");
	t_resp_free(&r);
	snprintf(url, sizeof url, "/publications/%lld", (long long)id);
	r = t_page_get(&p, &rev, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "原文（不公开）");
	CHECK_CONTAINS(r.body, "公示稿（隐名处理后）");
	CHECK_CONTAINS(r.body, "田学军"); /* the original, for the reviewer */
	CHECK_CONTAINS(r.body, "当事人：田某");
	CHECK_CONTAINS(r.body, "确认公示");
	t_resp_free(&r);

	/* an adjusted text with a phone: re-shown with the message, unchanged */
	snprintf(url, sizeof url, "/publications/%lld/confirm", (long long)id);
	r = t_page_post(&p, &rev, url, true, "text", "联系电话 0955-4012345", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "仍含有依规则应当隐去的内容（电话号码）");
	CHECK_CONTAINS(r.body, "0955-4012345"); /* the input is kept */
	t_resp_free(&r);
	CHECK_INT(status_of(&p, id), PUB_PREPARED);
	/* without the form's CSRF field: refused, unchanged */
	r = t_page_post(&p, &rev, url, false, NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	/* an officer may not confirm */
	r = t_page_post(&p, &o1, url, true, NULL);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body, "法制审核人员");
	t_resp_free(&r);
	CHECK_INT(status_of(&p, id), PUB_PREPARED);

	r = t_page_post(&p, &rev, url, true, "end_on", "2099-12-31", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_INT(status_of(&p, id), PUB_LIVE);
	snprintf(url, sizeof url, "/publications/%lld?msg=published", (long long)id);
	r = t_page_get(&p, &rev, url);
	CHECK_CONTAINS(r.body, "已公示");
	t_resp_free(&r);

	/* the case page lists its publication */
	snprintf(url, sizeof url, "/cases/%lld", (long long)c);
	r = t_page_get(&p, &rev, url);
	CHECK_CONTAINS(r.body, "<h2 id=\"publicity\">公示</h2>");
	CHECK_CONTAINS(r.body, "已公示");
	t_resp_free(&r);
	/* the portal, signed out */
	r = t_page_get(&p, NULL, "/public/decisions");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "未经批准临时用地逾期不归还");
	CHECK_CONTAINS(r.body, "/public/feed.atom");
	CHECK(!strstr(r.body, "田学军"));
	t_resp_free(&r);
	r = t_page_get(&p, NULL, "/public/decisions?kind=permit");
	CHECK(!strstr(r.body, "未经批准临时用地逾期不归还"));
	t_resp_free(&r);
	snprintf(url, sizeof url, "/public/decisions/%lld", (long long)id);
	r = t_page_get(&p, NULL, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "公示截止</dt><dd>2099-12-31");
	t_resp_free(&r);
	r = t_page_get(&p, NULL, "/");
	CHECK_CONTAINS(r.body, "href=\"/public/decisions\"");
	t_resp_free(&r);
	t_pages_stop(&p);
}

/* s with its first `from` made `to`, in out (cap bytes), every LF sent as
 * CRLF as a browser's textarea sends it; NULL when from is not in s. */
static const char *as_form(const char *s, const char *from, const char *to, char *out,
			   size_t cap)
{
	const char *at = strstr(s, from);
	size_t o = 0;
	if (!at)
		return NULL;
	for (const char *q = s; *q && o + 8 < cap;) {
		if (q == at) {
			o += (size_t)snprintf(out + o, cap - o, "%s", to);
			q += strlen(from);
		} else if (*q == '\n') {
			out[o++] = '\r';
			out[o++] = '\n';
			q++;
		} else {
			out[o++] = *q++;
		}
	}
	out[o] = '\0';
	return out;
}

/* Issue 10 through the form: the text comes back with CRLF line ends (as
 * a textarea sends it) and is read as the same text; a changed number is
 * re-shown with the message and the input, nothing changed; the party's
 * name masked further goes live and the public page says 1 span. */
TEST(reviewer_form_may_only_mask_more_and_the_portal_says_how_much)
{
	struct t_pages p;
	struct t_browser rev;
	char url[96];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "reviewer1", &rev));
	int64_t id = t_pages_publication_of(&p, t_pages_case_id(&p, "未经批准临时用地逾期不归还"),
					    PUB_PREPARED);
	REQUIRE(id > 0);
	struct publication pub;
	REQUIRE(p.ts.st->ops->publication_get(p.ts.st, p.ts.a, id, &pub, NULL) == FZ_OK);
	REQUIRE(strchr(pub.text, '\n'));
	size_t cap = 2 * strlen(pub.text) + 64;
	char *text = malloc(cap);
	REQUIRE(text);
	snprintf(url, sizeof url, "/publications/%lld/confirm", (long long)id);

	REQUIRE(as_form(pub.text, "〔2026〕", "〔2025〕", text, cap));
	struct http_resp r = t_page_post(&p, &rev, url, true, "text", text, NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "不能改写、增加或删除其他文字");
	CHECK_CONTAINS(r.body, "请更正办理记录");
	CHECK_CONTAINS(r.body, "〔2025〕"); /* the input is kept */
	t_resp_free(&r);
	CHECK_INT(status_of(&p, id), PUB_PREPARED);

	REQUIRE(as_form(pub.text, "当事人：田某", "当事人：某某", text, cap));
	r = t_page_post(&p, &rev, url, true, "text", text, NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	CHECK_INT(status_of(&p, id), PUB_LIVE);
	struct publication live;
	REQUIRE(p.ts.st->ops->publication_get(p.ts.st, p.ts.a, id, &live, NULL) == FZ_OK);
	CHECK(!strchr(live.text, '\r'));
	CHECK_INT(live.hand_masked, 1);
	snprintf(url, sizeof url, "/public/decisions/%lld", (long long)id);
	r = t_page_get(&p, NULL, url);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "本文在自动隐去个人信息之外，经审核人员另行隐去 1 处。");
	CHECK_CONTAINS(r.body, "当事人：某某");
	t_resp_free(&r);
	free(text);
	t_pages_stop(&p);
}
