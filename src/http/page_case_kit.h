/* page_case_kit.h - what the case pages share: the Chinese label and the
 * input of each event field a definition declares, the badges a case's
 * clocks give (逾期, 即将到期), the people of the case's agency, and the
 * case table of an indicator's drill-down. All output goes through html_f. */
#ifndef FZ_HTTP_PAGE_CASE_KIT_H
#define FZ_HTTP_PAGE_CASE_KIT_H

#include <stdbool.h>
#include <stddef.h>

#include "app/case.h"
#include "base/buf.h"
#include "http/http.h"
#include "http/listkit.h"
#include "http/pagekit.h"

struct case_people;

/* The fields of a step's form are those its definition declares
 * (domain/procedure.h: proc_step_field_ids without the case-wide ones,
 * proc_field_of): required ones marked, then the optional ones, each
 * typed, labelled and hinted as declared. */

/* The label of f, or key when the field is undeclared (an old record). */
const char *case_field_label(const struct proc_field *f, const char *key);

/* What a step's form holds, as typed: the keys it shows and their values. */
struct case_form_fields {
	const char **keys;
	const char **values;
	size_t n;
};
/* Reads the posted values of the shown keys into f->values, and the
 * event's fields into out (up to max): each non-empty value, without the
 * "否" of a yes/no question the step does not require, and every other
 * posted name that is not one of the form's own controls (skip, ending
 * with NULL) - so that the engine names a field the step does not
 * accept instead of the form dropping it. Their number. */
size_t case_form_read(struct req *r, const struct proc_def *def, const struct proc_step *st,
		      struct case_form_fields *f, const char *const *skip, struct case_field *out,
		      size_t max);
/* The engine's refusal of field key in check (a required_fields result
 * naming it) as an error whose field is key; false when there is none. */
bool case_field_error(const struct case_check *check, const char *key, struct fz_error *out);
/* The inputs of the shown fields keys[0..n) holding values, each with
 * its error from check (the engine's result naming that field) or e. */
void case_form_inputs(struct req *r, struct buf *b, const struct proc_def *def,
		      const struct proc_step *st, const struct case_people *people,
		      const char *const *keys, const char *const *values, size_t n,
		      const struct case_check *check, const struct fz_error *e);

/* The people of one agency, for names and choices. */
struct case_people {
	struct person *items;
	size_t n;
	struct unit *units;  /* the agency's units, to group the people by */
	size_t nunits;
};
/* The name of p's unit, or "未分配内设机构". */
const char *case_person_unit(const struct case_people *people, const struct person *p);
/* Reads the agency's people (up to 300) through the app layer; empty on
 * error (names then show as "人员 #id"). */
void case_people_load(struct req *r, int64_t agency_id, struct case_people *out);
/* "马建国", or "人员 #12" (arena). */
const char *case_person_name(struct req *r, const struct case_people *p, int64_t id);

/* A value for reading: choice labels, 是/否, penalty labels, names,
 * "5000 元"; plain text otherwise (also when f is NULL). Escaped. */
void case_field_show(struct req *r, struct buf *b, const struct proc_field *f,
		     const struct case_people *people, const char *value);
/* The five-year limitation's reason and a fine still owed with its
 * accrued surcharge, when the case has them (page_case_facts.c). */
void case_enforcement_facts(struct buf *b, const struct case_view *v);
/* The input of field f on step st holding value (may be NULL): marked
 * "*必填" when required, with its hint, and e's error when e names the
 * key. Choices offer the options the step allows. */
void case_field_input(struct req *r, struct buf *b, const struct proc_field *f,
		      const struct proc_step *st, bool required, const struct case_people *people,
		      const char *value, const struct fz_error *e);
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
 * (amber) for a running one due on or before soon — the same horizon
 * (CASE_TODO_SOON_WORKING_DAYS working days) as the workbench counts and
 * the list filter — 暂定 when the date is provisional. Nothing for a
 * closed case. case_soon_day gives that horizon (arena), or NULL. */
const char *case_soon_day(struct req *r);
void case_clock_badges(struct buf *b, const struct case_view *v, const char *today,
		       const char *soon);
/* The case's state for people: its last step's label, 已结案 marked. */
void case_state_show(struct buf *b, const struct case_view *v);
/* The label of a procedure id, or the id. */
const char *case_procedure_label(struct req *r, const char *id);

/* Every gate's result of a refused action, the blocking ones first: ✗ 未通过
 * or ✓ 通过, the gate's Chinese name and its message. Nothing when check
 * holds none. */
void case_gate_results(struct buf *b, const struct case_check *check);

/* The working list of cases (page_cases.c): its columns (案件编号, 案由,
 * 当事人, 程序, 状态, 期限, each sorting by its enum case_sort key; a
 * queue adds 待办理 after them) and the cells of one case, as the list,
 * the queues and an indicator's drill-down (page_indicators.c) draw it:
 * row is its derived status (app_case_rows; NULL: the state id and no
 * badge), soon case_soon_day's horizon; file: for a CSV or XLSX file. */
#define CASE_LIST_NCOLS 6
extern const struct lk_col case_list_cols[CASE_LIST_NCOLS + 1];
struct case_row;
void case_list_cells(struct req *r, const struct enf_case *c, const struct case_row *row,
		     const char *soon, bool file, struct lk_cell *x);
struct case_row;
/* One row's badges (as case_clock_badges) and state (as case_state_show). */
void case_row_badges(struct buf *b, const struct enf_case *c, const struct case_row *row,
		     const char *today, const char *soon);
void case_row_state(struct buf *b, const struct enf_case *c, const struct case_row *row);
/* The same badges as text for a file: "逾期 3 天：…；即将到期：… 2026-12-09" (appended
 * to b; nothing for a closed case or one without a duty due). */
void case_row_badges_text(struct buf *b, const struct enf_case *c, const struct case_row *row,
			  const char *today, const char *soon);

/* page_case_evidence.c: the case page's 证据材料 section, with the upload
 * form for those who may act on an open case. */
void case_evidence_section(struct req *r, struct buf *b, const struct case_view *v);

/* page_cases.c: narrows f to the cases of an alert (预警) named in the
 * URL (?alert=acts, acts_overdue, filing_soon, filing_overdue,
 * review_late, uncertified; "" none); soon receives the last day of
 * 即将到期. False, with e, when the calendar cannot say. */
bool case_alert_filter(struct req *r, const char *alert, struct case_filter *f,
		       char soon[FZ_DATE_LEN], struct fz_error *e);

/* page_case_supervision.c: the case page's 执法监督 section: the
 * supervision acts with their deadlines and answers, the filing of a
 * major decision. */
void case_supervision_section(struct req *r, struct buf *b, const struct case_view *v);
/* A major decision's lifelong-accountability record (终身责任追究: who
 * proposed, reviewed and decided), from its events; nothing for other
 * cases (page_decision.c). */
void case_decision_section(struct req *r, struct buf *b, const struct case_view *v);

/* page_consultation.c: the case page's 公众意见 section (a matter that
 * opened a comment period): every comment with its sender, standing and,
 * for those who may handle them, the handling form. */
void case_comments_section(struct req *r, struct buf *b, const struct case_view *v);

#endif
