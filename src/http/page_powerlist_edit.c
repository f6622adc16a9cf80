/* page_powerlist_edit.c - the staff page for drafting the power list
 * (权责清单, docs/EXANTE.md): the agency's legal unit or head starts a
 * draft from the version in force, edits its powers in a form (no
 * script), sees what changes against the version in force, and the head
 * publishes it with an effective date. Every rule is the app's
 * (app/powerlist.c): the page takes the same path as the API, so a
 * published version, a date not after the previous one or a backdate
 * without a reason are refused here exactly as there. */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/org.h"
#include "app/powerlist.h"
#include "base/num.h"
#include "domain/roles.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

#define EDIT_ITEMS_MAX 500

static void kind_select(struct buf *b, const char *name, const char *value)
{
	html_f(b, "<select name=\"%s\">", name);
	for (size_t k = 0; k < power_kind_count; k++)
		html_f(b, "<option value=\"%s\"%s>%s</option>", power_kind_names[k],
		       value && strcmp(value, power_kind_names[k]) == 0 ? " selected" : "",
		       power_kind_label(power_kind_names[k]));
	html_raw(b, "</select>");
}

static void unit_select(struct buf *b, const char *name, int64_t value,
			const struct unit_list *units, const char *agency)
{
	html_f(b, "<select name=\"%s\"><option value=\"0\">%s（本机关）</option>", name, agency);
	for (size_t k = 0; k < units->n; k++)
		html_f(b, "<option value=\"%lld\"%s>%s</option>", (long long)units->items[k].id,
		       units->items[k].id == value ? " selected" : "", units->items[k].name);
	html_raw(b, "</select>");
}

/* One power's fields as a fieldset; i counts from 1; it NULL: empty. */
static void item_fields(struct buf *b, size_t i, const struct power_item *it,
			const struct unit_list *units, const char *agency)
{
	char n[32];
	html_f(b, "<fieldset class=\"power\"><legend>%s</legend>",
	       it ? it->name : "新增一项职权（不填事项编码则不增加）");
	struct {
		const char *key, *label, *value;
		bool area;
	} f[] = {
		{ "code", "事项编码", it ? it->code : "", false },
		{ "name", "事项名称", it ? it->name : "", false },
		{ "basis", "设定依据", it ? it->basis : "", true },
		{ "duty", "责任事项", it ? it->duty : "", true },
		{ "acc", "追责情形及依据", it ? it->accountability : "", true },
		{ "guide", "办事指南（可不填）", it ? it->guide : "", true },
	};
	for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
		snprintf(n, sizeof n, "%s_%zu", f[k].key, i);
		if (f[k].area)
			html_f(b, "<p><label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" rows=\"2\">%s</textarea></p>",
			       n, f[k].label, n, n, f[k].value ? f[k].value : "");
		else
			html_f(b, "<p><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" value=\"%s\"></p>",
			       n, f[k].label, n, n, f[k].value ? f[k].value : "");
		if (k == 1) {
			snprintf(n, sizeof n, "kind_%zu", i);
			html_f(b, "<p><label>职权类别 ");
			kind_select(b, n, it ? it->kind : "penalty");
			html_raw(b, "</label></p>");
			snprintf(n, sizeof n, "unit_%zu", i);
			html_raw(b, "<p><label>实施机构 ");
			unit_select(b, n, it ? it->unit_id : 0, units, agency);
			html_raw(b, "</label></p>");
		}
	}
	if (it)
		html_f(b, "<p><label><input type=\"checkbox\" name=\"drop_%zu\" value=\"1\"> 删除这一项</label></p>",
		       i);
	html_raw(b, "</fieldset>\n");
}

static void diff_section(struct req *r, struct buf *b, const struct power_list *draft,
			 const struct power_list *cur)
{
	struct power_diff d;
	struct fz_error e = { 0 };
	html_raw(b, "<h2 id=\"diff\">与现行版本相比</h2>\n");
	if (!cur) {
		html_raw(b, "<p>本机关还没有发布过权责清单，草稿中的全部职权都是新增的。</p>\n");
		return;
	}
	if (power_compare(r->ctx.a, cur->items, cur->n_items, draft->items, draft->n_items, &d,
			  &e)) {
		page_error_box(b, FZ_NOMEM, &e);
		return;
	}
	html_f(b, "<p>现行第 %lld 版（%s 起施行）。草稿新增 %zu 项、删除 %zu 项、修改 %zu 项。</p>\n",
	       (long long)cur->version, cur->effective_on, d.added, d.removed, d.changed);
	if (!d.n)
		return;
	html_raw(b, "<ul class=\"changes\">\n");
	for (size_t i = 0; i < d.n; i++) {
		const struct power_diff_entry *x = &d.entries[i];
		html_f(b, "<li>%s：%s（%s）", x->change == POWER_ADDED     ? "新增"
					       : x->change == POWER_REMOVED ? "删除"
									    : "修改",
		       x->name, x->code);
		for (size_t k = 0; k < x->n_fields; k++)
			html_f(b, "<br>%s：<del>%s</del> → <ins>%s</ins>", x->fields[k].label,
			       x->fields[k].before, x->fields[k].after);
		html_raw(b, "</li>\n");
	}
	html_raw(b, "</ul>\n");
}

/* The page; status and a failed action's error when re-shown. */
static int show(struct req *r, int status, enum fz_err rc, const struct fz_error *err)
{
	struct app_ctx *ctx = &r->ctx;
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	int64_t agency = ctx->user ? ctx->user->agency_id : 0;
	struct power_list draft, cur;
	struct unit_list units = { 0 };
	struct page all = { .offset = 0, .limit = 200 };
	enum fz_err dr = app_power_draft_of(ctx, agency, &draft, &e);
	if (dr && dr != FZ_NOTFOUND)
		return http_fail_fz(r, dr, &e);
	bool has_cur = app_power_in_force(ctx, agency, NULL, &cur, NULL) == FZ_OK;
	if (app_unit_list(ctx, agency, all, &units, &e))
		memset(&units, 0, sizeof units);
	page_begin(r, &b, "起草权责清单");
	if (rc)
		page_error_box(&b, rc, err);
	const char *msg = req_query(r, "msg");
	if (msg && strcmp(msg, "saved") == 0)
		page_flash(&b, FLASH_OK, "草稿已保存。");
	else if (msg && strcmp(msg, "published") == 0)
		page_flash(&b, FLASH_OK, "权责清单已发布，公众可在门户查看。");
	else if (msg && strcmp(msg, "created") == 0)
		page_flash(&b, FLASH_OK, "已起草新版本。");
	html_f(&b, "<p class=\"lead\">本机关的权责清单：起草新版本、逐项修改，与现行版本比较后由机关负责人"
		   "发布。已发布的版本不能修改，修改须起草新版本。<a href=\"/public/agencies/%lld/power-lists\">"
		   "查看已公开的历次版本</a></p>\n",
	       (long long)agency);
	if (dr == FZ_NOTFOUND) {
		html_raw(&b, "<form method=\"post\" action=\"/power-lists/new\">");
		page_csrf_field(r, &b);
		html_raw(&b, "<p><label for=\"note\">修订说明</label><input id=\"note\" name=\"note\"></p>"
			     "<p><button type=\"submit\">起草新版本（以现行版本为基础）</button></p></form>\n");
		page_end(r, &b);
		return resp_html(r, status, &b);
	}
	html_f(&b, "<h2>第 %lld 版草稿</h2>\n<form method=\"post\" action=\"/power-lists/%lld/items\">",
	       (long long)draft.version, (long long)draft.id);
	page_csrf_field(r, &b);
	html_f(&b, "<input type=\"hidden\" name=\"n\" value=\"%zu\">", draft.n_items);
	html_f(&b, "<p><label for=\"note\">修订说明</label><input id=\"note\" name=\"note\" value=\"%s\"></p>\n",
	       draft.note ? draft.note : "");
	for (size_t i = 0; i < draft.n_items; i++)
		item_fields(&b, i + 1, &draft.items[i], &units, draft.agency ? draft.agency : "");
	item_fields(&b, draft.n_items + 1, NULL, &units, draft.agency ? draft.agency : "");
	html_raw(&b, "<p><button type=\"submit\">保存草稿</button></p></form>\n");
	diff_section(r, &b, &draft, has_cur ? &cur : NULL);
	if (ctx->user && authz_allows(ctx->user->roles, PERM_POWER_PUBLISH)) {
		html_f(&b, "<h2 id=\"publish\">发布</h2>\n<form method=\"post\" action=\"/power-lists/%lld/publish\">",
		       (long long)draft.id);
		page_csrf_field(r, &b);
		html_f(&b, "<p><label for=\"effective_on\">生效日期</label><input id=\"effective_on\" "
			   "name=\"effective_on\" type=\"date\" required>%s</p>"
			   "<p><label for=\"reason\">溯及既往的理由（生效日期早于今天时必填，随清单公开）</label>"
			   "<textarea id=\"reason\" name=\"reason\" rows=\"2\"></textarea></p>"
			   "<p><button type=\"submit\">发布</button></p></form>\n",
		       has_cur ? "（须晚于现行版本的生效日期）" : "");
	} else {
		html_raw(&b, "<p>草稿由机关负责人发布。</p>\n");
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_power_draft(struct req *r)
{
	return show(r, 200, FZ_OK, NULL);
}

static int after(struct req *r, enum fz_err rc, const struct fz_error *e, const char *msg)
{
	if (rc == FZ_INVALID || rc == FZ_CONFLICT || rc == FZ_FORBIDDEN || rc == FZ_NOTFOUND)
		return show(r, rc == FZ_FORBIDDEN ? 403 : rc == FZ_CONFLICT ? 409
						       : rc == FZ_NOTFOUND ? 404
									   : 400,
			    rc, e);
	if (rc)
		return http_fail_fz(r, rc, e);
	char url[64];
	snprintf(url, sizeof url, "/power-lists?msg=%s", msg);
	return resp_redirect(r, url);
}

int page_power_draft_new(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t agency = r->ctx.user ? r->ctx.user->agency_id : 0;
	return after(r, app_power_draft_create(&r->ctx, agency, req_form(r, "note"), NULL, 0, NULL,
					       &e),
		     &e, "created");
}

static const char *field_of(struct req *r, const char *key, size_t i)
{
	char n[32];
	snprintf(n, sizeof n, "%s_%zu", key, i);
	const char *v = req_form(r, n);
	return v ? v : "";
}

int page_power_draft_items(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t n = 0;
	const char *ns = req_form(r, "n");
	if (!ns || !num_parse_i64(ns, 0, EDIT_ITEMS_MAX, &n))
		return after(r, fz_fail(&e, FZ_INVALID, "n", "表单已过期，请重新打开本页后修改"), &e,
			     "");
	struct power_item *items = arena_calloc(r->ctx.a, (size_t)n + 2, sizeof *items);
	if (!items)
		return http_fail_fz(r, FZ_NOMEM, NULL);
	size_t m = 0;
	for (size_t i = 1; i <= (size_t)n + 1; i++) {
		bool added = i == (size_t)n + 1;
		if (*field_of(r, "drop", i) || (added && !*field_of(r, "code", i)))
			continue;
		int64_t unit = 0;
		if (!num_parse_i64(field_of(r, "unit", i), 0, INT64_MAX, &unit))
			unit = -1; /* refused by the app as a unit of no agency */
		items[m++] = (struct power_item){
			.code = field_of(r, "code", i), .name = field_of(r, "name", i),
			.kind = field_of(r, "kind", i), .basis = field_of(r, "basis", i),
			.unit_id = unit, .duty = field_of(r, "duty", i),
			.accountability = field_of(r, "acc", i), .guide = field_of(r, "guide", i),
		};
	}
	return after(r, app_power_draft_update(&r->ctx, req_param(r, "id"), req_form(r, "note"),
					       items, m, NULL, &e),
		     &e, "saved");
}

int page_power_draft_publish(struct req *r)
{
	struct fz_error e = { 0 };
	return after(r, app_power_publish(&r->ctx, req_param(r, "id"), req_form(r, "effective_on"),
					  req_form(r, "reason"), NULL, &e),
		     &e, "published");
}
