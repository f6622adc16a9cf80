/* arrears.c - a fine's arrears and its accrued surcharge from the case's
 * events; see arrears.h. The surcharge runs on the whole fine from the day
 * after the payment deadline, as the payment gate (gate_payment.c) counts
 * it; days of reconsideration or litigation are not yet left out (行政处罚法
 * art 73), because no step records them. With a deferment (art 66 para 2)
 * the schedule replaces the single deadline: each instalment is due on its
 * own date and a late one bears the surcharge on its own amount (our
 * reading: the Law states the rate on 罚款数额 and says nothing of
 * instalments; U, documented in docs/PROCEDURES.md). */
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

static bool deferment_read(const struct proc_def *def, const struct case_event *events, size_t n,
			   struct case_arrears *ar);
static enum fz_err deferred_arrears(struct case_arrears *ar, const char *until,
				    struct fz_error *e);

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
	if (deferment_read(def, events, n, out))
		return deferred_arrears(out, until, e);
	if (!out->outstanding_fen || strcmp(until, out->due) <= 0)
		return FZ_OK;
	out->late = true;
	return surcharge_compute(out->fine_fen, out->due, until, cfg->surcharge_permille_per_day,
				 cfg->surcharge_cap_percent, &out->surcharge, e);
}

bool arrears_schedule_line(const char *line, size_t n, char date[FZ_DATE_LEN], int64_t *fen)
{
	char buf[64];
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\r'))
		n--;
	if (n < 12 || n >= sizeof buf || line[10] != ' ')
		return false;
	memcpy(buf, line, n);
	buf[n] = '\0';
	buf[10] = '\0';
	const char *amount = buf + 11;
	while (*amount == ' ')
		amount++;
	if (!date_parse(buf, NULL, NULL, NULL) || !money_parse_yuan(amount, fen) || *fen <= 0)
		return false;
	memcpy(date, buf, FZ_DATE_LEN);
	return true;
}

bool arrears_schedule_parse(const char *text, struct arrears_instalment *out, size_t max,
			    size_t *n, int *bad_line)
{
	int line = 0;
	*n = 0;
	*bad_line = 0;
	for (const char *p = text ? text : ""; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		size_t blank = strspn(p, " \r");
		if (blank < len) {
			if (*n == max)
				return false;
			if (!arrears_schedule_line(p, len, out[*n].due, &out[*n].fen)) {
				*bad_line = line;
				return false;
			}
			(*n)++;
		}
		p = nl ? nl + 1 : p + len;
	}
	return true;
}

/* The latest deferment's schedule into ar; false when there is none (or
 * it cannot be read: the gate refused such a schedule when recorded). */
static bool deferment_read(const struct proc_def *def, const struct case_event *events, size_t n,
			   struct case_arrears *ar)
{
	(void)def;
	for (size_t i = n; i-- > 0;) {
		if (!events[i].step || strcmp(events[i].step, ARREARS_DEFERMENT_STEP) != 0)
			continue;
		int bad;
		const char *text = case_events_field(events, n, &events[i], "schedule");
		if (!arrears_schedule_parse(text, ar->instalments, ARREARS_INSTALMENTS_MAX,
					    &ar->ninstalments, &bad) ||
		    !ar->ninstalments)
			return false;
		ar->deferred = true;
		memcpy(ar->deferred_until, ar->instalments[ar->ninstalments - 1].due, FZ_DATE_LEN);
		return true;
	}
	return false;
}

/* Arrears under the schedule on day until. */
static enum fz_err deferred_arrears(struct case_arrears *ar, const char *until,
				    struct fz_error *e)
{
	int64_t covered = 0;
	size_t first = ar->ninstalments - 1;
	bool found = false;
	memset(&ar->surcharge, 0, sizeof ar->surcharge);
	for (size_t i = 0; i < ar->ninstalments; i++) {
		const struct arrears_instalment *in = &ar->instalments[i];
		covered += in->fen;
		if (covered <= ar->paid_fen)
			continue;
		if (!found) {
			first = i;
			found = true;
		}
		if (strcmp(until, in->due) <= 0)
			continue;
		struct surcharge s;
		enum fz_err rc = surcharge_compute(in->fen, in->due, until, ar->rate_permille,
						   ar->cap_percent, &s, e);
		if (rc)
			return rc;
		ar->surcharge.amount_fen += s.amount_fen;
		ar->surcharge.days = s.days > ar->surcharge.days ? s.days : ar->surcharge.days;
		ar->surcharge.capped = ar->surcharge.capped || s.capped;
		ar->surcharge.cap_fen += s.cap_fen;
	}
	memcpy(ar->due, ar->instalments[first].due, FZ_DATE_LEN);
	ar->late = ar->outstanding_fen && strcmp(until, ar->due) > 0;
	return FZ_OK;
}

enum fz_err arrears_schedule_surcharge(const struct case_arrears *ar,
				       const struct case_event *events, size_t n,
				       const char *pay_on, int64_t pay_fen,
				       struct surcharge *out, struct fz_error *e)
{
	/* The payments in the order recorded, the proposed one last. */
	memset(out, 0, sizeof *out);
	int64_t paid = 0, due_sum = 0;
	size_t next = 0; /* the first instalment not yet settled */
	for (size_t k = 0; k <= n; k++) {
		const char *on;
		int64_t v = 0;
		if (k < n) {
			const char *s = events[k].step && !strcmp(events[k].step, ARREARS_PAYMENT_STEP)
						? case_events_field(events, n, &events[k], "amount")
						: NULL;
			if (!s || !money_parse_yuan(s, &v))
				continue;
			on = events[k].on;
		} else if (pay_on) {
			on = pay_on;
			v = pay_fen;
		} else {
			break;
		}
		paid += v;
		while (next < ar->ninstalments && due_sum + ar->instalments[next].fen <= paid) {
			const struct arrears_instalment *in = &ar->instalments[next];
			due_sum += in->fen;
			next++;
			if (strcmp(on, in->due) <= 0)
				continue;
			struct surcharge s;
			enum fz_err rc = surcharge_compute(in->fen, in->due, on, ar->rate_permille,
							   ar->cap_percent, &s, e);
			if (rc)
				return rc;
			out->amount_fen += s.amount_fen;
			out->days = s.days > out->days ? s.days : out->days;
			out->capped = out->capped || s.capped;
		}
	}
	/* Instalments still open on the day of the proposed payment. */
	for (size_t i = next; pay_on && i < ar->ninstalments; i++) {
		const struct arrears_instalment *in = &ar->instalments[i];
		if (strcmp(pay_on, in->due) <= 0)
			break;
		struct surcharge s;
		enum fz_err rc = surcharge_compute(in->fen, in->due, pay_on, ar->rate_permille,
						   ar->cap_percent, &s, e);
		if (rc)
			return rc;
		out->amount_fen += s.amount_fen;
		out->days = s.days > out->days ? s.days : out->days;
		out->capped = out->capped || s.capped;
	}
	return FZ_OK;
}

void arrears_rate_text(int pm, char out[16])
{
	if (pm % 10)
		snprintf(out, 16, "%d.%d%%", pm / 10, pm % 10);
	else
		snprintf(out, 16, "%d%%", pm / 10);
}
