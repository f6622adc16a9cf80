/* page_decision_staff.c - the staff pages of the yearly decision
 * catalogue (决策事项目录, docs/DECISIONS.md): /decision-catalogues lists
 * the agency's catalogues (the justice bureau sees every agency's) as a
 * working list (http/listkit.c: filters by year and agency in the URL,
 * page size, jump, CSV/XLSX), with the form that starts a new year's
 * catalogue; /decision-catalogues/{id} shows one with its items and
 * history and offers only what is possible now: list an item (after the
 * approval: an adjustment, its reason required), remove a listed item
 * with its reason, and — for the head, before the approval, with items
 * listed — record the approval with the approving body. Every change
 * goes through the same app functions as the JSON API (app/decision.c),
 * so its rules, audit and ledger leaf are the same. Forms carry the CSRF
 * token; no script; tables scroll inside their wrapper on a phone. */
#include <stdio.h>
#include <string.h>

#include "app/decision.h"
#include "base/num.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

/* --- the list --- */

static const struct lk_col cat_cols[] = {
	{ "年度", NULL, 0, false },
	{ "目录", NULL, 0, false },
	{ "机关", NULL, 0, false },
	{ "状态", NULL, 0, false },
	{ "批准公布", NULL, 0, false },
};
static const char *const cat_params[] = { "year", "agency" };

struct cat_src {
	int year;
	int64_t agency_id;
	bool bad_year;
	struct decision_catalogue_list list;
	struct kit_option *agencies;
	size_t na;
};

static enum fz_err cat_fetch(struct req *r, void *self, struct list_sort sort, struct page pg,
			     size_t *n, int64_t *total, struct fz_error *e)
{
	struct cat_src *s = self;
	(void)sort; /* one order: newest year first, then agency */
	*n = 0;
	*total = 0;
	if (s->bad_year)
		return fz_fail(e, FZ_INVALID, "year", "年度应为四位数字，例如 2026");
	enum fz_err rc = app_dcat_list(&r->ctx, false, s->agency_id, s->year, pg, &s->list, e);
	if (!rc) {
		*n = s->list.n;
		*total = s->list.total;
	}
	return rc;
}

static void cat_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *x)
{
	struct cat_src *s = self;
	const struct decision_catalogue *c = &s->list.items[i];
	bool approved = c->approved_on[0] != 0;
	(void)file;
	x[0] = (struct lk_cell){ .text = kit_id(r, c->year), .mono = true };
	x[1] = (struct lk_cell){ .text = c->title,
				 .href = arena_printf(r->a, "/decision-catalogues/%lld",
						      (long long)c->id) };
	x[2].text = c->agency_name;
	x[3] = (struct lk_cell){ .text = approved ? "已批准公布" : "编制中",
				 .badge = approved ? "ok" : "warn" };
	x[4].text = approved ? c->approved_on : NULL;
}

static bool may_draft(const struct req *r)
{
	return kit_may(r, PERM_DECISION_CATALOGUE) && r->ctx.user && r->ctx.user->agency_id;
}

static void create_form(struct req *r, struct buf *b, const struct fz_error *e)
{
	html_raw(b, "<section aria-labelledby=\"new\"><h2 id=\"new\">编制年度目录</h2>\n"
		    "<p class=\"muted\">每个机关每年一份目录；列入事项后由机关负责人记录批准，"
		    "批准后在门户公布，此后的变动都是目录调整，须写明理由。</p>\n"
		    "<form method=\"post\" action=\"/decision-catalogues\">");
	page_csrf_field(r, b);
	kit_input(b, "text", "year", "年度", e ? kit_form(r, "year") : r->ctx.today[0] ?
		  arena_printf(r->a, "%.4s", r->ctx.today) : "",
		  "required inputmode=\"numeric\" maxlength=\"4\" size=\"6\"", e);
	kit_input(b, "text", "title", "目录名称", e ? kit_form(r, "title") : "",
		  "required maxlength=\"300\"", e);
	html_raw(b, "<p><button type=\"submit\">编制目录</button></p></form></section>\n");
}

static void cat_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		    enum fz_err rc, const struct fz_error *e)
{
	struct cat_src *s = self;
	(void)rc;
	(void)e;
	const char *msg = req_query(r, "msg");
	if (msg && strcmp(msg, "created") == 0)
		page_flash(b, FLASH_OK, "目录已编制，请列入事项。");
	html_raw(b, "<p class=\"lead\">重大行政决策事项目录（重大行政决策程序暂行条例第三条）：本机关每年编制，"
		    "经批准后向社会公布，调整须写明理由。<a href=\"/public/decision-catalogue\">"
		    "查看门户上已公布的目录</a></p>\n");
	kit_filter_begin(b, "/decision-catalogues");
	lk_filter_keep(b, v);
	kit_input(b, "text", "year", "年度", kit_query(r, "year"),
		  "inputmode=\"numeric\" maxlength=\"4\" size=\"6\"", NULL);
	if (r->ctx.user && (r->ctx.user->roles & ROLE_SUPERVISOR))
		kit_select(b, "agency", "机关", s->agencies, s->na, kit_id(r, s->agency_id), NULL);
	kit_filter_end(b, "/decision-catalogues");
	if (may_draft(r))
		create_form(r, b, NULL);
}

int page_dcat_list(struct req *r)
{
	static const struct lk_table t = {
		.path = "/decision-catalogues", .title = "决策事项目录",
		.list = "decision_catalogues", .cols = cat_cols,
		.ncols = sizeof cat_cols / sizeof cat_cols[0], .params = cat_params,
		.nparams = sizeof cat_params / sizeof cat_params[0],
		.empty = "没有符合条件的决策事项目录。",
	};
	struct cat_src s = { .agency_id = kit_query_id(r, "agency") };
	const char *y = kit_query(r, "year");
	int64_t year = 0;
	if (*y && !num_parse_i64(y, 2000, 9999, &year))
		s.bad_year = true;
	s.year = (int)year;
	s.agencies = kit_agency_options(r, "全部", &s.na);
	return lk_serve(r, &t, &(struct lk_source){ cat_fetch, cat_cells, cat_top, &s });
}

static int status_of(enum fz_err rc)
{
	return rc == FZ_FORBIDDEN ? 403 : rc == FZ_CONFLICT ? 409 : rc == FZ_NOTFOUND ? 404 : 400;
}

static bool shown_again(enum fz_err rc)
{
	return rc == FZ_INVALID || rc == FZ_CONFLICT || rc == FZ_FORBIDDEN || rc == FZ_NOTFOUND;
}

int page_dcat_create(struct req *r)
{
	struct fz_error e = { 0 };
	struct decision_catalogue c;
	int64_t year = 0;
	const char *y = kit_form(r, "year");
	enum fz_err rc = num_parse_i64(y, 2000, 9999, &year)
				 ? app_dcat_create(&r->ctx, (int)year, kit_form(r, "title"), &c, &e)
				 : fz_fail(&e, FZ_INVALID, "year", "年度应为四位数字，例如 2026");
	if (!rc) {
		char url[64];
		snprintf(url, sizeof url, "/decision-catalogues/%lld?msg=created", (long long)c.id);
		return resp_redirect(r, url);
	}
	if (!shown_again(rc))
		return http_fail_fz(r, rc, &e);
	struct buf b = BUF_INIT;
	page_begin(r, &b, "编制决策事项目录");
	page_error_box(&b, rc, &e);
	if (may_draft(r))
		create_form(r, &b, &e);
	html_raw(&b, "<p><a href=\"/decision-catalogues\">返回目录列表</a></p>\n");
	page_end(r, &b);
	return resp_html(r, status_of(rc), &b);
}

/* --- one catalogue --- */

static const char *action_label(const struct decision_catalogue_entry *en)
{
	if (strcmp(en->action, DCAT_APPROVE) == 0)
		return "批准公布";
	if (strcmp(en->action, DCAT_REMOVE) == 0)
		return en->adjustment ? "调整：调出目录" : "删除事项";
	return en->adjustment ? "调整：增列事项" : "列入事项";
}

static void category_select(struct buf *b, const char *value, const struct fz_error *e)
{
	struct kit_option o[8];
	size_t n = 0;
	for (size_t i = 0; dcat_categories[i] && n < 8; i++)
		o[n++] = (struct kit_option){ dcat_categories[i],
					      dcat_category_label(dcat_categories[i]) };
	kit_select(b, "category", "事项类别", o, n, value, e);
}

/* The day field of an entry: optional, today when left empty. */
static void day_field(struct req *r, struct buf *b, const char *id, const struct fz_error *e,
		      bool keep)
{
	html_f(b, "<p><label for=\"%s\">日期（不填为今天）</label><input id=\"%s\" name=\"on\" "
		  "type=\"date\" max=\"%s\" value=\"%s\"%s></p>",
	       id, id, r->ctx.today, keep ? kit_form(r, "on") : "",
	       e && strcmp(e->field, "on") == 0 ? " aria-invalid=\"true\"" : "");
	if (e && strcmp(e->field, "on") == 0)
		kit_field_error(b, "on", e);
}

/* which: the form a refused request came from ("add", "remove:ID",
 * "approve"), so that its input and error are shown there. */
static int show(struct req *r, int status, enum fz_err rc, const struct fz_error *err,
		const char *which)
{
	struct fz_error e = { 0 };
	struct dcat_view v;
	struct buf b = BUF_INIT;
	enum fz_err lr = app_dcat_view(&r->ctx, req_param(r, "id"), false, &v, &e);
	if (lr == FZ_NOTFOUND)
		return page_error(r, 404, "决策事项目录不存在");
	if (lr)
		return http_fail_fz(r, lr, &e);
	bool approved = v.cat.approved_on[0] != 0;
	bool own = r->ctx.user && r->ctx.user->agency_id == v.cat.agency_id;
	bool may_edit = own && kit_may(r, PERM_DECISION_CATALOGUE);
	bool may_approve = own && !approved && kit_may(r, PERM_DECISION_APPROVE);
	size_t listed = 0;
	for (size_t i = 0; i < v.nitems; i++)
		listed += !v.items[i].removed_on[0];
	const char *msg = req_query(r, "msg");
	page_begin(r, &b, v.cat.title);
	if (rc)
		page_error_box(&b, rc, err);
	else if (msg && strcmp(msg, "created") == 0)
		page_flash(&b, FLASH_OK, "目录已编制，请列入事项。");
	else if (msg && strcmp(msg, "added") == 0)
		page_flash(&b, FLASH_OK, approved ? "已增列事项，调整及其理由已在门户公布。" : "已列入事项。");
	else if (msg && strcmp(msg, "removed") == 0)
		page_flash(&b, FLASH_OK, approved ? "已调出事项，调整及其理由已在门户公布。" : "已删除事项。");
	else if (msg && strcmp(msg, "approved") == 0)
		page_flash(&b, FLASH_OK, "已记录批准，目录已在门户公布。");
	html_f(&b, "<dl class=\"fields\"><dt>机关</dt><dd>%s</dd><dt>年度</dt><dd>%d</dd>"
		   "<dt>状态</dt><dd>",
	       v.cat.agency_name, v.cat.year);
	if (approved) {
		html_f(&b, "%s 经%s批准，已公布", v.cat.approved_on, v.approved_by);
		html_f(&b, "（<a href=\"/public/decision-catalogue/%lld\">门户页面</a>）",
		       (long long)v.cat.id);
	} else {
		html_raw(&b, "编制中，尚未批准公布");
	}
	html_raw(&b, "</dd>");
	if (v.approval_note[0])
		html_f(&b, "<dt>批准说明</dt><dd>%s</dd>", v.approval_note);
	/* the PDF is drawn only from an approved catalogue; the XLSX also
	 * while it is drafted (api_decision_docs.c) */
	html_raw(&b, "<dt>下载</dt><dd>");
	if (approved)
		html_f(&b, "<a href=\"/api/v1/decision-catalogues/%lld/pdf\">目录（PDF）</a>　",
		       (long long)v.cat.id);
	html_f(&b, "<a href=\"/api/v1/decision-catalogues/%lld/xlsx\">目录及调整记录（XLSX）</a></dd>",
	       (long long)v.cat.id);
	html_raw(&b, "</dl>\n");

	html_raw(&b, "<section aria-labelledby=\"items\"><h2 id=\"items\">决策事项</h2>\n");
	if (!v.nitems)
		html_raw(&b, "<p>还没有列入事项。</p>\n");
	else
		html_raw(&b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">编号</th>"
			     "<th scope=\"col\">事项</th><th scope=\"col\">类别</th>"
			     "<th scope=\"col\">承办单位</th><th scope=\"col\">状态</th>"
			     "</tr></thead><tbody>\n");
	for (size_t i = 0; i < v.nitems; i++) {
		const struct dcat_item *it = &v.items[i];
		html_f(&b, "<tr><td class=\"mono\">%lld</td><th scope=\"row\">%s</th><td>%s</td>"
			   "<td>%s</td><td>",
		       (long long)it->id, it->title, dcat_category_label(it->category), it->unit);
		if (it->removed_on[0])
			html_f(&b, "%s %s：%s", it->removed_on, approved ? "调出目录" : "已删除",
			       it->removed_reason);
		else if (it->adjustment)
			html_f(&b, "%s 调整列入：%s", it->added_on, it->reason);
		else
			html_f(&b, "%s 列入", it->added_on);
		html_raw(&b, "</td></tr>\n");
	}
	if (v.nitems)
		html_raw(&b, "</tbody></table></div>\n");
	html_raw(&b, "</section>\n");

	if (may_edit && listed) {
		html_raw(&b, "<section aria-labelledby=\"remove\"><h2 id=\"remove\">");
		html_raw(&b, approved ? "调出事项（目录调整）" : "删除事项");
		html_raw(&b, "</h2>\n<p class=\"muted\">写明理由；理由随目录公布。正在办理决策的事项，"
			     "须先由行政首长终止该决策。</p>\n");
		for (size_t i = 0; i < v.nitems; i++) {
			const struct dcat_item *it = &v.items[i];
			if (it->removed_on[0])
				continue;
			/* under an open decision: not removable now, say why */
			int64_t open_id = 0;
			const char *open_no = "";
			struct fz_error oe = { 0 };
			if (app_dcat_item_open_decision(&r->ctx, it->id, &open_id, &open_no, &oe) ==
				    FZ_OK &&
			    open_id) {
				html_f(&b, "<p>第 %lld 号“%s”正由重大行政决策 <a href=\"/cases/%lld\">%s</a> "
					   "办理，终止该决策后才能调出。</p>\n",
				       (long long)it->id, it->title, (long long)open_id, open_no);
				continue;
			}
			char mine[48];
			snprintf(mine, sizeof mine, "remove:%lld", (long long)it->id);
			bool here = which && strcmp(which, mine) == 0;
			html_f(&b, "<form method=\"post\" action=\"/decision-catalogues/%lld/items/%lld/remove\">"
				   "<fieldset><legend>第 %lld 号：%s</legend>",
			       (long long)v.cat.id, (long long)it->id, (long long)it->id, it->title);
			page_csrf_field(r, &b);
			char rid[40];
			snprintf(rid, sizeof rid, "reason-%lld", (long long)it->id);
			html_f(&b, "<p><label for=\"%s\">理由</label><textarea id=\"%s\" name=\"reason\" "
				   "rows=\"2\" maxlength=\"2000\" required%s>%s</textarea></p>",
			       rid, rid,
			       here && err && strcmp(err->field, "reason") == 0
				       ? " aria-invalid=\"true\"" : "",
			       here ? kit_form(r, "reason") : "");
			if (here)
				kit_field_error(&b, "reason", err);
			snprintf(rid, sizeof rid, "on-%lld", (long long)it->id);
			day_field(r, &b, rid, here ? err : NULL, here);
			html_f(&b, "<p><button type=\"submit\">%s</button></p></fieldset></form>\n",
			       approved ? "调出目录" : "删除");
		}
		html_raw(&b, "</section>\n");
	}

	if (may_edit) {
		bool here = which && strcmp(which, "add") == 0;
		const struct fz_error *fe = here ? err : NULL;
		html_f(&b, "<section aria-labelledby=\"add\"><h2 id=\"add\">%s</h2>\n",
		       approved ? "增列事项（目录调整）" : "列入事项");
		if (approved)
			html_f(&b, "<p class=\"muted\">目录已于 %s 批准公布，增列事项是目录调整，须写明理由；"
				   "理由随目录公布。</p>\n",
			       v.cat.approved_on);
		html_f(&b, "<form method=\"post\" action=\"/decision-catalogues/%lld/items\">",
		       (long long)v.cat.id);
		page_csrf_field(r, &b);
		kit_input(&b, "text", "title", "决策事项名称", here ? kit_form(r, "title") : "",
			  "required maxlength=\"300\"", fe);
		category_select(&b, here ? kit_form(r, "category") : "policy", fe);
		kit_input(&b, "text", "unit", "承办单位", here ? kit_form(r, "unit") : "",
			  "required maxlength=\"200\"", fe);
		if (approved) {
			html_f(&b, "<p><label for=\"add-reason\">调整理由</label><textarea id=\"add-reason\" "
				   "name=\"reason\" rows=\"2\" maxlength=\"2000\" required%s>%s</textarea></p>",
			       fe && strcmp(fe->field, "reason") == 0 ? " aria-invalid=\"true\"" : "",
			       here ? kit_form(r, "reason") : "");
			kit_field_error(&b, "reason", fe);
		}
		day_field(r, &b, "add-on", fe, here);
		html_f(&b, "<p><button type=\"submit\">%s</button></p></form></section>\n",
		       approved ? "增列（调整）" : "列入");
	}

	if (may_approve && listed) {
		bool here = which && strcmp(which, "approve") == 0;
		const struct fz_error *fe = here ? err : NULL;
		html_f(&b, "<section aria-labelledby=\"approve\"><h2 id=\"approve\">记录批准</h2>\n"
			   "<p class=\"muted\">目录经同级党委（例如县委常委会会议）批准后记录；记录后目录在门户公布，"
			   "不能再次批准，此后的变动都是目录调整。</p>\n"
			   "<form method=\"post\" action=\"/decision-catalogues/%lld/approve\">",
		       (long long)v.cat.id);
		page_csrf_field(r, &b);
		kit_input(&b, "text", "approved_by", "批准机关（会议）",
			  here ? kit_form(r, "approved_by") : "", "required maxlength=\"200\"", fe);
		kit_input(&b, "text", "note", "说明（可不填）", here ? kit_form(r, "note") : "",
			  "maxlength=\"2000\"", fe);
		day_field(r, &b, "approve-on", fe, here);
		html_raw(&b, "<p><button type=\"submit\">记录批准并公布</button></p></form></section>\n");
	} else if (own && !approved && listed && !kit_may(r, PERM_DECISION_APPROVE)) {
		html_raw(&b, "<p>目录经批准后由机关负责人记录批准。</p>\n");
	}

	html_raw(&b, "<section aria-labelledby=\"hist\"><h2 id=\"hist\">记录</h2>\n");
	if (!v.nentries)
		html_raw(&b, "<p>尚无记录。</p>\n");
	else
		html_raw(&b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">日期</th>"
			     "<th scope=\"col\">事项</th><th scope=\"col\">内容</th>"
			     "<th scope=\"col\">理由或说明</th><th scope=\"col\">记录人</th>"
			     "</tr></thead><tbody>\n");
	for (size_t i = 0; i < v.nentries; i++) {
		const struct decision_catalogue_entry *en = &v.entries[i];
		const char *what = en->title;
		if (strcmp(en->action, DCAT_APPROVE) == 0)
			what = en->unit;
		for (size_t k = 0; en->item_id && k < v.nitems; k++)
			if (v.items[k].id == en->item_id)
				what = v.items[k].title;
		html_f(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		       en->on, action_label(en), what ? what : "", en->reason,
		       en->actor_name ? en->actor_name : en->actor);
	}
	if (v.nentries)
		html_raw(&b, "</tbody></table></div>\n");
	html_raw(&b, "</section>\n<p><a href=\"/decision-catalogues\">全部目录</a></p>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_dcat_show(struct req *r)
{
	return show(r, 200, FZ_OK, NULL, NULL);
}

static int after(struct req *r, enum fz_err rc, const struct fz_error *e, const char *which,
		 const char *msg)
{
	if (shown_again(rc))
		return show(r, status_of(rc), rc, e, which);
	if (rc)
		return http_fail_fz(r, rc, e);
	char url[96];
	snprintf(url, sizeof url, "/decision-catalogues/%lld?msg=%s", (long long)req_param(r, "id"),
		 msg);
	return resp_redirect(r, url);
}

int page_dcat_item_add(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t item;
	const char *reason = kit_form(r, "reason");
	enum fz_err rc = app_dcat_add_item(&r->ctx, req_param(r, "id"), kit_form(r, "title"),
					   kit_form(r, "category"), kit_form(r, "unit"),
					   *reason ? reason : NULL, kit_form(r, "on"), &item, &e);
	return after(r, rc, &e, "add", "added");
}

int page_dcat_item_remove(struct req *r)
{
	struct fz_error e = { 0 };
	char which[48];
	snprintf(which, sizeof which, "remove:%lld", (long long)req_param(r, "item"));
	enum fz_err rc = app_dcat_remove_item(&r->ctx, req_param(r, "id"), req_param(r, "item"),
					      kit_form(r, "reason"), kit_form(r, "on"), &e);
	return after(r, rc, &e, which, "removed");
}

int page_dcat_approve(struct req *r)
{
	struct fz_error e = { 0 };
	const char *note = kit_form(r, "note");
	enum fz_err rc = app_dcat_approve(&r->ctx, req_param(r, "id"), kit_form(r, "approved_by"),
					  *note ? note : NULL, kit_form(r, "on"), &e);
	return after(r, rc, &e, "approve", "approved");
}
