/* gate_basic.c - the engine's own gates, which every step passes before
 * its named ones: a real day in order, a closed case frozen, the right
 * role, the required earlier steps, no repetition, the fields and the
 * people the step needs, and extensions granted in time. */
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/money.h"
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
	const char *p = ev->reason;
	while (p && (*p == ' ' || *p == '\t'))
		p++;
	if (!p || !*p)
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

/* The format of a field the engine knows by name; NULL when ok. */
static const char *field_problem(const struct gate_run *r, const char *key, const char *v)
{
	size_t n = strlen(key);
	int64_t fen;
	if (n > 3 && strcmp(key + n - 3, "_on") == 0) {
		if (!date_parse(v, NULL, NULL, NULL))
			return "应为 YYYY-MM-DD 格式的有效日期";
		if (strcmp(v, r->ctx->today) > 0 && strcmp(key, "hearing_on") != 0)
			return "不能晚于今天";
	} else if (!strcmp(key, "amount") || !strcmp(key, "confiscation") ||
		   !strcmp(key, "surcharge")) {
		if (!money_parse_yuan(v, &fen))
			return "应为元数，最多两位小数";
	} else if (!strcmp(key, "penalty")) {
		unsigned k;
		if (penalty_kinds_parse(v, &k, NULL) || !k)
			return "应为处罚种类（warning、fine、revoke_licence ……）";
	} else if (!strcmp(key, "opinion")) {
		if (strcmp(v, "approve") && strcmp(v, "approve_with_changes") && strcmp(v, "reject"))
			return "应为 approve、approve_with_changes 或 reject";
	} else if (!strncmp(key, "check_", 6)) {
		if (strcmp(v, "pass") && strcmp(v, "fail"))
			return "应为 pass 或 fail";
	}
	return NULL;
}

GATE_FN(required_fields)
{
	const struct case_event *ev = r->ev;
	for (size_t i = 0; i < ev->nfields; i++) {
		const char *k = ev->fields[i].key, *v = ev->fields[i].value;
		for (size_t j = 0; j < i; j++)
			if (strcmp(ev->fields[j].key, k) == 0)
				GATE_BLOCK(res, FZ_INVALID, "字段 %s 重复", k);
		const char *why = v && *v ? field_problem(r, k, v) : NULL;
		if (why)
			GATE_BLOCK(res, FZ_INVALID, "字段 %s %s", k, why);
	}
	for (size_t i = 0; i < r->step->nvalues; i++) {
		const struct proc_values *pv = &r->step->values[i];
		const char *v = gate_field(r, ev, pv->field);
		if (v && !proc_list_has(&pv->allowed, v)) {
			struct buf allowed = BUF_INIT;
			for (size_t k = 0; k < pv->allowed.n; k++)
				buf_addf(&allowed, "%s%s", k ? "、" : "", pv->allowed.items[k].id);
			gate_block(res, FZ_INVALID, "字段 %s 应为 %s 之一", pv->field,
				   buf_cstr(&allowed));
			buf_release(&allowed);
			return;
		}
	}
	struct buf missing = BUF_INIT;
	for (size_t i = 0; i < r->step->fields.n; i++) {
		const char *k = r->step->fields.items[i].id;
		if (!gate_field(r, ev, k))
			buf_addf(&missing, "%s%s", missing.len ? "、" : "", k);
	}
	if (missing.len)
		gate_block(res, FZ_INVALID, "「%s」缺少必填字段：%s", r->step->label,
			   buf_cstr(&missing));
	buf_release(&missing);
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
			GATE_BLOCK(res, FZ_INVALID, "字段 extend_by 应为 1 至 %d 的整数（%s）", max,
				   clock_unit_label(c.deadline.unit));
		gate_note(res, "%s届满日 %s%s，可延长", label, c.deadline.due,
			  c.deadline.provisional ? "（暂定）" : "");
	}
}
