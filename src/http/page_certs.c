/* page_certs.c - 执法证 pages: the list (GET /certificates) filtered by
 * status, agency and a search text, with coloured badges and days left,
 * and one certificate (GET /certificates/{id}) with its annual reviews and
 * the supervisor's actions. */
#include <limits.h>
#include <string.h>

#include "app/people.h"
#include "domain/certificate.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

#define EXPIRING_DAYS 30

static const struct kit_option status_opts[] = {
	{ "", "全部" },		  { "valid", "有效" },	   { "expiring", "30 天内到期" },
	{ "expired", "已过期" }, { "suspended", "暂扣" }, { "revoked", "已注销" },
};

/* "还剩 12 天", "已过期 3 天"; soon-to-expire ones are marked. */
static void days_left(struct buf *b, const struct certificate *c, const char *today)
{
	enum cert_status s = certificate_status(c, today);
	int d = certificate_days_left(c, today);
	if (s == CERT_REVOKED || d == INT_MIN)
		html_raw(b, "—");
	else if (d < 0)
		html_f(b, "<span class=\"days expired\">已过期 %d 天</span>", -d);
	else
		html_f(b, "<span class=\"days%s\">还剩 %d 天</span>",
		       d <= EXPIRING_DAYS ? " soon" : "", d);
}

static void filter_from_query(struct req *r, const char *status, struct certificate_filter *f)
{
	memset(f, 0, sizeof *f);
	f->agency_id = kit_query_id(r, "agency");
	f->q = kit_query(r, "q");
	f->today = r->ctx.today;
	if (strcmp(status, "expiring") == 0)
		f->expiring_within_days = EXPIRING_DAYS;
	else if (strcmp(status, "valid") == 0)
		f->status = CERT_VALID;
	else if (strcmp(status, "expired") == 0)
		f->status = CERT_EXPIRED;
	else if (strcmp(status, "suspended") == 0)
		f->status = CERT_SUSPENDED;
	else if (strcmp(status, "revoked") == 0)
		f->status = CERT_REVOKED;
}

int page_cert_list(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct certificate_list list = { 0 };
	struct certificate_filter f;
	struct page pg;
	size_t na;

	if (!kit_paging(r, &pg))
		return r->resp.status;
	const char *status = kit_query(r, "status");
	filter_from_query(r, status, &f);
	enum fz_err rc = app_certificate_list(&r->ctx, &f, pg, &list, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	struct kit_option *agencies = kit_agency_options(r, "全部", &na);

	page_begin(r, &b, "执法证");
	page_notice(r, &b);
	if (kit_may(r, PERM_CERT_WRITE))
		html_raw(&b, "<p class=\"actions\"><a class=\"button\" href=\"/certificates/new\">"
			     "发放执法证</a></p>\n");
	kit_filter_begin(&b, "/certificates");
	kit_input(&b, "search", "q", "证号或姓名", f.q, "maxlength=\"32\"", NULL);
	kit_select(&b, "status", "状态", status_opts, sizeof status_opts / sizeof status_opts[0],
		   status, NULL);
	kit_select(&b, "agency", "执法主体", agencies, na, kit_id(r, f.agency_id), NULL);
	kit_filter_end(&b, "/certificates");
	if (list.n == 0) {
		html_raw(&b, "<p class=\"empty\">没有符合条件的执法证。</p>\n");
	} else {
		html_raw(&b, "<table class=\"list\"><thead><tr><th>证号</th><th>持证人</th>"
			     "<th>执法主体</th><th>有效期至</th><th>剩余</th><th>状态</th>"
			     "</tr></thead><tbody>\n");
		for (size_t i = 0; i < list.n; i++) {
			const struct certificate *c = &list.items[i];
			html_f(&b,
			       "<tr><td data-label=\"证号\"><a class=\"mono\" href=\"/certificates/%lld\">"
			       "%s</a></td><td data-label=\"持证人\">%s</td>"
			       "<td data-label=\"执法主体\">%s</td><td data-label=\"有效期至\">%s</td>"
			       "<td data-label=\"剩余\">",
			       (long long)c->id, c->number, c->holder_name, c->agency_name,
			       c->valid_until);
			days_left(&b, c, r->ctx.today);
			html_raw(&b, "</td><td data-label=\"状态\">");
			kit_cert_badge(&b, certificate_status(c, r->ctx.today));
			html_raw(&b, "</td></tr>\n");
		}
		html_raw(&b, "</tbody></table>\n");
	}
	page_pager(r, &b, pg, list.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static void reviews_section(struct req *r, struct buf *b, int64_t id)
{
	struct cert_review_list list = { 0 };
	struct fz_error e = { 0 };
	html_raw(b, "<h2>年度审验</h2>\n");
	if (app_cert_review_list(&r->ctx, id, &list, &e) != FZ_OK) {
		page_error_box(b, FZ_DB, &e);
		return;
	}
	if (list.n == 0) {
		html_raw(b, "<p class=\"empty\">尚无审验记录。</p>\n");
		return;
	}
	html_raw(b, "<table class=\"list\"><thead><tr><th>年度</th><th>结论</th><th>审验日期</th>"
		    "<th>审验意见</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < list.n; i++) {
		const struct cert_review *v = &list.items[i];
		html_f(b, "<tr><td data-label=\"年度\">%d</td><td data-label=\"结论\">"
			  "<span class=\"badge %s\">%s</span></td><td data-label=\"审验日期\">%s</td>"
			  "<td data-label=\"审验意见\">%s</td></tr>\n",
		       v->year, v->passed ? "ok" : "bad", v->passed ? "合格" : "不合格",
		       v->reviewed_on, v->note);
	}
	html_raw(b, "</tbody></table>\n");
}

static void actions(struct req *r, struct buf *b, const struct certificate *c)
{
	long long id = (long long)c->id;
	html_raw(b, "<p class=\"actions\">");
	if (kit_may(r, PERM_CERT_WRITE) && c->status != CERT_REVOKED) {
		html_f(b, "<a class=\"button\" href=\"/certificates/%lld/edit\">换证 / 修改</a> ", id);
		if (c->status == CERT_VALID)
			html_f(b, "<a class=\"button\" href=\"/certificates/%lld/suspend\">暂扣</a> ",
			       id);
		else
			html_f(b, "<a class=\"button\" href=\"/certificates/%lld/resume\">恢复</a> ",
			       id);
		html_f(b, "<a class=\"button\" href=\"/certificates/%lld/review\">年度审验</a> "
			  "<a class=\"button danger\" href=\"/certificates/%lld/revoke\">注销</a> ",
		       id, id);
	}
	html_f(b, "<a class=\"button secondary\" href=\"/certificates/%lld/card\">执法证卡片（二维码）</a> ",
	       id);
	html_raw(b, "<a class=\"button secondary\" href=\"/certificates\">返回列表</a></p>\n");
}

int page_cert_show(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct certificate c;
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_certificate_get(&r->ctx, id, &c, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	enum cert_status s = certificate_status(&c, r->ctx.today);

	page_begin(r, &b, "执法证详情");
	page_notice(r, &b);
	actions(r, &b, &c);
	html_raw(&b, "<dl class=\"fields\"><dt>状态</dt><dd>");
	kit_cert_badge(&b, s);
	html_f(&b, "</dd><dt>执法证号</dt><dd class=\"mono\">%s</dd>"
		   "<dt>持证人</dt><dd><a href=\"/officers/%lld\">%s</a></dd>"
		   "<dt>执法主体</dt><dd><a href=\"/agencies/%lld\">%s</a></dd><dt>执法领域</dt><dd>",
	       c.number, (long long)c.person_id, c.holder_name, (long long)c.agency_id,
	       c.agency_name);
	kit_domains(&b, c.domains);
	html_f(&b, "</dd><dt>发证机关</dt><dd>%s</dd><dt>发证日期</dt><dd>%s</dd>"
		   "<dt>有效期至</dt><dd>%s（",
	       c.issuer, c.issued_on, c.valid_until);
	days_left(&b, &c, r->ctx.today);
	html_raw(&b, "）</dd>");
	if (c.status == CERT_REVOKED)
		html_f(&b, "<dt>注销日期</dt><dd>%s</dd><dt>注销原因</dt><dd>%s</dd>", c.revoked_on,
		       c.revoke_reason);
	html_raw(&b, "</dl>\n");
	if (s == CERT_REVOKED)
		page_flash(&b, FLASH_ERROR, "该证件已注销，持证人不得从事执法活动。");
	reviews_section(r, &b, id);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
