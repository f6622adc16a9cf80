/* gate_util.c - the helpers gate functions share; see gate_impl.h. The
 * proposed event is not in ctx->events: lookups over "the case" see the
 * recorded events, and the gates read the proposal separately. */
#include "domain/gate_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/case_events.h"

void gate_block(struct gate_result *res, enum fz_err code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(res->message, sizeof res->message, fmt, ap);
	va_end(ap);
	res->passed = false;
	res->code = code;
}

void gate_note(struct gate_result *res, const char *fmt, ...)
{
	if (res->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(res->message, sizeof res->message, fmt, ap);
	va_end(ap);
}

const char *gate_field(const struct gate_run *r, const struct case_event *ev, const char *key)
{
	if (ev == r->ev) {
		const char *v = case_event_field(ev, key);
		return v && *v ? v : NULL;
	}
	return case_events_field(r->ctx->events, r->ctx->nevents, ev, key);
}

const char *gate_reason(const struct gate_run *r)
{
	const char *p = r->ev->reason;
	while (p && (*p == ' ' || *p == '\t'))
		p++;
	return p && *p ? p : NULL;
}

bool gate_field_yes(const struct gate_run *r, const struct case_event *ev, const char *key)
{
	const char *v = gate_field(r, ev, key);
	return v && (strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0);
}

bool gate_case_flag(const struct gate_run *r, const char *key)
{
	if (gate_field(r, r->ev, key))
		return gate_field_yes(r, r->ev, key);
	for (size_t i = r->ctx->nevents; i-- > 0;) {
		const struct case_event *ev = &r->ctx->events[i];
		if (ev->step && strcmp(ev->step, PROC_CORRECTION) != 0 && gate_field(r, ev, key))
			return gate_field_yes(r, ev, key);
	}
	return false;
}

long gate_last(const struct gate_run *r, const char *step)
{
	return case_events_last_index(r->ctx->events, r->ctx->nevents, step);
}

const struct case_event *gate_event(const struct gate_run *r, long i)
{
	return i >= 0 ? &r->ctx->events[i] : NULL;
}

const struct proc_step *gate_step_of(const struct gate_run *r, const struct case_event *ev)
{
	return ev->step ? proc_step_find(r->ctx->def, ev->step) : NULL;
}

long gate_last_flag(const struct gate_run *r, unsigned flag)
{
	for (size_t i = r->ctx->nevents; i-- > 0;) {
		const struct proc_step *s = gate_step_of(r, &r->ctx->events[i]);
		if (s && (s->flags & flag))
			return (long)i;
	}
	return -1;
}

bool gate_clock(struct gate_run *r, const char *id, struct case_clock *out)
{
	const struct proc_ctx *c = r->ctx;
	const struct proc_clock *clock = proc_clock_find(c->def, id);
	if (!clock) {
		r->failure = fz_fail(&r->failure_detail, FZ_INTERNAL, id, "程序定义缺少期限 %s", id);
		return false;
	}
	if (c->clocks) {
		*out = c->clocks[clock - c->def->clocks];
		return true;
	}
	enum fz_err rc = case_clock_compute(c->def, c->cfg, c->cal, c->events, c->nevents, clock,
					    c->today, c->scratch, out, &r->failure_detail);
	if (rc) {
		r->failure = rc;
		return false;
	}
	return true;
}

bool gate_penalty(const struct gate_run *r, const struct case_event *ev, struct penalty *out)
{
	if (penalty_from_fields(gate_field(r, ev, "penalty"), gate_field(r, ev, "amount"),
				gate_field(r, ev, "confiscation"), out, NULL) == FZ_OK)
		return true;
	memset(out, 0, sizeof *out);
	return false;
}

const struct proc_person *gate_person(const struct gate_run *r, int64_t id)
{
	for (size_t i = 0; i < r->ctx->npeople; i++)
		if (r->ctx->people[i].id == id)
			return &r->ctx->people[i];
	return NULL;
}

void gate_person_name(const struct gate_run *r, int64_t id, char *out, size_t len)
{
	const struct proc_person *p = gate_person(r, id);
	if (p && p->name && *p->name)
		snprintf(out, len, "%s", p->name);
	else
		snprintf(out, len, "人员 #%lld", (long long)id);
}

bool gate_is_handler(const struct gate_run *r, int64_t id)
{
	for (size_t i = 0; i < r->ctx->nevents; i++) {
		const struct case_event *ev = &r->ctx->events[i];
		const struct proc_step *s = gate_step_of(r, ev);
		if (s && (s->flags & PROC_HANDLES) && case_event_has_officer(ev, id))
			return true;
	}
	return false;
}

const char *gate_cn_people(int n)
{
	static const char *const names[] = { "零名", "一名", "两名", "三名", "四名",
					     "五名", "六名", "七名", "八名", "九名" };
	return n >= 0 && n < 10 ? names[n] : "多名";
}
