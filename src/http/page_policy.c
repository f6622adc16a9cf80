/* page_policy.c - GET/POST /policy: the security administrator's form for
 * the security policy. A value out of range re-renders the form with the
 * reason beside the field and the values as typed. */
#include <stdio.h>
#include <stdlib.h>

#include "app/policy.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

struct policy_input {
	const char *name, *label, *hint;
};

static const struct policy_input inputs[] = {
	{ "idle_minutes", "会话空闲超时（分钟）", "5–30；等级保护要求空闲超时自动退出" },
	{ "max_hours", "会话最长有效期（小时）", "1–24" },
	{ "lockout_threshold", "连续登录失败锁定次数", "3–10" },
	{ "lockout_minutes", "账号锁定时长（分钟）", "5–1440" },
	{ "client_failure_limit", "同一地址 15 分钟内登录失败上限", "10–1000" },
};
#define NINPUTS (sizeof inputs / sizeof inputs[0])

static int policy_form(struct req *r, int status, const char *const values[NINPUTS],
		       enum fz_err rc, const struct fz_error *e)
{
	struct buf b = BUF_INIT;
	page_begin(r, &b, "安全策略");
	page_notice(r, &b);
	kit_form_error(&b, rc, e);
	html_raw(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/policy\">\n");
	page_csrf_field(r, &b);
	for (size_t i = 0; i < NINPUTS; i++) {
		kit_input(&b, "number", inputs[i].name, inputs[i].label, values[i],
			  "required inputmode=\"numeric\"", e);
		html_f(&b, "<p class=\"hint\">%s</p>\n", inputs[i].hint);
	}
	html_raw(&b, "<p class=\"hint\">保存后立即生效，对所有账号的登录与会话检查适用；"
		     "修改记入审计日志。</p>\n<div class=\"form-buttons\">"
		     "<button type=\"submit\">保存安全策略</button></div>\n</form>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_policy_form(struct req *r)
{
	struct fz_error e = { 0 };
	struct policy p;
	enum fz_err rc = app_policy_get(&r->ctx, &p, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	const int nums[NINPUTS] = { p.idle_minutes, p.max_hours, p.lockout_threshold,
				    p.lockout_minutes, p.client_failure_limit };
	const char *values[NINPUTS];
	for (size_t i = 0; i < NINPUTS; i++)
		values[i] = arena_printf(r->a, "%d", nums[i]);
	return policy_form(r, 200, values, FZ_OK, NULL);
}

int page_policy_save(struct req *r)
{
	struct fz_error e = { 0 };
	const char *values[NINPUTS] = { 0 };
	int nums[NINPUTS];
	for (size_t i = 0; i < NINPUTS; i++) {
		int64_t v = 0;
		values[i] = kit_form(r, inputs[i].name);
		if (!values[i] || !http_parse_int64(values[i], 0, 100000, &v)) {
			fz_fail(&e, FZ_INVALID, inputs[i].name, "%s应为整数", inputs[i].label);
			return policy_form(r, 400, values, FZ_INVALID, &e);
		}
		nums[i] = (int)v;
	}
	struct policy p = { nums[0], nums[1], nums[2], nums[3], nums[4] };
	enum fz_err rc = app_policy_set(&r->ctx, &p, &e);
	if (rc == FZ_INVALID)
		return policy_form(r, 400, values, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	return resp_redirect(r, "/policy?msg=saved");
}
