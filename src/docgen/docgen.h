/* docgen.h - enforcement documents (执法文书) from case data: which
 * documents the system generates and how each is numbered, composing one
 * from what the app gathered, and drawing it as an A4 PDF with the Noto
 * CJK fonts embedded. Like JSON at the HTTP edge, cairo and pango stay
 * inside this module: callers see plain structs and bytes. */
#ifndef FZ_DOCGEN_DOCGEN_H
#define FZ_DOCGEN_DOCGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "docgen/docmodel.h"
#include "domain/case.h"
#include "domain/consultation.h"
#include "domain/catalogue.h"
#include "domain/procedure.h"

/* A document kind the system generates. */
struct docgen_kind {
	const char *kind;    /* document id in the definitions: "penalty_decision" */
	const char *series;  /* 类别代字 of its number series (罚, 罚告 ...), NULL
	                      * when it has none of its own */
	bool case_number;    /* carries the case's number (立案审批表) */
	bool actor_issues;   /* issued by the unit of the account that takes
	                      * the step (合法性审核意见书: the reviewing
	                      * unit), addressed to the case's agency */
	bool record_only;    /* a form or account kept in the file, never the
	                      * text the publication pipeline publishes for
	                      * its step (app_document_text skips it) */
};

/* The row for a document id, or NULL when the system does not render it. */
const struct docgen_kind *docgen_kind_find(const char *kind);
/* The document ids it renders, NULL-terminated (for catalogue_build). */
const char *const *docgen_kinds(void);

/* A person named in the record, by id. */
struct docgen_person {
	int64_t id;
	const char *name;
	const char *certificate; /* 执法证号 valid on the document's day, or
	                          * NULL (assistants, hosts without one) */
};

/* A clock of the record as it stands with the producing event (the
 * filing period a 备案报告 reports on). Dates "" when not set. */
struct docgen_clock {
	const char *id;
	const char *label;
	const char *started_on;
	const char *due;
	const char *stopped_on;
	bool provisional;   /* the due date is 暂定 (the calendar ends) */
	bool overdue;       /* met after the due date, or not met and past it */
};

/* The record's latest public comment period (公开征求意见) and its
 * comments, every one with its standing (hidden ones too). */
struct docgen_comments {
	const char *opened_on;
	const char *closed_on;        /* "" while open */
	const char *channel;
	struct comment_counts counts; /* over all of them */
	const struct public_comment *items; /* in the order received */
	size_t n;
};

/* Everything a document says, gathered by the app. */
struct docgen_input {
	const char *kind;                  /* document id */
	const char *title;                 /* its name in the definition */
	const char *number;                /* 文号, "" when none */
	const char *created;               /* ISO 8601 instant for the PDF's
	                                    * metadata: "2026-01-20T10:00:00+08:00" */
	const struct enf_case *c;
	const char *agency;                /* issuing agency: 海原县自然资源局 (a
	                                    * supervision document: the justice
	                                    * bureau, 海原县司法局) */
	const char *addressee;             /* a supervision document: the agency
	                                    * supervised (the case's); else NULL */
	const char *reconsideration;       /* 复议机关: 海原县人民政府 */
	/* The agency's settings (NULL or "" when it made none; the document
	 * then says 人民法院 / 本机关指定的银行 without a name). */
	const char *court;                 /* 管辖人民法院: 海原县人民法院 */
	const char *payment_bank;          /* 代收银行: 中国农业银行海原县支行 */
	const char *payment_account;       /* its account number */
	const struct proc_def *def;
	const struct case_event *ev;       /* the event of the producing step */
	const struct case_event *events;   /* the record up to and with ev */
	size_t nevents;
	const struct docgen_person *people; /* names of the people the record names */
	size_t npeople;
	const struct case_document *served; /* service receipt: the document served
	                                     * (the latest decision), or NULL */
	struct proc_period defence;        /* 陈述申辩期 (province config) */
	struct proc_period hearing_request; /* 听证申请期 */
	struct proc_period payment;        /* 缴纳罚款期限 */
	int surcharge_permille;            /* 加处罚款 per day (30 = 3 %); 0 =
	                                    * the law's 30 */
	int surcharge_cap_percent;         /* its cap in % of the fine; 0 =
	                                    * the law's 100 */
	/* Rule-making (行政规范性文件, 重大行政决策). */
	const char *actor_unit;            /* the unit of the account that
	                                    * recorded ev ("" when unknown) */
	const char *actor_name;            /* that account's name ("" when
	                                    * unknown) */
	const struct case_document *docs;  /* the documents generated before */
	size_t ndocs;
	const struct docgen_clock *clocks; /* the definition's clocks */
	size_t nclocks;
	const struct docgen_comments *comments; /* NULL: no period opened */
};

/* Composes the document in into out (text in a). FZ_INVALID when kind is
 * not rendered; FZ_NOMEM. */
enum fz_err docgen_compose(const struct docgen_input *in, struct arena *a, struct doc_model *out,
			   struct fz_error *e) FZ_MUST_CHECK;

/* One item of a decision catalogue (决策事项目录) as drawn: "" when
 * absent. */
struct docgen_dcat_item {
	int64_t number;          /* its number in the catalogue */
	const char *title;
	const char *category;    /* the label of its kind (art 3) */
	const char *unit;        /* 承办单位 */
	const char *added_on;
	bool adjustment;         /* listed by an adjustment after the approval */
	const char *reason;      /* the adjustment's reason */
	const char *removed_on;  /* "" while listed */
	const char *removed_reason;
};

/* An adjustment (调整) of an approved catalogue, in the order recorded. */
struct docgen_dcat_change {
	const char *on;
	bool removal;            /* 调出; else 调整列入 */
	const char *title;
	const char *reason;
};

/* A yearly decision catalogue as the record holds it (app/decision.c). */
struct docgen_dcat {
	const char *agency;
	const char *title;
	int year;
	const char *approved_by;
	const char *approved_on;
	const char *note;        /* the approval's note, "" when none */
	const char *created;     /* ISO 8601 instant for the PDF metadata */
	const struct docgen_dcat_item *items;
	size_t nitems;
	const struct docgen_dcat_change *changes;
	size_t nchanges;
};

/* Composes the catalogue (approved: the caller checks) into out: its
 * items in force, then the adjustments with their reasons. FZ_INVALID
 * when it holds more items than one document can (DCAT_DOC_ITEMS_MAX);
 * FZ_NOMEM. */
#define DCAT_DOC_ITEMS_MAX 70
enum fz_err docgen_compose_dcat(const struct docgen_dcat *in, struct arena *a,
				struct doc_model *out, struct fz_error *e) FZ_MUST_CHECK;

/* Draws m as an A4 PDF into out (appended; the caller owns the buffer)
 * and sets *pages. The fonts are subset and embedded by cairo. Rendering
 * is serialised by one lock (pango's font map is shared); the app draws
 * before its write transaction, so that lock is not the database's. FZ_INTERNAL when the
 * CJK fonts are not installed (Debian package fonts-noto-cjk); FZ_NOMEM. */
enum fz_err docgen_pdf(const struct doc_model *m, struct buf *out, int *pages,
		       struct fz_error *e) FZ_MUST_CHECK;

#endif
