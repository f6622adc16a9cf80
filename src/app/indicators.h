/* indicators.h - the supervision indicators (监督指标) as queries over what
 * was recorded: each a numerator and a denominator (or an average) for an
 * agency or the whole scope over a period, with its written definition
 * and the cases that make up each side, for the drill-down. Nothing here
 * is typed in: the numbers come from the events, the engine's own rules
 * (the review catalogue, the clocks, the case file) and the derived case
 * status. The rule-making indicators (normative documents, major
 * decisions, decision catalogues: indicators_rulemaking.c) are judged
 * the same way from the matters' events and clocks. DESIGN.md idea 5. */
#ifndef FZ_APP_INDICATORS_H
#define FZ_APP_INDICATORS_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "domain/model.h"

enum indicator_id {
	IND_REVIEW = 0,       /* 重大执法决定法制审核率 */
	IND_RECORD,           /* 全过程记录（卷宗）完整率 */
	IND_PUBLICATION,      /* 处罚决定按时公示率 */
	IND_FILING,           /* 重大行政处罚备案率（按时） */
	IND_TWO_OFFICERS,     /* 两名以上持证执法人员参与率 */
	IND_HANDLING,         /* 办案天数（平均、最长） */
	IND_OVERDUE,          /* 办理中案件逾期率 */
	IND_WITHDRAWAL,       /* 撤下公示：件数、自原决定撤销至撤下的天数 */
	IND_COMPLAINT,        /* 投诉按期办结率 (its sides are complaint ids) */
	IND_FILE_PASS,        /* 案卷评查合格率 (docs/EVALUATION.md) */
	IND_RECTIFY,          /* 整改按期销号率 (its sides are notice ids) */
	/* rule-making (issue 13 §4; indicators_rulemaking.c): the sides are
	 * matters (normative documents, major decisions) */
	IND_NORM_LEGALITY,    /* 规范性文件审议前合法性审核率 */
	IND_NORM_FAIR,        /* 公平竞争审查率（涉及市场主体的） */
	IND_COMMENT_PERIOD,   /* 公开征求意见期限达标率 (both kinds) */
	IND_NORM_FILING,      /* 规范性文件按时备案率 */
	IND_NORM_CORRECTION,  /* 备案审查纠错办结率 */
	IND_NORM_CLEANUP,     /* 到期评估清理完成率 */
	IND_DECISION_FIVE,    /* 重大行政决策五项法定程序履行率 */
	IND_DECISION_CATALOGUE, /* 决策事项目录按时公布率 (sides: catalogue ids) */
	IND_COUNT
};

struct indicator_def {
	const char *id;          /* review, record, ... (URLs, API) */
	const char *label;
	const char *numerator;   /* the written definition, shown beside it */
	const char *denominator;
	const char *period;      /* which date falls in the period */
	const char *target;      /* "100%" or "" */
	bool average;            /* days: value = sum/den, max kept */
	bool working_days;       /* average: counted in working days (the
	                          * unit of the limit it is held to) */
};

/* The cases on one side of an indicator (ids, each once). */
struct indicator_cases {
	int64_t *ids;
	size_t n, cap;
};

struct indicator {
	const struct indicator_def *def;
	int64_t num, den;        /* rate: num / den; average: num = total days */
	int64_t max;             /* average: the longest */
	int64_t max_case;        /* ... and its case */
	struct indicator_cases num_cases, den_cases;
};

/* Which sides' cases app_indicators lists for the case indicators (the
 * figures are always there): every side (the API), none (the page of
 * figures), or one side of one indicator (its drill-down). */
enum indicator_lists {
	IND_LISTS_ALL = 0,
	IND_LISTS_NONE,
	IND_LISTS_NUM, /* the numerator's cases of list_of */
	IND_LISTS_DEN, /* the denominator's cases of list_of */
};

struct indicator_query {
	char from[FZ_DATE_LEN], to[FZ_DATE_LEN]; /* the period, both included */
	int64_t agency_id;                       /* 0: every agency in scope */
	enum indicator_lists lists;              /* app_indicators only */
	int list_of;                             /* IND_LISTS_NUM, _DEN: enum indicator_id */
};

/* The definitions, IND_COUNT of them; NULL for an unknown id. */
const struct indicator_def *indicator_defs(void);
int indicator_find(const char *id);
/* What the ids on an indicator's sides are: "case", "complaint",
 * "notice", "matter" (a normative document or major decision) or
 * "catalogue" (a decision catalogue). */
const char *indicator_subject(int id);
/* The last day the decision catalogue of year is published on time
 * (config decision_catalogue_due, U). */
void indicator_catalogue_due_of(struct app_ctx *ctx, int year, char out[FZ_DATE_LEN]);
/* The first of the rule-making indicators (the page's second section). */
#define IND_RULEMAKING_FIRST IND_NORM_LEGALITY

/* Computes every indicator for q in ctx's scope (arena memory), the
 * enforcement cases' summed in the database from the judged facts kept
 * beside the record (the cases in scope marked stale are judged again
 * first, in write transactions of their own), their sides' cases listed
 * as q->lists asks (the other indicators' sides are always listed: few
 * rows). FZ_INVALID for a bad period (from after to, not dates). */
enum fz_err app_indicators(struct app_ctx *ctx, const struct indicator_query *q,
			   struct indicator out[IND_COUNT], struct fz_error *e) FZ_MUST_CHECK;
/* The same, every case judged again now from its events: the reference
 * (tests, bench/indicators_bench.c), every side listed (q->lists is not
 * read). Writes nothing but the statuses. */
enum fz_err app_indicators_record(struct app_ctx *ctx, const struct indicator_query *q,
				  struct indicator out[IND_COUNT], struct fz_error *e) FZ_MUST_CHECK;
/* The job's name in job_runs. */
#define JOB_INDICATOR_FACTS "indicator_facts"
/* The server's scheduled job: judges every stale case (after migration
 * 045, all of them) in short transactions; *judged (may be NULL) how
 * many. A round with something judged is recorded in job_runs. */
enum fz_err app_indicators_job(struct app_ctx *ctx, int64_t *judged,
			       struct fz_error *e) FZ_MUST_CHECK;

#endif
