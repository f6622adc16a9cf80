/* demo_evaluation.c - the demo county's supervision of case files: one
 * finished case-file evaluation round (案卷评查) of 自然资源局 and
 * 市场监督管理局 with its results, a rectification notice from it whose
 * report the justice bureau returned (being rectified), and this year's
 * supervision check plan (监督检查) with a finding and its notice. All
 * through the app layer, as the demo's supervisor and the agency's head. */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/evaluation.h"
#include "base/date.h"
#include "cli/demo_internal.h"

static enum fz_err as(struct app_ctx *cli, const struct user *u, struct app_ctx *ctx,
		      struct fz_error *e)
{
	app_ctx_init(ctx, cli->st, cli->a, cli->cfg, "cli", cli->now);
	ctx->user = (struct user *)u;
	ctx->actor = u->username;
	return authz_scope_for(ctx, u, &ctx->scope, e);
}

/* The evaluator's marks, by the file's place in the sample: most files
 * lose a few points with reasons; every third has a veto item. */
static size_t marks_for(int k, struct eval_mark *m)
{
	size_t n = 0;
	m[n++] = (struct eval_mark){ "F2", k % 2 ? 1 : 0, "卷内目录未标注页码" };
	if (k % 3 == 2) {
		m[n++] = (struct eval_mark){ "V3", 0, "告知书未载明听证权利即作出决定" };
		return n;
	}
	m[n++] = (struct eval_mark){ "C3", 2 + k % 3, "引用条款未具体到项" };
	if (k % 2 == 0)
		m[n++] = (struct eval_mark){ "F6", 1, "送达回证缺受送达人签收日期" };
	return n;
}

enum fz_err demo_evaluation_seed(struct app_ctx *cli, const struct demo_cast *cast,
				 struct fz_error *e)
{
	struct app_ctx sup, head;
	enum fz_err rc;
	if ((rc = as(cli, &cast->supervisor, &sup, e)) || (rc = as(cli, &cast->head1, &head, e)))
		return rc;
	char from[FZ_DATE_LEN];
	int year, month, day;
	if (!date_parse(cli->today, &year, &month, &day) || !date_add_days(cli->today, -400, from))
		return fz_fail(e, FZ_INTERNAL, NULL, "日期计算失败");
	const int64_t agencies[] = { cast->nr_agency, cast->sm_agency };
	struct eval_round_input in = {
		.year = year, .title = "行政处罚案卷评查（演示）", .period_from = from,
		.period_to = cli->today, .sample_size = 3, .agency_ids = agencies, .nagencies = 2,
	};
	struct eval_round r;
	if ((rc = app_eval_round_create(&sup, &in, &r, e)) ||
	    (rc = app_eval_round_draw(&sup, r.id, &r, e)))
		return rc;
	struct eval_file_filter f = { .round_id = r.id, .scored = -1 };
	struct eval_file_list l;
	struct page pg = { 0, 200 };
	if ((rc = app_eval_file_list(&sup, &f, pg, &l, e)))
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		struct eval_file x;
		struct eval_mark m[4];
		size_t n = marks_for((int)i, m);
		if ((rc = app_eval_assign(&sup, l.items[i].id, cast->supervisor.id, &x, e)) ||
		    (rc = app_eval_score(&sup, l.items[i].id, m, n, &x, e)))
			return rc;
	}
	if ((rc = app_eval_round_close(&sup, r.id, &r, e)))
		return rc;
	struct notice_input ni = {
		.agency_id = cast->nr_agency, .source = "evaluation", .source_id = r.id,
		.findings = "抽查案卷中：告知书未载明听证权利；引用法律条款未具体到项；"
			    "送达回证缺签收日期。请逐项整改，并对同类案卷自查。",
		.budget = 30, .unit = CLOCK_DAYS,
	};
	struct rect_notice nt;
	if ((rc = app_notice_issue(&sup, &ni, &nt, e)) ||
	    (rc = app_notice_answer(&head, nt.id, "已组织全局执法人员学习告知程序，"
						"补正三份案卷的送达回证。", NULL, &nt, e)) ||
	    (rc = app_notice_review(&sup, nt.id, false, "未附对同类案卷自查的清单，请补报。",
				    NULL, &nt, e)))
		return rc;

	/* this year's supervision checks */
	const struct check_item_input items[] = {
		{ cast->nr_agency, "行政处罚案件办理和执法全过程记录情况", 3 },
		{ cast->sm_agency, "双随机一公开抽查和结果公示情况", 9 },
	};
	struct check_plan p;
	struct check_item *its;
	size_t nits;
	struct check_item it;
	if ((rc = app_check_plan_create(&sup, year, "年度行政执法监督检查计划（演示）", items, 2, &p,
					e)) ||
	    (rc = app_check_plan_get(&sup, p.id, &p, &its, &nits, e)))
		return rc;
	if ((rc = app_check_finding(&sup, its[0].id, "两起案件的现场检查未留存音像记录。", NULL,
				    &it, e)))
		return rc;
	struct notice_input ci = {
		.agency_id = cast->nr_agency, .source = "check", .source_id = it.id,
		.findings = "现场检查应按执法全过程记录制度留存音像记录，请整改并报送整改情况。",
		.budget = 20, .unit = CLOCK_WORKING_DAYS,
	};
	return app_notice_issue(&sup, &ci, &nt, e);
}
