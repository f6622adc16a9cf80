/* indicators_rulemaking.c - the rule-making indicators (issue 13 §4):
 * normative documents reviewed before deliberation, fair-competition
 * review where market actors are affected, comment periods run their
 * length, filing on time, filing objections corrected, documents due for
 * clean-up evaluated, major decisions with all five procedures, decision
 * catalogues published on time. Each is judged from a matter's events
 * and clocks with the definitions' own step and field names (the gates
 * make most of them 100% by construction; the indicator shows it), and
 * counted by the day its definition names. */
#include "app/indicators_internal.h"

#include <stdio.h>
#include <string.h>

#include "app/normcat.h"
#include "base/date.h"
#include "domain/case_events.h"
#include "domain/decision_catalogue.h"
#include "domain/procedure_config.h"
#include "store/store_decision.h"

/* The steps and fields of data/procedures/normative_document.txt and
 * major_decision.txt that the indicators read. */
#define S_DRAFT "draft"
#define S_COMMENT_OPEN "comment_open"
#define S_COMMENT_CLOSE "comment_close"
#define S_LEGALITY "legality_review"
#define S_FAIR "fair_competition_review"
#define S_DELIBERATION "deliberation"
#define S_FILING_REVIEW "filing_review"
#define S_CORRECT "correct"
#define S_EXPERTS "expert_consultation"
#define S_RISK "risk_assessment"
#define S_MEETING "meeting"
#define S_DECIDE "decide"

static bool is_step(const struct case_event *ev, const char *step)
{
	return ev->step && strcmp(ev->step, step) == 0;
}

/* Index of the latest event of step in [from, to), or -1. */
static long last_in(const struct case_event *ev, long from, long to, const char *step)
{
	for (long i = to; i-- > (from < 0 ? 0 : from);)
		if (is_step(&ev[i], step))
			return i;
	return -1;
}

static bool yes(const char *v)
{
	return v && proc_yes(v);
}

/* A yes/no fact as recorded up to index `to` (the latest value given:
 * the facts are never corrected and never lowered, facts_not_lowered). */
static bool fact_before(const struct case_event *ev, long to, const char *key)
{
	for (long i = to; i-- > 0;) {
		if (is_step(&ev[i], PROC_CORRECTION))
			continue;
		const char *v = case_event_field(&ev[i], key);
		if (v && *v)
			return yes(v);
	}
	return false;
}

/* Whether a review of step passed for the draft that event `at` acted
 * on: the latest such review after the latest draft before `at`. */
static bool review_passed(const struct case_event *ev, size_t n, long at, const char *step)
{
	long draft = last_in(ev, 0, at, S_DRAFT);
	long r = last_in(ev, draft + 1, at, step);
	if (r < 0)
		return false;
	const char *o = case_events_field(ev, n, &ev[r], "opinion");
	return o && strcmp(o, "pass") == 0;
}

/* Whether the comment period that close ended ran its length. A normative
 * document's is its clock (7 working days, or 30 days where business
 * activity is affected, config.txt): closed after the clock's last day. A
 * major decision's runs to the day it announced (comment_until), which is
 * at least decision_comment_period after it opened, unless the shorter
 * period states its reason (art 15), and closed after that day. */
static bool comment_met(const struct proc_def *def, const struct proc_config *cfg,
			const struct case_event *ev, size_t n, const struct case_clock *clocks,
			long close, long open, bool decision)
{
	const char *closed_on = ev[close].on;
	if (!decision) {
		for (size_t i = 0; i < def->nclocks; i++) {
			const struct case_clock *k = &clocks[i];
			if (strncmp(def->clocks[i].id, "comment", 7) != 0 || !k->started_by ||
			    k->state == CASE_CLOCK_NOT_APPLICABLE || k->started_by->id != ev[open].id)
				continue;
			return strcmp(closed_on, k->deadline.due) > 0;
		}
		return false;
	}
	const char *until = case_events_field(ev, n, &ev[open], "comment_until");
	const char *reason = case_events_field(ev, n, &ev[open], "short_reason");
	struct proc_period p;
	char earliest[FZ_DATE_LEN];
	if (!until || !proc_config_period(cfg, "decision_comment_period", &p) ||
	    p.unit != CLOCK_DAYS || !date_add_days(ev[open].on, p.amount, earliest))
		return false;
	bool long_enough = strcmp(until, earliest) >= 0 || (reason && *reason);
	return long_enough && strcmp(closed_on, until) > 0;
}

/* 规范性文件按时备案率: the filing clock the publication started. */
static bool filing(struct app_ctx *ctx, const struct indicator_query *q, const struct enf_case *c,
		   const struct case_clock *fl, struct indicator *in)
{
	if (!fl || !fl->started_by || fl->state == CASE_CLOCK_NOT_APPLICABLE ||
	    !indicator_in_period(q, fl->started_by->on))
		return true;
	if (!fl->stopped_by && strcmp(ctx->today, fl->deadline.due) <= 0)
		return true; /* within its period and not filed yet: not counted */
	return indicator_count(ctx, in, c->id, fl->stopped_by && !fl->overdue);
}

/* 到期评估清理完成率: a published document whose expiry alert began in
 * the period (and by today), not ended before it, is due for clean-up;
 * met when a clean-up (any outcome) was recorded on or after that day. */
static enum fz_err cleanup(struct app_ctx *ctx, const struct indicator_query *q,
			   const struct enf_case *c, struct indicator *in, struct fz_error *e)
{
	struct normdoc d;
	enum fz_err rc = app_normcat_get(ctx, c->id, &d, e);
	if (rc)
		return rc;
	if (!d.published_on[0] || !d.alert_from[0] || !indicator_in_period(q, d.alert_from) ||
	    strcmp(d.alert_from, ctx->today) > 0)
		return FZ_OK;
	if (d.ended_on[0] && strcmp(d.ended_on, d.alert_from) < 0 &&
	    strcmp(d.cleanup_on, d.alert_from) < 0)
		return FZ_OK; /* ended (repealed, stopped) before it was due */
	return indicator_count(ctx, in, c->id, d.cleanup_on[0] &&
						      strcmp(d.cleanup_on, d.alert_from) >= 0)
		       ? FZ_OK
		       : fz_fail(e, FZ_NOMEM, "", NULL);
}

/* 重大行政决策五项法定程序: before the head's decision to adopt, public
 * participation (comment closed), expert consultation where technical,
 * risk assessment where stability is affected, a passing legality review
 * of the draft taken to the meeting, and the meeting itself. */
static bool five_done(const struct case_event *ev, size_t n, long decide)
{
	long meeting = last_in(ev, 0, decide, S_MEETING);
	if (meeting < 0)
		return false;
	long draft = last_in(ev, 0, meeting, S_DRAFT);
	if (last_in(ev, 0, meeting, S_COMMENT_CLOSE) < 0 ||
	    last_in(ev, draft + 1, meeting, S_LEGALITY) < 0 ||
	    !review_passed(ev, n, meeting, S_LEGALITY))
		return false;
	if (fact_before(ev, meeting, "technical") && last_in(ev, 0, meeting, S_EXPERTS) < 0)
		return false;
	if (fact_before(ev, meeting, "affects_stability") && last_in(ev, 0, meeting, S_RISK) < 0)
		return false;
	return true;
}

enum fz_err indicator_judge_matter(struct app_ctx *ctx, const struct indicator_query *q,
				   const struct enf_case *c, const struct proc_def *def,
				   const struct proc_config *cfg, const struct case_event *ev,
				   size_t n, const struct case_clock *clocks,
				   struct indicator *out, struct fz_error *e)
{
	bool ok = true, decision = c->kind == CASE_MAJOR_DECISION;
	long end = (long)n;
	/* the latest comment period closed in the period (both kinds) */
	long close = last_in(ev, 0, end, S_COMMENT_CLOSE);
	long open = close >= 0 ? last_in(ev, 0, close, S_COMMENT_OPEN) : -1;
	if (open >= 0 && indicator_in_period(q, ev[close].on))
		ok = indicator_count(ctx, &out[IND_COMMENT_PERIOD], c->id,
				     comment_met(def, cfg, ev, n, clocks, close, open, decision));
	if (decision) {
		long d = last_in(ev, 0, end, S_DECIDE);
		const char *o = d >= 0 ? case_events_field(ev, n, &ev[d], "outcome") : NULL;
		if (o && strcmp(o, "adopt") == 0 && indicator_in_period(q, ev[d].on))
			ok = ok && indicator_count(ctx, &out[IND_DECISION_FIVE], c->id,
						   five_done(ev, n, d));
		return ok ? FZ_OK : fz_fail(e, FZ_NOMEM, "", NULL);
	}
	if (c->kind != CASE_NORMATIVE)
		return FZ_OK;
	/* the latest deliberation in the period: was the draft it took up
	 * reviewed for legality (and, where market actors are affected, for
	 * fair competition) and passed? */
	long del = last_in(ev, 0, end, S_DELIBERATION);
	if (del >= 0 && indicator_in_period(q, ev[del].on)) {
		ok = ok && indicator_count(ctx, &out[IND_NORM_LEGALITY], c->id,
					   review_passed(ev, n, del, S_LEGALITY));
		if (fact_before(ev, del, "market_actors"))
			ok = ok && indicator_count(ctx, &out[IND_NORM_FAIR], c->id,
						   review_passed(ev, n, del, S_FAIR));
	}
	ok = ok && filing(ctx, q, c, indicator_clock_named(def, clocks, "filing"), &out[IND_NORM_FILING]);
	/* a filing review that objected in the period: corrected since? */
	long fr = last_in(ev, 0, end, S_FILING_REVIEW);
	const char *fo = fr >= 0 ? case_events_field(ev, n, &ev[fr], "filing_opinion") : NULL;
	if (fo && strcmp(fo, "objection") == 0 && indicator_in_period(q, ev[fr].on))
		ok = ok && indicator_count(ctx, &out[IND_NORM_CORRECTION], c->id,
					   last_in(ev, fr + 1, end, S_CORRECT) >= 0);
	if (!ok)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	return cleanup(ctx, q, c, &out[IND_NORM_CLEANUP], e);
}

void indicator_catalogue_due(const struct proc_config *cfg, int year, char out[FZ_DATE_LEN])
{
	struct proc_period p = { 3, CLOCK_MONTHS };
	if (cfg)
		p = cfg->periods[PROC_PERIOD_DECISION_CATALOGUE];
	int months = p.unit == CLOCK_MONTHS && p.amount >= 1 && p.amount <= 12 ? p.amount : 3;
	snprintf(out, FZ_DATE_LEN, "%04d-%02d-%02d", year, months,
		 date_days_in_month(year, months));
}

enum fz_err indicator_catalogues(struct app_ctx *ctx, const struct indicator_query *q,
				 const struct proc_config *cfg, struct indicator *in,
				 struct fz_error *e)
{
	struct decision_catalogue_filter f = { .agency_id = q->agency_id };
	for (int64_t off = 0;; off += 200) {
		struct decision_catalogue_list l;
		enum fz_err rc = ctx->st->ops->decision_catalogue_list(
			ctx->st, ctx->a, &f, (struct page){ off, 200 }, &l, e);
		if (rc)
			return rc;
		for (size_t i = 0; i < l.n; i++) {
			const struct decision_catalogue *k = &l.items[i];
			char due[FZ_DATE_LEN];
			struct agency ag;
			indicator_catalogue_due(cfg, k->year, due);
			if (!indicator_in_period(q, due))
				continue;
			if (!k->approved_on[0] && strcmp(ctx->today, due) <= 0)
				continue; /* not due yet and not approved: not counted */
			rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, k->agency_id, &ag,
						      e);
			if (rc == FZ_NOTFOUND)
				continue; /* another division's, or another agency's */
			if (rc)
				return rc;
			bool met = k->approved_on[0] && strcmp(k->approved_on, due) <= 0;
			if (!indicator_count(ctx, in, k->id, met))
				return fz_fail(e, FZ_NOMEM, "", NULL);
		}
		if (l.n < 200)
			return FZ_OK;
	}
}
