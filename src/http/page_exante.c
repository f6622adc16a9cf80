/* page_exante.c - the portal's ex-ante publicity (事前公开), no sign-in:
 * the enforcement agencies with their domains and counts, one agency's
 * page, and its officers with their certificate numbers, domains and
 * validity (each linking the public certificate check). Only public
 * facts: never a resident ID or a phone. */
#include <stdio.h>
#include <string.h>

#include "app/powerlist.h"
#include "http/form.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

int page_public_agencies(struct req *r)
{
	struct page pg;
	struct public_agency_list l;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	if (!kit_paging(r, &pg))
		return 400;
	enum fz_err rc = app_public_agencies(&r->ctx, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "行政执法主体");
	html_raw(&b, "<p class=\"lead\">本级行政执法主体及其执法领域、持有有效执法证的执法人员、"
		     "现行权责清单和办事指南。</p>\n");
	html_raw(&b, "<table class=\"list\">\n<caption>执法主体</caption>\n<thead><tr><th scope=\"col\">执法主体</th>"
		     "<th scope=\"col\">执法领域</th><th scope=\"col\">执法人员</th>"
		     "<th scope=\"col\">权责清单</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct public_agency *p = &l.items[i];
		html_f(&b, "<tr><td data-label=\"执法主体\"><a href=\"/public/agencies/%lld\">%s</a></td><td data-label=\"执法领域\">",
		       (long long)p->agency.id, p->agency.name);
		kit_domains(&b, p->agency.domains);
		html_f(&b, "</td><td data-label=\"执法人员\"><a href=\"/public/agencies/%lld/officers\">%lld 人</a></td><td data-label=\"权责清单\">",
		       (long long)p->agency.id, (long long)p->counts.officers);
		if (p->counts.power_version)
			html_f(&b, "<a href=\"/public/agencies/%lld/powers\">第 %lld 版，%lld 项职权</a>",
			       (long long)p->agency.id, (long long)p->counts.power_version,
			       (long long)p->counts.powers);
		else
			html_raw(&b, "尚未公布");
		html_raw(&b, "</td></tr>\n");
	}
	html_raw(&b, "</tbody>\n</table>\n");
	if (l.n == 0)
		html_raw(&b, "<p>暂无执法主体。</p>\n");
	lk_pager(r, &b, pg, l.total);
	html_raw(&b, "<p>数据接口：<a href=\"/api/v1/public/agencies\" type=\"application/json\">"
		     "执法主体（JSON）</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_agency(struct req *r)
{
	struct public_agency p;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	enum fz_err rc = app_public_agency(&r->ctx, req_param(r, "id"), &p, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "该执法主体不存在");
	if (rc)
		return http_fail_fz(r, rc, &e);
	long long id = (long long)p.agency.id;
	page_begin(r, &b, p.agency.name);
	html_raw(&b, "<dl class=\"fields\">");
	html_f(&b, "<dt>统一社会信用代码</dt><dd>%s</dd><dt>主体类别</dt><dd>%s</dd>"
		   "<dt>行政区划代码</dt><dd>%s</dd><dt>执法领域</dt><dd>",
	       p.agency.uscc, p.agency.kind, p.agency.division_code);
	kit_domains(&b, p.agency.domains);
	html_raw(&b, "</dd></dl>\n<ul class=\"cards\">\n");
	html_f(&b, "<li><h2><a href=\"/public/agencies/%lld/officers\">执法人员</a></h2>"
		   "<p>持有有效执法证的执法人员 %lld 人，可逐一核验执法证。</p></li>\n",
	       id, (long long)p.counts.officers);
	if (p.counts.power_version)
		html_f(&b, "<li><h2><a href=\"/public/agencies/%lld/powers\">权责清单</a></h2>"
			   "<p>现行第 %lld 版，%lld 项职权，其中 %lld 项有办事指南。"
			   "<a href=\"/public/agencies/%lld/power-lists\">历次版本</a></p></li>\n",
		       id, (long long)p.counts.power_version, (long long)p.counts.powers,
		       (long long)p.counts.guides, id);
	else
		html_f(&b, "<li><h2>权责清单</h2><p>本执法主体尚未公布现行的权责清单。"
			   "<a href=\"/public/agencies/%lld/power-lists\">历次版本</a></p></li>\n",
		       id);
	html_f(&b, "<li><h2><a href=\"/public/decisions?agency_id=%lld\">执法决定公示</a></h2>"
		   "<p>本执法主体公开的行政处罚、行政许可等执法决定。</p></li>\n",
	       id);
	html_raw(&b, "</ul>\n<p><a href=\"/public/agencies\">返回行政执法主体</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_officers(struct req *r)
{
	struct public_agency p;
	struct certificate_list l;
	struct page pg;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	if (!kit_paging(r, &pg))
		return 400;
	enum fz_err rc = app_public_agency(&r->ctx, req_param(r, "id"), &p, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "该执法主体不存在");
	if (!rc)
		rc = app_public_officers(&r->ctx, p.agency.id, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char title[300];
	snprintf(title, sizeof title, "%s · 执法人员", p.agency.name);
	page_begin(r, &b, title);
	html_raw(&b, "<p class=\"lead\">持有有效行政执法证件的执法人员。执法人员在检查、调查、"
		     "采取强制措施和送达文书时应当主动出示执法证件；执法证号可在"
		     "<a href=\"/certificates/check\">执法证查询</a>中核验。</p>\n");
	html_raw(&b, "<table class=\"list\">\n<caption>执法人员及执法证</caption>\n<thead><tr>"
		     "<th scope=\"col\">姓名</th><th scope=\"col\">执法证号</th>"
		     "<th scope=\"col\">执法主体</th><th scope=\"col\">执法领域</th>"
		     "<th scope=\"col\">有效期至</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct certificate *c = &l.items[i];
		struct buf href = BUF_INIT;
		buf_adds(&href, "/certificates/check?number=");
		url_encode(&href, c->number);
		html_f(&b, "<tr><td data-label=\"姓名\">%s</td><td data-label=\"执法证号\"><a href=\"%s\">%s</a></td><td data-label=\"执法主体\">%s</td><td data-label=\"执法领域\">",
		       c->holder_name, buf_cstr(&href), c->number, c->agency_name);
		if (buf_failed(&href))
			b.failed = true;
		buf_release(&href);
		kit_domains(&b, c->domains);
		html_f(&b, "</td><td data-label=\"有效期至\">%s</td></tr>\n", c->valid_until);
	}
	html_raw(&b, "</tbody>\n</table>\n");
	if (l.n == 0)
		html_raw(&b, "<p>暂无持有有效执法证的执法人员。</p>\n");
	lk_pager(r, &b, pg, l.total);
	html_f(&b, "<p><a href=\"/public/agencies/%lld\">返回%s</a></p>\n", (long long)p.agency.id,
	       p.agency.name);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
