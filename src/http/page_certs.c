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
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

#define EXPIRING_DAYS 30

static const struct kit_option status_opts[] = {
	{ "", "全部" },		  { "valid", "有效" },	   { "expiring", "30 天内到期" },
	{ "expired", "已过期" }, { "suspended", "暂扣" }, { "revoked", "已注销" },
	{ "not_yet_valid", "尚未生效" },
};

/* "还剩 12 天", "已过期 3 天"; soon-to-expire ones are marked. */
static void days_left(struct req *r, struct lk_cell *x, const struct certificate *c)
{
	enum cert_status s = certificate_status(c, r->ctx.today);
	int d = certificate_days_left(c, r->ctx.today);
	if (s == CERT_REVOKED || d == INT_MIN)
		return;
	if (s == CERT_NOT_YET) {
		*x = (struct lk_cell){ .text = arena_printf(r->a, "%s 起生效", c->issued_on),
				       .span = "days" };
		return;
	}
	if (d < 0)
		*x = (struct lk_cell){ .text = arena_printf(r->a, "已过期 %d 天", -d),
				       .span = "days expired" };
	else
		*x = (struct lk_cell){ .text = arena_printf(r->a, "还剩 %d 天", d),
				       .span = d <= EXPIRING_DAYS ? "days soon" : "days" };
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
	else if (strcmp(status, "not_yet_valid") == 0)
		f->status = CERT_NOT_YET;
}

static const struct lk_col cert_cols[] = {
	{ "证号", "number", CERT_SORT_NUMBER },
	{ "持证人", "holder", CERT_SORT_HOLDER },
	{ "执法主体", "agency", CERT_SORT_AGENCY },
	{ "有效期至", "valid_until", CERT_SORT_VALID_UNTIL },
	{ "剩余", NULL, 0 },
	{ "状态", "status", CERT_SORT_STATUS },
};
static const char *const cert_params[] = { "q", "status", "agency" };

struct cert_src {
	struct certificate_filter f;
	struct certificate_list list;
	struct kit_option *agencies;
	size_t na;
};

static enum fz_err cert_fetch(struct req *r, void *self, struct list_sort sort, struct page pg,
			      size_t *n, int64_t *total, struct fz_error *e)
{
	struct cert_src *s = self;
	s->f.sort = sort;
	enum fz_err rc = app_certificate_list(&r->ctx, &s->f, pg, &s->list, e);
	*n = rc ? 0 : s->list.n;
	*total = rc ? 0 : s->list.total;
	return rc;
}

static void cert_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *x)
{
	(void)file;
	struct cert_src *s = self;
	const struct certificate *c = &s->list.items[i];
	enum cert_status st = certificate_status(c, r->ctx.today);
	x[0] = (struct lk_cell){ .text = c->number, .mono = true,
				 .href = arena_printf(r->a, "/certificates/%lld", (long long)c->id) };
	x[1].text = c->holder_name;
	x[2].text = c->agency_name;
	x[3].text = c->valid_until;
	days_left(r, &x[4], c);
	x[5] = (struct lk_cell){ .text = cert_status_label(st), .badge = cert_status_name(st) };
}

static void cert_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		     enum fz_err rc, const struct fz_error *e)
{
	struct cert_src *s = self;
	(void)rc;
	(void)e;
	if (kit_may(r, PERM_CERT_WRITE))
		html_raw(b, "<p class=\"actions\"><a class=\"button\" href=\"/certificates/new\">"
			    "发放执法证</a></p>\n");
	kit_filter_begin(b, "/certificates");
	lk_filter_keep(b, v);
	kit_input(b, "search", "q", "证号或姓名", s->f.q, "maxlength=\"32\"", NULL);
	kit_select(b, "status", "状态", status_opts, sizeof status_opts / sizeof status_opts[0],
		   kit_query(r, "status"), NULL);
	kit_select(b, "agency", "执法主体", s->agencies, s->na, kit_id(r, s->f.agency_id), NULL);
	kit_filter_end(b, "/certificates");
}

int page_cert_list(struct req *r)
{
	static const struct lk_table t = {
		.path = "/certificates", .title = "执法证", .list = "certificates",
		.cols = cert_cols, .ncols = sizeof cert_cols / sizeof cert_cols[0],
		.params = cert_params, .nparams = sizeof cert_params / sizeof cert_params[0],
		.empty = "没有符合条件的执法证。",
	};
	struct cert_src s;
	memset(&s, 0, sizeof s);
	filter_from_query(r, kit_query(r, "status"), &s.f);
	s.agencies = kit_agency_options(r, "全部", &s.na);
	return lk_serve(r, &t, &(struct lk_source){ cert_fetch, cert_cells, cert_top, &s });
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
	struct lk_cell left = { 0 };
	days_left(r, &left, &c);
	if (left.text)
		html_f(&b, "<span class=\"%s\">%s</span>", left.span, left.text);
	else
		html_raw(&b, "—");
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
