/* normcat.h - the public catalogues of normative documents (双目录): the
 * catalogue of documents currently in force (现行有效目录: published,
 * effective, validity not ended, not repealed or declared invalid in a
 * clean-up, with 文号, effective date and end of validity) and the plan
 * catalogue (制定计划: each matter's plan item by year and drafting unit,
 * with where it stands), each document with its history (its public
 * steps: comment, numbering, publication, filing, clean-up, end), and the
 * expiry alert (有效期届满前评估: validity ending within validity_alert,
 * 6 months by default). Everything is read from the matters' events:
 * nothing is stored twice, so a catalogue can never say other than the
 * record. docs/RULEMAKING.md, "Catalogues". */
#ifndef FZ_APP_NORMCAT_H
#define FZ_APP_NORMCAT_H

#include "app/app.h"
#include "base/buf.h"

/* The procedure whose matters are normative documents. */
#define NORMCAT_PROCEDURE "normative_document"

enum normdoc_state {
	NORMDOC_DRAFTING = 1, /* not yet published (plan catalogue only) */
	NORMDOC_PENDING,      /* published, effective date still ahead */
	NORMDOC_IN_FORCE,
	NORMDOC_EXPIRED,      /* validity ended (有效期届满) */
	NORMDOC_REPEALED,     /* 废止 in a clean-up */
	NORMDOC_INVALID,      /* 宣布失效 in a clean-up */
	NORMDOC_STOPPED,      /* closed before publication (停止制定) */
};
const char *normdoc_state_name(enum normdoc_state s);
const char *normdoc_state_label(enum normdoc_state s);

/* One public step of a document's history. */
struct normdoc_step {
	char on[FZ_DATE_LEN];
	const char *what;   /* the step's label */
	const char *detail; /* 文号, outcome ... or "" */
};

/* A normative-document matter as the catalogues show it. Strings in the
 * arena, "" when absent. */
struct normdoc {
	int64_t case_id;
	const char *title;
	int64_t agency_id;
	const char *agency;
	const char *number;             /* 文号 ("" before numbering) */
	char proposed_on[FZ_DATE_LEN];  /* 立项 */
	int plan_year;                  /* the year of 立项 */
	bool in_plan;
	const char *plan_ref;           /* 制定计划项目 */
	const char *plan_reason;        /* outside the plan: why */
	char published_on[FZ_DATE_LEN];
	char effective_on[FZ_DATE_LEN];
	char valid_until[FZ_DATE_LEN];  /* last day of validity ("" unknown) */
	bool provisional;               /* 暂行、试行 */
	char alert_from[FZ_DATE_LEN];   /* first day of the expiry alert */
	char ended_on[FZ_DATE_LEN];     /* repealed, invalid, stopped, expired */
	char cleanup_on[FZ_DATE_LEN];   /* the latest 清理 (evaluation), "" none */
	enum normdoc_state state;
	const char *stage;              /* the latest step's label */
	struct normdoc_step *history;
	size_t nhistory;
};
STORE_LIST(normdoc_list, struct normdoc);

/* Which documents a list holds. */
enum normcat_view {
	NORMCAT_IN_FORCE = 1, /* 现行有效目录 */
	NORMCAT_PUBLISHED,    /* every published document, whatever became of it */
	NORMCAT_PLAN,         /* every matter (the plan catalogue), year desc */
	NORMCAT_EXPIRING,     /* in force, within the expiry alert and not
	                       * evaluated (清理) since it began, in the
	                       * caller's scope (staff) */
};

/* Filter: year (plan; 0 all) and agency (0 all). Public for the first
 * three views (every agency); NORMCAT_EXPIRING needs case.read and keeps
 * to the caller's scope. Whole lists (a county's documents: hundreds);
 * pg pages them. */
struct normcat_filter {
	enum normcat_view view;
	int year;
	int64_t agency_id;
};
enum fz_err app_normcat_list(struct app_ctx *ctx, const struct normcat_filter *f, struct page pg,
			     struct normdoc_list *out, struct fz_error *e) FZ_MUST_CHECK;

/* One document with its history; public; FZ_NOTFOUND for a matter that is
 * not a normative document. */
enum fz_err app_normcat_get(struct app_ctx *ctx, int64_t case_id, struct normdoc *out,
			    struct fz_error *e) FZ_MUST_CHECK;

/* The list as an XLSX workbook into out (normcat_xlsx.c). */
enum fz_err app_normcat_xlsx(struct app_ctx *ctx, enum normcat_view view,
			     const struct normdoc_list *l, struct buf *out, struct fz_error *e)
	FZ_MUST_CHECK;

#endif
