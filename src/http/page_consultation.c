/* page_consultation.c - public comment on drafts (公开征求意见) on the
 * portal, no sign-in: GET /public/consultations (those open now, or
 * ?state=closed those closed, with their accounts of adoption), GET
 * /public/consultations/{id} (the draft and its explanation as they
 * stood at comment_open, the comments shown, the form while open, the
 * account and the counts once closed) and POST …/{id}/comments. No
 * JavaScript; one column on a phone; a refused comment shows the form
 * again with what was typed and a Chinese message at the field.
 *
 * CSRF without a session, as the complaint form: GET sets a random fz_cmt
 * cookie (SameSite=Strict, HttpOnly, Path=/public/consultations) and puts
 * a value derived from it in the form; the POST is refused unless the two
 * match. Also the case page's 公众意见 section for the drafting unit, and
 * its one action route POST /cases/{id}/comments/{comment_id}. */
#include <string.h>

#include "app/authz.h"
#include "app/consultation.h"
#include "app/session.h"
#include "base/crypto.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/page_case_kit.h"
#include "http/pagekit.h"
#include "http/resp.h"

#define CMT_COOKIE "fz_cmt"

static bool token_new(struct req *r, char field[SESSION_CSRF_HEX])
{
	unsigned char raw[32];
	char pre[65], cookie[200];
	if (crypto_random(raw, sizeof raw))
		return false;
	crypto_hex(raw, sizeof raw, pre);
	app_csrf_token(pre, field);
	snprintf(cookie, sizeof cookie,
		 CMT_COOKIE "=%s; Path=/public/consultations; Max-Age=7200; HttpOnly; SameSite=Strict%s",
		 pre, r->ctx.cfg->cookie_secure ? "; Secure" : "");
	resp_header(r, "Set-Cookie", cookie);
	return true;
}

/* "收到 N 条，采纳 N 条，部分采纳 N 条，未采纳 N 条" */
static void counts_line(struct buf *b, const struct comment_counts *n, bool closed)
{
	html_f(b, "收到意见 %lld 条", (long long)n->received);
	if (closed || n->adopted || n->partly || n->not_adopted)
		html_f(b, "，采纳 %lld 条，部分采纳 %lld 条，未采纳 %lld 条", (long long)n->adopted,
		       (long long)n->partly, (long long)n->not_adopted);
	if (n->hidden)
		html_f(b, "（其中 %lld 条因不宜公开未在网站显示）", (long long)n->hidden);
}

static void period_line(struct buf *b, const struct consultation *c)
{
	html_f(b, "%s 起征求意见", c->opened_on);
	if (c->open && c->ends_on[0])
		html_f(b, "，至少到 %s%s", c->ends_on, c->ends_provisional ? "（暂定）" : "");
	if (!c->open && c->closed_on[0])
		html_f(b, "，%s 结束", c->closed_on);
	else if (!c->open)
		html_raw(b, "，已停止");
}

int page_public_consultations(struct req *r)
{
	struct consultation_list l;
	struct page pg;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	if (!kit_paging(r, &pg))
		return 400;
	const char *state = req_query(r, "state");
	bool open = !(state && strcmp(state, "closed") == 0);
	enum fz_err rc = app_consultation_list(&r->ctx, open, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, open ? "公开征求意见" : "已结束的征求意见");
	html_raw(&b, "<p class=\"lead\">行政机关起草的规范性文件等，在出台前向社会公开征求意见。"
		     "您可以阅读草案和起草说明，直接在网上提交意见，无需登录；征求意见结束后，"
		     "这里公布意见的采纳情况。</p>\n");
	html_raw(&b, open ? "<p><strong>正在征求意见</strong> · <a href=\"/public/consultations?state=closed\">已结束的征求意见及采纳情况</a></p>\n"
			  : "<p><a href=\"/public/consultations\">正在征求意见</a> · <strong>已结束的征求意见及采纳情况</strong></p>\n");
	if (l.n == 0)
		html_raw(&b, open ? "<p>目前没有正在征求意见的草案。</p>\n"
				  : "<p>还没有已结束的征求意见。</p>\n");
	html_raw(&b, "<ul class=\"cards\">\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct consultation *c = &l.items[i];
		html_f(&b, "<li><h2><a href=\"/public/consultations/%lld\">%s</a></h2>\n<p>%s · ",
		       (long long)c->case_id, c->title, c->agency);
		period_line(&b, c);
		html_raw(&b, "</p>\n<p>");
		counts_line(&b, &c->counts, !c->open);
		html_raw(&b, "</p></li>\n");
	}
	html_raw(&b, "</ul>\n");
	lk_pager(r, &b, pg, l.total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static void textarea(struct buf *b, const char *name, const char *label, const char *value,
		     int max, bool required, const struct fz_error *e)
{
	bool bad = e && e->field[0] && strcmp(e->field, name) == 0;
	html_f(b, "<div class=\"field\"><label for=\"%s\">%s</label>\n", name, label);
	/* html_f escapes every %s: the attributes go in raw */
	html_f(b, "<textarea id=\"%s\" name=\"%s\" rows=\"8\" maxlength=\"%d\"", name, name, max);
	if (required)
		html_raw(b, " required");
	if (bad)
		html_f(b, " aria-invalid=\"true\" aria-describedby=\"%s-err\"", name);
	html_f(b, ">%s</textarea>\n", value ? value : "");
	kit_field_error(b, name, e);
	html_raw(b, "</div>\n");
}

static void comment_form(struct req *r, struct buf *b, const struct consultation *c,
			 const struct comment_input *in, enum fz_err rc, const struct fz_error *e,
			 const char *field)
{
	html_raw(b, "<section aria-labelledby=\"comment-form\">\n<h2 id=\"comment-form\">提交意见</h2>\n");
	html_raw(b, "<p>无需登录。姓名和联系方式可以不填；填写的只供起草单位联系您，不在网站公开。"
		    "提交后您会得到一个回执编号。</p>\n");
	kit_form_error(b, rc, e);
	html_f(b, "<form class=\"stack narrow\" method=\"post\" action=\"/public/consultations/%lld/comments\">\n",
	       (long long)c->case_id);
	html_f(b, "<input type=\"hidden\" name=\"form_token\" value=\"%s\">\n", field);
	page_csrf_field(r, b);
	textarea(b, "body", "您的意见", in ? in->body : NULL, COMMENT_BODY_MAX, true, e);
	kit_input(b, "text", "name", "姓名或单位（选填）", in ? in->name : NULL,
		  "maxlength=\"50\" autocomplete=\"name\"", e);
	kit_input(b, "text", "contact", "联系方式（选填，不公开）", in ? in->contact : NULL,
		  "maxlength=\"100\" autocomplete=\"tel\"", e);
	html_raw(b, "<button type=\"submit\">提交意见</button>\n</form>\n</section>\n");
}

static void shown_comments(struct req *r, struct buf *b, const struct consultation *c)
{
	struct public_comment_list l;
	struct page pg;
	struct fz_error e = { 0 };
	if (!kit_paging(r, &pg) ||
	    app_comment_list(&r->ctx, c->case_id, false, pg, &l, NULL, &e) || l.total == 0)
		return;
	html_raw(b, "<section aria-labelledby=\"comments\">\n<h2 id=\"comments\">收到的意见</h2>\n<ol class=\"cards\">\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct public_comment *pc = &l.items[i];
		html_f(b, "<li><p class=\"hint\">%s · 回执编号 %s", pc->received_on, pc->receipt);
		if (pc->adoption)
			html_f(b, " · <strong>%s</strong>",
			       comment_action_label((enum comment_action)pc->adoption));
		html_f(b, "</p>\n<p class=\"lines\">%s</p>", pc->body);
		if (pc->adoption && pc->adoption_note[0])
			html_f(b, "<p>起草单位：%s</p>", pc->adoption_note);
		html_raw(b, "</li>\n");
	}
	html_raw(b, "</ol>\n");
	lk_pager(r, b, pg, l.total);
	html_raw(b, "</section>\n");
}

static int detail_page(struct req *r, int status, int64_t id, const struct comment_input *in,
		       enum fz_err frc, const struct fz_error *fe)
{
	struct consultation c;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	char field[SESSION_CSRF_HEX];
	enum fz_err rc = app_consultation_get(&r->ctx, id, &c, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "没有这项公开征求意见");
	if (rc)
		return http_fail_fz(r, rc, &e);
	if (c.open && !token_new(r, field))
		return page_error(r, 500, NULL);
	page_begin(r, &b, c.title);
	html_raw(&b, "<dl class=\"fields\">");
	html_f(&b, "<dt>起草单位</dt><dd>%s</dd><dt>征求意见</dt><dd>", c.agency);
	period_line(&b, &c);
	html_raw(&b, c.open ? "（<strong>正在征求意见</strong>）" : "（已结束）");
	html_raw(&b, "</dd>");
	if (c.channel[0])
		html_f(&b, "<dt>其他途径</dt><dd>%s</dd>", c.channel);
	html_raw(&b, "<dt>意见</dt><dd>");
	counts_line(&b, &c.counts, !c.open);
	html_raw(&b, "</dd></dl>\n");
	if (!c.open && c.closed_on[0]) {
		html_raw(&b, "<section class=\"flash info\" aria-labelledby=\"account\">\n"
			     "<h2 id=\"account\">征求意见采纳情况说明</h2>\n");
		html_f(&b, "<p class=\"lines\">%s</p>\n", c.summary);
		html_raw(&b, "</section>\n");
	} else if (!c.open) {
		html_raw(&b, "<p class=\"flash info\" role=\"status\">该文件已停止制定，不再征求意见。</p>\n");
	}
	if (c.open)
		comment_form(r, &b, &c, in, frc, fe, field);
	html_f(&b, "<section aria-labelledby=\"draft\">\n<h2 id=\"draft\">征求意见稿（第 %d 版）</h2>\n",
	       c.version);
	html_f(&b, "<pre class=\"doc\">%s</pre>\n</section>\n", c.draft);
	if (c.explanation[0])
		html_f(&b, "<section aria-labelledby=\"explanation\">\n<h2 id=\"explanation\">起草说明</h2>\n"
			   "<p class=\"lines\">%s</p>\n</section>\n", c.explanation);
	shown_comments(r, &b, &c);
	html_raw(&b, "<p><a href=\"/public/consultations\">返回公开征求意见</a></p>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_public_consultation(struct req *r)
{
	return detail_page(r, 200, req_param(r, "id"), NULL, FZ_OK, NULL);
}

int page_public_comment_submit(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t id = req_param(r, "id");
	struct comment_input in = { .name = kit_form(r, "name"), .contact = kit_form(r, "contact"),
				    .body = kit_form(r, "body") };
	enum fz_err rc;
	if (!app_csrf_check(req_cookie(r, CMT_COOKIE), req_form(r, "form_token"))) {
		rc = fz_fail(&e, FZ_FORBIDDEN, NULL,
			     "页面已过期或来源无法确认，您填写的内容仍在下面，请检查后重新提交");
		return detail_page(r, 400, id, &in, rc, &e);
	}
	struct public_comment pc;
	rc = app_comment_submit(&r->ctx, id, &in, &pc, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "没有这项公开征求意见");
	if (rc == FZ_CONFLICT)
		return page_error(r, 409, e.message);
	if (rc)
		return detail_page(r, fz_err_http_status(rc), id, &in, rc, &e);
	struct buf b = BUF_INIT;
	page_begin(r, &b, "意见已提交");
	html_raw(&b, "<section class=\"receipt\" aria-live=\"polite\">\n");
	html_f(&b, "<p>您的意见已收到，谢谢。回执编号：</p>\n<p class=\"receipt-number\"><strong>%s</strong></p>\n",
	       pc.receipt);
	html_raw(&b, "<p>起草单位会逐条研究；征求意见结束后，意见的采纳情况在本网站公布。"
		     "您的意见在网站上以回执编号标示，不显示姓名和联系方式。</p>\n");
	html_f(&b, "<p><a href=\"/public/consultations/%lld\">返回征求意见稿</a></p>\n</section>\n",
	       (long long)id);
	page_end(r, &b);
	return resp_html(r, 201, &b);
}

/* --- the drafting unit's view on the case page --- */

static void act_form(struct req *r, struct buf *b, int64_t case_id, const struct public_comment *pc,
		     bool closed)
{
	html_f(b, "<form class=\"inline\" method=\"post\" action=\"/cases/%lld/comments/%lld\">\n",
	       (long long)case_id, (long long)pc->id);
	page_csrf_field(r, b);
	html_f(b, "<label for=\"act-%lld\">处理</label> <select id=\"act-%lld\" name=\"action\">",
	       (long long)pc->id, (long long)pc->id);
	if (!closed) {
		html_raw(b, "<option value=\"adopt\">采纳</option><option value=\"partly\">部分采纳</option>"
			    "<option value=\"not_adopt\">未采纳</option>");
	}
	html_raw(b, pc->hidden ? "<option value=\"show\">恢复显示</option>"
			       : "<option value=\"hide\">不在网站显示</option>");
	html_raw(b, "</select>\n");
	html_f(b, "<label for=\"why-%lld\">理由或说明</label> <input id=\"why-%lld\" name=\"reason\" "
		  "type=\"text\" maxlength=\"500\">\n<button type=\"submit\">保存</button>\n</form>\n",
	       (long long)pc->id, (long long)pc->id);
}

void case_comments_section(struct req *r, struct buf *b, const struct case_view *v)
{
	struct public_comment_list l;
	struct comment_counts n;
	struct consultation c;
	struct page pg = { 0, 200 };
	struct fz_error e = { 0 };
	if (app_consultation_get(&r->ctx, v->c.id, &c, &e) ||
	    app_comment_list(&r->ctx, v->c.id, true, pg, &l, &n, &e))
		return;
	bool may = app_comment_may_handle(&r->ctx) && !v->c.closed;
	html_raw(b, "<section id=\"comments\" aria-labelledby=\"comments-h\">\n"
		    "<h2 id=\"comments-h\">公众意见</h2>\n<p>");
	counts_line(b, &n, !c.open);
	if (n.undecided)
		html_f(b, "；<strong>%lld 条尚未写明是否采纳</strong>（结束征求意见前须逐条处理）",
		       (long long)n.undecided);
	html_f(b, "。<a href=\"/public/consultations/%lld\">门户网站上的征求意见页</a></p>\n",
	       (long long)v->c.id);
	if (l.n)
		html_raw(b, "<ol class=\"cards\">\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct public_comment *pc = &l.items[i];
		html_f(b, "<li><p class=\"hint\">%s · 回执编号 %s", pc->received_on, pc->receipt);
		if (pc->name[0])
			html_f(b, " · %s", pc->name);
		if (pc->contact[0])
			html_f(b, " · 联系方式 %s", pc->contact);
		html_raw(b, "</p>\n");
		html_f(b, "<p class=\"lines\">%s</p>\n", pc->body);
		if (pc->hidden)
			html_f(b, "<p><strong>不在网站显示</strong>：%s（%s，%s）</p>\n", pc->hidden_reason,
			       pc->hidden_by, pc->hidden_on);
		if (pc->adoption)
			html_f(b, "<p>采纳情况：<strong>%s</strong>%s%s</p>\n",
			       comment_action_label((enum comment_action)pc->adoption),
			       pc->adoption_note[0] ? "，" : "", pc->adoption_note);
		else if (!pc->hidden)
			html_raw(b, "<p>采纳情况：尚未处理</p>\n");
		if (may)
			act_form(r, b, v->c.id, pc, !c.open);
		html_raw(b, "</li>\n");
	}
	if (l.n)
		html_raw(b, "</ol>\n");
	html_raw(b, "</section>\n");
}

int page_case_comment_act(struct req *r)
{
	struct fz_error e = { 0 };
	int64_t id = req_param(r, "id"), cid = req_param(r, "comment_id");
	int a = comment_action_parse(kit_form(r, "action"));
	enum fz_err rc = app_comment_act(&r->ctx, id, cid, (enum comment_action)a,
					 kit_form(r, "reason"), NULL, &e);
	if (rc)
		return page_error(r, fz_err_http_status(rc),
				  e.message[0] ? e.message : "未能保存，请返回重试");
	char loc[96];
	snprintf(loc, sizeof loc, "/cases/%lld?msg=comment_handled#comments", (long long)id);
	return resp_redirect(r, loc);
}
