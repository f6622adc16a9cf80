/* page_powerlist.c - the portal's power-and-responsibility lists (权责
 * 清单), no sign-in: the version in force on a day (today unless ?on=),
 * the history of an agency's versions, one version, the service guide
 * (办事指南) and full entry of one power, and a comparison of any two
 * versions, power by power and field by field. Drafts never show. */
#include <stdio.h>
#include <string.h>

#include "app/powerlist.h"
#include "base/date.h"
#include "http/form.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

/* Text with one paragraph per line. */
static void paragraphs(struct req *r, struct buf *b, const char *s)
{
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char *line = arena_strndup(r->ctx.a, s, n);
		if (line && *line) {
			html_raw(b, "<p>");
			html_esc(b, line);
			html_raw(b, "</p>\n");
		}
		s = nl ? nl + 1 : s + n;
	}
}

static const char *unit_of(const struct power_item *it, const struct power_list *l)
{
	return it->unit && *it->unit ? it->unit : l->agency;
}

static void guide_href(struct buf *href, const struct power_list *l, const struct power_item *it)
{
	buf_addf(href, "/public/power-lists/%lld/powers/", (long long)l->id);
	url_encode(href, it->code);
}

static void version_facts(struct buf *b, const struct power_list *l)
{
	html_f(b, "<dl class=\"fields\"><dt>版本</dt><dd>第 %lld 版</dd><dt>生效日期</dt><dd>%s</dd>"
		  "<dt>发布日期</dt><dd>%s</dd>",
	       (long long)l->version, l->effective_on, l->published_on);
	if (l->backdate_reason && *l->backdate_reason)
		html_f(b, "<dt>溯及既往的理由</dt><dd>%s</dd>", l->backdate_reason);
	if (l->note && *l->note)
		html_f(b, "<dt>修订说明</dt><dd>%s</dd>", l->note);
	html_raw(b, "</dl>\n");
}

/* The powers of l, a page of them (pg). */
static void powers_table(struct buf *b, const struct power_list *l, struct page pg)
{
	html_raw(b, "<table class=\"list powers\">\n<caption>职权事项</caption>\n<thead><tr><th scope=\"col\">编码</th>"
		    "<th scope=\"col\">事项名称</th><th scope=\"col\">类别</th>"
		    "<th scope=\"col\">设定依据</th><th scope=\"col\">实施机构</th>"
		    "<th scope=\"col\">责任事项</th><th scope=\"col\">追责情形及依据</th>"
		    "<th scope=\"col\">办事指南</th></tr></thead>\n<tbody>\n");
	for (size_t i = (size_t)pg.offset; i < l->n_items && i < (size_t)(pg.offset + pg.limit); i++) {
		const struct power_item *it = &l->items[i];
		struct buf href = BUF_INIT;
		guide_href(&href, l, it);
		html_f(b, "<tr><td data-label=\"编码\">%s</td><td data-label=\"事项名称\"><a href=\"%s\">%s</a></td>"
			  "<td data-label=\"类别\">%s</td><td data-label=\"设定依据\">%s</td>"
			  "<td data-label=\"实施机构\">%s</td><td data-label=\"责任事项\" class=\"lines\">%s</td>"
			  "<td data-label=\"追责情形及依据\">%s</td><td data-label=\"办事指南\">",
		       it->code, buf_cstr(&href), it->name, power_kind_label(it->kind), it->basis,
		       unit_of(it, l), it->duty, it->accountability);
		if (it->guide && *it->guide)
			html_f(b, "<a href=\"%s#guide\">查看办事指南</a>", buf_cstr(&href));
		else
			html_raw(b, "无");
		html_raw(b, "</td></tr>\n");
		if (buf_failed(&href))
			b->failed = true;
		buf_release(&href);
	}
	html_raw(b, "</tbody>\n</table>\n");
}

int page_public_powers(struct req *r)
{
	struct public_agency p;
	struct power_list l;
	struct page pg;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	const char *on = req_query(r, "on");
	if (!kit_paging(r, &pg))
		return 400;
	enum fz_err rc = app_public_agency(&r->ctx, req_param(r, "id"), &p, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "该执法主体不存在");
	if (rc)
		return http_fail_fz(r, rc, &e);
	rc = app_power_in_force(&r->ctx, p.agency.id, on, &l, &e);
	if (rc == FZ_INVALID)
		return page_error(r, 400, e.message);
	if (rc && rc != FZ_NOTFOUND)
		return http_fail_fz(r, rc, &e);
	char title[300];
	snprintf(title, sizeof title, "%s · 权责清单", p.agency.name);
	page_begin(r, &b, title);
	const char *day = on && *on ? on : r->ctx.today;
	html_f(&b, "<p class=\"lead\">%s %s施行的权责清单：每项行政职权的设定依据、实施机构、"
		   "责任事项和追责情形。</p>\n",
	       p.agency.name, day);
	kit_filter_begin(&b, r->path);
	kit_input(&b, "date", "on", "查看哪一天施行的版本", on, NULL, NULL);
	kit_filter_end(&b, r->path);
	if (rc == FZ_NOTFOUND) {
		html_f(&b, "<p>%s没有施行中的权责清单。</p>\n", day);
	} else {
		version_facts(&b, &l);
		powers_table(&b, &l, pg);
		lk_pager(r, &b, pg, (int64_t)l.n_items);
	}
	html_f(&b, "<p><a href=\"/public/agencies/%lld/power-lists\">历次版本和比较</a> · "
		   "<a href=\"/api/v1/public/agencies/%lld/powers\" type=\"application/json\">"
		   "数据接口（JSON）</a> · <a href=\"/public/agencies/%lld\">返回%s</a></p>\n",
	       (long long)p.agency.id, (long long)p.agency.id, (long long)p.agency.id,
	       p.agency.name);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_power_history(struct req *r)
{
	struct public_agency p;
	struct power_list_list l;
	struct power_list cur;
	struct page pg;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	if (!kit_paging(r, &pg))
		return 400;
	enum fz_err rc = app_public_agency(&r->ctx, req_param(r, "id"), &p, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "该执法主体不存在");
	if (!rc)
		rc = app_power_list_versions(&r->ctx, p.agency.id, true, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	int64_t cur_id = app_power_in_force(&r->ctx, p.agency.id, NULL, &cur, &e) ? 0 : cur.id;
	char title[300];
	snprintf(title, sizeof title, "%s · 权责清单历次版本", p.agency.name);
	page_begin(r, &b, title);
	html_raw(&b, "<p class=\"lead\">权责清单每次调整都发布新版本并注明生效日期；已发布的版本"
		     "不再修改。每个版本都记入执法全过程记录账本，可以核验某一天施行的是哪一版。</p>\n");
	html_raw(&b, "<table class=\"list\">\n<caption>历次版本</caption>\n<thead><tr><th scope=\"col\">版本</th>"
		     "<th scope=\"col\">生效日期</th><th scope=\"col\">发布日期</th>"
		     "<th scope=\"col\">修订说明</th><th scope=\"col\">状态</th>"
		     "<th scope=\"col\">与上一版比较</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct power_list *v = &l.items[i];
		html_f(&b, "<tr><td data-label=\"版本\"><a href=\"/public/power-lists/%lld\">第 %lld 版</a></td>"
			   "<td data-label=\"生效日期\">%s</td><td data-label=\"发布日期\">%s</td>"
			   "<td data-label=\"修订说明\">%s</td><td data-label=\"状态\">%s</td>"
			   "<td data-label=\"与上一版比较\">",
		       (long long)v->id, (long long)v->version, v->effective_on, v->published_on,
		       v->note && *v->note ? v->note : "—",
		       v->id == cur_id ? "现行"
				       : strcmp(v->effective_on, r->ctx.today) > 0 ? "待生效" : "已被替代");
		if (i + 1 < l.n)
			html_f(&b, "<a href=\"/public/power-lists/compare?from=%lld&amp;to=%lld\">"
				   "比较第 %lld 版和第 %lld 版</a>",
			       (long long)l.items[i + 1].id, (long long)v->id,
			       (long long)l.items[i + 1].version, (long long)v->version);
		else
			html_raw(&b, "—");
		html_raw(&b, "</td></tr>\n");
	}
	html_raw(&b, "</tbody>\n</table>\n");
	if (l.n == 0)
		html_raw(&b, "<p>尚未发布权责清单。</p>\n");
	lk_pager(r, &b, pg, l.total);
	if (l.total >= 2) {
		/* any two versions: a small form of two version numbers */
		html_raw(&b, "<h2 id=\"compare\">比较任意两个版本</h2>\n"
			     "<form class=\"filters\" method=\"get\" action=\"/public/power-lists/compare\">");
		for (int k = 0; k < 2; k++) {
			html_f(&b, "<label>%s<select name=\"%s\">", k ? "新版本" : "旧版本",
			       k ? "to" : "from");
			for (size_t i = 0; i < l.n; i++)
				html_f(&b, "<option value=\"%lld\"%s>第 %lld 版（%s 起）</option>",
				       (long long)l.items[i].id,
				       (k == 0 && i == 1) || (k == 1 && i == 0) ? " selected" : "",
				       (long long)l.items[i].version, l.items[i].effective_on);
			html_raw(&b, "</select></label>");
		}
		html_raw(&b, "<button type=\"submit\">比较</button></form>\n");
	}
	html_f(&b, "<p><a href=\"/public/agencies/%lld/powers\">现行权责清单</a> · "
		   "<a href=\"/public/agencies/%lld\">返回%s</a></p>\n",
	       (long long)p.agency.id, (long long)p.agency.id, p.agency.name);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_power_list(struct req *r)
{
	struct power_list l;
	struct page pg;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	if (!kit_paging(r, &pg))
		return 400;
	enum fz_err rc = app_power_list_get(&r->ctx, req_param(r, "id"), true, &l, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "该版本不存在或尚未发布");
	if (rc)
		return http_fail_fz(r, rc, &e);
	char title[300];
	snprintf(title, sizeof title, "%s · 权责清单第 %lld 版", l.agency, (long long)l.version);
	page_begin(r, &b, title);
	version_facts(&b, &l);
	powers_table(&b, &l, pg);
	lk_pager(r, &b, pg, (int64_t)l.n_items);
	html_f(&b, "<p><a href=\"/public/agencies/%lld/power-lists\">历次版本</a> · "
		   "<a href=\"/api/v1/public/power-lists/%lld\" type=\"application/json\">"
		   "数据接口（JSON）</a></p>\n",
	       (long long)l.agency_id, (long long)l.id);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_power(struct req *r)
{
	struct power_list l;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	const char *code = req_param_str(r, "code");
	enum fz_err rc = app_power_list_get(&r->ctx, req_param(r, "id"), true, &l, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "该版本不存在或尚未发布");
	if (rc)
		return http_fail_fz(r, rc, &e);
	const struct power_item *it = NULL;
	for (size_t i = 0; code && i < l.n_items && !it; i++)
		if (strcmp(l.items[i].code, code) == 0)
			it = &l.items[i];
	if (!it)
		return page_error(r, 404, "该版本中没有这项职权");
	page_begin(r, &b, it->name);
	html_f(&b, "<dl class=\"fields\"><dt>执法主体</dt><dd><a href=\"/public/agencies/%lld\">%s</a></dd>"
		   "<dt>事项编码</dt><dd>%s</dd><dt>职权类别</dt><dd>%s</dd>"
		   "<dt>设定依据</dt><dd>%s</dd><dt>实施机构</dt><dd>%s</dd>"
		   "<dt>责任事项</dt><dd class=\"lines\">%s</dd><dt>追责情形及依据</dt><dd>%s</dd>"
		   "<dt>所属版本</dt><dd><a href=\"/public/power-lists/%lld\">第 %lld 版</a>，%s 起施行</dd></dl>\n",
	       (long long)l.agency_id, l.agency, it->code, power_kind_label(it->kind), it->basis,
	       unit_of(it, &l), it->duty, it->accountability, (long long)l.id,
	       (long long)l.version, l.effective_on);
	html_raw(&b, "<section aria-labelledby=\"guide\"><h2 id=\"guide\">办事指南</h2>\n");
	if (it->guide && *it->guide)
		paragraphs(r, &b, it->guide);
	else
		html_raw(&b, "<p>本事项没有办事指南。</p>\n");
	html_raw(&b, "</section>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_power_compare(struct req *r)
{
	struct power_list a, c;
	struct power_diff d;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	int64_t from = kit_query_id(r, "from"), to = kit_query_id(r, "to");
	if (from <= 0 || to <= 0)
		return page_error(r, 400, "请选择要比较的两个版本");
	enum fz_err rc = app_power_compare(&r->ctx, from, to, &a, &c, &d, &e);
	if (rc == FZ_NOTFOUND || rc == FZ_INVALID)
		return page_error(r, rc == FZ_NOTFOUND ? 404 : 400, e.message);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char title[300];
	snprintf(title, sizeof title, "%s · 权责清单第 %lld 版与第 %lld 版比较", a.agency,
		 (long long)a.version, (long long)c.version);
	page_begin(r, &b, title);
	html_f(&b, "<p class=\"lead\">第 %lld 版（%s 起施行）与第 %lld 版（%s 起施行）相比："
		   "新增 %zu 项，删除 %zu 项，调整 %zu 项。</p>\n",
	       (long long)a.version, a.effective_on, (long long)c.version, c.effective_on, d.added,
	       d.removed, d.changed);
	if (d.n == 0)
		html_raw(&b, "<p>两个版本的职权事项相同。</p>\n");
	static const char *const what[] = { "", "新增", "删除", "调整" };
	for (size_t i = 0; i < d.n; i++) {
		const struct power_diff_entry *x = &d.entries[i];
		html_f(&b, "<section class=\"change\"><h2>%s：%s（%s）</h2>\n", what[x->change],
		       x->name, x->code);
		if (x->change == POWER_CHANGED) {
			html_raw(&b, "<table class=\"list\">\n<caption>调整的内容</caption>\n<thead><tr><th scope=\"col\">项目</th>"
				     "<th scope=\"col\">原内容</th><th scope=\"col\">新内容</th>"
				     "</tr></thead>\n<tbody>\n");
			for (size_t j = 0; j < x->n_fields; j++)
				html_f(&b, "<tr><td data-label=\"项目\">%s</td><td data-label=\"原内容\" class=\"lines\"><del>%s</del></td>"
					   "<td data-label=\"新内容\" class=\"lines\"><ins>%s</ins></td></tr>\n",
				       x->fields[j].label, *x->fields[j].before ? x->fields[j].before : "（无）",
				       *x->fields[j].after ? x->fields[j].after : "（无）");
			html_raw(&b, "</tbody>\n</table>\n");
		} else {
			const struct power_item *it = x->after ? x->after : x->before;
			html_f(&b, "<dl class=\"fields\"><dt>职权类别</dt><dd>%s</dd>"
				   "<dt>设定依据</dt><dd>%s</dd><dt>责任事项</dt><dd class=\"lines\">%s</dd></dl>\n",
			       power_kind_label(it->kind), it->basis, it->duty);
		}
		html_raw(&b, "</section>\n");
	}
	html_f(&b, "<p><a href=\"/public/agencies/%lld/power-lists\">返回历次版本</a></p>\n",
	       (long long)a.agency_id);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
