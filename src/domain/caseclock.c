/* caseclock.c - a case's clocks from its events; see caseclock.h. The
 * suspension convention is explained at ledger_suspend_until. */
#include "domain/caseclock.h"

#include <string.h>

#include "base/date.h"
#include "domain/case_events.h"
#include "domain/arrears.h"

bool proc_clock_budget(const struct proc_clock *c, const struct proc_config *cfg,
		       struct proc_period *out)
{
	if (c->budget_config)
		return proc_config_period(cfg, c->budget_config, out);
	*out = c->budget;
	return out->amount > 0;
}

int proc_clock_extension(const struct proc_clock *c, const struct proc_config *cfg)
{
	struct proc_period p = c->extension;
	if (c->extension_config && !proc_config_period(cfg, c->extension_config, &p))
		return 0;
	return p.amount;
}

static const struct proc_step *step_of(const struct proc_def *def, const struct case_event *ev)
{
	return ev->step ? proc_step_find(def, ev->step) : NULL;
}

/* fine_decided: the latest deciding event up to `upto` imposes a fine;
 * fine_unpaid: the latest decision of all n events imposes a fine that the
 * payments recorded have not covered (arrears.h). */
static bool case_published_at(const struct proc_def *def, const struct case_event *events,
			      size_t upto);

static bool condition_holds(const struct proc_def *def, const struct case_event *events,
			    size_t upto, size_t n, const char *cond, const char *field)
{
	if (!cond)
		return true;
	if (field && (!strcmp(cond, "yes") || !strcmp(cond, "no"))) {
		/* the latest value up to the starting event, corrections aside
		 * (a case-wide fact is never corrected, only restated) */
		bool yes = false;
		for (size_t i = upto + 1 < n ? upto + 1 : n; i-- > 0;) {
			const char *v = events[i].step && strcmp(events[i].step, PROC_CORRECTION)
						? case_event_field(&events[i], field) : NULL;
			if (v && *v) {
				yes = proc_yes(v);
				break;
			}
		}
		return strcmp(cond, "yes") == 0 ? yes : !yes;
	}
	if (strcmp(cond, "published") == 0)
		return case_published_at(def, events, upto);
	if (strcmp(cond, "fine_unpaid") == 0) {
		int64_t fine = case_fine_decided(def, events, n);
		return fine > 0 && case_fine_paid(events, n) < fine;
	}
	if (strcmp(cond, "major_decision") == 0) {
		/* A major decision (重大行政处罚): one taken after a legal review
		 * or a collective deliberation. The gates make every decision
		 * the review catalogue or the deliberation rule names pass one
		 * of them, so none is missed; an agency that reviewed a decision
		 * of its own accord treated it as major and files it too. */
		for (size_t i = 0; i < upto; i++)
			if (events[i].step && (!strcmp(events[i].step, "legal_review") ||
					       !strcmp(events[i].step, "collective_deliberation")))
				return true;
		return false;
	}
	return case_fine_decided(def, events, upto + 1) > 0;
}

/* published: before events[upto], more events of a `publishes` step
 * than of a step that withdraws (one flagged `withdraws`): a
 * publication stood when the clock started. */
static bool case_published_at(const struct proc_def *def, const struct case_event *events,
			      size_t upto)
{
	int live = 0;
	for (size_t i = 0; i < upto; i++) {
		const struct proc_step *s = proc_step_find(def, events[i].step);
		if (s && (s->flags & PROC_PUBLISHES))
			live++;
		else if (s && (s->flags & PROC_WITHDRAWS) && live > 0)
			live--;
	}
	return live > 0;
}

/* Room for one more item of an arena array sized n (no cap kept). */
static void *grow(struct arena *a, const void *old, size_t n, size_t size)
{
	void *p = arena_calloc(a, n + 1, size);
	if (p && n)
		memcpy(p, old, n * size);
	return p;
}

struct ledger {
	struct clock_suspension *susp;
	size_t nsusp;
	struct clock_extension *ext;
	size_t next;
	char susp_day[FZ_DATE_LEN]; /* day of an open suspending event, "" */
	const char *susp_reason;
};

/* Closes the open suspension on `to`. The days not counted run from the
 * day after the suspending event to the resuming event's day, both
 * included: like a start day, the day the cause arises still counts and
 * the day it ends does not, so the clock runs again from the day after. */
static bool ledger_suspend_until(struct ledger *l, const char *to, struct arena *a)
{
	char from[FZ_DATE_LEN];
	if (!date_add_days(l->susp_day, 1, from) || strcmp(to, from) < 0)
		return true; /* resumed on the day it was suspended: nothing stood still */
	struct clock_suspension *s = grow(a, l->susp, l->nsusp, sizeof *s);
	if (!s)
		return false;
	memcpy(s[l->nsusp].from, from, FZ_DATE_LEN);
	memcpy(s[l->nsusp].to, to, FZ_DATE_LEN);
	s[l->nsusp].reason = l->susp_reason;
	l->susp = s;
	l->nsusp++;
	return true;
}

/* The extension an event grants: extend_by (in the clock's unit) when
 * given and within the clock's extension, else the whole extension. */
static bool ledger_extend(struct ledger *l, const struct case_event *events, size_t n,
			  const struct case_event *ev, const struct proc_step *s, int max,
			  struct arena *a)
{
	int amount = max;
	const char *by = case_events_field(events, n, ev, "extend_by");
	if (by) {
		int v = 0;
		const char *p = by;
		for (; *p >= '0' && *p <= '9' && v < 100000; p++)
			v = v * 10 + (*p - '0');
		if (!*p && v > 0 && v < max)
			amount = v;
	}
	struct clock_extension *x = grow(a, l->ext, l->next, sizeof *x);
	if (!x)
		return false;
	x[l->next].amount = amount;
	x[l->next].reason = ev->reason && *ev->reason ? ev->reason : s->label;
	l->ext = x;
	l->next++;
	return true;
}

/* Whether ev may stop the clock started by events[start]: any stopping
 * event, or for a per-act clock one that names that event in `answers`. */
static bool answers(const struct case_event *events, size_t n, size_t start,
		    const struct case_event *ev, const struct proc_clock *clock)
{
	if (!clock->per_act)
		return true;
	const char *v = case_events_field(events, n, ev, PROC_ANSWERS_FIELD);
	int seq = 0;
	for (const char *p = v; p && *p >= '0' && *p <= '9' && seq < 1000000000 / 10; p++)
		seq = seq * 10 + (*p - '0');
	return v && seq == events[start].seq;
}

/* Walks the events after the start: stop, suspensions, extensions. */
static bool ledger_walk(struct ledger *l, struct case_clock *out, const struct proc_def *def,
			const struct proc_config *cfg, const struct case_event *events, size_t n,
			size_t from, struct arena *a)
{
	const char *id = out->clock->id;
	for (size_t i = from + 1; i < n; i++) {
		const struct case_event *ev = &events[i];
		const struct proc_step *s = step_of(def, ev);
		if (!s)
			continue;
		if (proc_list_has(&s->stops, id) && answers(events, n, from, ev, out->clock)) {
			out->stopped_by = ev;
			out->stop_step = s;
			break;
		}
		if (proc_list_has(&s->suspends, id) && !l->susp_day[0]) {
			memcpy(l->susp_day, ev->on, FZ_DATE_LEN);
			l->susp_reason = s->label;
		}
		if (proc_list_has(&s->resumes, id) && l->susp_day[0]) {
			if (!ledger_suspend_until(l, ev->on, a))
				return false;
			l->susp_day[0] = '\0';
		}
		if (proc_list_has(&s->extends, id)) {
			if (!ledger_extend(l, events, n, ev, s, proc_clock_extension(out->clock, cfg),
					   a))
				return false;
		}
	}
	return true;
}

bool proc_clock_is_duty(const struct proc_def *def, const struct proc_clock *clock)
{
	for (size_t i = 0; def && i < def->nsteps; i++)
		if (proc_list_has(&def->steps[i].stops, clock->id))
			return true;
	return false;
}

/* A party period started by events[start] ends at the first later event
 * that waives it (waived=1, as corrected) or of a step that decides or
 * closes the case: from then on it no longer runs for anyone. */
static void party_period_end(const struct proc_def *def, const struct case_event *events,
			     size_t n, size_t start, struct case_clock *out)
{
	for (size_t i = start + 1; i < n; i++) {
		const struct case_event *ev = &events[i];
		const struct proc_step *s = step_of(def, ev);
		const char *w = s ? case_events_field(events, n, ev, "waived") : NULL;
		enum case_clock_end end = CASE_CLOCK_END_NONE;
		if (w && (!strcmp(w, "1") || !strcmp(w, "yes") || !strcmp(w, "true")))
			end = CASE_CLOCK_END_WAIVED;
		else if (s && proc_step_concludes(def, s))
			end = CASE_CLOCK_END_DECIDED;
		if (end) {
			out->state = CASE_CLOCK_ENDED;
			out->end = end;
			out->ended_by = ev;
			out->elapsed = false;
			out->open_suspension = false;
			return;
		}
	}
}

/* The budget of the instance started by sev: the clock's, or for a
 * clock whose due date is a field of the starting event (due), the
 * calendar days from the event's day to that date (at least one; a date
 * on a holiday ends on the next working day like any calendar period). */
static bool budget_of(const struct proc_clock *clock, const struct proc_config *cfg,
		      const struct case_event *events, size_t n, const struct case_event *sev,
		      struct proc_period *out)
{
	if (!clock->due_field)
		return proc_clock_budget(clock, cfg, out);
	const char *due = case_events_field(events, n, sev, clock->due_field);
	int days = due && date_parse(due, NULL, NULL, NULL) ? date_diff_days(sev->on, due) : 0;
	out->unit = CLOCK_DAYS;
	out->amount = days > 0 ? days : 1;
	return true;
}

/* Computes clock as started by events[start] (after_day: the due date of
 * the `after` clock it counts from, or ""). */
static enum fz_err clock_from(const struct proc_def *def, const struct proc_config *cfg,
			      const struct calendar *cal, const struct case_event *events,
			      size_t n, const struct proc_clock *clock, const char *today,
			      size_t start, const char *after_day, struct arena *a,
			      struct case_clock *out, struct fz_error *e)
{
	struct ledger l = { 0 };
	if (!condition_holds(def, events, start, n, clock->only_when, clock->only_field)) {
		out->state = CASE_CLOCK_NOT_APPLICABLE;
		return FZ_OK;
	}
	const struct case_event *sev = &events[start];
	const char *from = clock->from_field ? case_events_field(events, n, sev, clock->from_field)
					     : NULL;
	if (after_day[0])
		from = after_day;
	out->started_by = sev;
	(void)budget_of(clock, cfg, events, n, sev, &out->budget);
	clock_input_init(&out->input, from && date_parse(from, NULL, NULL, NULL) ? from : sev->on,
			 out->budget.unit, out->budget.amount);
	if (!ledger_walk(&l, out, def, cfg, events, n, start, a))
		return fz_fail(e, FZ_NOMEM, "", NULL);
	if (l.susp_day[0] && !out->stopped_by) {
		out->open_suspension = true;
		if (!ledger_suspend_until(&l, today, a))
			return fz_fail(e, FZ_NOMEM, "", NULL);
	}
	out->input.suspensions = l.susp;
	out->input.nsuspensions = l.nsusp;
	out->input.extensions = l.ext;
	out->input.nextensions = l.next;
	out->nextensions = (int)l.next;
	enum fz_err rc = clock_compute(cal, &out->input, a, &out->deadline, e);
	if (rc)
		return rc;
	if (out->stopped_by) {
		out->state = CASE_CLOCK_STOPPED;
		out->overdue = strcmp(out->stopped_by->on, out->deadline.due) > 0;
	} else {
		out->state = out->open_suspension ? CASE_CLOCK_SUSPENDED : CASE_CLOCK_RUNNING;
		out->overdue = !out->open_suspension && strcmp(today, out->deadline.due) > 0;
		/* A window that opens later: not started yet, its dates known. */
		if (after_day[0] && strcmp(today, after_day) <= 0)
			out->state = CASE_CLOCK_NOT_STARTED;
	}
	out->party_period = !proc_clock_is_duty(def, clock);
	if (out->party_period) {
		out->elapsed = out->overdue;
		out->overdue = false;
		party_period_end(def, events, n, start, out);
	}
	return FZ_OK;
}

/* A clock's fields that do not depend on the instance: basis, budget. */
static enum fz_err clock_head(const struct proc_config *cfg, const struct proc_clock *clock,
			      struct arena *a, struct case_clock *out, struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	out->clock = clock;
	out->basis = clock->budget_config ? proc_config_period_basis(cfg, clock->budget_config)
					  : NULL;
	if (!out->basis)
		out->basis = clock->basis;
	/* A sector rule on extensions (case_extension_for) is cited beside
	 * the clock's own basis for that sector's cases only. */
	const char *ext = clock->extension_config
				  ? proc_config_period_basis(cfg, clock->extension_config)
				  : NULL;
	if (ext && out->basis) {
		char *both = arena_printf(a, "%s；延长：%s", out->basis, ext);
		if (!both)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		out->basis = both;
	}
	out->state = CASE_CLOCK_NOT_STARTED;
	if (!clock->due_field && !proc_clock_budget(clock, cfg, &out->budget))
		return fz_fail(e, FZ_INVALID, clock->id, "期限 %s 的长度在省级配置中未设置",
			       clock->label);
	return FZ_OK;
}

enum fz_err case_clock_acts(const struct proc_def *def, const struct proc_config *cfg,
			    const struct calendar *cal, const struct case_event *events, size_t n,
			    const struct proc_clock *clock, const char *today, struct arena *a,
			    struct case_clock **out, size_t *nout, struct fz_error *e)
{
	size_t k = 0;
	*nout = 0;
	*out = arena_calloc(a, n + 1, sizeof **out);
	if (!*out)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < n; i++) {
		const struct proc_step *s = step_of(def, &events[i]);
		if (!s || !proc_list_has(&s->starts, clock->id))
			continue;
		enum fz_err rc = clock_head(cfg, clock, a, &(*out)[k], e);
		if (!rc)
			rc = clock_from(def, cfg, cal, events, n, clock, today, i, "", a, &(*out)[k], e);
		if (rc)
			return rc;
		k++;
	}
	*nout = k;
	return FZ_OK;
}

/* A per-act clock as one: the unanswered act due first (so overdue when
 * any unanswered one is), else the latest act; open_acts counts those
 * unanswered. */
static enum fz_err clock_acts_summary(const struct proc_def *def, const struct proc_config *cfg,
				      const struct calendar *cal, const struct case_event *events,
				      size_t n, const struct proc_clock *clock, const char *today,
				      struct arena *a, struct case_clock *out, struct fz_error *e)
{
	struct case_clock *acts;
	size_t nacts;
	enum fz_err rc = case_clock_acts(def, cfg, cal, events, n, clock, today, a, &acts, &nacts, e);
	if (rc)
		return rc;
	const struct case_clock *pick = nacts ? &acts[nacts - 1] : NULL;
	int open = 0;
	for (size_t i = 0; i < nacts; i++) {
		if (acts[i].state != CASE_CLOCK_RUNNING)
			continue;
		if (!open++ || pick->state != CASE_CLOCK_RUNNING ||
		    strcmp(acts[i].deadline.due, pick->deadline.due) < 0)
			pick = &acts[i];
	}
	if (pick)
		*out = *pick;
	out->open_acts = open;
	return FZ_OK;
}

enum fz_err case_clock_compute(const struct proc_def *def, const struct proc_config *cfg,
			       const struct calendar *cal, const struct case_event *events,
			       size_t n, const struct proc_clock *clock, const char *today,
			       struct arena *a, struct case_clock *out, struct fz_error *e)
{
	enum fz_err rc = clock_head(cfg, clock, a, out, e);
	if (rc)
		return rc;
	if (clock->per_act)
		return clock_acts_summary(def, cfg, cal, events, n, clock, today, a, out, e);
	long start = -1;
	char after_day[FZ_DATE_LEN] = "";
	if (clock->after) {
		/* The window opens when the other clock's period has run. */
		const struct proc_clock *prev = proc_clock_find(def, clock->after);
		struct case_clock pc;
		rc = prev ? case_clock_compute(def, cfg, cal, events, n, prev, today, a, &pc, e)
			  : fz_fail(e, FZ_INVALID, clock->id, "期限 %s 的 after 期限不存在",
				    clock->label);
		if (rc)
			return rc;
		if (!pc.started_by || pc.state == CASE_CLOCK_NOT_APPLICABLE)
			return FZ_OK;
		start = pc.started_by - events;
		memcpy(after_day, pc.deadline.due, FZ_DATE_LEN);
	}
	for (size_t i = n; i-- > 0 && start < 0;) {
		const struct proc_step *s = step_of(def, &events[i]);
		if (s && proc_list_has(&s->starts, clock->id))
			start = (long)i;
	}
	if (start < 0)
		return FZ_OK;
	return clock_from(def, cfg, cal, events, n, clock, today, (size_t)start, after_day, a, out,
			  e);
}

enum fz_err case_clocks_compute(const struct proc_def *def, const struct proc_config *cfg,
				const struct calendar *cal, const struct case_event *events,
				size_t n, const char *today, struct arena *a,
				struct case_clock **out, struct fz_error *e)
{
	*out = arena_calloc(a, def->nclocks + 1, sizeof **out);
	if (!*out)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (size_t i = 0; i < def->nclocks; i++) {
		enum fz_err rc = case_clock_compute(def, cfg, cal, events, n, &def->clocks[i],
						    today, a, &(*out)[i], e);
		if (rc)
			return rc;
	}
	return FZ_OK;
}

const char *case_clock_state_label(enum case_clock_state s)
{
	switch (s) {
	case CASE_CLOCK_NOT_STARTED: return "未开始";
	case CASE_CLOCK_RUNNING: return "进行中";
	case CASE_CLOCK_SUSPENDED: return "中止中";
	case CASE_CLOCK_STOPPED: return "已完成";
	case CASE_CLOCK_NOT_APPLICABLE: return "不适用";
	case CASE_CLOCK_ENDED: return "已结束";
	}
	return "未知";
}

const char *case_clock_end_label(enum case_clock_end end)
{
	switch (end) {
	case CASE_CLOCK_END_WAIVED: return "当事人放弃";
	case CASE_CLOCK_END_DECIDED: return "已作出决定";
	case CASE_CLOCK_END_NONE: break;
	}
	return "";
}

void case_clock_explain(const struct case_clock *c, struct buf *out)
{
	buf_addf(out, "%s：%s", c->clock->label, case_clock_state_label(c->state));
	if (c->state == CASE_CLOCK_STOPPED)
		buf_addf(out, "（%s 于 %s%s）", c->stop_step->label, c->stopped_by->on,
			 c->overdue ? "，已逾期" : "");
	else if (c->state == CASE_CLOCK_ENDED)
		buf_addf(out, "（%s，%s）", case_clock_end_label(c->end), c->ended_by->on);
	else if (c->overdue)
		buf_adds(out, "（已逾期）");
	else if (c->elapsed)
		buf_adds(out, "（已届满）");
	if (c->open_suspension)
		buf_adds(out, "（中止期间计至今日，恢复后届满日将顺延）");
	buf_addf(out, "；依据：%s\n", c->basis);
	if (c->started_by)
		clock_explain(&c->deadline, out);
}
