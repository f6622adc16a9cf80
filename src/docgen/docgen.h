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
#include "domain/catalogue.h"
#include "domain/procedure.h"

/* A document kind the system generates. */
struct docgen_kind {
	const char *kind;    /* document id in the definitions: "penalty_decision" */
	const char *series;  /* 类别代字 of its number series (罚, 罚告 ...), NULL
	                      * when it has none of its own */
	bool case_number;    /* carries the case's number (立案审批表) */
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
};

/* Composes the document in into out (text in a). FZ_INVALID when kind is
 * not rendered; FZ_NOMEM. */
enum fz_err docgen_compose(const struct docgen_input *in, struct arena *a, struct doc_model *out,
			   struct fz_error *e) FZ_MUST_CHECK;

/* Draws m as an A4 PDF into out (appended; the caller owns the buffer)
 * and sets *pages. The fonts are subset and embedded by cairo. Rendering
 * is serialised by one lock (pango's font map is shared); the app draws
 * before its write transaction, so that lock is not the database's. FZ_INTERNAL when the
 * CJK fonts are not installed (Debian package fonts-noto-cjk); FZ_NOMEM. */
enum fz_err docgen_pdf(const struct doc_model *m, struct buf *out, int *pages,
		       struct fz_error *e) FZ_MUST_CHECK;

#endif
