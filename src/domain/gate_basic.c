/* gate_basic.c - the engine's own gates, which every step passes before
 * its named ones: a real day in order, a closed case frozen, the right
 * role, the required earlier steps, no repetition, the fields and the
 * people the step needs, and extensions granted in time. */
#include "domain/gate_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/outcome.h"
#include "domain/roles.h"

bool gate_case_closed(const struct gate_run *r)
{
	return r->ctx->kase->closed || gate_last_flag(r, PROC_CLOSES) >= 0;
}

GATE_FN(event_day)
{
	const struct proc_ctx *c = r->ctx;
	if (!date_parse(r->ev->on, NULL, NULL, NULL))
		GATE_BLOCK(res, FZ_INVALID, "事件日期应为 YYYY-MM-DD 格式的有效日期");
	if (strcmp(r->ev->on, c->today) > 0)
		GATE_BLOCK(res, FZ_CONFLICT, "事件日期 %s 晚于今天（%s），不能预先记录",
				  r->ev->on, c->today);
	if (c->nevents && strcmp(r->ev->on, c->events[c->nevents - 1].on) < 0)
		GATE_BLOCK(res, FZ_CONFLICT, "事件日期 %s 早于上一事件的日期 %s",
				  r->ev->on, c->events[c->nevents - 1].on);
}

GATE_FN(closed_case_frozen)
{
	if (!gate_case_closed(r))
		return;
	/* The publication pipeline's record (公示, 撤下公示) changes nothing
	 * of the case: a late publication is still published (118号). */
	if (r->step && (r->step->flags & (PROC_PUBLISHES | PROC_WITHDRAWS)))
		GATE_PASS(res, "案件已结案；公示流程的记录不改变案件内容");
	if (r->step && (r->step->flags & PROC_OVERSIGHT))
		GATE_PASS(res, "案件已结案；执法监督及其答复不受结案限制");
	if (r->step)
		GATE_BLOCK(res, FZ_CONFLICT, "案件已结案，变更须以更正事件记录并说明理由");
	gate_note(res, "案件已结案，以更正事件记录");
}

GATE_FN(correction_valid)
{
	const struct case_event *ev = r->ev;
	bool found = false;
	for (size_t i = 0; i < r->ctx->nevents && !found; i++)
		found = ev->corrects && r->ctx->events[i].id == ev->corrects;
	if (!found)
		GATE_BLOCK(res, FZ_INVALID, "更正须指明所更正的本案事件");
	if (!gate_reason(r))
		GATE_BLOCK(res, FZ_INVALID, "更正须说明理由");
	if (!ev->nfields)
		GATE_BLOCK(res, FZ_INVALID, "更正须写明更正后的内容（字段）");
}

static void roles_or(unsigned roles, char *out, size_t len)
{
	struct buf b = BUF_INIT;
	bool first = true;
	for (unsigned bit = 1; bit & ROLE_ALL_MASK; bit <<= 1) {
		if (!(roles & bit))
			continue;
		buf_addf(&b, "%s%s", first ? "" : "或", roles_label(bit));
		first = false;
	}
	snprintf(out, len, "%s", buf_cstr(&b));
	buf_release(&b);
}

GATE_FN(role_allowed)
{
	unsigned need = r->step ? r->step->roles : r->ctx->def->correction_roles;
	char who[200];
	if ((r->ctx->actor_roles & need) && res->quiet)
		return; /* passes, and no note is kept */
	roles_or(need, who, sizeof who);
	if (!(r->ctx->actor_roles & need)) {
		if (r->step)
			GATE_BLOCK(res, FZ_FORBIDDEN, "「%s」须由%s进行", r->step->label, who);
		GATE_BLOCK(res, FZ_FORBIDDEN, "更正须由%s进行", who);
	}
	gate_note(res, "%s可以进行此步骤", who);
}

GATE_FN(opening)
{
	if (r->ctx->nevents || (r->step->flags & PROC_OPENS))
		return;
	for (size_t i = 0; i < r->ctx->def->nsteps; i++) {
		const struct proc_step *s = &r->ctx->def->steps[i];
		if (s->flags & PROC_OPENS)
			GATE_BLOCK(res, FZ_CONFLICT, "案件尚未开始，须先进行「%s」", s->label);
	}
}

GATE_FN(requires_steps)
{
	const struct proc_step *s = r->step;
	struct buf missing = BUF_INIT;
	for (size_t i = 0; i < s->requires.n; i++) {
		const char *id = s->requires.items[i].id;
		if (gate_last(r, id) < 0)
			buf_addf(&missing, "「%s」", proc_step_find(r->ctx->def, id)->label);
	}
	if (missing.len) {
		gate_block(res, FZ_CONFLICT, "须先完成%s", buf_cstr(&missing));
		buf_release(&missing);
		return;
	}
	bool any = s->requires_any.n == 0;
	for (size_t i = 0; i < s->requires_any.n && !any; i++)
		any = gate_last(r, s->requires_any.items[i].id) >= 0;
	if (!any) {
		for (size_t i = 0; i < s->requires_any.n; i++)
			buf_addf(&missing, "「%s」",
				 proc_step_find(r->ctx->def, s->requires_any.items[i].id)->label);
		gate_block(res, FZ_CONFLICT, "须先完成以下步骤之一：%s", buf_cstr(&missing));
	}
	buf_release(&missing);
}

GATE_FN(not_repeated)
{
	if (r->step->flags & PROC_REPEATABLE)
		return;
	long li = gate_last(r, r->step->id);
	/* A step that follows an outcome is taken once per outcome: the
	 * decision made again after a revocation is served again. */
	long oi = outcome_standing(r->ctx->def, r->ctx->events, r->ctx->nevents);
	if (oi >= 0 && li < oi)
		return;
	const struct case_event *ev = gate_event(r, li);
	if (ev)
		gate_block(res, FZ_CONFLICT, "「%s」已于 %s 进行，不能重复；如有错误请以更正事件记录",
			   r->step->label, ev->on);
}

/* Where field results go. */
struct field_out {
	struct gate_result *out;
	size_t max, n;
};

static void field_block(struct field_out *fo, const char *key, const char *fmt, ...)
	FZ_PRINTF(3, 4);

static void field_block(struct field_out *fo, const char *key, const char *fmt, ...)
{
	if (fo->n >= fo->max)
		return;
	struct gate_result *res = &fo->out[fo->n++];
	memset(res, 0, sizeof *res);
	res->gate = "required_fields";
	res->label = "必填内容";
	res->code = FZ_INVALID;
	snprintf(res->field, sizeof res->field, "%s", key);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(res->message, sizeof res->message, fmt, ap);
	va_end(ap);
}

/* The step whose fields a correction changes: that of the event it
 * corrects, following corrections of corrections; NULL when unknown. */
static const struct proc_step *corrected_step(const struct gate_run *r)
{
	int64_t id = r->ev->corrects;
	for (size_t hops = 0; id && hops <= r->ctx->nevents; hops++) {
		const struct case_event *target = NULL;
		for (size_t i = 0; i < r->ctx->nevents && !target; i++)
			if (r->ctx->events[i].id == id)
				target = &r->ctx->events[i];
		if (!target || !target->step)
			return NULL;
		if (strcmp(target->step, PROC_CORRECTION) != 0)
			return proc_step_find(r->ctx->def, target->step);
		id = target->corrects;
	}
	return NULL;
}

/* The labels of the fields step s lists (required, then optional),
 * joined by "、", into b. The case-wide facts every step accepts are not
 * repeated here. */
static void accepted_labels(const struct proc_def *d, const struct proc_step *s, struct buf *b)
{
	const char *ids[PROC_STEP_FIELDS_MAX];
	size_t n = proc_step_field_ids(d, s, false, ids, PROC_STEP_FIELDS_MAX);
	for (size_t i = 0; i < n; i++) {
		const struct proc_field *f = proc_field_of(d, s, ids[i]);
		buf_addf(b, "%s%s", b->len ? "、" : "", f ? f->label : ids[i]);
	}
}

/* One field of the event against its declaration on step s. */
static void field_judge(struct gate_run *r, const struct proc_step *s, size_t i,
			struct field_out *fo)
{
	const struct proc_def *d = r->ctx->def;
	const char *k = r->ev->fields[i].key, *v = r->ev->fields[i].value;
	const struct proc_field *f = proc_field_of(d, s, k);
	if (!f || !proc_step_accepts(d, s, k)) {
		struct buf ok = BUF_INIT;
		accepted_labels(d, s, &ok);
		field_block(fo, k, "「%s」没有“%s”这一项；%s%s", s->label, k,
			    ok.len ? "可填写：" : "此步骤不填写任何内容", buf_cstr(&ok));
		buf_release(&ok);
		return;
	}
	for (size_t j = 0; j < i; j++)
		if (strcmp(r->ev->fields[j].key, k) == 0) {
			field_block(fo, k, "“%s”填写了两次", f->label);
			return;
		}
	if (!v || !*v)
		return;
	const char *why = proc_field_problem(f, v, r->ctx->today);
	if (why) {
		field_block(fo, k, "“%s”%s", f->label, why);
	} else if (f->type == PROC_FIELD_CHOICE && !proc_choice_allowed(s, f, v)) {
		struct buf allowed = BUF_INIT;
		for (size_t c = 0; c < f->nchoices; c++)
			if (proc_choice_allowed(s, f, f->choices[c].value))
				buf_addf(&allowed, strncmp(f->choices[c].label, f->choices[c].value,
							   strlen(f->choices[c].value))
							   ? "%s%s（%s）" : "%s%s",
					 allowed.len ? "、" : "", f->choices[c].label,
					 f->choices[c].value);
		field_block(fo, k, "“%s”应为以下之一：%s", f->label, buf_cstr(&allowed));
		buf_release(&allowed);
	}
}

size_t gate_fields_check(struct gate_run *r, struct gate_result *out, size_t max)
{
	struct field_out fo = { .out = out, .max = max };
	const struct proc_step *s = r->step ? r->step : corrected_step(r);
	if (!s)
		return 0; /* a correction of no event: correction_valid says so */
	for (size_t i = 0; i < r->ev->nfields; i++)
		field_judge(r, s, i, &fo);
	for (size_t i = 0; r->step && i < s->fields.n; i++) {
		const char *k = s->fields.items[i].id;
		if (!gate_field(r, r->ev, k))
			field_block(&fo, k, "「%s」缺少必填项“%s”", s->label,
				    proc_field_of(r->ctx->def, s, k)->label);
	}
	return fo.n;
}

GATE_FN(officers_present)
{
	int need = r->step->min_officers, have = 0;
	for (size_t i = 0; i < r->ev->nofficers; i++) {
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup = dup || r->ev->officers[j] == r->ev->officers[i];
		have += !dup;
	}
	if (have < need)
		GATE_BLOCK(res, FZ_INVALID, "「%s」须至少%s人员参与，当前 %d 名",
				  r->step->label, gate_cn_people(need), have);
	if (need)
		gate_note(res, "%d 名人员参与", have);
}

/* The label of field key on the proposed step, or key. */
static const char *field_label(const struct gate_run *r, const char *key)
{
	const struct proc_field *f = proc_field_of(r->ctx->def, r->step, key);
	return f ? f->label : key;
}

GATE_FN(clock_extension)
{
	const char *day = r->ev->on;
	for (size_t i = 0; i < r->step->extends.n; i++) {
		struct case_clock c;
		if (!gate_clock(r, r->step->extends.items[i].id, &c))
			return;
		const char *label = c.clock->label;
		if (!c.started_by || c.state == CASE_CLOCK_NOT_APPLICABLE)
			GATE_BLOCK(res, FZ_CONFLICT, "%s尚未开始，不能延长", label);
		if (c.stopped_by)
			GATE_BLOCK(res, FZ_CONFLICT, "%s已完成，不能延长", label);
		if (c.nextensions >= c.clock->max_extensions)
			GATE_BLOCK(res, FZ_CONFLICT, "%s已延长 %d 次，不能再延长", label,
					  c.nextensions);
		if (strcmp(day, c.deadline.due) > 0)
			GATE_BLOCK(res, FZ_CONFLICT,
					  "%s已于 %s 届满，延长须在届满前决定", label,
					  c.deadline.due);
		if (!r->availability && (!r->ev->reason || !*r->ev->reason))
			GATE_BLOCK(res, FZ_INVALID, "延长%s须说明理由", label);
		const char *by = gate_field(r, r->ev, "extend_by");
		int max = proc_clock_extension(c.clock, r->ctx->cfg), v = 0;
		for (const char *p = by; p && *p >= '0' && *p <= '9' && v <= max; p++)
			v = v * 10 + (*p - '0');
		if (by && (v < 1 || v > max || strspn(by, "0123456789") != strlen(by)))
			GATE_BLOCK(res, FZ_INVALID, "“%s”应为 1 至 %d 的整数（%s）",
				   field_label(r, "extend_by"), max, clock_unit_label(c.deadline.unit));
		gate_note(res, "%s届满日 %s%s，可延长", label, c.deadline.due,
			  c.deadline.provisional ? "（暂定）" : "");
	}
}
