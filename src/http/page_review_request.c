/* page_review_request.c - review requests (审查建议) about a normative
 * document: the portal's form on the document's page (no sign-in, a form
 * token as the comment form, POST /public/normative-documents/{id}/
 * review-requests) with a receipt and the day the answer is due, the
 * public's tracking by receipt (GET /public/review-requests?receipt=,
 * changes nothing), the justice bureau's inbox (/review-requests) with
 * its answer form, and the same over JSON. */
#include <string.h>

#include "app/consultation.h"
#include "app/normcat.h"
#include "app/session.h"
#include "base/crypto.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/jsonin.h"
#include "http/jsonout.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/paging.h"
#include "http/resp.h"

#define RVW_COOKIE "fz_rvw"

static bool token_new(struct req *r, char field[SESSION_CSRF_HEX])
{
	unsigned char raw[32];
	char pre[65], cookie[200];
	if (crypto_random(raw, sizeof raw))
		return false;
	crypto_hex(raw, sizeof raw, pre);
	app_csrf_token(pre, field);
	snprintf(cookie, sizeof cookie,
		 RVW_COOKIE "=%s; Path=/public/normative-documents; Max-Age=7200; HttpOnly; SameSite=Strict%s",
		 pre, r->ctx.cfg->cookie_secure ? "; Secure" : "");
	resp_header(r, "Set-Cookie", cookie);
	return true;
}

void review_request_form(struct req *r, struct buf *b, int64_t case_id,
			 const struct comment_input *in, enum fz_err rc, const struct fz_error *e)
{
	char field[SESSION_CSRF_HEX];
	if (!token_new(r, field))
		return;
	bool bad = e && e->field[0] && strcmp(e->field, "body") == 0;
	html_raw(b, "<section aria-labelledby=\"review-request\">\n<h2 id=\"review-request\">提出审查建议</h2>\n"
		    "<p>认为本文件违法或者不适当的，可以建议审查。无需登录；提交后得到回执编号和答复期限，"
		    "凭回执编号<a href=\"/public/review-requests\">查询答复</a>。</p>\n");
	kit_form_error(b, rc, e);
	html_f(b, "<form class=\"stack narrow\" method=\"post\" action=\"/public/normative-documents/%lld/review-requests\">\n",
	       (long long)case_id);
	html_f(b, "<input type=\"hidden\" name=\"form_token\" value=\"%s\">\n", field);
	page_csrf_field(r, b);
	html_raw(b, "<div class=\"field\"><label for=\"body\">建议审查的内容和理由</label>\n"
		    "<textarea id=\"body\" name=\"body\" rows=\"6\" maxlength=\"3000\" required");
	if (bad)
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"body-err\"");
	html_f(b, ">%s</textarea>\n", in && in->body ? in->body : "");
	kit_field_error(b, "body", e);
	html_raw(b, "</div>\n");
	kit_input(b, "text", "name", "姓名或单位（选填）", in ? in->name : NULL,
		  "maxlength=\"50\" autocomplete=\"name\"", e);
	kit_input(b, "text", "contact", "联系方式（选填，不公开）", in ? in->contact : NULL,
		  "maxlength=\"100\" autocomplete=\"tel\"", e);
	html_raw(b, "<button type=\"submit\">提交审查建议</button>\n</form>\n</section>\n");
}

int page_public_review_request_submit(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t id = req_param(r, "id");
	struct comment_input in = { .name = kit_form(r, "name"), .contact = kit_form(r, "contact"),
				    .body = kit_form(r, "body") };
	enum fz_err rc;
	struct buf b = BUF_INIT;
	if (!app_csrf_check(req_cookie(r, RVW_COOKIE), req_form(r, "form_token")))
		rc = fz_fail(&e, FZ_FORBIDDEN, NULL,
			     "页面已过期或来源无法确认，您填写的内容仍在下面，请检查后重新提交");
	else {
		struct public_comment pc;
		rc = app_review_request_submit(&r->ctx, id, &in, &pc, &e);
		if (rc == FZ_NOTFOUND || rc == FZ_CONFLICT)
			return page_error(r, fz_err_http_status(rc), e.message);
		if (!rc) {
			page_begin(r, &b, "审查建议已提交");
			html_f(&b, "<section class=\"receipt\" aria-live=\"polite\">\n<p>您的审查建议已收到。回执编号：</p>\n"
				   "<p class=\"receipt-number\"><strong>%s</strong></p>\n"
				   "<p>司法局将在 %s 前答复。请记下回执编号，凭它<a href=\"/public/review-requests?receipt=%s\">查询答复</a>。</p>\n</section>\n",
			       pc.receipt, pc.due_on, pc.receipt);
			page_end(r, &b);
			return resp_html(r, 201, &b);
		}
	}
	page_begin(r, &b, "提出审查建议");
	review_request_form(r, &b, id, &in, rc, &e);
	page_end(r, &b);
	return resp_html(r, rc == FZ_FORBIDDEN ? 400 : fz_err_http_status(rc), &b);
}

int page_public_review_request_track(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct public_comment pc;
	const char *receipt = req_query(r, "receipt");
	enum fz_err rc = FZ_OK;
	bool asked = receipt && *receipt;
	if (asked)
		rc = app_review_request_track(&r->ctx, receipt, &pc, &e);
	page_begin(r, &b, "审查建议查询");
	html_raw(&b, "<form class=\"stack narrow\" method=\"get\" action=\"/public/review-requests\">\n");
	kit_input(&b, "text", "receipt", "回执编号", receipt,
		  "required maxlength=\"40\" autocomplete=\"off\" placeholder=\"SC20261206-…\"",
		  rc ? &e : NULL);
	html_raw(&b, "<button type=\"submit\">查询</button>\n</form>\n");
	if (asked && rc == FZ_OK) {
		html_raw(&b, "<section aria-live=\"polite\"><dl class=\"fields\">");
		html_f(&b, "<dt>回执编号</dt><dd>%s</dd><dt>提交日期</dt><dd>%s</dd>", pc.receipt,
		       pc.received_on);
		html_f(&b, "<dt>审查建议</dt><dd class=\"text\">%s</dd>", pc.body);
		if (pc.answer[0])
			html_f(&b, "<dt>答复（%s）</dt><dd class=\"text\">%s</dd>", pc.answered_on,
			       pc.answer);
		else
			html_f(&b, "<dt>办理状态</dt><dd>正在办理，%s 前答复</dd>", pc.due_on);
		html_raw(&b, "</dl></section>\n");
	}
	page_end(r, &b);
	return resp_html(r, !asked || !rc ? 200 : fz_err_http_status(rc), &b);
}

int page_review_requests(struct req *r)
{
	struct public_comment_list l;
	struct page pg;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	if (!kit_paging(r, &pg))
		return 400;
	const char *all = req_query(r, "all");
	bool open_only = !(all && strcmp(all, "1") == 0);
	enum fz_err rc = app_review_request_list(&r->ctx, open_only, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "审查建议");
	page_notice(r, &b);
	html_raw(&b, open_only ? "<p><strong>待答复</strong> · <a href=\"/review-requests?all=1\">全部</a></p>\n"
			       : "<p><a href=\"/review-requests\">待答复</a> · <strong>全部</strong></p>\n");
	if (l.n == 0)
		html_raw(&b, "<p>没有审查建议。</p>\n");
	html_raw(&b, "<ol class=\"cards\">\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct public_comment *pc = &l.items[i];
		bool late = !pc->answer[0] && strcmp(r->ctx.today, pc->due_on) > 0;
		html_f(&b, "<li><p class=\"hint\">%s · 回执编号 %s · <a href=\"/cases/%lld\">文件</a> · 答复期限 %s%s",
		       pc->received_on, pc->receipt, (long long)pc->case_id, pc->due_on,
		       late ? "（<strong>已逾期</strong>）" : "");
		if (pc->name[0])
			html_f(&b, " · %s", pc->name);
		if (pc->contact[0])
			html_f(&b, " · %s", pc->contact);
		html_f(&b, "</p>\n<p class=\"lines\">%s</p>\n", pc->body);
		if (pc->answer[0]) {
			html_f(&b, "<p>答复（%s，%s）：%s</p>\n", pc->answered_on, pc->answered_by,
			       pc->answer);
		} else {
			html_f(&b, "<form class=\"stack\" method=\"post\" action=\"/review-requests/%lld/answer\">\n",
			       (long long)pc->id);
			page_csrf_field(r, &b);
			html_f(&b, "<label for=\"ans-%lld\">答复</label>\n<textarea id=\"ans-%lld\" name=\"text\" rows=\"3\" maxlength=\"3000\" required></textarea>\n"
				   "<button type=\"submit\">答复</button>\n</form>\n",
			       (long long)pc->id, (long long)pc->id);
		}
		html_raw(&b, "</li>\n");
	}
	html_raw(&b, "</ol>\n");
	lk_pager(r, &b, pg, l.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_review_request_answer(struct req *r)
{
	struct fz_error e = { 0 };
	enum fz_err rc = app_review_request_answer(&r->ctx, req_param(r, "id"), kit_form(r, "text"),
						   NULL, &e);
	if (rc)
		return page_error(r, fz_err_http_status(rc), e.message[0] ? e.message : NULL);
	return resp_redirect(r, "/review-requests?msg=saved");
}

/* --- JSON --- */

static json_t *json_review(const struct public_comment *pc, bool staff)
{
	json_t *o = json_object();
	if (staff) {
		o = json_put(o, "id", json_integer(pc->id));
		o = json_put(o, "document_id", json_integer(pc->case_id));
		o = json_put(o, "name", json_str_or_null(pc->name[0] ? pc->name : NULL));
		o = json_put(o, "contact", json_str_or_null(pc->contact[0] ? pc->contact : NULL));
	}
	o = json_put(o, "receipt", json_text(pc->receipt));
	o = json_put(o, "received_on", json_text(pc->received_on));
	o = json_put(o, "body", json_text(pc->body));
	o = json_put(o, "due_on", json_text(pc->due_on));
	o = json_put(o, "answer", json_str_or_null(pc->answer[0] ? pc->answer : NULL));
	o = json_put(o, "answered_on", json_str_or_null(pc->answer[0] ? pc->answered_on : NULL));
	return o;
}

int api_public_review_request_submit(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct public_comment pc;
	jsonin_begin(&in, r);
	struct comment_input ci = {
		.body = jsonin_str_opt(&in, "body", 100000),
		.name = jsonin_str_opt(&in, "name", 10000),
		.contact = jsonin_str_opt(&in, "contact", 10000),
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_review_request_submit(&r->ctx, req_param(r, "id"), &ci, &pc, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 201, json_review(&pc, false));
}

int api_public_review_request_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct public_comment pc;
	enum fz_err rc = app_review_request_track(&r->ctx, req_param_str(r, "receipt"), &pc, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_review(&pc, false));
}

int api_review_request_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct public_comment_list l;
	struct page pg;
	enum fz_err rc;
	const char *open = req_query(r, "open");
	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_review_request_list(&r->ctx, !(open && strcmp(open, "false") == 0), pg, &l,
					  &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_review(&l.items[i], true));
	return resp_list(r, items, l.total, pg);
}

int api_review_request_answer(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct public_comment pc;
	jsonin_begin(&in, r);
	const char *text = jsonin_str_opt(&in, "text", 100000);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_review_request_answer(&r->ctx, req_param(r, "id"), text, &pc, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_review(&pc, true));
}

void review_request_alert_section(struct req *r, struct buf *b)
{
	struct public_comment_list l;
	struct fz_error e = { 0 };
	if (!r->ctx.user || !(r->ctx.user->roles & ROLE_SUPERVISOR) ||
	    app_review_request_list(&r->ctx, true, (struct page){ 0, 200 }, &l, &e) || l.total == 0)
		return;
	int64_t late = 0;
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(r->ctx.today, l.items[i].due_on) > 0)
			late++;
	html_f(b, "<section class=\"alerts\"><h2>审查建议</h2><ul>\n"
		  "<li><a href=\"/review-requests\">待答复 %lld 件</a>，其中已逾期 %lld 件</li>\n</ul></section>\n",
	       (long long)l.total, (long long)late);
}
