/* procedure.h - a procedure definition (程序定义): the steps of one kind
 * of legal procedure, who may take each, the gates each needs, the clocks
 * they start, stop, suspend, resume and extend, the documents they
 * produce and the event fields they accept (declared in a shared
 * catalogue, the definition or the step); parsed from a text buffer
 * (format in docs/PROCEDURES.md). */
#ifndef FZ_DOMAIN_PROCEDURE_H
#define FZ_DOMAIN_PROCEDURE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/case.h"
#include "domain/clock.h"

#define PROC_ID_MAX 40      /* bytes of an identifier: [a-z0-9_] */
#define PROC_FOLLOWS_MAX 64 /* steps of a definition with a table of
                             * what follows from what (proc_def.follows):
                             * the depth outcome_step_follows walks to */
#define PROC_LABEL_MAX 200  /* bytes of a label */
#define PROC_TEXT_MAX 600   /* bytes of a legal basis */

/* A period: an amount in a unit of clock.h (years are read as months). */
struct proc_period {
	int amount;
	enum clock_unit unit;
};

/* A name in a list, with the line it was written on (for messages). */
struct proc_ref {
	const char *id;
	int line;
};

struct proc_list {
	struct proc_ref *items;
	size_t n;
};

struct proc_doc {
	const char *id;     /* advance_notice, penalty_decision ... */
	const char *label;  /* 行政处罚事先告知书 */
	int line;
};

struct proc_clock {
	const char *id;
	const char *label;
	const char *basis;          /* legal basis, for the explanation */
	struct proc_period budget;  /* when budget_config is NULL */
	const char *budget_config;  /* name of a period in the province config */
	struct proc_period extension;   /* amount 0: no extension */
	const char *extension_config;
	int max_extensions;         /* how many extensions; 1 by default */
	const char *from_field;     /* start from this date field of the start
	                             * event (e.g. served_on), else its day */
	const char *only_when;      /* condition name (see proc_condition_known)
	                             * or NULL: always applies; "yes"/"no":
	                             * the yes/no field only_field, as the
	                             * latest event up to the starting one
	                             * left it, is yes / is not yes */
	const char *only_field;
	const char *after;          /* starts when this other clock's period
	                             * has run: counted from its due date (a
	                             * window that opens when another period
	                             * lapses); NULL: started by steps */
	bool per_act;               /* each starting event runs its own
	                             * instance (a 督办 and its answer), met by
	                             * the first later stopping event whose
	                             * field `answers` is the starting event's
	                             * seq (PROC_ANSWERS_FIELD) */
	struct proc_list started_by; /* steps that start it, written with the
	                             * clock (`started_by STEP…`): added to
	                             * those steps' starts when the file loads,
	                             * so a clock added later leaves them as
	                             * they were written */
	const char *due_field;      /* the due date is this date field of the
	                             * starting event (set by who starts it:
	                             * 督办期限), counted as calendar days;
	                             * NULL: the budget */
	int line;
};

/* The field of an answering step naming the event (its seq) it answers. */
#define PROC_ANSWERS_FIELD "answers"


/* A gate a step needs: name, and for gates that take one, the argument
 * written name:arg (e.g. before_due:acceptance). */
struct proc_gate_ref {
	const char *name;
	const char *arg;
	int line;
};

/* The type of an event field: how its value is written and checked. */
enum proc_field_type {
	PROC_FIELD_TEXT = 1, /* one line */
	PROC_FIELD_TEXTAREA, /* several lines */
	PROC_FIELD_DATE,     /* YYYY-MM-DD, not after today unless `future` */
	PROC_FIELD_TIME,     /* HH:MM */
	PROC_FIELD_MONEY,    /* yuan, at most two decimals */
	PROC_FIELD_INT,      /* a whole number */
	PROC_FIELD_YESNO,    /* 1/0, yes/no, true/false */
	PROC_FIELD_CHOICE,   /* one of the declared options */
	PROC_FIELD_PENALTY,  /* penalty kinds of domain/penalty.h, comma-separated */
	PROC_FIELD_PERSON,   /* a person id */
	PROC_FIELD_PERSONS,  /* person ids, comma-separated */
};

/* One allowed value of a choice, with its Chinese label. */
struct proc_choice {
	const char *value;
	const char *label;
	int line;
};

/* A declared event field: `field ID TYPE 标签` and the lines after it
 * (hint, option, future, case_wide). */
struct proc_field {
	const char *id;
	enum proc_field_type type;
	const char *label;           /* Chinese, shown and used in messages */
	const char *hint;            /* a help line, or NULL */
	struct proc_choice *choices; /* PROC_FIELD_CHOICE */
	size_t nchoices;
	bool future;                 /* a date that may be after today */
	bool case_wide;              /* a fact of the whole case (complex …):
	                              * the latest value wins */
	const char *filename;        /* where it was declared */
	int line;
};

/* Declared fields: the shared catalogue (fields.txt), a definition's own
 * or a step's own. */
struct proc_fields {
	struct proc_field *items;
	size_t n;
};

/* The values a field of a step may take: `values outcome held absent`. */
struct proc_values {
	const char *field;
	struct proc_list allowed;
	int line;
};

enum proc_step_flag {
	PROC_OPENS = 1u << 0,      /* the first event of a case is such a step */
	PROC_CLOSES = 1u << 1,     /* the case is closed (结案) after it */
	PROC_REPEATABLE = 1u << 2, /* may be taken more than once */
	PROC_PUBLISHES = 1u << 3,  /* makes something public (公示) */
	PROC_HANDLES = 1u << 4,    /* its officers are the case's handlers
	                            * (承办/调查人员): they may not host the
	                            * hearing nor review the case */
	PROC_NOTIFIES = 1u << 5,   /* states the intended penalty (告知) */
	PROC_DECIDES = 1u << 6,    /* states the decided penalty (决定) */
	PROC_AWAITS = 1u << 7,     /* a case this step can be taken on waits in
	                            * the work queue (待审核, 待审批) of the
	                            * roles that may take it */
	PROC_OUTCOME = 1u << 8,    /* an outcome of the case (处罚决定, 不予处罚,
	                            * 移送司法机关, 撤案): while one stands, only
	                            * the steps that follow from it are possible */
	PROC_WITHDRAWS = 1u << 9,  /* takes a publication down (撤下公示) */
	PROC_OVERSIGHT = 1u << 10, /* supervision (执法监督) and what answers it:
	                            * taken in any state of the case, even after
	                            * closing; no outcome restricts it and it
	                            * concludes nothing */
};

struct proc_step {
	const char *id;
	const char *label;
	unsigned roles;             /* enum role bits: officer, reviewer, head, supervisor */
	struct proc_list requires;      /* all of these taken before */
	struct proc_list requires_any;  /* at least one of these taken before */
	struct proc_gate_ref *gates;
	size_t ngates;
	struct proc_list starts, stops, suspends, resumes, extends; /* clock ids */
	struct proc_list voids;     /* outcome steps whose latest event this
	                             * step sets aside (撤销 a decision, the
	                             * police returning a referral) */
	struct proc_list produces;  /* document ids */
	struct proc_list mandatory; /* document ids the case file (卷内目录)
	                             * must hold before the case closes, once
	                             * this step has been taken */
	struct proc_list fields;    /* event fields that must be present */
	struct proc_list optional;  /* event fields it accepts beyond those */
	struct proc_fields own;     /* fields declared for this step only
	                             * (over the definition's and the catalogue's) */
	struct proc_values *values; /* fields limited to listed values */
	size_t nvalues;
	int min_officers;           /* officers who must take part; 0 = none */
	unsigned flags;             /* enum proc_step_flag */
	int line;
};

struct proc_def {
	const char *id;          /* penalty_general: the file is penalty_general.txt */
	const char *label;       /* 行政处罚（普通程序） */
	const char *filename;
	enum case_kind kind;
	unsigned correction_roles;   /* who may record a correction (更正) */
	struct proc_list correctable; /* the fields a correction may change:
	                               * clerical ones only (a record's wording,
	                               * a service method); substance (facts,
	                               * basis, penalty, amount, dates) changes
	                               * by the statutory steps */
	struct proc_doc *docs;
	size_t ndocs;
	struct proc_clock *clocks;
	size_t nclocks;
	struct proc_step *steps;     /* in the order written: the usual order */
	size_t nsteps;
	struct proc_fields own;      /* fields declared in this file */
	const struct proc_fields *catalogue; /* the shared fields (fields.txt),
	                                      * or NULL */
	struct proc_list case_fields; /* case-wide fields every step accepts */
	/* Derived when parsed (procedure_parse), for proc_step_find: the
	 * steps by id in an open-addressing table of nslots (a power of two)
	 * entries, each a step's index + 1, 0 for an empty slot. NULL in a
	 * definition built otherwise: proc_step_find then looks in order. */
	const unsigned short *step_slots;
	size_t nslots;
	/* Also derived when parsed: follows[i * nsteps + j] is 1 when step i
	 * requires step j (requires or requires_any), directly or through
	 * other required steps - what outcome_step_follows answers for an
	 * outcome that is a step - for definitions of at most
	 * PROC_FOLLOWS_MAX steps; NULL otherwise. */
	const unsigned char *follows;
	/* And roots[i]: the index + 1 of the outcome step that step i
	 * follows from first (outcome_step_root's answer), 0 for none; NULL
	 * when follows is (outcome_step_root then searches). */
	const unsigned short *roots;
	bool matter;                 /* `subject matter`: its cases are matters
	                              * (事项) with no party - a title, the
	                              * owning (drafting) unit, which is the
	                              * case's agency, and co-drafting units
	                              * (PROC_CO_UNITS) - instead of a party's
	                              * case; `subject party` (the default):
	                              * a party's case */
};

/* The case-wide field of a matter naming its co-drafting units (会同起草
 *单位), agency ids separated by commas; the app checks each. */
#define PROC_CO_UNITS "co_units"

/* The step id of a correction event: not a step of any definition. */
#define PROC_CORRECTION "correction"

/* Parses the shared field catalogue (fields.txt: `field` blocks only)
 * into out, allocated in a. FZ_INVALID with "FILE 第 N 行：…" for an
 * unknown type or keyword, a duplicate field or option, a choice without
 * options; FZ_NOMEM. */
enum fz_err proc_fields_parse(const char *text, size_t len, const char *filename,
			      struct proc_fields *out, struct arena *a, struct fz_error *e)
	FZ_MUST_CHECK;

/* Parses and validates one definition from the text (UTF-8, no NUL) of
 * the file `filename` (used in messages and checked against the
 * procedure's id), its fields resolved over catalogue (may be NULL; it
 * must outlive the definition). Everything is allocated in a. On error FZ_INVALID
 * with a message "FILE 第 N 行：步骤 ID：problem" (or without the step
 * when the problem is not in one) - an unknown keyword, gate, clock,
 * step, document, role or flag; a duplicate id; a cycle among required
 * steps; no opening or no closing step; a gate whose clock or step the
 * definition lacks - and *out left empty. FZ_NOMEM. */
enum fz_err procedure_parse(const char *text, size_t len, const char *filename,
			    const struct proc_fields *catalogue, struct proc_def *out,
			    struct arena *a, struct fz_error *e) FZ_MUST_CHECK;

/* Builds d->step_slots, d->follows and d->roots in a (procedure_parse
 * does, once the steps are final and validated: no cycle among required
 * steps). FZ_NOMEM. */
enum fz_err proc_def_index(struct proc_def *d, struct arena *a, struct fz_error *e) FZ_MUST_CHECK;

/* FNV-1a of an id: the hash of the definition's step index and of the
 * gate table's (gate.c). */
size_t proc_id_hash(const char *id);
/* Lookups by id; NULL when absent. A step is found through d->step_slots
 * when the definition has them: every gate of every step looks steps up
 * by the ids its events name. */
const struct proc_step *proc_step_find(const struct proc_def *d, const char *id);
const struct proc_clock *proc_clock_find(const struct proc_def *d, const char *id);
const struct proc_doc *proc_doc_find(const struct proc_def *d, const char *id);
/* Whether the step lists the named gate. */
bool proc_step_has_gate(const struct proc_step *s, const char *gate);
/* Whether id is in the list. */
bool proc_list_has(const struct proc_list *l, const char *id);
/* Whether clock runs on after the case closes: an oversight step
 * (PROC_OVERSIGHT) starts or stops it (a 督办's answer, the filing of a
 * major decision). */
bool proc_clock_outlives_close(const struct proc_def *d, const struct proc_clock *c);

/* Whether taking s concludes the case's matter: s decides or closes, or
 * stops a clock that a deciding step stops (不予行政处罚 beside 处罚决定). */
bool proc_step_concludes(const struct proc_def *d, const struct proc_step *s);
/* "penalty", "inspection", "permit", "coercion", "normative_document" and back; NULL / 0. */
const char *proc_kind_name(enum case_kind k);
enum case_kind proc_kind_from_name(const char *name);
/* The conditions a clock may have in `only_when`. */
bool proc_condition_known(const char *name);

/* Fields (procedure_field.c). */
/* "text", "date" … and back (0 when unknown). Static storage. */
const char *proc_field_type_name(enum proc_field_type t);
enum proc_field_type proc_field_type_from(const char *w, size_t n);
/* The field id means on step s of d (s may be NULL: the definition's
 * meaning): the step's own declaration, else the definition's, else the
 * catalogue's; NULL when undeclared. */
const struct proc_field *proc_field_of(const struct proc_def *d, const struct proc_step *s,
				       const char *id);
/* The fields step s accepts, each once: its required fields, then its
 * optional ones, then (with_case) the definition's case-wide ones - ids
 * (the definition's storage) into out, up to max; their number. */
#define PROC_STEP_FIELDS_MAX 40   /* a step lists at most this many */
size_t proc_step_field_ids(const struct proc_def *d, const struct proc_step *s, bool with_case,
			   const char **out, size_t max);
/* Whether step s accepts field id: required, optional or case-wide. */
bool proc_step_accepts(const struct proc_def *d, const struct proc_step *s, const char *id);
/* Whether value is allowed for f on step s: one of f's options and, when
 * the step has a `values` line for it, one of those. */
bool proc_choice_allowed(const struct proc_step *s, const struct proc_field *f,
			 const char *value);
/* The label of a choice's value, or NULL. */
const char *proc_choice_label(const struct proc_field *f, const char *value);
/* Checks value against f's type (today "YYYY-MM-DD" for dates); NULL
 * when it is fine, else what it should be, in Chinese (static storage),
 * e.g. "应为 YYYY-MM-DD 格式的有效日期". Choices are checked with
 * proc_choice_allowed. */
const char *proc_field_problem(const struct proc_field *f, const char *value, const char *today);
/* A yes/no value that means yes ("1", "yes", "true"). */
bool proc_yes(const char *value);

#endif
