/* api_case_input.h - what the case API handlers share: reading a step
 * (on, fields, officers, reason, corrects) and a party from JSON, the
 * answer when the engine refuses an action (the error envelope plus every
 * gate's state), and the registry and overdue flag that views need. */
#ifndef FZ_HTTP_API_CASE_INPUT_H
#define FZ_HTTP_API_CASE_INPUT_H

#include <stdbool.h>

#include "app/case.h"
#include "app/draw.h"
#include "http/http.h"
#include "http/jsonin.h"

#define CASE_API_FIELDS_MAX 40      /* fields of one event */
#define CASE_API_FIELD_KEY_MAX 40   /* bytes of a field name: [a-z0-9_] */
#define CASE_API_FIELD_VALUE_MAX 4000 /* characters of a field value */
#define CASE_API_DRAW_LIST_MAX 10000 /* ids in one list of a draw */

/* Reads the step members of the body (after the handler's own getters,
 * before jsonin_ok): step (when with_step), on, reason, corrects; marks
 * fields and officers as known. */
void case_step_read(struct jsonin *in, bool with_step, struct case_step_input *out);
/* After jsonin_ok: reads fields ({key: string | integer | boolean}) and
 * officers ([person ids]) from the body into out (arena). FZ_INVALID
 * naming "fields.KEY" or "officers". */
enum fz_err case_step_finish(struct jsonin *in, struct case_step_input *out,
			     struct fz_error *e) FZ_MUST_CHECK;

/* Reads a draw's lists after jsonin_ok: targets ([ids as strings]) and
 * inspectors ([person ids]). FZ_INVALID naming the member. */
enum fz_err case_draw_read(struct jsonin *in, struct case_draw_input *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* Reads "party" ({kind, name, id?, address?}) into in (after jsonin_ok).
 * FZ_INVALID naming "party" or "party.MEMBER". */
enum fz_err case_party_read(struct jsonin *in, struct case_input *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* Answers a refused open or step: when the engine ran (check->results
 * set), {"error": {code, message, field, fields}, "gates": [...]} with the
 * blocking gate's whole message and its name as field, and fields
 * [{field, message}] for every event field refused (omitted when none); otherwise the
 * plain error envelope. App field names party_x become party.x. */
int case_refused(struct req *r, enum fz_err rc, const struct fz_error *e,
		 const struct case_check *check);

/* The definition of id among the app's procedures, or NULL. */
const struct proc_def *case_api_def(struct req *r, const char *id);
/* The registry's province configuration (budgets named in it), or NULL. */
const struct proc_config *case_api_config(struct req *r);
/* The province config's late_entry_days (补录), 1 when it has none. */
int case_api_late_days(struct req *r);

/* Whether an open case has a deadline past its due date and still not
 * met: a clock that some step of the definition stops (periods that only
 * have to run out, like the defence period, never make a case late). */
bool case_view_overdue(const struct case_view *v);

#endif
