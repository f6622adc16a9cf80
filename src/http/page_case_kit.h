/* page_case_kit.h - what the case pages share: the Chinese label and the
 * input of each event field a definition names, the badges a case's
 * clocks give (逾期, 即将到期), the people of the case's agency, and the
 * case table of the list and queue pages. All output goes through html_f. */
#ifndef FZ_HTTP_PAGE_CASE_KIT_H
#define FZ_HTTP_PAGE_CASE_KIT_H

#include <stdbool.h>
#include <stddef.h>

#include "app/case.h"
#include "base/buf.h"
#include "http/http.h"
#include "http/pagekit.h"

/* How a field is typed in and shown. */
enum case_input_kind {
	CIN_TEXT = 1,  /* one line */
	CIN_TEXTAREA,  /* several lines */
	CIN_DATE,      /* YYYY-MM-DD */
	CIN_MONEY,     /* yuan, as the gates read it ("5000", "5000.50") */
	CIN_PERSON,    /* one person of the agency: its id */
	CIN_PERSONS,   /* several persons: ids joined by "," */
	CIN_CHOICE,    /* one of choices */
	CIN_YESNO,     /* "1" / "0" */
	CIN_PASSFAIL,  /* "pass" / "fail" (legal review checklist) */
	CIN_PENALTY,   /* penalty kinds, comma-separated API names */
};

struct case_field_spec {
	const char *key;
	const char *label;
	enum case_input_kind input;
	const struct kit_option *choices; /* CIN_CHOICE */
	size_t nchoices;
	const char *only;  /* the row is for these steps only (see below), NULL: any */
	const char *offer; /* shown though not required on these steps */
	const char *hint;  /* under the input, may be NULL */
};

/* The row for key on step st of def (a step spec is a space-separated
 * list of "step", "procedure.step" or "@notifies" / "@decides" /
 * "@opens"). Never NULL: an unknown key gets a row of input CIN_TEXT
 * and label "" (show it with case_field_label). st may be NULL. */
const struct case_field_spec *case_field_spec(const struct proc_def *def,
					      const struct proc_step *st, const char *key);
/* The row's label, or key when the row has none. */
const char *case_field_label(const struct case_field_spec *s, const char *key);
/* The field keys a step's form shows: its required fields, then the
 * fields offered on it. Up to max keys (static storage); their number. */
size_t case_step_fields(const struct proc_def *def, const struct proc_step *st,
			const char **keys, size_t max);

/* The people of one agency, for names and choices. */
struct case_people {
	struct person *items;
	size_t n;
};
/* Reads the agency's people (up to 300) through the app layer; empty on
 * error (names then show as "人员 #id"). */
void case_people_load(struct req *r, int64_t agency_id, struct case_people *out);
/* "马建国", or "人员 #12" (arena). */
const char *case_person_name(struct req *r, const struct case_people *p, int64_t id);

/* A value for reading: choice labels, 是/否, penalty labels, names,
 * "5000 元"; plain text otherwise. Escaped. */
void case_field_show(struct req *r, struct buf *b, const struct case_field_spec *s,
		     const struct case_people *people, const char *value);
/* The input of field key (row s) holding value (may be NULL), with e's
 * error when e names the key. */
void case_field_input(struct req *r, struct buf *b, const struct case_field_spec *s,
		      const struct case_people *people, const char *key, const char *value,
		      const struct fz_error *e);
/* The officers taking part: checkboxes of the agency's active officers,
 * those in chosen[0..n) ticked. */
void case_officers_input(struct buf *b, const struct case_people *people, const int64_t *chosen,
			 size_t n, int min, const struct fz_error *e);
/* Reads every value of the form field name (multi-valued checkboxes) as
 * ids; false when one is not a positive integer. Arena memory. */
bool case_form_ids(struct req *r, const char *name, int64_t **out, size_t *n);
/* Every non-empty value of name joined by ",", or "" (arena). */
const char *case_form_joined(struct req *r, const char *name);

/* Clock badges of a case as viewed today, for time limits only: 逾期
 * (red) for a running or suspended one past its due date, 即将到期
 * (amber) for a running one due within CASE_DUE_SOON_DAYS days, 暂定
 * when the date is provisional. Nothing for a closed case. */
#define CASE_DUE_SOON_DAYS 5
void case_clock_badges(struct buf *b, const struct case_view *v, const char *today);
/* The case's state for people: its last step's label, 已结案 marked. */
void case_state_show(struct buf *b, const struct case_view *v);
/* The label of a procedure id, or the id. */
const char *case_procedure_label(struct req *r, const char *id);

/* Every gate's result of a refused action, the blocking ones first: ✗ 未通过
 * or ✓ 通过, the gate's Chinese name and its message. Nothing when check
 * holds none. */
void case_gate_results(struct buf *b, const struct case_check *check);

/* The table of the list and queue pages: a row per case with number,
 * title, party, procedure, state and clock badges (each case viewed
 * through app_case_view, so keep pages small). awaited (a queue: the
 * step each case waits for, in list's order) adds a column 待办理. */
void case_table(struct req *r, struct buf *b, const struct case_list *list,
		const struct proc_step *const *awaited);

/* page_case_evidence.c: the case page's 证据材料 section, with the upload
 * form for those who may act on an open case. */
void case_evidence_section(struct req *r, struct buf *b, const struct case_view *v);

#endif
