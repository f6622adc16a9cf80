/* page_eval_files.c - 评查案卷 as a working list (GET /evaluation-files):
 * every evaluated case file in the viewer's scope, by round, agency and
 * scored or not, sorted, paged and exported through http/listkit.c. */
#include <string.h>

#include "app/evaluation.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/listkit.h"
#include "http/pagekit.h"

static const char *grade_text(const char *g)
{
	return strcmp(g, "excellent") == 0 ? "优秀"
	       : strcmp(g, "pass") == 0	   ? "合格"
	       : strcmp(g, "fail") == 0	   ? "不合格"
					   : "未评分";
}

static const struct lk_col file_cols[] = {
	{ "案号", "case", EVAL_FILE_SORT_CASE, false },
	{ "案件", NULL, 0, false },
	{ "执法主体", "agency", EVAL_FILE_SORT_AGENCY, false },
	{ "评查人员", "evaluator", EVAL_FILE_SORT_EVALUATOR, false },
	{ "总分", "total", EVAL_FILE_SORT_TOTAL, false },
	{ "等级", "grade", EVAL_FILE_SORT_GRADE, false },
	{ "评分日期", "scored_on", EVAL_FILE_SORT_SCORED_ON, false },
};
static const char *const file_params[] = { "round", "agency", "scored" };

struct file_src {
	struct eval_file_filter f;
	struct eval_file_list list;
	struct kit_option *agencies;
	size_t na;
};

static enum fz_err file_fetch(struct req *r, void *self, struct list_sort sort, struct page pg,
			      size_t *n, int64_t *total, struct fz_error *e)
{
	struct file_src *s = self;
	s->f.sort = sort;
	enum fz_err rc = app_eval_file_list(&r->ctx, &s->f, pg, &s->list, e);
	*n = rc ? 0 : s->list.n;
	*total = rc ? 0 : s->list.total;
	return rc;
}

static void file_cells(struct req *r, void *self, size_t i, bool file, struct lk_cell *x)
{
	struct file_src *s = self;
	const struct eval_file *f = &s->list.items[i];
	bool scored = f->grade && *f->grade;
	(void)file;
	x[0] = (struct lk_cell){ .text = f->case_number, .mono = true,
				 .href = arena_printf(r->a, "/evaluation-files/%lld",
						      (long long)f->id) };
	x[1].text = f->case_title;
	x[2].text = f->agency;
	x[3].text = f->evaluator_id ? f->evaluator : "未分配";
	x[4].text = scored ? kit_id(r, f->total) : NULL;
	x[5] = (struct lk_cell){ .text = grade_text(scored ? f->grade : ""),
				 .badge = !scored			    ? NULL
					  : strcmp(f->grade, "fail") == 0 ? "bad"
									  : "ok" };
	x[6].text = f->scored_on;
}

static void file_top(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		     enum fz_err rc, const struct fz_error *e)
{
	static const struct kit_option scored_opts[] = {
		{ "", "全部" }, { "yes", "已评分" }, { "no", "未评分" },
	};
	struct file_src *s = self;
	(void)rc;
	(void)e;
	html_raw(b, "<p><a href=\"/oversight\">返回案卷评查与监督检查</a></p>\n");
	kit_filter_begin(b, "/evaluation-files");
	lk_filter_keep(b, v);
	if (s->f.round_id)
		html_f(b, "<input type=\"hidden\" name=\"round\" value=\"%lld\">",
		       (long long)s->f.round_id);
	kit_select(b, "agency", "执法主体", s->agencies, s->na, kit_id(r, s->f.agency_id), NULL);
	kit_select(b, "scored", "评分", scored_opts, 3, kit_query(r, "scored"), NULL);
	kit_filter_end(b, "/evaluation-files");
}

int page_eval_file_list(struct req *r)
{
	static const struct lk_table t = {
		.path = "/evaluation-files", .title = "评查案卷", .list = "eval_files",
		.cols = file_cols, .ncols = sizeof file_cols / sizeof file_cols[0],
		.params = file_params, .nparams = sizeof file_params / sizeof file_params[0],
		.empty = "没有符合条件的评查案卷。",
	};
	const char *scored = kit_query(r, "scored");
	struct file_src s = {
		.f = { .round_id = kit_query_id(r, "round"), .agency_id = kit_query_id(r, "agency"),
		       .scored = strcmp(scored, "yes") == 0  ? 1
				 : strcmp(scored, "no") == 0 ? 0
							     : -1 },
	};
	s.agencies = kit_agency_options(r, "全部", &s.na);
	return lk_serve(r, &t, &(struct lk_source){ file_fetch, file_cells, file_top, &s });
}
