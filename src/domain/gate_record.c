/* gate_record.c - the engine's gates that keep the record honest: one
 * outcome at a time and only what follows from it, corrections that fix
 * wording but never substance, dates that fit the case's own timeline,
 * and late entries (补录) made only with a reason. */
#include "domain/gate_impl.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/outcome.h"

GATE_FN(one_outcome)
{
	const struct proc_ctx *c = r->ctx;
	long si = outcome_standing(c->def, c->events, c->nevents);
	if (si >= 0) {
		const struct case_event *o = &c->events[si];
		const struct proc_step *os = gate_step_of(r, o);
		if (outcome_step_follows(c->def, r->step, os->id))
			GATE_PASS(res, "本案已于 %s 作出「%s」，此步骤在其之后进行", o->on, os->label);
		/* The steps that could set it aside, for the message. */
		struct buf by = BUF_INIT;
		for (size_t i = 0; i < c->def->nsteps; i++)
			if (proc_list_has(&c->def->steps[i].voids, os->id))
				buf_addf(&by, "%s「%s」", by.len ? "或" : "", c->def->steps[i].label);
		if (by.len)
			gate_block(res, FZ_CONFLICT,
				   "本案已于 %s 作出「%s」，一个案件只能有一个有效的处理结果；"
				   "只能进行其后的步骤，改变结果须先%s",
				   o->on, os->label, buf_cstr(&by));
		else
			gate_block(res, FZ_CONFLICT,
				   "本案已于 %s 作出「%s」，一个案件只能有一个有效的处理结果，"
				   "只能进行其后的步骤",
				   o->on, os->label);
		buf_release(&by);
		return;
	}
	/* A decision made again after the first was set aside is notified
	 * again first (arts 44, 62): the party is heard on what is now
	 * intended. */
	long prev = gate_last(r, r->step->id);
	if ((r->step->flags & PROC_DECIDES) && prev >= 0) {
		long vi = outcome_voided_by(c->def, c->events, c->nevents, (size_t)prev);
		if (vi >= 0 && gate_last_flag(r, PROC_NOTIFIES) < vi)
			GATE_BLOCK(res, FZ_CONFLICT,
				   "原「%s」已于 %s 撤销或变更；重新作出决定前须重新告知当事人，"
				   "听取陈述申辩，属于法制审核范围的须重新审核",
				   r->step->label, c->events[vi].on);
	}
	/* 撤下公示 is taken exactly when the published outcome was set aside
	 * (行政处罚法 art 48 para 2): no new outcome is awaited for it. */
	if (r->step->flags & PROC_WITHDRAWS)
		GATE_PASS(res, "原结果已被撤销或变更，撤下其公示");
	const struct proc_step *root = outcome_step_root(c->def, r->step);
	if (!root)
		return;
	long li = gate_last(r, root->id);
	if (li >= 0)
		GATE_BLOCK(res, FZ_CONFLICT, "%s 的「%s」已被撤销，「%s」须在新的结果作出后进行",
			   c->events[li].on, root->label, r->step->label);
	/* A step after one of several outcomes (结案) says which. */
	struct buf any = BUF_INIT;
	for (size_t i = 0; i < c->def->nsteps; i++) {
		const struct proc_step *s = &c->def->steps[i];
		if ((s->flags & PROC_OUTCOME) && outcome_step_follows(c->def, r->step, s->id))
			buf_addf(&any, "%s「%s」", any.len ? "或" : "", s->label);
	}
	gate_block(res, FZ_CONFLICT, "「%s」须在%s之后进行", r->step->label, buf_cstr(&any));
	buf_release(&any);
}

/* The recorded event a correction names, or NULL. */
static const struct case_event *corrected_event(const struct gate_run *r)
{
	for (size_t i = 0; i < r->ctx->nevents; i++)
		if (r->ev->corrects && r->ctx->events[i].id == r->ev->corrects)
			return &r->ctx->events[i];
	return NULL;
}

GATE_FN(correction_clerical)
{
	const struct proc_def *d = r->ctx->def;
	const struct case_event *target = corrected_event(r);
	if (!target)
		return; /* correction_valid says why */
	const struct proc_step *ts = gate_step_of(r, target);
	if (!ts)
		GATE_BLOCK(res, FZ_INVALID, "更正只能针对办案步骤，不能更正一条更正");
	for (size_t i = 0; i < r->ev->nfields; i++) {
		const char *k = r->ev->fields[i].key;
		const struct proc_field *fd = proc_field_of(d, ts, k);
		if (fd && fd->label)
			k = fd->label; /* the message names the field as the form does */
		if (!proc_list_has(&d->correctable, r->ev->fields[i].key))
			GATE_BLOCK(res, FZ_CONFLICT,
				   "更正只能改正笔误等文字错误，不能改变「%s」的实质内容（%s）；"
				   "认定事实、法律依据、处罚种类和金额、日期等的改变，"
				   "须依法撤销或变更原决定后重新作出",
				   ts->label, k);
		if (!gate_field(r, target, r->ev->fields[i].key))
			GATE_BLOCK(res, FZ_CONFLICT, "「%s」原本没有这一项（%s），更正不能补充新的内容",
				   ts->label, k);
	}
	gate_note(res, "更正「%s」（%s）的文字内容", ts->label, target->on);
}

/* Date fields that name a future day by nature (the day a hearing will
 * be held) rather than a day that has passed. */
static bool future_date_field(const char *key)
{
	return strcmp(key, "hearing_on") == 0;
}

static bool is_date_field(const char *key)
{
	size_t n = strlen(key);
	return n > 3 && strcmp(key + n - 3, "_on") == 0;
}

GATE_FN(dates_in_order)
{
	const struct proc_ctx *c = r->ctx;
	const struct proc_step *s = r->step;
	for (size_t i = 0; i < r->ev->nfields; i++) {
		const char *k = r->ev->fields[i].key, *v = r->ev->fields[i].value;
		if (!is_date_field(k) || future_date_field(k) || !v ||
		    !date_parse(v, NULL, NULL, NULL))
			continue; /* required_fields judges the format */
		if (strcmp(k, "discovered_on") == 0) {
			if (strcmp(v, c->kase->act_date) < 0)
				GATE_BLOCK(res, FZ_CONFLICT, "发现违法行为的日期 %s 早于违法行为发生日期 %s",
					   v, c->kase->act_date);
			if (strcmp(v, r->ev->on) > 0)
				GATE_BLOCK(res, FZ_CONFLICT, "发现违法行为的日期 %s 晚于立案日期 %s", v,
					   r->ev->on);
			continue;
		}
		if (strcmp(v, r->ev->on) < 0 && strcmp(k, "served_on") == 0)
			GATE_BLOCK(res, FZ_CONFLICT, "送达日期 %s 早于「%s」的日期 %s：文书不能在作出前送达",
				   v, s->label, r->ev->on);
		const struct proc_list *lists[2] = { &s->requires, &s->requires_any };
		for (int l = 0; l < 2; l++) {
			for (size_t j = 0; j < lists[l]->n; j++) {
				const struct case_event *dep =
					gate_event(r, gate_last(r, lists[l]->items[j].id));
				if (dep && strcmp(v, dep->on) < 0)
					GATE_BLOCK(res, FZ_CONFLICT,
						   "「%s」的日期 %s 早于其所依据的「%s」（%s）",
						   s->label, v, gate_step_of(r, dep)->label, dep->on);
			}
		}
	}
}

GATE_FN(late_entry)
{
	const struct proc_ctx *c = r->ctx;
	int gap = date_diff_days(r->ev->on, c->today);
	if (gap == INT_MIN || gap <= c->cfg->late_entry_days)
		return;
	if (c->nevents && strcmp(r->ev->on, c->events[c->nevents - 1].on) < 0)
		return; /* event_day refuses it */
	const char *p = gate_reason(r);
	if (!p)
		GATE_BLOCK(res, FZ_INVALID,
			   "%s 发生的事项在 %s 才记录，晚于 %d 日，属于补录：须说明补录理由，"
			   "补录将在案卷中标明",
			   r->ev->on, c->today, c->cfg->late_entry_days);
	gate_note(res, "补录（%s 发生，%s 记录）：%s", r->ev->on, c->today, p);
}
