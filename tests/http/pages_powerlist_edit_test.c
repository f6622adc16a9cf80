/* pages_powerlist_edit_test.c - the staff page for drafting the power
 * list (权责清单) meets the API's rules through its own forms: drafting
 * and editing by the legal unit or the head, the diff against the version
 * in force, publication by the head only with an effective date after
 * the previous one, a published version never edited, bad input refused
 * with a Chinese message and nothing changed. On the demo county:
 * 自然资源局 (head1, reviewer1) has two published versions, the second in
 * force from the demo's day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "base/buf.h"
#include "base/date.h"
#include "http/form.h"
#include "page_fixture.h"
#include "t.h"

/* The id in action="/power-lists/ID/items" of the page, or 0. */
static long long draft_id(const char *body)
{
	const char *p = body ? strstr(body, "action=\"/power-lists/") : NULL;
	while (p && !(p[strlen("action=\"/power-lists/")] >= '1' &&
		      p[strlen("action=\"/power-lists/")] <= '9'))
		p = strstr(p + 1, "action=\"/power-lists/");
	return p ? strtoll(p + strlen("action=\"/power-lists/"), NULL, 10) : 0;
}

static void unescape(struct buf *b, const char *s, size_t n)
{
	static const struct {
		const char *ent, *c;
	} ents[] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
		     { "&#39;", "'" } };
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		for (; k < 5; k++)
			if (strncmp(s + i, ents[k].ent, strlen(ents[k].ent)) == 0)
				break;
		if (k < 5) {
			buf_adds(b, ents[k].c);
			i += strlen(ents[k].ent);
		} else {
			buf_addc(b, s[i++]);
		}
	}
}

static void pair(struct buf *body, const char *name, size_t nlen, const char *value, size_t vlen,
		 char *const *over)
{
	struct buf nm = BUF_INIT, v = BUF_INIT;
	buf_add(&nm, name, nlen);
	for (size_t i = 0; over[i]; i += 2)
		if (strcmp(over[i], buf_cstr(&nm)) == 0) {
			buf_release(&nm);
			return; /* overridden: added at the end */
		}
	unescape(&v, value, vlen);
	if (body->len)
		buf_addc(body, '&');
	url_encode(body, buf_cstr(&nm));
	buf_addc(body, '=');
	url_encode(body, buf_cstr(&v));
	buf_release(&nm);
	buf_release(&v);
}

/* Posts the page's draft form (the one to /power-lists/ID/items) as a
 * browser would, with over (name, value pairs, NULL-ended) changed. */
static struct http_resp post_items(struct t_pages *p, const struct t_browser *b,
				   const char *page, char *const *over)
{
	const char *f = strstr(page, "/items\">");
	const char *end = f ? strstr(f, "</form>") : NULL;
	struct buf body = BUF_INIT;
	char path[64];
	snprintf(path, sizeof path, "/power-lists/%lld/items", draft_id(page));
	for (const char *q = f; q && q < end;) {
		const char *in = strstr(q, "<input ");
		const char *ta = strstr(q, "<textarea ");
		const char *se = strstr(q, "<select ");
		const char *next = in;
		if (ta && (!next || ta < next))
			next = ta;
		if (se && (!next || se < next))
			next = se;
		if (!next || next >= end)
			break;
		const char *nm = strstr(next, "name=\"") + 6;
		size_t nlen = (size_t)(strchr(nm, '"') - nm);
		if (next == in) {
			const char *tag_end = strchr(next, '>');
			const char *val = strstr(next, "value=\"");
			bool checkbox = strstr(next, "type=\"checkbox\"") &&
					strstr(next, "type=\"checkbox\"") < tag_end;
			if (!checkbox) {
				const char *v = val && val < tag_end ? val + 7 : "";
				pair(&body, nm, nlen, v, val && val < tag_end ? (size_t)(strchr(v, '"') - v) : 0,
				     over);
			}
			q = tag_end;
		} else if (next == ta) {
			const char *v = strchr(next, '>') + 1;
			const char *ve = strstr(v, "</textarea>");
			pair(&body, nm, nlen, v, (size_t)(ve - v), over);
			q = ve;
		} else {
			const char *se_end = strstr(next, "</select>");
			const char *sel = strstr(next, " selected>");
			const char *opt = sel && sel < se_end ? sel : strstr(next, "<option value=\"");
			while (sel && sel < se_end && strncmp(opt, "<option value=\"", 15) != 0)
				opt--;
			const char *v = opt + 15;
			pair(&body, nm, nlen, v, (size_t)(strchr(v, '"') - v), over);
			q = se_end;
		}
	}
	for (size_t i = 0; over[i]; i += 2) {
		if (body.len)
			buf_addc(&body, '&');
		url_encode(&body, over[i]);
		buf_addc(&body, '=');
		url_encode(&body, over[i + 1]);
	}
	struct http_resp r = t_http_cookie(&p->ts, "POST", path, b->token,
					   "application/x-www-form-urlencoded", buf_cstr(&body),
					   NULL);
	buf_release(&body);
	return r;
}

TEST(power_list_page_drafts_edits_shows_the_diff_and_publishes_like_the_api)
{
	struct t_pages p;
	struct t_browser head, rev, off;
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "head1", &head));
	REQUIRE(t_pages_login(&p, "reviewer1", &rev));
	REQUIRE(t_pages_login(&p, "officer1", &off));
	/* an officer does not draft */
	struct http_resp r = t_page_get(&p, &off, "/power-lists");
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	r = t_page_post(&p, &off, "/power-lists/new", true, NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);

	/* the legal unit starts a draft from the version in force */
	r = t_page_get(&p, &rev, "/power-lists");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "起草新版本");
	t_resp_free(&r);
	r = t_page_post(&p, &rev, "/power-lists/new", true, "note", "机构改革后调整", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_get(&p, &rev, "/power-lists");
	CHECK_INT(r.status, 200);
	long long id = draft_id(r.body);
	REQUIRE(id > 0);
	CHECK_CONTAINS(r.body, "草稿新增 0 项、删除 0 项、修改 0 项");
	CHECK(!strstr(r.body, "/publish\"")); /* only the head publishes */
	const char *np = strstr(r.body, "name=\"n\" value=\"");
	REQUIRE(np);
	long n = strtol(np + strlen("name=\"n\" value=\""), NULL, 10);
	REQUIRE(n >= 2);

	/* a new power without its basis: refused naming it, nothing saved */
	char kcode[32], kname[32], kbasis[32], kduty[32], kacc[32], kname1[32], kdrop2[32];
	snprintf(kcode, sizeof kcode, "code_%ld", n + 1);
	snprintf(kname, sizeof kname, "name_%ld", n + 1);
	snprintf(kbasis, sizeof kbasis, "basis_%ld", n + 1);
	snprintf(kduty, sizeof kduty, "duty_%ld", n + 1);
	snprintf(kacc, sizeof kacc, "acc_%ld", n + 1);
	snprintf(kname1, sizeof kname1, "name_1");
	snprintf(kdrop2, sizeof kdrop2, "drop_2");
	char *bad[] = { kcode, "NR-TEST-1", kname, "测试职权", kduty, "依法实施", kacc, "依法追责",
			NULL };
	struct http_resp e1 = post_items(&p, &rev, r.body, bad);
	CHECK_INT(e1.status, 400);
	CHECK_CONTAINS(e1.body, "NR-TEST-1");
	CHECK_CONTAINS(e1.body, "草稿新增 0 项、删除 0 项、修改 0 项"); /* nothing changed */
	t_resp_free(&e1);

	/* renaming one, dropping one, adding one */
	char *good[] = { kcode, "NR-TEST-1", kname, "测试职权", kbasis, "《测试法》第一条",
			 kduty, "依法实施", kacc, "依法追责", kname1, "改名后的职权", kdrop2, "1",
			 NULL };
	struct http_resp ok = post_items(&p, &rev, r.body, good);
	CHECK_INT(ok.status, 303);
	t_resp_free(&ok);
	t_resp_free(&r);
	r = t_page_get(&p, &head, "/power-lists");
	CHECK_CONTAINS(r.body, "草稿新增 1 项、删除 1 项、修改 1 项");
	CHECK_CONTAINS(r.body, "改名后的职权");
	CHECK_CONTAINS(r.body, "/publish\""); /* the head may publish */
	t_resp_free(&r);

	char pub[64];
	snprintf(pub, sizeof pub, "/power-lists/%lld/publish", id);
	/* the legal unit may not publish, even by posting the form */
	r = t_page_post(&p, &rev, pub, true, "effective_on", "2099-01-01", NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);
	/* not after the version in force (in force from today): refused */
	char today[11];
	date_today(time(NULL), today);
	r = t_page_post(&p, &head, pub, true, "effective_on", today, "reason", "", NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body, "生效日期");
	CHECK_CONTAINS(r.body, "第"); /* still the draft form */
	t_resp_free(&r);
	/* a date after it: published */
	r = t_page_post(&p, &head, pub, true, "effective_on", "2099-01-01", "reason", "", NULL);
	CHECK_INT(r.status, 303);
	t_resp_free(&r);
	r = t_page_get(&p, &head, "/power-lists");
	CHECK_CONTAINS(r.body, "起草新版本"); /* no draft any more */
	t_resp_free(&r);
	/* the published version is never edited through the page */
	char items[64];
	snprintf(items, sizeof items, "/power-lists/%lld/items", id);
	r = t_page_post(&p, &head, items, true, "n", "0", "note", "改", NULL);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body, "已发布的权责清单不能修改");
	t_resp_free(&r);
	/* nor published twice */
	r = t_page_post(&p, &head, pub, true, "effective_on", "2099-02-01", NULL);
	CHECK(r.status == 403 || r.status == 409 || r.status == 400);
	t_resp_free(&r);
	t_pages_stop(&p);
}
