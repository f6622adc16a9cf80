/* page_case_draw.c - the random inspection draw of a case (GET and POST
 * /cases/{id}/draw): the officer lists the targets and ticks the
 * inspectors; the server makes the seed and records the draw, which
 * anyone can re-run with `fazhi draw` from what the case page shows. */
#include <stdio.h>
#include <string.h>

#include "app/draw.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/page_case_kit.h"
#include "http/pagekit.h"
#include "http/resp.h"

static int draw_form(struct req *r, int status, const struct case_view *v,
		     const struct case_people *people, const int64_t *chosen, size_t nchosen,
		     enum fz_err rc, const struct fz_error *e, const struct case_check *check)
{
	struct buf b = BUF_INIT;
	page_begin(r, &b, "随机抽取检查对象和检查人员");
	html_f(&b, "<p><a href=\"/cases/%lld\">返回案件 %s</a></p>\n", (long long)v->c.id,
	       v->c.number);
	kit_form_error(&b, rc, e);
	if (check)
		case_gate_results(&b, check);
	html_f(&b, "<form class=\"stack narrow\" method=\"post\" action=\"/cases/%lld/draw\">\n",
	       (long long)v->c.id);
	page_csrf_field(r, &b);
	const char *targets = kit_form(r, "targets");
	html_raw(&b, "<label for=\"targets\">检查对象名录（每行一个：统一社会信用代码或名称）</label>\n");
	html_f(&b, "<textarea id=\"targets\" name=\"targets\" rows=\"8\" required>%s</textarea>\n",
	       targets ? targets : "");
	kit_field_error(&b, "targets", e);
	case_officers_input(&b, people, chosen, nchosen, 2, e);
	const char *count = kit_form(r, "count"), *per = kit_form(r, "per_target");
	kit_input(&b, "number", "count", "抽取检查对象数", count ? count : "1",
		  "min=\"1\" required inputmode=\"numeric\"", e);
	kit_input(&b, "number", "per_target", "每个对象的检查人员数", per ? per : "2",
		  "min=\"2\" max=\"10\" required inputmode=\"numeric\"", e);
	const char *at = kit_form(r, "publish_at");
	kit_input(&b, "datetime-local", "publish_at", "推迟公开抽取结果至（北京时间，可不填）",
		  at ? at : "", NULL, e);
	html_f(&b, "<p class=\"hint\">不填的，抽取结果记录后即在门户网站公开。"
		   "检查不事先通知的，可以推迟到检查实施之后公开，最迟为抽取后 %d 天；"
		   "公开时间随抽取一并记录，不能更改。</p>\n",
	       app_draw_embargo_max_days(r->ctx.cfg));
	html_raw(&b, "<p class=\"hint\">随机种子由系统生成并与两份名单一并记录；任何人可用 "
		     "<code>fazhi draw</code> 按记录的种子和名单重新抽取，结果相同。</p>\n"
		     "<div class=\"form-buttons\"><button type=\"submit\">抽取</button></div>\n"
		     "</form>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static bool draw_load(struct req *r, struct case_view *v, struct case_people *people)
{
	struct fz_error e = { 0 };
	enum fz_err rc = app_case_view(&r->ctx, req_param(r, "id"), v, &e);
	if (rc) {
		http_fail_fz(r, rc, &e);
		return false;
	}
	if (!proc_step_find(v->def, "random_draw")) {
		page_error(r, 404, "本案的执法程序没有随机抽取步骤");
		return false;
	}
	case_people_load(r, v->c.agency_id, people);
	return true;
}

int page_case_draw_form(struct req *r)
{
	struct case_view v;
	struct case_people people;
	if (!draw_load(r, &v, &people))
		return r->resp.status;
	return draw_form(r, 200, &v, &people, NULL, 0, FZ_OK, NULL, NULL);
}

int page_case_draw(struct req *r)
{
	struct case_view v;
	struct case_people people;
	struct fz_error e = { 0 };
	struct case_check check = { 0 };
	int64_t *ids = NULL, count = 0, per = 0;
	size_t nids = 0;
	struct draw_list targets = { 0 };
	enum fz_err rc = FZ_OK;

	if (!draw_load(r, &v, &people))
		return r->resp.status;
	const char *text = kit_form(r, "targets");
	if (!case_form_ids(r, "officers", &ids, &nids))
		rc = fz_fail(&e, FZ_INVALID, "officers", "检查人员选择有误");
	else if (!http_parse_int64(kit_form(r, "count"), 1, 100000, &count))
		rc = fz_fail(&e, FZ_INVALID, "count", "抽取检查对象数应为正整数");
	else if (!http_parse_int64(kit_form(r, "per_target"), 2, 10, &per))
		rc = fz_fail(&e, FZ_INVALID, "per_target", "每个对象的检查人员数应为 2 到 10");
	else
		rc = draw_list_parse(r->a, "检查对象名录", text ? text : "", text ? strlen(text) : 0,
				     &targets, &e);
	if (!rc) {
		struct case_draw_input in = {
			.targets = targets.ids, .ntargets = targets.n,
			.inspectors = ids, .ninspectors = nids,
			.count = (size_t)count, .per_target = (size_t)per,
			.publish_at = kit_form(r, "publish_at"),
		};
		rc = app_case_draw(&r->ctx, v.c.id, &in, NULL, &check, &e);
	}
	if (rc == FZ_INVALID || rc == FZ_CONFLICT)
		return draw_form(r, fz_err_http_status(rc), &v, &people, ids, nids, rc, &e,
				 check.n ? &check : NULL);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char to[64];
	snprintf(to, sizeof to, "/cases/%lld?msg=step_done", (long long)v.c.id);
	return resp_redirect(r, to);
}
