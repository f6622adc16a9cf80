/* rectify.c - supervision checks (监督检查: a yearly plan, a finding per
 * item) and the rectification notices (整改通知) both evaluation and
 * checks lead to: issued with a deadline on the one clock, answered by the
 * agency, accepted (closed) or returned with a reason. Also the oversight
 * record every fact is written to, with its ledger leaf (kind 10). */
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/calendar.h"
#include "app/evaluation.h"
#include "app/evaluation_internal.h"
#include "app/ledger.h"
#include "base/date.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

enum fz_err eval_record(struct app_ctx *ctx, const char *subject, int64_t subject_id,
			const char *action, const char *on, const char *body, struct fz_error *e)
{
	struct oversight_record r = {
		.subject = subject, .subject_id = subject_id, .action = action,
		.at = ctx->now, .actor_id = ctx->user ? ctx->user->id : 0,
		.actor = ctx->actor ? ctx->actor : "", .body = body ? body : "",
	};
	enum ledger_hash_alg alg;
	unsigned char d[LEDGER_DIGEST_MAX];
	snprintf(r.on, sizeof r.on, "%s", on);
	enum fz_err rc = ctx->st->ops->oversight_record_insert(ctx->st, &r, e);
	if (rc || (rc = app_ledger_alg(ctx, &alg, e)))
		return rc;
	size_t len = app_ledger_oversight_digest(alg, &r, d);
	if (!len)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	return app_ledger_append(ctx, LEDGER_OVERSIGHT, r.id, d, len, NULL, e);
}

/* A day the person typed: a real date, not after today, not before
 * floor (floor_label names it). NULL or "" is today. */
static enum fz_err day_of(struct app_ctx *ctx, const char *on, const char *floor,
			  const char *floor_label, char out[FZ_DATE_LEN], struct fz_error *e)
{
	if (!on || !*on)
		on = ctx->today;
	enum fz_err rc = eval_date(on, "on", "日期", e);
	if (rc)
		return rc;
	if (strcmp(on, ctx->today) > 0)
		return fz_fail(e, FZ_INVALID, "on", "日期 %s 晚于今天，不能预先登记", on);
	if (floor && floor[0] && strcmp(on, floor) < 0)
		return fz_fail(e, FZ_INVALID, "on", "日期 %s 早于%s %s", on, floor_label, floor);
	snprintf(out, FZ_DATE_LEN, "%s", on);
	return FZ_OK;
}

/* --- checks --- */

enum fz_err app_check_plan_create(struct app_ctx *ctx, int year, const char *title,
				  const struct check_item_input *items, size_t n,
				  struct check_plan *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, "check.create", e);
	if (rc)
		return rc;
	if (eval_blank(title) || strlen(title) > 200)
		return fz_fail(e, FZ_INVALID, "title", "请填写检查计划名称（不超过 200 字节）");
	if (year < 2000 || year > 9999)
		return fz_fail(e, FZ_INVALID, "year", "年度应为四位数字");
	if (!n || n > 500)
		return fz_fail(e, FZ_INVALID, "items", "检查计划应有 1–500 个检查事项");
	for (size_t i = 0; i < n; i++) {
		struct agency ag;
		if (eval_blank(items[i].subject) || strlen(items[i].subject) > 500)
			return fz_fail(e, FZ_INVALID, "items", "第 %zu 个检查事项缺少检查内容", i + 1);
		if (items[i].month < 1 || items[i].month > 12)
			return fz_fail(e, FZ_INVALID, "items", "第 %zu 个检查事项的月份应为 1–12", i + 1);
		rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, items[i].agency_id, &ag, e);
		if (rc == FZ_NOTFOUND)
			return fz_fail(e, FZ_INVALID, "items",
				       "第 %zu 个检查事项的执法主体不存在或不在本辖区", i + 1);
		if (rc)
			return rc;
	}
	struct check_plan p = { .year = year, .title = title, .division = eval_division(ctx),
				.created_by = ctx->user ? ctx->user->id : 0, .created_at = ctx->now };
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->check_plan_insert(ctx->st, &p, e)))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct check_item it = { .plan_id = p.id, .agency_id = items[i].agency_id,
					 .subject = items[i].subject, .month = items[i].month };
		if ((rc = ctx->st->ops->check_item_insert(ctx->st, &it, e)))
			goto fail;
	}
	if ((rc = app_tx_finish(ctx, "check.create", "check_plan", p.id, title, NULL, e)))
		return rc;
	*out = p;
	return FZ_OK;
fail:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_check_plan_get(struct app_ctx *ctx, int64_t id, struct check_plan *out,
			       struct check_item **items, size_t *n, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_READ, "check.read", e);
	if (rc || (rc = ctx->st->ops->check_plan_get(ctx->st, ctx->a, id, out, e)))
		return rc;
	if ((rc = ctx->st->ops->check_items_of(ctx->st, ctx->a, &ctx->scope, id, items, n, e)))
		return rc;
	bool manager = ctx->cli || (ctx->user && (ctx->user->roles & ROLE_SUPERVISOR) &&
				    eval_division_sees(ctx, out->division));
	/* an agency sees a plan that has an item for it, and only its items */
	return manager || *n ? FZ_OK : fz_fail(e, FZ_NOTFOUND, "id", "检查计划不存在");
}

enum fz_err app_check_plan_list(struct app_ctx *ctx, struct page pg,
				struct check_plan_list *out, struct fz_error *e)
{
	return app_check_plan_find(ctx, &(struct check_plan_filter){ 0 }, pg, out, e);
}

enum fz_err app_check_plan_find(struct app_ctx *ctx, const struct check_plan_filter *f,
				struct page pg, struct check_plan_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, "check.read", e);
	if (rc)
		return rc;
	if (f->year && (f->year < 2000 || f->year > 2100))
		return fz_fail(e, FZ_INVALID, "year", "年度应为 2000 至 2100 之间的四位数字");
	struct check_plan_filter g = *f;
	g.division = eval_division(ctx); /* the bureau's own division, whatever was asked */
	return ctx->st->ops->check_plan_list(ctx->st, ctx->a, &g, pg, out, e);
}

enum fz_err app_check_finding(struct app_ctx *ctx, int64_t item_id, const char *finding,
			      const char *on, struct check_item *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, "check.finding", e);
	struct check_item it;
	struct check_plan p;
	char day[FZ_DATE_LEN];
	if (rc)
		return rc;
	if ((rc = ctx->st->ops->check_item_get(ctx->st, ctx->a, &ctx->scope, item_id, &it, e)) ||
	    (rc = ctx->st->ops->check_plan_get(ctx->st, ctx->a, it.plan_id, &p, e)))
		return rc;
	if (it.found_on[0])
		return fz_fail(e, FZ_CONFLICT, "finding", "该检查事项已于 %s 登记检查结果", it.found_on);
	if (eval_blank(finding) || strlen(finding) > 20000)
		return fz_fail(e, FZ_INVALID, "finding", "请写明检查发现的问题（未发现问题的，写明“未发现问题”）");
	char start[FZ_DATE_LEN];
	snprintf(start, sizeof start, "%04d-01-01", p.year);
	if ((rc = day_of(ctx, on, start, "计划年度的第一天", day, e)))
		return rc;
	it.finding = finding;
	memcpy(it.found_on, day, sizeof day);
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->check_item_update(ctx->st, &it, e)) ||
	    (rc = eval_record(ctx, "check_item", it.id, "finding", day, finding, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "found_on", "", day);
	if ((rc = app_tx_finish(ctx, "check.finding", "check_item", it.id, NULL, &d, e)))
		return rc;
	*out = it;
	return FZ_OK;
}

/* --- notices --- */

enum fz_err app_notice_deadline(struct app_ctx *ctx, const struct rect_notice *nt,
				struct deadline *out, struct fz_error *e)
{
	struct calendar cal;
	struct clock_input in;
	enum fz_err rc = app_calendar_get(ctx, &cal, e);
	if (rc)
		return rc;
	clock_input_init(&in, nt->issued_on, (enum clock_unit)nt->unit, nt->budget);
	return clock_compute(&cal, &in, ctx->a, out, e);
}

enum fz_err app_notice_issue(struct app_ctx *ctx, const struct notice_input *in,
			     struct rect_notice *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, "notice.issue", e);
	struct agency ag;
	char day[FZ_DATE_LEN];
	const char *floor = "";
	if (rc)
		return rc;
	if (eval_blank(in->findings) || strlen(in->findings) > 20000)
		return fz_fail(e, FZ_INVALID, "findings", "请写明需要整改的问题");
	int budget = in->budget ? in->budget : NOTICE_BUDGET_DEFAULT;
	int unit = in->unit ? in->unit : CLOCK_DAYS;
	if (unit != CLOCK_DAYS && unit != CLOCK_WORKING_DAYS)
		return fz_fail(e, FZ_INVALID, "unit", "整改期限应按日或工作日计算");
	if (budget < 1 || budget > 365)
		return fz_fail(e, FZ_INVALID, "budget", "整改期限应为 1–365 日");
	rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, in->agency_id, &ag, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_INVALID, "agency_id", "执法主体不存在或不在本辖区");
	if (rc)
		return rc;
	/* the notice follows from a record: a round that evaluated the
	 * agency, or a check item of the agency with its finding */
	if (in->source && strcmp(in->source, "evaluation") == 0) {
		struct eval_round r;
		struct eval_file_filter f = { .round_id = in->source_id, .agency_id = in->agency_id,
					      .scored = 1 };
		struct eval_file_list l;
		struct page pg = { 0, 1 };
		rc = ctx->st->ops->eval_round_get(ctx->st, ctx->a, in->source_id, &r, e);
		if (rc == FZ_NOTFOUND || (!rc && !eval_division_sees(ctx, r.division)))
			return fz_fail(e, FZ_INVALID, "source_id", "评查不存在");
		if (rc || (rc = ctx->st->ops->eval_file_list(ctx->st, ctx->a, &scope_all, &f, pg, &l,
							     e)))
			return rc;
		if (!l.total)
			return fz_fail(e, FZ_INVALID, "source_id", "本次评查没有该单位已评分的案卷");
		floor = l.items[0].scored_on;
	} else if (in->source && strcmp(in->source, "check") == 0) {
		struct check_item it;
		rc = ctx->st->ops->check_item_get(ctx->st, ctx->a, &ctx->scope, in->source_id, &it, e);
		if (rc == FZ_NOTFOUND)
			return fz_fail(e, FZ_INVALID, "source_id", "检查事项不存在");
		if (rc)
			return rc;
		if (it.agency_id != in->agency_id)
			return fz_fail(e, FZ_INVALID, "agency_id", "检查事项不是对该执法主体的检查");
		if (!it.found_on[0])
			return fz_fail(e, FZ_CONFLICT, "source_id", "该检查事项尚未登记检查结果");
		floor = arena_strdup(ctx->a, it.found_on);
	} else {
		return fz_fail(e, FZ_INVALID, "source", "整改通知应来自案卷评查或监督检查");
	}
	if ((rc = day_of(ctx, in->issued_on, floor, "所依据的评查或检查日期", day, e)))
		return rc;
	struct rect_notice nt = {
		.agency_id = in->agency_id, .agency = ag.name, .source = in->source,
		.source_id = in->source_id, .findings = in->findings, .budget = budget,
		.unit = unit, .created_by = ctx->user ? ctx->user->id : 0, .created_at = ctx->now,
		.report = "", .return_reason = "",
	};
	memcpy(nt.issued_on, day, sizeof day);
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->notice_insert(ctx->st, &nt, e)) ||
	    (rc = eval_record(ctx, "notice", nt.id, "issue", day,
			      arena_printf(ctx->a, "agency=%lld\nsource=%s %lld\nbudget=%d %s\n%s",
					   (long long)nt.agency_id, nt.source,
					   (long long)nt.source_id, budget,
					   unit == CLOCK_DAYS ? "days" : "working_days", nt.findings),
			      e))) {
		app_tx_abort(ctx);
		return rc;
	}
	if ((rc = app_tx_finish(ctx, "notice.issue", "notice", nt.id, ag.name, NULL, e)))
		return rc;
	*out = nt;
	return FZ_OK;
}

enum fz_err app_notice_get(struct app_ctx *ctx, int64_t id, struct rect_notice *out,
			   struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_READ, "notice.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->notice_get(ctx->st, ctx->a, &ctx->scope, id, out, e);
}

enum fz_err app_notice_list(struct app_ctx *ctx, const struct rect_notice_filter *f,
			    struct page pg, struct rect_notice_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_READ, "notice.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->notice_list(ctx->st, ctx->a, &ctx->scope, f, pg, out, e);
}

enum fz_err app_notice_answer(struct app_ctx *ctx, int64_t id, const char *report,
			      const char *on, struct rect_notice *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_RECTIFY_ANSWER, "notice.answer", e);
	struct rect_notice nt;
	char day[FZ_DATE_LEN];
	if (rc || (rc = ctx->st->ops->notice_get(ctx->st, ctx->a, &ctx->scope, id, &nt, e)))
		return rc;
	/* the agency answers for itself: a supervisor who also holds the
	 * reviewer role in another agency sees the notice but may not */
	if (!ctx->cli && (!ctx->user || ctx->user->agency_id != nt.agency_id))
		return fz_fail(e, FZ_FORBIDDEN, "id", "只有被通知的执法主体可以报送整改情况");
	if (!notice_may_answer(nt.status))
		return fz_fail(e, FZ_CONFLICT, "status", "整改通知%s，现在不能报送整改情况",
			       notice_status_label(nt.status));
	if (eval_blank(report) || strlen(report) > 20000)
		return fz_fail(e, FZ_INVALID, "report", "请写明整改情况");
	const char *floor = nt.status == NOTICE_RETURNED ? nt.answered_on : nt.issued_on;
	if ((rc = day_of(ctx, on, floor,
			 nt.status == NOTICE_RETURNED ? "上次报送日期" : "整改通知的发出日期", day,
			 e)))
		return rc;
	enum notice_status was = nt.status;
	nt.status = NOTICE_ANSWERED;
	nt.report = report;
	memcpy(nt.answered_on, day, sizeof day);
	if (!nt.first_answered_on[0])
		memcpy(nt.first_answered_on, day, sizeof day);
	nt.updated_at = ctx->now;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->notice_update(ctx->st, &nt, e)) ||
	    (rc = eval_record(ctx, "notice", nt.id, "answer", day, report, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "status", notice_status_name(was), "answered");
	if ((rc = app_tx_finish(ctx, "notice.answer", "notice", nt.id, NULL, &d, e)))
		return rc;
	*out = nt;
	return FZ_OK;
}

enum fz_err app_notice_review(struct app_ctx *ctx, int64_t id, bool accept, const char *reason,
			      const char *on, struct rect_notice *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE,
				     accept ? "notice.close" : "notice.return", e);
	struct rect_notice nt;
	char day[FZ_DATE_LEN];
	if (rc || (rc = ctx->st->ops->notice_get(ctx->st, ctx->a, &ctx->scope, id, &nt, e)))
		return rc;
	if (!notice_may_review(nt.status))
		return fz_fail(e, FZ_CONFLICT, "status", "整改通知%s，现在没有待审核的整改报告",
			       notice_status_label(nt.status));
	if (!accept && (eval_blank(reason) || strlen(reason) > 5000))
		return fz_fail(e, FZ_INVALID, "reason", "退回整改报告须写明理由");
	if ((rc = day_of(ctx, on, nt.answered_on, "整改报告的报送日期", day, e)))
		return rc;
	nt.status = accept ? NOTICE_CLOSED : NOTICE_RETURNED;
	if (accept)
		memcpy(nt.closed_on, day, sizeof day);
	else
		nt.return_reason = reason;
	nt.updated_at = ctx->now;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->notice_update(ctx->st, &nt, e)) ||
	    (rc = eval_record(ctx, "notice", nt.id, accept ? "close" : "return", day,
			      accept ? "" : reason, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "status", "answered", notice_status_name(nt.status));
	if ((rc = app_tx_finish(ctx, accept ? "notice.close" : "notice.return", "notice", nt.id,
				accept ? NULL : reason, &d, e)))
		return rc;
	*out = nt;
	return FZ_OK;
}
