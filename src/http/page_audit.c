/* page_audit.c - the auditor's 审计日志: GET /audit (filters by date,
 * actor, action, object type and result; each row opens to its changed
 * fields), GET /audit/{id} (the changed fields of one record) and
 * GET /audit/export.csv (the filtered log as CSV; the export is audited). */
#include <stdio.h>
#include <string.h>

#include "app/audit_names.h"
#include "app/auditlog.h"
#include "base/date.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

static const struct kit_option result_opts[] = {
	{ "", "全部" }, { "ok", "成功" }, { "denied", "拒绝" }, { "failed", "失败" },
};

/* "YYYY-MM-DD" as the first second of that day in China; end_of_day
 * gives the first second of the next day (the filter's "to" is
 * exclusive, the form's is inclusive). */
static bool day_start(const char *s, bool end_of_day, int64_t *out)
{
	int y, m, d;
	if (!date_parse(s, &y, &m, &d))
		return false;
	*out = (date_to_days(y, m, d) + (end_of_day ? 1 : 0)) * 86400 - DATE_UTC_OFFSET;
	return true;
}

/* The filter from the query; FZ_INVALID naming the bad field. */
static enum fz_err filter_from_query(struct req *r, struct audit_filter *f, struct fz_error *e)
{
	const char *from = kit_query(r, "from"), *to = kit_query(r, "to");
	memset(f, 0, sizeof *f);
	f->actor = kit_query(r, "actor");
	f->action = kit_query(r, "action");
	/* the action by its Chinese name, as the list offers it */
	if (audit_action_of_name(f->action))
		f->action = audit_action_of_name(f->action);
	f->object_type = kit_query(r, "object_type");
	f->result = kit_query(r, "result");
	if (*from && !day_start(from, false, &f->from))
		return fz_fail(e, FZ_INVALID, "from", "起始日期格式应为 YYYY-MM-DD");
	if (*to && !day_start(to, true, &f->to))
		return fz_fail(e, FZ_INVALID, "to", "截止日期格式应为 YYYY-MM-DD");
	return FZ_OK;
}

/* The action and object filters take a code (or a code prefix ending
 * in "."); the lists offer every code by its Chinese name. */
static void code_list(struct buf *b, const char *id, const char *const *codes, size_t n,
		      const char *(*label)(const char *))
{
	html_f(b, "<datalist id=\"%s\">", id);
	for (size_t i = 0; i < n; i++)
		html_f(b, "<option value=\"%s\">%s</option>", codes[i], label(codes[i]));
	html_raw(b, "</datalist>");
}

static const char *object_label(const char *t) { return audit_object_label(t); }

/* The actions by name: the datalist offers the Chinese names. */
static void action_list(struct buf *b)
{
	html_raw(b, "<datalist id=\"audit-actions\">");
	for (size_t i = 0; i < audit_action_count(); i++)
		html_f(b, "<option value=\"%s\">", audit_action_name(audit_action_code(i)));
	html_raw(b, "</datalist>");
}

static void filters(struct req *r, struct buf *b, const struct lk_view *v,
		    const struct fz_error *e)
{
	static const char *const object_codes[] = {
		"agency", "case", "certificate", "complaint", "document", "eval_round",
		"notice", "person", "publication", "unit", "user",
	};
	kit_filter_begin(b, "/audit");
	lk_filter_keep(b, v);
	kit_input(b, "date", "from", "起始日期", kit_query(r, "from"), NULL, e);
	kit_input(b, "date", "to", "截止日期", kit_query(r, "to"), NULL, e);
	kit_input(b, "search", "actor", "操作人（姓名或用户名）", kit_query(r, "actor"),
		  "maxlength=\"64\"", e);
	kit_input(b, "search", "action", "操作", kit_query(r, "action"),
		  "maxlength=\"64\" list=\"audit-actions\" placeholder=\"如 注销执法证，或 certificate.\"",
		  e);
	kit_input(b, "search", "object_type", "对象", kit_query(r, "object_type"),
		  "maxlength=\"32\" list=\"audit-objects\"", e);
	kit_select(b, "result", "结果", result_opts, 4, kit_query(r, "result"), e);
	action_list(b);
	code_list(b, "audit-objects", object_codes, sizeof object_codes / sizeof object_codes[0],
		  object_label);
	kit_filter_end(b, "/audit");
}

static void changes_table(struct buf *b, const struct audit_change_list *ch)
{
	html_raw(b, "<table class=\"list changes\"><thead><tr><th>字段</th><th>变更前</th>"
		    "<th>变更后</th></tr></thead><tbody>");
	for (size_t i = 0; i < ch->n; i++)
		html_f(b, "<tr><td data-label=\"字段\" class=\"mono\">%s</td>"
			  "<td data-label=\"变更前\">%s</td><td data-label=\"变更后\">%s</td></tr>",
		       ch->items[i].field, ch->items[i].before ? ch->items[i].before : "（无）",
		       ch->items[i].after ? ch->items[i].after : "（无）");
	html_raw(b, "</tbody></table>");
}

static const struct lk_col audit_cols[] = {
	{ "时间", "at", AUDIT_SORT_AT, false },
	{ "操作人", "actor", AUDIT_SORT_ACTOR, false },
	{ "操作", "action", AUDIT_SORT_ACTION, false },
	{ "对象", "object", AUDIT_SORT_OBJECT, false },
	{ "结果", "result", AUDIT_SORT_RESULT, false },
	{ "说明", NULL, 0, false },
	{ "来源地址", NULL, 0, false },
	{ "变更", NULL, 0, true },
};
static const char *const audit_params[] = { "from", "to", "actor", "action", "object_type",
					    "result" };

struct audit_src {
	struct audit_filter f;
	struct audit_list list;
	enum fz_err frc;
	struct fz_error fe;
};

static enum fz_err audit_fetch(struct req *r, void *self, struct list_sort sort, struct page pg,
			       size_t *n, int64_t *total, struct fz_error *e)
{
	struct audit_src *s = self;
	*n = 0;
	*total = 0;
	if (s->frc) {
		*e = s->fe;
		return s->frc;
	}
	s->f.sort = sort;
	enum fz_err rc = app_audit_list(&r->ctx, &s->f, pg, &s->list, e);
	if (!rc) {
		*n = s->list.n;
		*total = s->list.total;
	}
	return rc;
}

/* "张三（zhangsan）": the person first; the account name, which is what
 * was typed at sign-in, after it. */
static const char *actor_text(struct req *r, const struct audit_entry *x)
{
	if (strcmp(x->actor, "(cli)") == 0)
		return "服务器命令行";
	if (!*x->actor)
		return "未登录的访问者";
	if (!*x->actor_name)
		return x->actor;
	const char *s = arena_printf(r->a, "%s（%s）", x->actor_name, x->actor);
	return s ? s : x->actor;
}

static void audit_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *c)
{
	struct audit_src *s = self;
	const struct audit_entry *x = &s->list.items[i];
	char when[20];
	time_format_local(x->at, when);
	c[0].text = arena_strdup(r->a, when);
	c[1].text = actor_text(r, x);
	c[2].text = audit_action_label(r->a, x->action);
	c[3].text = audit_object_text(r->a, x->object_type, x->object_id);
	c[4] = (struct lk_cell){ .text = audit_result_label(x->result),
				 .badge = strcmp(x->result, "ok") == 0 ? "ok" : "bad" };
	c[5].text = x->message;
	c[6] = (struct lk_cell){ .text = x->client_addr, .mono = true };
	if (file)
		return;
	struct audit_change_list ch = { 0 };
	struct fz_error e = { 0 };
	struct buf h = BUF_INIT;
	if (app_audit_changes(&r->ctx, x->id, &ch, &e) == FZ_OK && ch.n > 0) {
		html_f(&h, "<details><summary>%zu 个字段</summary>", ch.n);
		changes_table(&h, &ch);
		html_f(&h, "<a href=\"/audit/%lld\">单独查看</a></details>", (long long)x->id);
		c[7].html = buf_failed(&h) ? NULL : arena_strdup(r->a, buf_cstr(&h));
	}
	buf_release(&h);
}

static void audit_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		      enum fz_err rc, const struct fz_error *e)
{
	(void)self;
	filters(r, b, v, rc ? e : NULL);
}

int page_audit_list(struct req *r)
{
	static const struct lk_table t = {
		.path = "/audit", .title = "审计日志", .list = "audit",
		.cols = audit_cols, .ncols = sizeof audit_cols / sizeof audit_cols[0],
		.params = audit_params, .nparams = sizeof audit_params / sizeof audit_params[0],
		.empty = "没有符合条件的审计记录。",
	};
	struct audit_src s;
	memset(&s, 0, sizeof s);
	s.frc = filter_from_query(r, &s.f, &s.fe);
	return lk_serve(r, &t, &(struct lk_source){ audit_fetch, audit_cells, audit_top, &s });
}

int page_audit_show(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct audit_change_list ch = { 0 };
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_audit_changes(&r->ctx, id, &ch, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char *title = arena_printf(r->a, "审计记录 %lld 的变更字段", (long long)id);
	page_begin(r, &b, title ? title : "审计记录");
	if (ch.n == 0)
		html_raw(&b, "<p class=\"empty\">该记录没有字段变更（或记录不存在）。</p>\n");
	else
		changes_table(&b, &ch);
	html_raw(&b, "<p class=\"hint\">密码和身份证号码只记录“已变更”，不记录内容。</p>\n"
		     "<p><a class=\"button secondary\" href=\"/audit\">返回审计日志</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_audit_export(struct req *r)
{
	struct fz_error e = { 0 };
	struct audit_filter f;
	struct buf csv = BUF_INIT;
	char disposition[96];

	enum fz_err rc = filter_from_query(r, &f, &e);
	if (rc == FZ_OK)
		rc = app_audit_export_csv(&r->ctx, &f, &csv, &e);
	if (rc == FZ_OK && buf_failed(&csv))
		rc = buf_status(&csv);
	if (rc) {
		buf_release(&csv);
		return http_fail_fz(r, rc, &e);
	}
	snprintf(disposition, sizeof disposition,
		 "attachment; filename=\"audit-%.4s%.2s%.2s.csv\"", r->ctx.today,
		 r->ctx.today + 5, r->ctx.today + 8);
	resp_header(r, "Content-Disposition", disposition);
	return resp_bytes(r, 200, "text/csv; charset=utf-8", &csv);
}
