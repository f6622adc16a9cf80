/* page_complaint_public.c - the public's complaint pages (投诉举报): GET and
 * POST /public/complaints/new (no sign-in, no JavaScript, one column on a
 * phone, the 关怀版 through the shared layout) and GET/POST
 * /public/complaints/track. A refused filing shows the form again with
 * what was typed and a Chinese message at the field.
 *
 * CSRF without a session: GET sets a random fz_cmp cookie (SameSite=
 * Strict, HttpOnly, Path=/public/complaints) and puts a value derived from
 * it in the form, as the sign-in form does; the POST is refused unless the
 * two match, so another site cannot file in a visitor's name. The
 * tracking form changes nothing and needs none.
 *
 * Attachments: the form is multipart; its files are streamed into
 * temporary files (stream_form.h, several files) only after the token
 * pair has been shown, each refused past its size or count while it
 * arrives, then checked by content and name and stored by the app
 * (app_complaint_file_with). An address at its filing limit is refused
 * before any byte of the body is read. */
#include <string.h>

#include "app/complaint.h"
#include "app/evidence.h"
#include "app/session.h"
#include "base/crypto.h"
#include "http/complaint_view.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"
#include "http/stream_form.h"

#define CMP_COOKIE "fz_cmp"

const char *complaint_public_state(const struct complaint *c)
{
	switch (c->state) {
	case CMP_RECEIVED: return "已收到，正在审查是否受理";
	case CMP_NOT_ACCEPTED: return "不予受理";
	case CMP_ASSIGNED: return "已受理，正在办理";
	case CMP_REPLIED: return "已受理，正在办理（答复审核中）";
	case CMP_CLOSED: return "已办结";
	}
	return "";
}

const char *complaint_public_due(const struct complaint *c)
{
	if (c->state == CMP_RECEIVED && c->accept_due[0])
		return c->accept_due;
	if ((c->state == CMP_ASSIGNED || c->state == CMP_REPLIED) && c->due_on[0])
		return c->due_on;
	return NULL;
}

/* A fresh pre-session token in the cookie; its derived value in field. */
static bool token_new(struct req *r, char field[SESSION_CSRF_HEX])
{
	unsigned char raw[32];
	char pre[65], cookie[200];
	if (crypto_random(raw, sizeof raw))
		return false;
	crypto_hex(raw, sizeof raw, pre);
	app_csrf_token(pre, field);
	snprintf(cookie, sizeof cookie,
		 CMP_COOKIE "=%s; Path=/public/complaints; Max-Age=7200; HttpOnly; SameSite=Strict%s",
		 pre, r->ctx.cfg->cookie_secure ? "; Secure" : "");
	resp_header(r, "Set-Cookie", cookie);
	return true;
}

/* Every agency may be complained about: the public sees them all. */
static struct kit_option *public_agencies(struct req *r, size_t *n)
{
	struct agency_list l = { 0 };
	struct fz_error e = { 0 };
	if (app_complaint_agencies(&r->ctx, &l, &e) != FZ_OK)
		l.n = 0;
	struct kit_option *o = arena_calloc(r->a, l.n + 1, sizeof *o);
	*n = 0;
	if (!o)
		return NULL;
	o[(*n)++] = (struct kit_option){ "", "请选择" };
	for (size_t i = 0; i < l.n; i++)
		if (l.items[i].active)
			o[(*n)++] = (struct kit_option){ kit_id(r, l.items[i].id), l.items[i].name };
	return o;
}

static void textarea(struct buf *b, const char *name, const char *label, const char *value,
		     int max, bool required, const struct fz_error *e)
{
	bool bad = e && e->field[0] && strcmp(e->field, name) == 0;
	html_f(b, "<div class=\"field\"><label for=\"%s\">%s</label>\n", name, label);
	/* html_f escapes every %s: the attributes are written raw, only the
	 * value goes through it */
	html_f(b, "<textarea id=\"%s\" name=\"%s\" rows=\"5\" maxlength=\"%d\"", name, name, max);
	html_raw(b, required ? " required" : "");
	html_raw(b, bad ? " aria-invalid=\"true\">" : ">");
	html_f(b, "%s</textarea>\n", value ? value : "");
	kit_field_error(b, name, e);
	html_raw(b, "</div>\n");
}

static int form_page(struct req *r, int status, const struct complaint_input *in, enum fz_err rc,
		     const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	char field[SESSION_CSRF_HEX];
	size_t na;
	if (!token_new(r, field))
		return page_error(r, 500, NULL);
	struct kit_option *ag = public_agencies(r, &na);
	char agency[24] = "";
	if (in && in->agency_id > 0)
		snprintf(agency, sizeof agency, "%lld", (long long)in->agency_id);
	page_begin(r, &b, "投诉举报");
	html_raw(&b, "<p class=\"lead\">对行政执法机关或执法人员的执法行为有意见，可以在这里投诉举报。"
		     "司法局收到后决定是否受理，受理的交由负责的机关办理并答复您。提交后请记下回执编号，"
		     "凭回执编号和电话后四位查询办理进度。</p>\n");
	kit_form_error(&b, rc, e);
	html_raw(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/public/complaints/new\" "
		     "enctype=\"multipart/form-data\">\n");
	html_f(&b, "<input type=\"hidden\" name=\"form_token\" value=\"%s\">\n", field);
	page_csrf_field(r, &b); /* a signed-in visitor's session asks its own */
	html_raw(&b, "<fieldset><legend>投诉人</legend>\n");
	kit_input(&b, "text", "name", "姓名", in ? in->name : NULL,
		  "maxlength=\"50\" autocomplete=\"name\"", e);
	kit_input(&b, "tel", "phone", "联系电话", in ? in->phone : NULL,
		  "maxlength=\"20\" autocomplete=\"tel\" inputmode=\"tel\"", e);
	kit_checkbox(&b, "anonymous", "匿名投诉（可不填姓名和电话；不留电话的，只能凭回执编号查询）",
		     in && in->anonymous, e);
	html_raw(&b, "</fieldset>\n<fieldset><legend>被投诉的机关和人员</legend>\n");
	kit_select(&b, "agency_id", "执法机关", ag, na, agency, e);
	kit_input(&b, "text", "cert_number", "执法证号（选填）", in ? in->cert_number : NULL,
		  "maxlength=\"32\" autocomplete=\"off\"", e);
	kit_input(&b, "text", "officer_name", "执法人员姓名（选填）", in ? in->officer_name : NULL,
		  "maxlength=\"50\"", e);
	kit_input(&b, "text", "case_number", "案件编号或文书编号（选填）",
		  in ? in->case_number : NULL, "maxlength=\"60\"", e);
	html_raw(&b, "</fieldset>\n");
	textarea(&b, "facts", "发生了什么（时间、地点、经过）", in ? in->facts : NULL,
		 CMP_FACTS_MAX, true, e);
	textarea(&b, "request", "您的请求", in ? in->request : NULL, CMP_REQUEST_MAX, true, e);
	bool bad = e && strcmp(e->field, "files") == 0;
	html_f(&b, "<fieldset><legend>附件（选填）</legend>\n"
		   "<p class=\"hint\" id=\"files-hint\">现场照片或有关文书的扫描件：JPEG、PNG 图片或 PDF 文件，"
		   "最多 %d 个，每个不超过 %lld MiB，合计不超过 %lld MiB。附件只给司法局和负责办理的机关看，"
		   "不公开。</p>\n",
	       CMP_FILES_MAX, (long long)(CMP_FILE_MAX >> 20), (long long)(CMP_FILES_TOTAL_MAX >> 20));
	for (int i = 1; i <= CMP_FILES_MAX; i++) {
		html_f(&b, "<label for=\"file%d\">附件 %d</label>\n"
			   "<input id=\"file%d\" type=\"file\" name=\"" STREAM_FORM_FILE_FIELD "\" "
			   "accept=\"image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf\" "
			   "aria-describedby=\"files-hint\"",
		       i, i, i);
		html_raw(&b, bad ? " aria-invalid=\"true\">\n" : ">\n");
	}
	kit_field_error(&b, "files", e);
	if (bad && in)
		html_raw(&b, "<p class=\"hint\">为安全起见，已选的文件没有保留，请重新选择。</p>\n");
	html_raw(&b, "</fieldset>\n");
	html_raw(&b, "<button type=\"submit\">提交投诉</button>\n</form>\n"
		     "<p class=\"hint\">已提交过的，请到<a href=\"/public/complaints/track\">投诉办理查询</a>。"
		     "请如实反映情况；捏造事实诬告他人的，依法承担责任。</p>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_public_complaint_form(struct req *r)
{
	return form_page(r, 200, NULL, FZ_OK, NULL);
}

void page_public_complaint_files(struct req *r, struct stream_files *fl)
{
	struct fz_error e = { 0 };
	*fl = (struct stream_files){
		.max = CMP_FILES_MAX,
		.file_max = CMP_FILE_MAX,
		.total_max = CMP_FILES_TOTAL_MAX,
		.cookie = CMP_COOKIE,
		.token_field = "form_token",
		.too_many = arena_printf(r->a, "最多可附 %d 个文件，请删去多余的", CMP_FILES_MAX),
		.too_large = arena_printf(r->a, "附件过大：每个文件不能超过 %lld MiB，请压缩后重新选择",
					  (long long)(CMP_FILE_MAX >> 20)),
		.too_large_all = arena_printf(r->a, "附件合计不能超过 %lld MiB，请减少或压缩后重新选择",
					      (long long)(CMP_FILES_TOTAL_MAX >> 20)),
	};
	enum fz_err rc = app_complaint_rate_check(&r->ctx, &e);
	if (rc)
		http_fail_fz(r, rc, &e);
}

int page_public_complaint_submit(struct req *r)
{
	struct fz_error e = { 0 };
	struct complaint_input in = {
		.name = kit_form(r, "name"), .phone = kit_form(r, "phone"),
		.anonymous = kit_form_checked(r, "anonymous"),
		.cert_number = kit_form(r, "cert_number"), .officer_name = kit_form(r, "officer_name"),
		.case_number = kit_form(r, "case_number"), .facts = kit_form(r, "facts"),
		.request = kit_form(r, "request"),
	};
	enum fz_err rc;
	if (!kit_form_id(r, "agency_id", &in.agency_id)) {
		rc = fz_fail(&e, FZ_INVALID, "agency_id", "请从列表中选择被投诉的执法机关");
		return form_page(r, 400, &in, rc, &e);
	}
	if (!app_csrf_check(req_cookie(r, CMP_COOKIE), req_form(r, "form_token"))) {
		rc = fz_fail(&e, FZ_FORBIDDEN, NULL,
			     "页面已过期或来源无法确认，您填写的内容仍在下面，请检查后重新提交");
		return form_page(r, 400, &in, rc, &e);
	}
	if (r->files_err) {
		e = *r->files_e;
		snprintf(e.field, sizeof e.field, "files"); /* the form's name for them */
		return form_page(r, fz_err_http_status(r->files_err), &in, r->files_err, &e);
	}
	struct complaint_file *files = r->nfiles ? arena_calloc(r->a, r->nfiles, sizeof *files)
						 : NULL;
	if (r->nfiles && !files)
		return page_error(r, 500, NULL);
	for (size_t i = 0; i < r->nfiles; i++)
		files[i] = (struct complaint_file){ r->file_names[i], &r->files[i] };
	struct complaint c;
	rc = app_complaint_file_with(&r->ctx, &in, files, r->nfiles, &c, &e);
	if (rc)
		return form_page(r, fz_err_http_status(rc), &in, rc, &e);
	struct buf b = BUF_INIT;
	page_begin(r, &b, "投诉已提交");
	html_raw(&b, "<section class=\"receipt\" aria-live=\"polite\">\n");
	html_f(&b, "<p>您的投诉已收到。回执编号：</p>\n<p class=\"receipt-number\"><strong>%s</strong></p>\n",
	       c.receipt);
	html_f(&b, "<p>司法局将在 %s 前决定是否受理；受理后交由负责的机关办理并答复您。</p>\n",
	       c.accept_due);
	if (c.phone[0])
		html_raw(&b, "<p>请记下回执编号。查询办理进度时，需输入回执编号和您留下的电话的后四位。</p>\n");
	else
		html_raw(&b, "<p>您没有留下电话：请务必记下回执编号，它是查询办理进度的唯一凭证。</p>\n");
	html_raw(&b, "<p><a href=\"/public/complaints/track\">查询办理进度</a></p>\n</section>\n");
	page_end(r, &b);
	return resp_html(r, 201, &b);
}

static int track_page(struct req *r, int status, const char *receipt, const struct complaint *c,
		      enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	page_begin(r, &b, "投诉办理查询");
	html_raw(&b, "<p class=\"lead\">输入回执编号和投诉时留下的电话的后四位，查看办理进度和答复。</p>\n");
	html_raw(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/public/complaints/track\">\n");
	page_csrf_field(r, &b);
	kit_input(&b, "text", "receipt", "回执编号", receipt,
		  "required maxlength=\"40\" autocomplete=\"off\" placeholder=\"TS20261206-…\"", e);
	kit_input(&b, "text", "phone_last4", "电话后四位（投诉时未留电话的不填）", NULL,
		  "maxlength=\"4\" inputmode=\"numeric\" autocomplete=\"off\"", NULL);
	html_raw(&b, "<button type=\"submit\">查询</button>\n</form>\n");
	if (rc && !(e && e->field[0] && strcmp(e->field, "receipt") == 0 && rc == FZ_INVALID))
		kit_form_error(&b, rc, e);
	if (c) {
		html_raw(&b, "<section class=\"complaint-status\" aria-live=\"polite\"><dl class=\"fields\">");
		html_f(&b, "<dt>回执编号</dt><dd>%s</dd>", c->receipt);
		html_f(&b, "<dt>收到日期</dt><dd>%s</dd>", c->received_on);
		html_f(&b, "<dt>被投诉机关</dt><dd>%s</dd>", c->agency);
		html_f(&b, "<dt>办理状态</dt><dd><strong>%s</strong></dd>", complaint_public_state(c));
		const char *due = complaint_public_due(c);
		if (due)
			html_f(&b, "<dt>办理期限</dt><dd>%s 前</dd>", due);
		if (c->handler_id && c->state != CMP_NOT_ACCEPTED)
			html_f(&b, "<dt>负责办理</dt><dd>%s</dd>", c->handler);
		if (c->state == CMP_NOT_ACCEPTED)
			html_f(&b, "<dt>不予受理的理由</dt><dd>%s</dd>", c->reason);
		if (c->state == CMP_CLOSED)
			html_f(&b, "<dt>答复（%s）</dt><dd class=\"reply\">%s</dd>", c->replied_on,
			       c->reply);
		html_raw(&b, "</dl></section>\n");
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_public_complaint_track(struct req *r)
{
	return track_page(r, 200, NULL, NULL, FZ_OK, NULL);
}

int page_public_complaint_lookup(struct req *r)
{
	struct fz_error e = { 0 };
	struct complaint c;
	const char *receipt = kit_form(r, "receipt");
	enum fz_err rc = app_complaint_track(&r->ctx, receipt, kit_form(r, "phone_last4"), &c, &e);
	if (rc == FZ_RATELIMIT)
		resp_header(r, "Retry-After", "3600");
	if (rc == FZ_INVALID || rc == FZ_NOTFOUND || rc == FZ_RATELIMIT)
		return track_page(r, fz_err_http_status(rc), receipt, NULL, rc, &e);
	if (rc)
		return page_error(r, fz_err_http_status(rc), e.message[0] ? e.message : NULL);
	return track_page(r, 200, c.receipt, &c, FZ_OK, NULL);
}
