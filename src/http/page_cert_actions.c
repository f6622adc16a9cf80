/* page_cert_actions.c - what the supervisor does to an issued 执法证, one
 * small form each: suspend and resume with a reason, revoke with a reason
 * and an explicit confirmation (it cannot be undone), and the annual
 * review. GET /certificates/{id}/{action} shows the form, POST does it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/people.h"
#include "domain/certificate.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

enum cert_action { ACT_SUSPEND, ACT_RESUME, ACT_REVOKE, ACT_REVIEW };

static const struct {
	const char *slug, *title, *button, *notice;
} acts[] = {
	[ACT_SUSPEND] = { "suspend", "暂扣执法证", "确认暂扣", "cert_suspended" },
	[ACT_RESUME] = { "resume", "恢复执法证", "确认恢复", "cert_resumed" },
	[ACT_REVOKE] = { "revoke", "注销执法证", "确认注销", "cert_revoked" },
	[ACT_REVIEW] = { "review", "年度审验", "保存审验结果", "review_added" },
};

static const struct kit_option passed_opts[] = { { "1", "合格" }, { "0", "不合格" } };

/* The inputs of every action form, as typed. */
struct action_fields {
	const char *reason, *revoked_on, *year, *passed, *note, *reviewed_on;
	bool confirm;
};

static void action_inputs(struct buf *b, enum cert_action act, const struct action_fields *v,
			  const struct fz_error *e)
{
	switch (act) {
	case ACT_SUSPEND:
	case ACT_RESUME:
		kit_input(b, "text", "reason", act == ACT_SUSPEND ? "暂扣原因" : "恢复原因",
			  v->reason, "required maxlength=\"200\"", e);
		break;
	case ACT_REVOKE:
		page_flash(b, FLASH_ERROR, "注销后不可恢复：公开查询将显示“已注销”，"
					   "持证人不得再从事执法活动。");
		kit_input(b, "text", "reason", "注销原因", v->reason, "required maxlength=\"200\"", e);
		kit_input(b, "date", "revoked_on", "注销日期", v->revoked_on, "required", e);
		kit_checkbox(b, "confirm", "我已核实情况，确认注销该执法证", v->confirm, e);
		break;
	case ACT_REVIEW:
		kit_input(b, "number", "year", "审验年度", v->year,
			  "required min=\"2000\" max=\"2100\" inputmode=\"numeric\"", e);
		kit_select(b, "passed", "审验结论", passed_opts, 2, v->passed, e);
		kit_input(b, "text", "note", "审验意见", v->note,
			  "maxlength=\"200\" aria-describedby=\"note-hint\"", e);
		html_raw(b, "<p id=\"note-hint\" class=\"hint\">不合格时必须写明理由；"
			    "审验不合格的执法证将被暂扣。</p>\n");
		kit_input(b, "date", "reviewed_on", "审验日期", v->reviewed_on, "required", e);
		break;
	}
}

static int action_page(struct req *r, int status, enum cert_action act,
		       const struct action_fields *v, enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	struct fz_error ge = { 0 };
	struct certificate c;
	int64_t id = req_param(r, "id");
	enum fz_err grc = app_certificate_get(&r->ctx, id, &c, &ge);
	if (grc)
		return http_fail_fz(r, grc, &ge);
	if (c.status == CERT_REVOKED)
		return page_error(r, 409, "该执法证已注销，不能再变更");

	page_begin(r, &b, acts[act].title);
	kit_form_error(&b, rc, e);
	html_f(&b, "<dl class=\"fields\"><dt>执法证号</dt><dd class=\"mono\">%s</dd>"
		   "<dt>持证人</dt><dd>%s</dd><dt>执法主体</dt><dd>%s</dd><dt>当前状态</dt><dd>",
	       c.number, c.holder_name, c.agency_name);
	kit_cert_badge(&b, certificate_status(&c, r->ctx.today));
	html_raw(&b, "</dd></dl>\n");
	html_f(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/certificates/%lld/%s\">\n",
	       (long long)id, acts[act].slug);
	page_csrf_field(r, &b);
	action_inputs(&b, act, v, e);
	html_f(&b, "<div class=\"form-buttons\"><button type=\"submit\" class=\"%s\">%s</button> "
		   "<a class=\"button secondary\" href=\"/certificates/%lld\">取消</a></div>\n</form>\n",
	       act == ACT_REVOKE ? "danger" : "primary", acts[act].button, (long long)id);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static int action_form(struct req *r, enum cert_action act)
{
	char year[8];
	long y = strtol(r->ctx.today, NULL, 10) - 1; /* last year's review */
	snprintf(year, sizeof year, "%ld", y > 0 && y < 10000 ? y : 2000L);
	struct action_fields v = { "", r->ctx.today, year, "1", "", r->ctx.today, false };
	return action_page(r, 200, act, &v, FZ_OK, NULL);
}

static enum fz_err action_run(struct req *r, enum cert_action act, const struct action_fields *v,
			      struct fz_error *e)
{
	int64_t id = req_param(r, "id"), year;
	switch (act) {
	case ACT_SUSPEND:
		return app_certificate_set_status(&r->ctx, id, CERT_SUSPENDED, v->reason, NULL, e);
	case ACT_RESUME:
		return app_certificate_set_status(&r->ctx, id, CERT_VALID, v->reason, NULL, e);
	case ACT_REVOKE:
		if (!v->confirm)
			return fz_fail(e, FZ_INVALID, "confirm", "请勾选确认后再注销");
		return app_certificate_revoke(&r->ctx, id, v->reason, v->revoked_on, NULL, e);
	case ACT_REVIEW:
		if (!http_parse_int64(v->year, 2000, 2100, &year))
			return fz_fail(e, FZ_INVALID, "year", "审验年度应为 2000 至 2100 之间的年份");
		struct cert_review_input in = { .year = (int)year,
						.passed = strcmp(v->passed, "0") != 0,
						.note = v->note, .reviewed_on = v->reviewed_on };
		return app_cert_review_add(&r->ctx, id, &in, NULL, e);
	}
	return fz_fail(e, FZ_INTERNAL, NULL, NULL);
}

static int action_submit(struct req *r, enum cert_action act)
{
	struct fz_error e = { 0 };
	struct action_fields v = {
		kit_form(r, "reason"), kit_form(r, "revoked_on"), kit_form(r, "year"),
		kit_form(r, "passed"), kit_form(r, "note"),	  kit_form(r, "reviewed_on"),
		kit_form_checked(r, "confirm"),
	};
	enum fz_err rc = action_run(r, act, &v, &e);
	if (rc == FZ_INVALID || (rc == FZ_CONFLICT && strcmp(e.field, "year") == 0))
		return action_page(r, fz_err_http_status(rc), act, &v, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char *loc = arena_printf(r->a, "/certificates/%lld?msg=%s", (long long)req_param(r, "id"),
				 acts[act].notice);
	return loc ? resp_redirect(r, loc) : http_fail_fz(r, FZ_NOMEM, NULL);
}

int page_cert_suspend_form(struct req *r) { return action_form(r, ACT_SUSPEND); }
int page_cert_suspend(struct req *r) { return action_submit(r, ACT_SUSPEND); }
int page_cert_resume_form(struct req *r) { return action_form(r, ACT_RESUME); }
int page_cert_resume(struct req *r) { return action_submit(r, ACT_RESUME); }
int page_cert_revoke_form(struct req *r) { return action_form(r, ACT_REVOKE); }
int page_cert_revoke(struct req *r) { return action_submit(r, ACT_REVOKE); }
int page_cert_review_form(struct req *r) { return action_form(r, ACT_REVIEW); }
int page_cert_review(struct req *r) { return action_submit(r, ACT_REVIEW); }
