/* page_complaints.c - the complaint pages of the justice bureau and the
 * agencies: GET /complaints (through http/listkit.c: sorts, pages, exports;
 * filters in the URL: agency, state, overdue, mine), GET /complaints/new and POST /complaints (the
 * bureau enters a complaint received by phone, letter, the 12345 hotline
 * or a visit), GET /complaints/{id} (the complaint, its record, and only
 * the actions the viewer may take now) and POST /complaints/{id}/act. */
#include <string.h>

#include "app/complaint.h"
#include "app/ledger.h"
#include "http/complaint_view.h"
#include "http/form.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

const struct lk_col complaint_list_cols[COMPLAINT_LIST_NCOLS] = {
	{ "回执编号", "receipt", COMPLAINT_SORT_RECEIPT, false },
	{ "收到", "received", COMPLAINT_SORT_RECEIVED, false },
	{ "来源", NULL, 0, false },
	{ "被投诉机关", "agency", COMPLAINT_SORT_AGENCY, false },
	{ "状态", "state", COMPLAINT_SORT_STATE, false },
	{ "负责办理", "handler", COMPLAINT_SORT_HANDLER, false },
	{ "期限", "due", COMPLAINT_SORT_DUE, false },
};
static const char *const complaint_params[] = { "agency_id", "state", "overdue", "mine" };

struct complaint_src {
	struct complaint_filter f;
	struct complaint_list list;
	enum fz_err frc;
	struct fz_error fe;
};

static enum fz_err complaint_fetch(struct req *r, void *self, struct list_sort sort,
				   struct page pg, size_t *n, int64_t *total, struct fz_error *e)
{
	struct complaint_src *s = self;
	*n = 0;
	*total = 0;
	if (s->frc) {
		*e = s->fe;
		return s->frc;
	}
	s->f.sort = sort;
	enum fz_err rc = app_complaint_list(&r->ctx, &s->f, pg, &s->list, e);
	if (!rc) {
		*n = s->list.n;
		*total = s->list.total;
	}
	return rc;
}

void complaint_list_cells(struct req *r, const struct complaint *c, bool file, struct lk_cell *x)
{
	const char *due = complaint_due_now(c);
	bool late = complaint_overdue(c, r->ctx.today);
	x[0] = (struct lk_cell){ .text = c->receipt, .mono = true,
				 .href = arena_printf(r->a, "/complaints/%lld", (long long)c->id) };
	x[1].text = c->received_on;
	x[2].text = complaint_channel_label(c->channel);
	x[3].text = c->agency;
	x[4].text = complaint_state_label(c->state);
	x[5].text = c->handler_id ? c->handler : NULL;
	x[6].text = late ? arena_printf(r->a, "%s（已逾期）", due) : due;
	if (!file && late) {
		struct buf h = BUF_INIT;
		html_f(&h, "%s <span class=\"badge bad\">逾期</span>", due);
		x[6].html = buf_failed(&h) ? NULL : arena_strdup(r->a, buf_cstr(&h));
		buf_release(&h);
	}
}

static void complaint_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *x)
{
	struct complaint_src *s = self;
	complaint_list_cells(r, &s->list.items[i], file, x);
}

static void complaint_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
			  enum fz_err rc, const struct fz_error *e)
{
	static const struct kit_option states[] = {
		{ "", "全部" }, { "received", "待受理" }, { "assigned", "办理中" },
		{ "replied", "已答复，待审核" }, { "closed", "已办结" }, { "not_accepted", "不予受理" },
	};
	size_t na;
	(void)self;
	(void)rc;
	(void)e;
	if (kit_may(r, PERM_COMPLAINT_ENTER))
		html_raw(b, "<p><a class=\"button\" href=\"/complaints/new\">登记投诉（电话、来信、"
			    "12345 热线、来访）</a></p>\n");
	struct kit_option *ag = kit_agency_options(r, "全部执法机关", &na);
	kit_filter_begin(b, "/complaints");
	lk_filter_keep(b, v);
	kit_select(b, "agency_id", "执法机关", ag, na, kit_query(r, "agency_id"), NULL);
	kit_select(b, "state", "状态", states, sizeof states / sizeof states[0],
		   kit_query(r, "state"), NULL);
	kit_select(b, "overdue", "期限", (const struct kit_option[]){ { "", "全部" },
									{ "true", "已逾期" } },
		   2, kit_query(r, "overdue"), NULL);
	kit_select(b, "mine", "范围", (const struct kit_option[]){ { "", "全部" },
								     { "true", "待我办理" } },
		   2, kit_query(r, "mine"), NULL);
	kit_filter_end(b, "/complaints");
}

int page_complaint_list(struct req *r)
{
	static const struct lk_table t = {
		.path = "/complaints", .title = "投诉举报", .list = "complaints",
		.cols = complaint_list_cols, .ncols = COMPLAINT_LIST_NCOLS,
		.params = complaint_params,
		.nparams = sizeof complaint_params / sizeof complaint_params[0],
		.empty = "没有符合条件的投诉。",
	};
	struct complaint_src s;
	memset(&s, 0, sizeof s);
	s.frc = complaint_filter_read(r, &s.f, &s.fe);
	return lk_serve(r, &t,
			&(struct lk_source){ complaint_fetch, complaint_cells, complaint_top, &s });
}

static const struct kit_option channels[] = {
	{ "", "请选择" }, { "phone", "电话" }, { "letter", "来信" },
	{ "hotline", "12345 热线转办" }, { "visit", "来访" },
};

static int entry_page(struct req *r, int status, const struct complaint_input *in,
		      enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	size_t na;
	struct kit_option *ag = kit_agency_options(r, "请选择", &na);
	char agency[24] = "";
	if (in && in->agency_id > 0)
		snprintf(agency, sizeof agency, "%lld", (long long)in->agency_id);
	page_begin(r, &b, "登记投诉");
	kit_form_error(&b, rc, e);
	html_raw(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/complaints\">\n");
	page_csrf_field(r, &b);
	kit_select(&b, "channel", "投诉来源", channels, sizeof channels / sizeof channels[0],
		   in ? in->channel : NULL, e);
	kit_input(&b, "date", "received_on", "收到日期", in ? in->received_on : r->ctx.today,
		  NULL, e);
	kit_input(&b, "text", "name", "投诉人姓名", in ? in->name : NULL, "maxlength=\"50\"", e);
	kit_input(&b, "tel", "phone", "联系电话", in ? in->phone : NULL, "maxlength=\"20\"", e);
	kit_checkbox(&b, "anonymous", "匿名", in && in->anonymous, e);
	kit_select(&b, "agency_id", "被投诉机关", ag, na, agency, e);
	kit_input(&b, "text", "cert_number", "执法证号（选填）", in ? in->cert_number : NULL,
		  "maxlength=\"32\"", e);
	kit_input(&b, "text", "officer_name", "执法人员姓名（选填）", in ? in->officer_name : NULL,
		  "maxlength=\"50\"", e);
	kit_input(&b, "text", "case_number", "案件编号（选填）", in ? in->case_number : NULL,
		  "maxlength=\"60\"", e);
	html_f(&b, "<div class=\"field\"><label for=\"facts\">投诉事项</label><textarea id=\"facts\" "
		   "name=\"facts\" rows=\"5\" maxlength=\"2000\" required>%s</textarea>",
	       in ? in->facts : "");
	kit_field_error(&b, "facts", e);
	html_f(&b, "</div>\n<div class=\"field\"><label for=\"request\">投诉请求</label><textarea "
		   "id=\"request\" name=\"request\" rows=\"3\" maxlength=\"1000\" required>%s</textarea>",
	       in ? in->request : "");
	kit_field_error(&b, "request", e);
	html_raw(&b, "</div>\n<button type=\"submit\">登记</button>\n</form>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_complaint_new(struct req *r)
{
	return entry_page(r, 200, NULL, FZ_OK, NULL);
}

int page_complaint_create(struct req *r)
{
	struct fz_error e = { 0 };
	struct complaint c;
	struct complaint_input in = {
		.name = kit_form(r, "name"), .phone = kit_form(r, "phone"),
		.anonymous = kit_form_checked(r, "anonymous"),
		.cert_number = kit_form(r, "cert_number"), .officer_name = kit_form(r, "officer_name"),
		.case_number = kit_form(r, "case_number"), .facts = kit_form(r, "facts"),
		.request = kit_form(r, "request"), .channel = kit_form(r, "channel"),
		.received_on = kit_form(r, "received_on"),
	};
	enum fz_err rc;
	if (!kit_form_id(r, "agency_id", &in.agency_id))
		rc = fz_fail(&e, FZ_INVALID, "agency_id", "请从列表中选择被投诉的执法机关");
	else
		rc = app_complaint_enter(&r->ctx, &in, &c, &e);
	if (rc)
		return entry_page(r, fz_err_http_status(rc), &in, rc, &e);
	char to[48];
	snprintf(to, sizeof to, "/complaints/%lld", (long long)c.id);
	return resp_redirect(r, to);
}

/* The form of action a, when the viewer may take it now. */
static void action_form(struct req *r, struct buf *b, const struct complaint *c,
			enum complaint_action a, const struct fz_error *e)
{
	if (!app_complaint_may(&r->ctx, c, a))
		return;
	html_f(b, "<form class=\"stack narrow\" method=\"post\" action=\"/complaints/%lld/act\">\n"
		  "<h3>%s</h3>\n<input type=\"hidden\" name=\"action\" value=\"%s\">\n",
	       (long long)c->id, complaint_action_label(a), complaint_action_name(a));
	page_csrf_field(r, b);
	const struct fz_error *mine = e && e->code ? e : NULL;
	if (a == CMP_ACT_ACCEPT) {
		size_t na;
		struct kit_option *ag = kit_agency_options(r, "请选择", &na);
		kit_select(b, "agency_id", "负责办理的机关（可选本局自行办理）", ag, na, "", mine);
	}
	if (a != CMP_ACT_ACCEPT && a != CMP_ACT_CLOSE) {
		const char *label = a == CMP_ACT_REPLY ? "答复内容" : "理由";
		html_f(b, "<div class=\"field\"><label for=\"text-%s\">%s</label><textarea id=\"text-%s\" "
			  "name=\"text\" rows=\"4\" maxlength=\"4000\" required></textarea></div>\n",
		       complaint_action_name(a), label, complaint_action_name(a));
	}
	html_f(b, "<div class=\"field\"><label for=\"on-%s\">日期</label><input type=\"date\" "
		  "id=\"on-%s\" name=\"on\" value=\"%s\"></div>\n",
	       complaint_action_name(a), complaint_action_name(a), r->ctx.today);
	html_f(b, "<button type=\"submit\">%s</button>\n</form>\n", complaint_action_label(a));
}

static int show_page(struct req *r, int status, int64_t id, enum fz_err arc,
		     const struct fz_error *ae)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct complaint c;
	struct complaint_event *evs;
	size_t n;
	enum fz_err rc = app_complaint_get(&r->ctx, id, &c, &evs, &n, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char title[64];
	snprintf(title, sizeof title, "投诉 %s", c.receipt);
	page_begin(r, &b, title);
	kit_form_error(&b, arc, ae);
	html_raw(&b, "<dl class=\"fields\">");
	html_f(&b, "<dt>状态</dt><dd><strong>%s</strong>%s</dd>", complaint_state_label(c.state),
	       complaint_overdue(&c, r->ctx.today) ? " <span class=\"badge bad\">逾期</span>" : "");
	html_f(&b, "<dt>来源</dt><dd>%s</dd><dt>收到日期</dt><dd>%s</dd>",
	       complaint_channel_label(c.channel), c.received_on);
	html_f(&b, "<dt>投诉人</dt><dd>%s</dd><dt>联系电话</dt><dd>%s</dd>",
	       c.anonymous ? "（匿名）" : c.name, c.phone[0] ? c.phone : "—");
	html_f(&b, "<dt>被投诉机关</dt><dd>%s</dd>", c.agency);
	if (c.cert_number[0] || c.officer_name[0])
		html_f(&b, "<dt>执法人员</dt><dd>%s %s</dd>", c.officer_name, c.cert_number);
	if (c.case_number[0])
		html_f(&b, "<dt>案件编号</dt><dd>%s</dd>", c.case_number);
	html_f(&b, "<dt>投诉事项</dt><dd>%s</dd><dt>投诉请求</dt><dd>%s</dd>", c.facts, c.request);
	if (c.accept_due[0] && c.state == CMP_RECEIVED)
		html_f(&b, "<dt>受理决定期限</dt><dd>%s%s</dd>", c.accept_due,
		       c.provisional ? "（暂定）" : "");
	if (c.handler_id)
		html_f(&b, "<dt>负责办理</dt><dd>%s（%s 受理）</dd>", c.handler, c.accepted_on);
	if (c.due_on[0])
		html_f(&b, "<dt>办理期限</dt><dd>%s%s</dd>", c.due_on, c.provisional ? "（暂定）" : "");
	if (c.reply[0])
		html_f(&b, "<dt>答复（%s）</dt><dd>%s</dd>", c.replied_on, c.reply);
	if (c.reason[0])
		html_f(&b, "<dt>%s</dt><dd>%s</dd>",
		       c.state == CMP_NOT_ACCEPTED ? "不予受理的理由" : "退回重办的理由", c.reason);
	html_raw(&b, "</dl>\n");
	struct complaint_attachment *att;
	size_t natt;
	if ((rc = app_complaint_attachments(&r->ctx, id, &att, &natt, &e)))
		return http_fail_fz(r, rc, &e);
	if (natt) {
		html_raw(&b, "<h2>附件</h2>\n<p class=\"hint\">投诉人随投诉提交；不公开。</p>\n"
			     "<ul class=\"plain documents\">\n");
		for (size_t i = 0; i < natt; i++) {
			char head[17] = { 0 };
			memcpy(head, att[i].digest, strnlen(att[i].digest, 16));
			html_f(&b, "<li><a href=\"/complaints/%lld/attachments/%lld\">%s</a> "
				   "<span class=\"muted\">（%s，%lld 字节，摘要 <code title=\"%s\">%s…</code>）"
				   "</span></li>\n",
			       (long long)id, (long long)att[i].id, att[i].file_name,
			       strcmp(att[i].media_type, "application/pdf") == 0 ? "PDF 文件" : "图片",
			       (long long)att[i].size, att[i].digest, head);
		}
		html_raw(&b, "</ul>\n");
	}
	html_raw(&b, "<h2>办理记录</h2>\n<ol class=\"timeline\">\n");
	for (size_t i = 0; i < n; i++) {
		int a = complaint_action_parse(evs[i].action);
		html_f(&b, "<li>%s %s（%s）%s</li>\n", evs[i].on,
		       complaint_action_label((enum complaint_action)a),
		       evs[i].actor_name && *evs[i].actor_name ? evs[i].actor_name : evs[i].actor,
		       a == CMP_ACT_FILE ? "" : evs[i].text);
	}
	html_raw(&b, "</ol>\n");
	for (int a = CMP_ACT_ACCEPT; a <= CMP_ACT_CLOSE; a++)
		action_form(r, &b, &c, (enum complaint_action)a, ae);
	html_raw(&b, "<p><a href=\"/complaints\">返回投诉列表</a></p>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_complaint_show(struct req *r)
{
	return show_page(r, 200, req_param(r, "id"), FZ_OK, NULL);
}

/* A file attached to the complaint, to the bureau and the responsible
 * agency (app_complaint_attachment_open's scope): always as a download,
 * with the kind read from its content, so that a browser never runs it
 * as a page. */
int page_complaint_attachment(struct req *r)
{
	struct fz_error e = { 0 };
	struct complaint_attachment att;
	struct buf cd = BUF_INIT;
	int fd;
	enum fz_err rc = app_complaint_attachment_open(&r->ctx, req_param(r, "id"),
						       req_param(r, "att"), &att, &fd, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	buf_addf(&cd, "attachment; filename=\"complaint-attachment-%lld\"; filename*=UTF-8''",
		 (long long)att.id);
	url_encode(&cd, att.file_name);
	const char *disp = arena_strdup(r->a, buf_cstr(&cd));
	buf_release(&cd);
	const char *type = arena_strdup(r->a, att.media_type);
	int status = resp_file(r, 200, type, fd, (uint64_t)att.size);
	if (disp)
		resp_header(r, "Content-Disposition", disp);
	resp_header(r, "X-Fazhi-Digest", arena_printf(r->a, "%s:%s", app_ledger_hash_label(&r->ctx),
					     att.digest));
	return status;
}

int page_complaint_act(struct req *r)
{
	struct fz_error e = { 0 };
	int a = complaint_action_parse(kit_form(r, "action"));
	int64_t agency = 0;
	enum fz_err rc;
	if (!a || a == CMP_ACT_FILE)
		rc = fz_fail(&e, FZ_INVALID, "action", "请从投诉页面选择办理操作");
	else if (!kit_form_id(r, "agency_id", &agency))
		rc = fz_fail(&e, FZ_INVALID, "agency_id", "请从列表中选择负责办理的机关");
	else {
		struct complaint_act act = { .action = (enum complaint_action)a,
					     .on = kit_form(r, "on"), .agency_id = agency,
					     .text = kit_form(r, "text") };
		rc = app_complaint_act(&r->ctx, req_param(r, "id"), &act, NULL, &e);
	}
	if (rc == FZ_NOTFOUND || rc == FZ_FORBIDDEN)
		return http_fail_fz(r, rc, &e);
	if (rc)
		return show_page(r, fz_err_http_status(rc), req_param(r, "id"), rc, &e);
	char to[48];
	snprintf(to, sizeof to, "/complaints/%lld", (long long)req_param(r, "id"));
	return resp_redirect(r, to);
}
