/* evaluation.c - case-file evaluation rounds (案卷评查): creating a round,
 * drawing its sample under a fresh recorded seed, assigning evaluators
 * under the conflict-of-interest rule, scoring, closing and the results
 * per agency. Each fact is an oversight record with its ledger leaf
 * (evaluation_record.c), written in the same transaction as the change
 * and its audit entry. */
#include "app/evaluation.h"
#include "app/rubric.h"
#include "app/evaluation_internal.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/date.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

/* The division a supervisor's rows carry and see ("" system-wide). */
const char *eval_division(struct app_ctx *ctx)
{
	return ctx->scope.kind == SCOPE_DIVISION ? ctx->scope.division_prefix : "";
}

bool eval_division_sees(struct app_ctx *ctx, const char *division)
{
	if (ctx->cli || ctx->scope.kind == SCOPE_ALL)
		return true;
	if (ctx->scope.kind != SCOPE_DIVISION)
		return false;
	size_t n = strlen(ctx->scope.division_prefix);
	return strncmp(division ? division : "", ctx->scope.division_prefix, n) == 0;
}

enum fz_err eval_date(const char *s, const char *field, const char *label, struct fz_error *e)
{
	if (!s || !date_parse(s, NULL, NULL, NULL) || strlen(s) != 10)
		return fz_fail(e, FZ_INVALID, field, "%s应为 YYYY-MM-DD 格式的有效日期", label);
	return FZ_OK;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}
bool eval_blank(const char *s) { return blank(s); }

enum fz_err app_eval_rubric(struct app_ctx *ctx, const struct eval_round *r, struct rubric *out,
			    struct fz_error *e)
{
	return rubric_parse(ctx->a, r->rubric, strlen(r->rubric), out, e);
}

enum fz_err app_eval_round_create(struct app_ctx *ctx, const struct eval_round_input *in,
				  struct eval_round *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, "evaluation.create", e);
	if (rc)
		return rc;
	if (blank(in->title) || strlen(in->title) > 200)
		return fz_fail(e, FZ_INVALID, "title", "请填写评查名称（不超过 200 字节）");
	if (in->year < 2000 || in->year > 9999)
		return fz_fail(e, FZ_INVALID, "year", "年度应为四位数字");
	if ((rc = eval_date(in->period_from, "period_from", "案件结案期间的起始日期", e)) ||
	    (rc = eval_date(in->period_to, "period_to", "案件结案期间的截止日期", e)))
		return rc;
	if (strcmp(in->period_from, in->period_to) > 0)
		return fz_fail(e, FZ_INVALID, "period_from", "起始日期不能晚于截止日期");
	if (strcmp(in->period_to, ctx->today) > 0)
		return fz_fail(e, FZ_INVALID, "period_to", "截止日期不能晚于今天：只评查已办结的案件");
	if ((in->sample_size > 0) == (in->sample_rate > 0))
		return fz_fail(e, FZ_INVALID, "sample_size",
			       "请在“每个单位抽取案卷数”和“抽取比例”中填写且只填写一项");
	if (in->sample_size < 0 || in->sample_size > 1000 || in->sample_rate < 0 ||
	    in->sample_rate > 100)
		return fz_fail(e, FZ_INVALID, "sample_size",
			       "每个单位抽取 1–1000 份案卷，或按 1–100%% 的比例抽取");
	if (!in->nagencies || in->nagencies > 500)
		return fz_fail(e, FZ_INVALID, "agency_ids", "请选择被评查的执法主体（1–500 个）");
	for (size_t i = 0; i < in->nagencies; i++) {
		struct agency ag;
		for (size_t j = 0; j < i; j++)
			if (in->agency_ids[j] == in->agency_ids[i])
				return fz_fail(e, FZ_INVALID, "agency_ids", "执法主体重复选择");
		rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, in->agency_ids[i], &ag, e);
		if (rc == FZ_NOTFOUND)
			return fz_fail(e, FZ_INVALID, "agency_ids", "执法主体 #%lld 不存在或不在本辖区",
				       (long long)in->agency_ids[i]);
		if (rc)
			return rc;
	}
	/* the round keeps its own copy: the division's rubric in force now
	 * (app/rubric.h), or the text the request brought */
	struct rubric_version cur;
	if (!(in->rubric && *in->rubric) && (rc = app_rubric_current(ctx, &cur, NULL, e)))
		return rc;
	const char *rubric = in->rubric && *in->rubric ? in->rubric : cur.text;
	struct rubric parsed;
	if ((rc = rubric_parse(ctx->a, rubric, strlen(rubric), &parsed, e)))
		return rc;
	struct eval_round r = {
		.year = in->year, .title = in->title, .division = eval_division(ctx),
		.sample_size = in->sample_size, .sample_rate = in->sample_rate,
		.rubric = rubric, .status = "open", .seed = "", .population = "",
		.created_by = ctx->user ? ctx->user->id : 0, .created_at = ctx->now,
	};
	memcpy(r.period_from, in->period_from, 11);
	memcpy(r.period_to, in->period_to, 11);
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->eval_round_insert(ctx->st, &r, in->agency_ids, in->nagencies, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	if ((rc = app_tx_finish(ctx, "evaluation.create", "eval_round", r.id, in->title, NULL, e)))
		return rc;
	*out = r;
	return FZ_OK;
}

static enum fz_err round_for_manager(struct app_ctx *ctx, int64_t id, const char *action,
				     struct eval_round *r, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, action, e);
	if (rc)
		return rc;
	if ((rc = ctx->st->ops->eval_round_get(ctx->st, ctx->a, id, r, e)))
		return rc;
	if (!eval_division_sees(ctx, r->division))
		return fz_fail(e, FZ_NOTFOUND, "id", "评查不存在");
	return FZ_OK;
}

enum fz_err app_eval_round_draw(struct app_ctx *ctx, int64_t round_id, struct eval_round *out,
				struct fz_error *e)
{
	struct eval_round r;
	enum fz_err rc = round_for_manager(ctx, round_id, "evaluation.draw", &r, e);
	if (rc)
		return rc;
	if (strcmp(r.status, "open") != 0)
		return fz_fail(e, FZ_CONFLICT, "status", "本次评查已经抽样，抽样只做一次");
	unsigned char raw[DRAW_SEED_DEFAULT_BYTES_EVAL];
	char seed[2 * DRAW_SEED_DEFAULT_BYTES_EVAL + 1];
	if ((rc = crypto_random(raw, sizeof raw)))
		return fz_fail(e, rc, NULL, "无法生成随机种子");
	crypto_hex(raw, sizeof raw, seed);

	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	/* the population is read inside the transaction that records the
	 * draw, and the seed was made before it was read: no one can choose
	 * a seed for a known population */
	int64_t *ag;
	size_t nag;
	if ((rc = ctx->st->ops->eval_round_agencies(ctx->st, ctx->a, r.id, &ag, &nag, e)))
		goto fail;
	struct eval_population *g = arena_calloc(ctx->a, nag + 1, sizeof *g);
	struct buf pop = BUF_INIT;
	if (!g) {
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
		goto fail;
	}
	for (size_t i = 0; i < nag; i++) {
		g[i].agency_id = ag[i];
		if ((rc = ctx->st->ops->eval_closed_cases(ctx->st, ctx->a, ag[i], r.period_from,
							  r.period_to, (struct eval_case **)&g[i].cases,
							  &g[i].n, e)))
			goto fail_buf;
		for (size_t k = 0; k < g[i].n; k++)
			buf_addf(&pop, "%lld %lld %s\n", (long long)ag[i], (long long)g[i].cases[k].id,
				 g[i].cases[k].number);
	}
	struct eval_pick *picks;
	size_t np;
	if ((rc = eval_sample(ctx->a, seed, g, nag, r.sample_size, r.sample_rate, &picks, &np, e)))
		goto fail_buf;
	if (np == 0) {
		rc = fz_fail(e, FZ_CONFLICT, "period_to",
			     "所选执法主体在 %s 至 %s 没有已办结的案件，无可抽取的案卷",
			     r.period_from, r.period_to);
		goto fail_buf;
	}
	struct buf drawn = BUF_INIT;
	for (size_t i = 0; i < np; i++) {
		struct eval_file f = {
			.round_id = r.id, .agency_id = picks[i].agency_id,
			.case_id = picks[i].case_id, .case_number = picks[i].number,
			.draw_order = picks[i].order,
		};
		if ((rc = ctx->st->ops->eval_file_insert(ctx->st, &f, e))) {
			buf_release(&drawn);
			goto fail_buf;
		}
		buf_addf(&drawn, "%lld %d %s\n", (long long)f.agency_id, f.draw_order, f.case_number);
	}
	r.population = buf_failed(&pop) ? NULL : arena_strdup(ctx->a, buf_cstr(&pop));
	const char *drawn_text = buf_failed(&drawn) ? NULL : arena_strdup(ctx->a, buf_cstr(&drawn));
	buf_release(&pop);
	buf_release(&drawn);
	if (!r.population || !drawn_text) {
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
		goto fail;
	}
	r.seed = seed;
	r.method = EVAL_SAMPLE_VERSION;
	r.status = "drawn";
	r.updated_at = ctx->now;
	if ((rc = ctx->st->ops->eval_round_update(ctx->st, &r, e)))
		goto fail;
	const char *body = arena_printf(ctx->a, "seed=%s\nmethod=%d\nsize=%d\nrate=%d\n"
					"population:\n%sdrawn:\n%s",
					seed, EVAL_SAMPLE_VERSION, r.sample_size, r.sample_rate,
					r.population, drawn_text);
	if ((rc = eval_record(ctx, "eval_round", r.id, "draw", ctx->today, body, e)))
		goto fail;
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "status", "open", "drawn");
	audit_diff_str(ctx, &d, "seed", "", seed);
	if ((rc = app_tx_finish(ctx, "evaluation.draw", "eval_round", r.id, NULL, &d, e)))
		return rc;
	*out = r;
	return FZ_OK;
fail_buf:
	buf_release(&pop);
fail:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_eval_round_close(struct app_ctx *ctx, int64_t round_id, struct eval_round *out,
				 struct fz_error *e)
{
	struct eval_round r;
	enum fz_err rc = round_for_manager(ctx, round_id, "evaluation.close", &r, e);
	if (rc)
		return rc;
	if (strcmp(r.status, "drawn") != 0)
		return fz_fail(e, FZ_CONFLICT, "status", strcmp(r.status, "open") == 0
							 ? "尚未抽样，不能结束评查"
							 : "本次评查已经结束");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	struct eval_file_filter f = { .round_id = r.id, .scored = 0 };
	struct eval_file_list l;
	struct page pg = { 0, 1 };
	if ((rc = ctx->st->ops->eval_file_list(ctx->st, ctx->a, &scope_all, &f, pg, &l, e)))
		goto fail;
	if (l.total > 0) {
		rc = fz_fail(e, FZ_CONFLICT, "status", "尚有 %lld 份案卷未评分，不能结束评查",
			     (long long)l.total);
		goto fail;
	}
	r.status = "closed";
	r.updated_at = ctx->now;
	if ((rc = ctx->st->ops->eval_round_update(ctx->st, &r, e)) ||
	    (rc = eval_record(ctx, "eval_round", r.id, "close", ctx->today, "", e)))
		goto fail;
	struct audit_diff d = { .n = 0 };
	audit_diff_str(ctx, &d, "status", "drawn", "closed");
	if ((rc = app_tx_finish(ctx, "evaluation.close", "eval_round", r.id, NULL, &d, e)))
		return rc;
	*out = r;
	return FZ_OK;
fail:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_eval_round_get(struct app_ctx *ctx, int64_t id, struct eval_round *out,
			       struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_READ, "evaluation.read", e);
	if (rc)
		return rc;
	if ((rc = ctx->st->ops->eval_round_get(ctx->st, ctx->a, id, out, e)))
		return rc;
	if (ctx->user && (ctx->user->roles & ROLE_SUPERVISOR) && eval_division_sees(ctx, out->division))
		return FZ_OK;
	if (ctx->cli)
		return FZ_OK;
	/* others see a round they have a file in: theirs to score or their
	 * agency's */
	struct eval_file_filter f = { .round_id = id, .scored = -1 };
	struct eval_file_list l;
	struct page pg = { 0, 1 };
	if ((rc = ctx->st->ops->eval_file_list(ctx->st, ctx->a, &ctx->scope, &f, pg, &l, e)))
		return rc;
	if (l.total == 0 && ctx->user) {
		f.evaluator_id = ctx->user->id;
		if ((rc = ctx->st->ops->eval_file_list(ctx->st, ctx->a, &scope_all, &f, pg, &l, e)))
			return rc;
	}
	return l.total ? FZ_OK : fz_fail(e, FZ_NOTFOUND, "id", "评查不存在");
}

enum fz_err app_eval_round_list(struct app_ctx *ctx, struct page pg, struct eval_round_list *out,
				struct fz_error *e)
{
	return app_eval_round_find(ctx, &(struct eval_round_filter){ 0 }, pg, out, e);
}

enum fz_err app_eval_round_find(struct app_ctx *ctx, const struct eval_round_filter *f,
				struct page pg, struct eval_round_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, "evaluation.read", e);
	if (rc)
		return rc;
	if (f->year && (f->year < 2000 || f->year > 2100))
		return fz_fail(e, FZ_INVALID, "year", "年度应为 2000 至 2100 之间的四位数字");
	if (f->status && *f->status && strcmp(f->status, "open") && strcmp(f->status, "drawn") &&
	    strcmp(f->status, "closed"))
		return fz_fail(e, FZ_INVALID, "status", "没有这种评查状态");
	struct eval_round_filter g = *f;
	g.division = eval_division(ctx); /* the bureau's own division, whatever was asked */
	return ctx->st->ops->eval_round_list(ctx->st, ctx->a, &g, pg, out, e);
}

/* --- files --- */

enum fz_err app_eval_assign(struct app_ctx *ctx, int64_t file_id, int64_t user_id,
			    struct eval_file *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, "evaluation.assign", e);
	struct eval_file f;
	struct eval_round r;
	struct user u;
	if (rc)
		return rc;
	if ((rc = ctx->st->ops->eval_file_get(ctx->st, ctx->a, &ctx->scope, file_id, &f, e)) ||
	    (rc = ctx->st->ops->eval_round_get(ctx->st, ctx->a, f.round_id, &r, e)))
		return rc;
	if (strcmp(r.status, "drawn") != 0)
		return fz_fail(e, FZ_CONFLICT, "status", "本次评查已经结束，不能再分配评查人员");
	if (f.grade[0])
		return fz_fail(e, FZ_CONFLICT, "evaluator_id", "案卷已评分，不能更换评查人员");
	rc = ctx->st->ops->user_get(ctx->st, ctx->a, &scope_all, user_id, &u, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_INVALID, "evaluator_id", "评查人员账号不存在");
	if (rc)
		return rc;
	if (u.disabled || !(u.roles & (ROLE_SUPERVISOR | ROLE_REVIEWER)))
		return fz_fail(e, FZ_INVALID, "evaluator_id",
			       "评查人员应为启用的司法局执法监督人员或法制审核人员");
	if (u.agency_id == f.agency_id)
		return fz_fail(e, FZ_FORBIDDEN, "evaluator_id",
			       "%s是被评查单位%s的人员，应当回避，不能评查本单位的案卷",
			       u.display_name, f.agency);
	int64_t was = f.evaluator_id;
	f.evaluator_id = u.id;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->eval_file_update(ctx->st, &f, e)) ||
	    (rc = eval_record(ctx, "eval_file", f.id, "assign", ctx->today,
			      arena_printf(ctx->a, "evaluator=%lld", (long long)u.id), e))) {
		app_tx_abort(ctx);
		return rc;
	}
	struct audit_diff d = { .n = 0 };
	audit_diff_int(ctx, &d, "evaluator_id", was, u.id);
	if ((rc = app_tx_finish(ctx, "evaluation.assign", "eval_file", f.id, NULL, &d, e)))
		return rc;
	f.evaluator = u.display_name;
	*out = f;
	return FZ_OK;
}

enum fz_err app_eval_candidates(struct app_ctx *ctx, int64_t agency_id, struct user **out,
				size_t *n, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_MANAGE, "evaluation.assign", e);
	static const unsigned roles[] = { ROLE_SUPERVISOR, ROLE_REVIEWER };
	struct user *all = NULL;
	size_t k = 0;
	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	for (size_t r = 0; r < 2; r++) {
		struct user_filter f = { .role = roles[r] };
		struct user_list l;
		if ((rc = ctx->st->ops->user_list(ctx->st, ctx->a, &ctx->scope, &f,
						  (struct page){ 0, 200 }, &l, e)))
			return rc;
		struct user *grown = arena_calloc(ctx->a, k + l.n + 1, sizeof *grown);
		if (!grown)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		if (k)
			memcpy(grown, all, k * sizeof *all);
		all = grown;
		for (size_t i = 0; i < l.n; i++) {
			bool dup = false;
			for (size_t j = 0; j < k; j++)
				dup = dup || all[j].id == l.items[i].id;
			if (!dup && !l.items[i].disabled && l.items[i].agency_id != agency_id)
				all[k++] = l.items[i];
		}
	}
	*out = all;
	*n = k;
	return FZ_OK;
}

enum fz_err app_eval_score(struct app_ctx *ctx, int64_t file_id, const struct eval_mark *marks,
			   size_t n, struct eval_file *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_EVAL_SCORE, "evaluation.score", e);
	struct eval_file f;
	struct eval_round r;
	struct rubric rb;
	struct eval_result res;
	if (rc)
		return rc;
	if (!ctx->user)
		return fz_fail(e, FZ_FORBIDDEN, NULL, "只有指定的评查人员可以评分");
	if ((rc = ctx->st->ops->eval_file_get(ctx->st, ctx->a, &scope_all, file_id, &f, e)))
		return rc;
	if (f.evaluator_id != ctx->user->id) {
		/* one in the caller's scope is refused as such; another is
		 * not shown to exist */
		struct eval_file seen;
		rc = ctx->st->ops->eval_file_get(ctx->st, ctx->a, &ctx->scope, file_id, &seen, e);
		if (rc && rc != FZ_NOTFOUND)
			return rc;
		return rc ? fz_fail(e, FZ_NOTFOUND, "id", "评查案卷不存在")
			  : fz_fail(e, FZ_FORBIDDEN, "id", "只有分配的评查人员可以为这份案卷评分");
	}
	if ((rc = ctx->st->ops->eval_round_get(ctx->st, ctx->a, f.round_id, &r, e)))
		return rc;
	if (strcmp(r.status, "drawn") != 0)
		return fz_fail(e, FZ_FORBIDDEN, "status", "本次评查已经结束，不能再评分");
	if (f.grade[0])
		return fz_fail(e, FZ_CONFLICT, "marks", "这份案卷已经评分，评分不能修改");
	if ((rc = app_eval_rubric(ctx, &r, &rb, e)) || (rc = eval_score(&rb, marks, n, &res, e)))
		return rc;
	f.form = res.form;
	f.content = res.content;
	f.total = res.total;
	f.vetoed = res.vetoed;
	f.grade = eval_grade_name(res.grade);
	memcpy(f.scored_on, ctx->today, sizeof f.scored_on);
	struct buf body = BUF_INIT;
	buf_addf(&body, "form=%d\ncontent=%d\ntotal=%d\nvetoed=%d\ngrade=%s\n", f.form, f.content,
		 f.total, f.vetoed, f.grade);
	for (size_t i = 0; i < n; i++)
		buf_addf(&body, "%s %d %s\n", marks[i].code, marks[i].lost,
			 marks[i].note ? marks[i].note : "");
	const char *text = buf_failed(&body) ? NULL : arena_strdup(ctx->a, buf_cstr(&body));
	buf_release(&body);
	if (!text)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		const struct rubric_item *it = rubric_find(&rb, marks[i].code);
		struct eval_mark_row m = {
			.file_id = f.id, .code = it->code,
			.lost = it->section == RUBRIC_VETO ? 0 : marks[i].lost,
			.veto = it->section == RUBRIC_VETO, .note = marks[i].note,
		};
		if ((rc = ctx->st->ops->eval_mark_insert(ctx->st, &m, e)))
			goto fail;
	}
	if ((rc = ctx->st->ops->eval_file_update(ctx->st, &f, e)) ||
	    (rc = eval_record(ctx, "eval_file", f.id, "score", ctx->today, text, e)))
		goto fail;
	struct audit_diff d = { .n = 0 };
	audit_diff_int(ctx, &d, "total", 0, f.total);
	audit_diff_str(ctx, &d, "grade", "", f.grade);
	if ((rc = app_tx_finish(ctx, "evaluation.score", "eval_file", f.id, NULL, &d, e)))
		return rc;
	*out = f;
	return FZ_OK;
fail:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_eval_file_get(struct app_ctx *ctx, int64_t id, struct eval_file *out,
			      struct eval_mark_row **marks, size_t *nmarks, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_READ, "evaluation.read", e);
	if (rc)
		return rc;
	rc = ctx->st->ops->eval_file_get(ctx->st, ctx->a, &ctx->scope, id, out, e);
	if (rc == FZ_NOTFOUND && ctx->user) {
		/* the evaluator from another agency sees the file assigned */
		rc = ctx->st->ops->eval_file_get(ctx->st, ctx->a, &scope_all, id, out, e);
		if (!rc && out->evaluator_id != ctx->user->id)
			rc = fz_fail(e, FZ_NOTFOUND, "id", "评查案卷不存在");
	}
	if (rc)
		return rc;
	return ctx->st->ops->eval_marks_of(ctx->st, ctx->a, id, marks, nmarks, e);
}

enum fz_err app_eval_file_list(struct app_ctx *ctx, const struct eval_file_filter *f,
			       struct page pg, struct eval_file_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_OVERSIGHT_READ, "evaluation.read", e);
	if (rc)
		return rc;
	bool mine = ctx->user && f->evaluator_id == ctx->user->id;
	return ctx->st->ops->eval_file_list(ctx->st, ctx->a, mine ? &scope_all : &ctx->scope, f, pg,
					    out, e);
}

/* --- results --- */

struct lost_sum {
	const char *code;
	int points;
};

enum fz_err app_eval_results(struct app_ctx *ctx, int64_t round_id,
			     struct eval_agency_result **rows, size_t *n, struct fz_error *e)
{
	struct eval_round r;
	enum fz_err rc = app_eval_round_get(ctx, round_id, &r, e);
	if (rc)
		return rc;
	struct eval_file_filter f = { .round_id = round_id, .scored = -1 };
	struct eval_file_list l;
	struct page pg = { 0, 200 };
	struct eval_agency_result *out = NULL;
	size_t nout = 0, cap = 0;
	int64_t seen = 0;
	do {
		if ((rc = ctx->st->ops->eval_file_list(ctx->st, ctx->a, &ctx->scope, &f, pg, &l, e)))
			return rc;
		if (!out) {
			cap = (size_t)l.total + 1;
			if (!(out = arena_calloc(ctx->a, cap, sizeof *out)))
				return fz_fail(e, FZ_NOMEM, NULL, NULL);
		}
		for (size_t i = 0; i < l.n; i++) {
			const struct eval_file *x = &l.items[i];
			if (!nout || out[nout - 1].agency_id != x->agency_id) {
				out[nout].agency_id = x->agency_id;
				out[nout].agency = x->agency;
				nout++;
			}
			struct eval_agency_result *a = &out[nout - 1];
			a->files++;
			if (!x->grade[0])
				continue;
			a->scored++;
			a->average += x->total;
			a->vetoed += x->vetoed;
			a->excellent += strcmp(x->grade, "excellent") == 0;
			a->passed += strcmp(x->grade, "pass") == 0;
			a->failed += strcmp(x->grade, "fail") == 0;
		}
		seen += (int64_t)l.n;
		pg.offset += pg.limit;
	} while (l.n && seen < l.total);

	/* the items that lost the most points, per agency */
	for (size_t k = 0; k < nout; k++) {
		struct eval_agency_result *a = &out[k];
		if (a->scored)
			a->average /= a->scored;
		struct lost_sum sums[RUBRIC_MAX_ITEMS];
		size_t ns = 0;
		struct eval_file_filter af = { .round_id = round_id, .agency_id = a->agency_id,
					       .scored = 1 };
		struct page p2 = { 0, 200 };
		if ((rc = ctx->st->ops->eval_file_list(ctx->st, ctx->a, &ctx->scope, &af, p2, &l, e)))
			return rc;
		for (size_t i = 0; i < l.n; i++) {
			struct eval_mark_row *m;
			size_t nm;
			if ((rc = ctx->st->ops->eval_marks_of(ctx->st, ctx->a, l.items[i].id, &m, &nm,
							      e)))
				return rc;
			for (size_t j = 0; j < nm; j++) {
				if (!m[j].lost)
					continue;
				size_t s = 0;
				while (s < ns && strcmp(sums[s].code, m[j].code) != 0)
					s++;
				if (s == ns && ns < RUBRIC_MAX_ITEMS)
					sums[ns++] = (struct lost_sum){ m[j].code, 0 };
				if (s < ns)
					sums[s].points += m[j].lost;
			}
		}
		struct buf b = BUF_INIT;
		for (int shown = 0; shown < 3; shown++) {
			size_t best = ns;
			for (size_t s = 0; s < ns; s++)
				if (sums[s].points > 0 && (best == ns || sums[s].points > sums[best].points))
					best = s;
			if (best == ns)
				break;
			buf_addf(&b, "%s%s 扣 %d 分", shown ? "、" : "", sums[best].code,
				 sums[best].points);
			sums[best].points = 0;
		}
		a->lost_codes = buf_failed(&b) ? "" : arena_strdup(ctx->a, buf_cstr(&b));
		buf_release(&b);
	}
	*rows = out;
	*n = nout;
	return FZ_OK;
}
