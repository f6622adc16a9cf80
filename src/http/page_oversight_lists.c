/* page_oversight_lists.c - the bureau's evaluation rounds (案卷评查, GET
 * /evaluations) and supervision check plans (监督检查, GET /check-plans)
 * as working lists of http/listkit.c: sorted, paged, narrowed by year
 * (and a round's status) in the URL, exported as CSV or XLSX. */
#include <string.h>

#include "app/evaluation.h"
#include "base/date.h"
#include "base/num.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/listkit.h"
#include "http/pagekit.h"

static const struct kit_option round_statuses[] = {
	{ "", "全部" }, { "open", "待抽样" }, { "drawn", "评分中" }, { "closed", "已结束" },
};

static const char *round_status_text(const char *s)
{
	for (size_t i = 1; i < sizeof round_statuses / sizeof round_statuses[0]; i++)
		if (strcmp(s, round_statuses[i].value) == 0)
			return round_statuses[i].label;
	return s;
}

/* ?year= as a number: 0 when empty; false (with e) when not a year. */
static bool year_read(struct req *r, int *year, struct fz_error *e)
{
	const char *y = kit_query(r, "year");
	int64_t n = 0;
	*year = 0;
	if (*y && !num_parse_i64(y, 2000, 2100, &n)) {
		fz_fail(e, FZ_INVALID, "year", "年度应为 2000 至 2100 之间的四位数字");
		return false;
	}
	*year = (int)n;
	return true;
}

static void year_input(struct buf *b, struct req *r)
{
	kit_input(b, "number", "year", "年度", kit_query(r, "year"),
		  "min=\"2000\" max=\"2100\" inputmode=\"numeric\"", NULL);
}

/* --- 案卷评查 --- */

static const struct lk_col round_cols[] = {
	{ "名称", "title", EVAL_ROUND_SORT_TITLE, false },
	{ "年度", "year", EVAL_ROUND_SORT_YEAR, false },
	{ "结案期间", "period", EVAL_ROUND_SORT_PERIOD, false },
	{ "抽样", NULL, 0, false },
	{ "状态", "status", EVAL_ROUND_SORT_STATUS, false },
};
static const char *const round_params[] = { "year", "status" };

struct round_src {
	struct eval_round_filter f;
	struct eval_round_list list;
	enum fz_err frc;
	struct fz_error fe;
};

static enum fz_err round_fetch(struct req *r, void *self, struct list_sort sort, struct page pg,
			       size_t *n, int64_t *total, struct fz_error *e)
{
	struct round_src *s = self;
	*n = 0;
	*total = 0;
	if (s->frc) {
		*e = s->fe;
		return s->frc;
	}
	s->f.sort = sort;
	enum fz_err rc = app_eval_round_find(&r->ctx, &s->f, pg, &s->list, e);
	if (!rc) {
		*n = s->list.n;
		*total = s->list.total;
	}
	return rc;
}

static void round_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *x)
{
	struct round_src *s = self;
	const struct eval_round *o = &s->list.items[i];
	(void)file;
	x[0] = (struct lk_cell){ .text = o->title,
				 .href = arena_printf(r->a, "/evaluations/%lld", (long long)o->id) };
	x[1] = (struct lk_cell){ .text = kit_id(r, o->year), .mono = true };
	x[2].text = arena_printf(r->a, "%s 至 %s", o->period_from, o->period_to);
	x[3].text = o->sample_size ? arena_printf(r->a, "每单位 %d 份", o->sample_size)
		    : o->sample_rate ? arena_printf(r->a, "每单位 %d%%", o->sample_rate)
				     : NULL;
	x[4] = (struct lk_cell){ .text = round_status_text(o->status),
				 .badge = strcmp(o->status, "closed") == 0 ? "expired" : "ok" };
}

static void round_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		      enum fz_err rc, const struct fz_error *e)
{
	(void)self;
	(void)rc;
	(void)e;
	html_raw(b, "<p class=\"actions\"><a class=\"button\" href=\"/evaluations/new\">新建案卷评查"
		    "</a> <a href=\"/evaluation-files\">全部评查案卷</a> <a href=\"/oversight\">"
		    "返回案卷评查与监督检查</a></p>\n");
	kit_filter_begin(b, "/evaluations");
	lk_filter_keep(b, v);
	year_input(b, r);
	kit_select(b, "status", "状态", round_statuses,
		   sizeof round_statuses / sizeof round_statuses[0], kit_query(r, "status"), NULL);
	kit_filter_end(b, "/evaluations");
}

int page_eval_round_list(struct req *r)
{
	static const struct lk_table t = {
		.path = "/evaluations", .title = "案卷评查", .list = "eval_rounds",
		.cols = round_cols, .ncols = sizeof round_cols / sizeof round_cols[0],
		.params = round_params, .nparams = sizeof round_params / sizeof round_params[0],
		.empty = "没有符合条件的案卷评查。",
	};
	struct round_src s;
	memset(&s, 0, sizeof s);
	if (!year_read(r, &s.f.year, &s.fe))
		s.frc = FZ_INVALID;
	s.f.status = kit_query(r, "status");
	return lk_serve(r, &t, &(struct lk_source){ round_fetch, round_cells, round_top, &s });
}

/* --- 监督检查计划 --- */

static const struct lk_col plan_cols[] = {
	{ "年度", "year", CHECK_PLAN_SORT_YEAR, false },
	{ "名称", "title", CHECK_PLAN_SORT_TITLE, false },
	{ "制定时间", "created", CHECK_PLAN_SORT_CREATED, false },
};
static const char *const plan_params[] = { "year" };

struct plan_src {
	struct check_plan_filter f;
	struct check_plan_list list;
	enum fz_err frc;
	struct fz_error fe;
};

static enum fz_err plan_fetch(struct req *r, void *self, struct list_sort sort, struct page pg,
			      size_t *n, int64_t *total, struct fz_error *e)
{
	struct plan_src *s = self;
	*n = 0;
	*total = 0;
	if (s->frc) {
		*e = s->fe;
		return s->frc;
	}
	s->f.sort = sort;
	enum fz_err rc = app_check_plan_find(&r->ctx, &s->f, pg, &s->list, e);
	if (!rc) {
		*n = s->list.n;
		*total = s->list.total;
	}
	return rc;
}

static void plan_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *x)
{
	struct plan_src *s = self;
	const struct check_plan *p = &s->list.items[i];
	char day[FZ_DATE_LEN] = "";
	(void)file;
	x[0] = (struct lk_cell){ .text = kit_id(r, p->year), .mono = true };
	x[1] = (struct lk_cell){ .text = p->title,
				 .href = arena_printf(r->a, "/check-plans/%lld", (long long)p->id) };
	date_today(p->created_at, day);
	x[2].text = arena_strdup(r->a, day);
}

static void plan_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		     enum fz_err rc, const struct fz_error *e)
{
	(void)self;
	(void)rc;
	(void)e;
	html_raw(b, "<p><a href=\"/oversight\">返回案卷评查与监督检查</a></p>\n");
	kit_filter_begin(b, "/check-plans");
	lk_filter_keep(b, v);
	year_input(b, r);
	kit_filter_end(b, "/check-plans");
}

int page_check_plan_list(struct req *r)
{
	static const struct lk_table t = {
		.path = "/check-plans", .title = "监督检查计划", .list = "check_plans",
		.cols = plan_cols, .ncols = sizeof plan_cols / sizeof plan_cols[0],
		.params = plan_params, .nparams = sizeof plan_params / sizeof plan_params[0],
		.empty = "没有符合条件的检查计划。",
	};
	struct plan_src s;
	memset(&s, 0, sizeof s);
	if (!year_read(r, &s.f.year, &s.fe))
		s.frc = FZ_INVALID;
	return lk_serve(r, &t, &(struct lk_source){ plan_fetch, plan_cells, plan_top, &s });
}
