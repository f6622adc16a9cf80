/* page_inspections.c - the portal's random inspections (双随机一公开), no
 * sign-in: the plans with the result of each draw, one draw with its
 * seed, the published lists as files and what `fazhi draw` prints for
 * them, and the same as JSON. Natural persons among the targets are
 * masked (app/inspection_public.c); officers are public by name. */
#include <stdio.h>
#include <string.h>

#include "app/inspection_public.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/jsonout_case.h"
#include "http/jsonout.h"
#include "http/jsonout_org.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/paging.h"
#include "http/resp.h"

/* "张某（执法证…）" of row i, place k. */
static const char *inspector_name(const struct public_draw *d, size_t i, size_t k)
{
	return d->inspector_names[i * d->rerun.per_target + k];
}

static void plan_row(struct buf *b, const struct public_draw *d)
{
	html_f(b, "<tr><td data-label=\"抽查计划\"><a href=\"/public/inspections/%lld\">%s</a></td>"
		  "<td data-label=\"执法主体\">%s</td><td data-label=\"抽取日期\">%s</td>"
		  "<td data-label=\"抽取结果\">从 %zu 个检查对象中抽取 %zu 个，每个对象 %zu 名执法人员</td></tr>\n",
	       (long long)d->id, d->title, d->agency_name, d->drawn_on, d->rerun.ntargets,
	       d->rerun.nrows, d->rerun.per_target);
}

int page_public_inspections(struct req *r)
{
	struct page pg;
	struct public_draw_list l;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	if (!kit_paging(r, &pg))
		return 400;
	enum fz_err rc = app_public_draws(&r->ctx, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "双随机抽查");
	html_raw(&b, "<p class=\"lead\">随机抽取检查对象、随机选派执法检查人员（双随机一公开）：每次抽取的"
		     "检查计划、结果和随机种子。任何人都可以用公开的名单和种子重新抽取一次，核对结果。"
		     "检查对象是自然人的，姓名按公示规则隐去（姓氏加“某”），身份证号码等不公开。</p>\n");
	html_raw(&b, "<table class=\"list\">\n<caption>抽查计划和抽取结果</caption>\n<thead><tr>"
		     "<th scope=\"col\">抽查计划</th><th scope=\"col\">执法主体</th>"
		     "<th scope=\"col\">抽取日期</th><th scope=\"col\">抽取结果</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < l.n; i++)
		plan_row(&b, &l.items[i]);
	html_raw(&b, "</tbody>\n</table>\n");
	if (l.n == 0)
		html_raw(&b, "<p>暂无随机抽取记录。</p>\n");
	lk_pager(r, &b, pg, l.total);
	html_raw(&b, "<p>数据接口：<a href=\"/api/v1/public/inspections\" type=\"application/json\">"
		     "双随机抽查（JSON）</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_inspection(struct req *r)
{
	struct public_draw d;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	enum fz_err rc = app_public_draw(&r->ctx, req_param(r, "id"), &d, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "没有这次随机抽取");
	if (rc)
		return http_fail_fz(r, rc, &e);
	long long id = (long long)d.id;
	page_begin(r, &b, d.title);
	html_raw(&b, "<dl class=\"fields\">");
	html_f(&b, "<dt>执法主体</dt><dd>%s</dd><dt>案件编号</dt><dd>%s</dd>", d.agency_name,
	       d.case_number ? d.case_number : "");
	if (*d.basis)
		html_f(&b, "<dt>检查依据</dt><dd>%s</dd>", d.basis);
	html_f(&b, "<dt>立项日期</dt><dd>%s</dd><dt>抽取日期</dt><dd>%s</dd>"
		   "<dt>检查对象名单</dt><dd>%zu 个（其中 %zu 个自然人已隐名）</dd>"
		   "<dt>执法人员名单</dt><dd>%zu 名</dd><dt>随机种子</dt><dd><code class=\"long\">%s</code></dd>"
		   "</dl>\n",
	       d.opened_on, d.drawn_on, d.rerun.ntargets, d.nmasked, d.rerun.ninspectors, d.seed);
	if (*d.publish_at)
		html_f(&b, "<p>本次抽取结果按抽取时的决定自 %s（北京时间）起公开，此前不公开，"
			   "以免检查对象事先知悉。</p>\n", d.publish_at);
	if (!d.matches)
		html_raw(&b, "<p class=\"error\" role=\"alert\">用公开的名单和种子重新抽取的结果与记录不一致，"
			     "请向本机关或司法局反映。</p>\n");
	html_f(&b, "<table class=\"list\">\n<caption>抽取结果：%zu 个检查对象及其执法检查人员</caption>\n"
		   "<thead><tr><th scope=\"col\">顺序</th><th scope=\"col\">检查对象</th>"
		   "<th scope=\"col\">执法检查人员</th></tr></thead>\n<tbody>\n",
	       d.rerun.nrows);
	for (size_t i = 0; i < d.rerun.nrows; i++) {
		html_f(&b, "<tr><td data-label=\"顺序\">%zu</td><td data-label=\"检查对象\">%s</td>"
			   "<td data-label=\"执法检查人员\">",
		       i + 1, d.rerun.rows[i].target);
		for (size_t k = 0; k < d.rerun.per_target; k++)
			html_f(&b, "%s%s（%s）", k ? "、" : "", inspector_name(&d, i, k),
			       d.rerun.rows[i].inspectors[k]);
		html_raw(&b, "</td></tr>\n");
	}
	html_raw(&b, "</tbody>\n</table>\n");
	html_raw(&b, "<h2 id=\"check\">自己核对这次抽取</h2>\n<ol>\n");
	html_f(&b, "<li>下载<a href=\"/public/inspections/%lld/targets.txt\" download>检查对象名单</a>"
		   "和<a href=\"/public/inspections/%lld/inspectors.txt\" download>执法人员名单</a>"
		   "（每行一个；检查对象前的编号是它在原名单中的排序位置，隐名不改变抽取结果）。</li>\n",
	       id, id);
	html_f(&b, "<li>运行 <code class=\"long\">fazhi draw --seed %s --targets targets.txt "
		   "--inspectors inspectors.txt --count %zu --per-target %zu</code>"
		   "（或独立实现 <code>scripts/draw.py</code>，参数相同）。</li>\n",
	       d.seed, d.rerun.nrows, d.rerun.per_target);
	html_raw(&b, "<li>输出应与下面完全一致：</li>\n</ol>\n");
	html_f(&b, "<pre class=\"long\">%s</pre>\n",
	       d.output);
	html_f(&b, "<p>抽取方法（构造版本 %d）：以种子的 SHA-256 为随机数流，先把两份名单按字节排序，"
		   "再依次抽取检查对象和每个对象的执法人员；方法全文见 <code>src/domain/draw.h</code>。"
		   "抽取时记录的原始名单摘要（未隐名）：<code class=\"long\">%s</code>；上面输出中的名单摘要"
		   "是公开名单的摘要。</p>\n",
	       d.version, d.recorded_digest);
	html_f(&b, "<p><a href=\"/public/inspections\">返回双随机抽查</a> · 数据接口："
		   "<a href=\"/api/v1/public/inspections/%lld\" type=\"application/json\">本次抽取（JSON）</a></p>\n",
	       id);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static int list_file(struct req *r, bool targets)
{
	struct public_draw d;
	struct fz_error e = { 0 };
	enum fz_err rc = app_public_draw(&r->ctx, req_param(r, "id"), &d, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "没有这次随机抽取");
	if (rc)
		return http_fail_fz(r, rc, &e);
	const struct draw_list *l = targets ? &d.targets : &d.inspectors;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		buf_adds(&b, l->ids[i]);
		buf_addc(&b, '\n');
	}
	return resp_bytes(r, 200, "text/plain; charset=utf-8", &b);
}

int page_public_inspection_targets(struct req *r)
{
	return list_file(r, true);
}

int page_public_inspection_inspectors(struct req *r)
{
	return list_file(r, false);
}

static json_t *json_strings(const struct draw_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		a = json_array_push(a, json_text(l->ids[i]));
	return a;
}

static json_t *json_public_draw(const struct public_draw *d, bool full)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(d->id));
	o = json_put(o, "title", json_text(d->title));
	o = json_put(o, "agency_name", json_text(d->agency_name));
	o = json_put(o, "case_number", json_text(d->case_number));
	o = json_put(o, "basis", json_text(d->basis));
	o = json_put(o, "opened_on", json_text(d->opened_on));
	o = json_put(o, "drawn_on", json_text(d->drawn_on));
	o = json_put(o, "publish_at", json_str_or_null(*d->publish_at ? d->publish_at : NULL));
	o = json_put(o, "seed", json_text(d->seed));
	o = json_put(o, "version", json_integer(d->version));
	o = json_put(o, "count", json_integer((json_int_t)d->rerun.nrows));
	o = json_put(o, "per_target", json_integer((json_int_t)d->rerun.per_target));
	o = json_put(o, "targets_total", json_integer((json_int_t)d->rerun.ntargets));
	o = json_put(o, "targets_masked", json_integer((json_int_t)d->nmasked));
	o = json_put(o, "reproduced", json_boolean(d->matches));
	json_t *rows = json_array();
	for (size_t i = 0; i < d->rerun.nrows; i++) {
		json_t *row = json_object(), *ins = json_array(), *names = json_array();
		for (size_t k = 0; k < d->rerun.per_target; k++) {
			ins = json_array_push(ins, json_text(d->rerun.rows[i].inspectors[k]));
			names = json_array_push(names, json_text(inspector_name(d, i, k)));
		}
		row = json_put(row, "target", json_text(d->rerun.rows[i].target));
		row = json_put(row, "inspectors", ins);
		row = json_put(row, "inspector_names", names);
		rows = json_array_push(rows, row);
	}
	o = json_put(o, "assignment", rows);
	if (full) {
		o = json_put(o, "target_list", json_strings(&d->targets));
		o = json_put(o, "inspector_list", json_strings(&d->inspectors));
		o = json_put(o, "recorded_lists_digest", json_text(d->recorded_digest));
		o = json_put(o, "published_lists_digest", json_text(d->rerun.lists_digest));
		o = json_put(o, "expected_output", json_text(d->output));
	}
	return o;
}

int api_public_inspection_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct public_draw_list l;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) || (rc = app_public_draws(&r->ctx, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_public_draw(&l.items[i], false));
	return resp_list(r, items, l.total, pg);
}

int api_public_inspection_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct public_draw d;
	enum fz_err rc = app_public_draw(&r->ctx, req_param(r, "id"), &d, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_public_draw(&d, true));
}
