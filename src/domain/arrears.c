/* arrears.c - a fine's arrears and its accrued surcharge from the case's
 * events; see arrears.h. The surcharge runs on the whole fine from the day
 * after the payment deadline, as the payment gate (gate_payment.c) counts
 * it; days of reconsideration or litigation are not yet left out (行政处罚法
 * art 73), because no step records them. */
#include "domain/arrears.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/case_events.h"
#include "domain/caseclock.h"
#include "domain/money.h"
#include "domain/penalty.h"

int64_t case_fine_decided(const struct proc_def *def, const struct case_event *events,
			  size_t n)
{
	for (size_t i = n; i-- > 0;) {
		const struct proc_step *s = events[i].step ? proc_step_find(def, events[i].step)
							   : NULL;
		if (!s || !(s->flags & PROC_DECIDES))
			continue;
		struct penalty p;
		if (penalty_from_fields(case_events_field(events, n, &events[i], "penalty"),
					case_events_field(events, n, &events[i], "amount"),
					case_events_field(events, n, &events[i], "confiscation"), &p,
					NULL) != FZ_OK)
			return 0;
		return (p.kinds & PENALTY_FINE) ? p.fine_fen : 0;
	}
	return 0;
}

int64_t case_fine_paid(const struct case_event *events, size_t n)
{
	int64_t sum = 0, v;
	for (size_t i = 0; i < n; i++) {
		if (!events[i].step || strcmp(events[i].step, ARREARS_PAYMENT_STEP) != 0)
			continue;
		const char *s = case_events_field(events, n, &events[i], "amount");
		if (s && money_parse_yuan(s, &v))
			sum += v;
	}
	return sum;
}

enum fz_err case_arrears_compute(const struct proc_def *def, const struct proc_config *cfg,
				 const struct calendar *cal, const struct case_event *events,
				 size_t n, const char *until, const char *today, struct arena *a,
				 struct case_arrears *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	out->rate_permille = cfg->surcharge_permille_per_day;
	out->cap_percent = cfg->surcharge_cap_percent;
	out->fine_fen = case_fine_decided(def, events, n);
	if (!out->fine_fen)
		return FZ_OK;
	out->paid_fen = case_fine_paid(events, n);
	out->outstanding_fen = out->fine_fen > out->paid_fen ? out->fine_fen - out->paid_fen : 0;
	const struct proc_clock *pay = proc_clock_find(def, "payment");
	struct case_clock c;
	enum fz_err rc;
	if (!pay)
		return FZ_OK;
	if ((rc = case_clock_compute(def, cfg, cal, events, n, pay, today, a, &c, e)))
		return rc;
	if (!c.started_by || c.state == CASE_CLOCK_NOT_APPLICABLE)
		return FZ_OK;
	out->payment_started = true;
	memcpy(out->due, c.deadline.due, FZ_DATE_LEN);
	if (!out->outstanding_fen || strcmp(until, out->due) <= 0)
		return FZ_OK;
	out->late = true;
	return surcharge_compute(out->fine_fen, out->due, until, cfg->surcharge_permille_per_day,
				 cfg->surcharge_cap_percent, &out->surcharge, e);
}

void arrears_rate_text(int pm, char out[16])
{
	if (pm % 10)
		snprintf(out, 16, "%d.%d%%", pm / 10, pm % 10);
	else
		snprintf(out, 16, "%d%%", pm / 10);
}
