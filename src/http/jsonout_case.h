/* jsonout_case.h - API JSON for enforcement cases: a case, its events,
 * the gates an action met, the steps that can follow, its clocks with
 * their explanation, and the procedure definitions. One function per
 * struct; each returns a new reference, or NULL when out of memory. */
#ifndef FZ_HTTP_JSONOUT_CASE_H
#define FZ_HTTP_JSONOUT_CASE_H

#include <jansson.h>
#include <stdbool.h>

#include "domain/case.h"
#include "domain/caseclock.h"
#include "domain/gate.h"
#include "domain/procedure.h"
#include "domain/procedure_config.h"

/* {id, number, agency_id, agency_name, procedure, procedure_label, kind,
 *  domain, matter, title, party{kind, name, id, address}, act_date,
 *  opened_on, state, state_label, closed, created_by, created_at,
 *  updated_at}. def may be NULL (labels then null). A citizen's resident
 * id is masked unless personal is true (an organisation's USCC is
 * public). */
json_t *json_case(const struct enf_case *c, const struct proc_def *def, bool personal);
/* The same members, in the same order and bytes, written straight into
 * w's buffer (lists: no object tree per row); the caller opens and ends
 * the object and may add members after them. */
struct jw;
void json_case_members(struct jw *w, const struct enf_case *c, const struct proc_def *def,
		       bool personal);

/* {id, case_id, seq, step, step_label, on, at, actor_id, actor,
 *  corrects, reason, fields{key: value}, officers[person ids]}. */
json_t *json_case_event(const struct case_event *ev, const struct proc_def *def);
/* events[i] of a case's record with what the record says of it:
 * late_entry (补录: recorded more than late_days after it took place) and
 * voided_by (seq of the step that set this outcome aside, or null). */
json_t *json_case_event_in(const struct case_event *events, size_t n, size_t i,
			   const struct proc_def *def, int late_days);

/* The members of json_case_event_in, in the same order and bytes,
 * written straight into w's buffer (a step's answer: no object tree);
 * the caller opens and ends the object and may add members after them. */
void json_case_event_members(struct jw *w, const struct case_event *events, size_t n,
			     size_t i, const struct proc_def *def, int late_days);

/* [{gate, label, passed, message}] in the order the engine ran them. */
json_t *json_gate_results(const struct gate_result *res, size_t n);
/* The same array as member key of w, in the same bytes. */
void json_gate_results_member(struct jw *w, const char *key, const struct gate_result *res,
			      size_t n);

/* {step, label, roles, available, gate, reason}: what can be done next
 * and, when not, the first gate that stands in the way. */
json_t *json_proc_option(const struct proc_option *o);

/* {clock, label, basis, state, state_label, start, budget{amount, unit,
 *  unit_label}, total, extensions[{amount, reason}], suspensions[{from, to,
 *  reason}], holidays_skipped[{from, to, days, name}], due, provisional,
 *  overdue, open_suspension, started_by, stopped_by, explanation[lines]}.
 * Dates of a clock not started are null. */
json_t *json_case_clock(const struct case_clock *c);

/* {id, type, label, hint, required, case_wide, future, options[{value,
 *  label}] (null unless a choice; those step s allows, s may be NULL)}. */
json_t *json_proc_field(const struct proc_field *f, const struct proc_step *s, bool required);

/* {id, label, kind, file, correction_roles, documents[{id, label}],
 *  clocks[{id, label, basis, budget, budget_config, extension,
 *  max_extensions, from_field, only_when, after}], case_fields[field],
 *  steps[{id, label, roles, requires, requires_any, gates[{gate, label,
 *  arg}], fields[field: required ones, then optional ones], min_officers,
 *  starts, stops, suspends, resumes, extends, produces, mandatory, opens,
 *  closes, repeatable, publishes, handles, notifies, decides, awaits}]}
 * with fields as json_proc_field. cfg resolves budgets named in the
 * province configuration (may be NULL). */
json_t *json_proc_def(const struct proc_def *d, const struct proc_config *cfg);

/* Sets key of obj to v, taking v; when either is NULL or setting fails,
 * releases both and returns NULL, else returns obj. Lets a view be built
 * as `o = json_put(o, "id", json_integer(x));` and checked once. */
json_t *json_put(json_t *obj, const char *key, json_t *v);

/* A JSON string of s, cut back to whole UTF-8 characters (messages are
 * formatted into fixed buffers and may end mid-character); null for NULL. */
json_t *json_text(const char *s);

#endif
