/* gate_oversight.c - the engine's gates for acts that carry their own
 * deadline and are answered one by one (督办, 监督意见, 纠错通知 and the
 * agency's answer, issue 12 §3): the deadline a supervisor sets lies after
 * the act, and an answer names an act of this case still awaiting one. */
#include "domain/gate_impl.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"

GATE_FN(due_after_act)
{
	for (size_t i = 0; i < r->step->starts.n; i++) {
		const struct proc_clock *c = proc_clock_find(r->ctx->def, r->step->starts.items[i].id);
		if (!c || !c->due_field)
			continue;
		const char *due = gate_field(r, r->ev, c->due_field);
		const struct proc_field *f = proc_field_of(r->ctx->def, r->step, c->due_field);
		if (!due || !date_parse(due, NULL, NULL, NULL))
			continue; /* missing or malformed: required_fields says so */
		if (strcmp(due, r->ev->on) <= 0)
			GATE_BLOCK(res, FZ_INVALID, "“%s”应晚于本次记录的日期 %s（所填为 %s）",
				   f ? f->label : c->due_field, r->ev->on, due);
		gate_note(res, "%s届满日 %s", c->label, due);
	}
}

/* The seq named by the event's answers field, or 0. */
static int answered_seq(const struct gate_run *r)
{
	const char *v = gate_field(r, r->ev, PROC_ANSWERS_FIELD);
	int seq = 0;
	for (const char *p = v; p && *p >= '0' && *p <= '9' && seq < 100000000; p++)
		seq = seq * 10 + (*p - '0');
	return v && strspn(v, "0123456789") == strlen(v) ? seq : 0;
}

GATE_FN(answers_open_act)
{
	const struct proc_ctx *c = r->ctx;
	for (size_t i = 0; i < r->step->stops.n; i++) {
		const struct proc_clock *clock = proc_clock_find(c->def, r->step->stops.items[i].id);
		if (!clock || !clock->per_act)
			continue;
		struct case_clock *acts;
		size_t n;
		enum fz_err rc = case_clock_acts(c->def, c->cfg, c->cal, c->events, c->nevents, clock,
						 c->today, c->scratch, &acts, &n, &r->failure_detail);
		if (rc) {
			r->failure = rc;
			return;
		}
		struct buf open = BUF_INIT;
		bool named = false;
		int want = r->availability ? 0 : answered_seq(r);
		for (size_t k = 0; k < n; k++) {
			if (acts[k].state != CASE_CLOCK_RUNNING)
				continue;
			const struct proc_step *s = gate_step_of(r, acts[k].started_by);
			buf_addf(&open, "%s第 %d 号（%s，%s）", open.len ? "、" : "",
				 acts[k].started_by->seq, s ? s->label : "", acts[k].started_by->on);
			named = named || acts[k].started_by->seq == want;
		}
		if (!open.len) {
			buf_release(&open);
			GATE_BLOCK(res, FZ_CONFLICT, "本案没有待答复的事项（%s）", clock->label);
		}
		if (!r->availability && !named)
			gate_block(res, FZ_INVALID, "“%s”应为本案待答复事项的记录序号：%s",
				   proc_field_of(c->def, r->step, PROC_ANSWERS_FIELD)->label,
				   buf_cstr(&open));
		else
			gate_note(res, "待答复：%s", buf_cstr(&open));
		buf_release(&open);
		if (!res->passed)
			return;
	}
}

GATE_FN(objection_reasons)
{
	const char *o = gate_field(r, r->ev, "filing_opinion");
	if (!o || strcmp(o, "objection") != 0)
		return;
	if (!gate_field(r, r->ev, "reasons"))
		GATE_BLOCK(res, FZ_INVALID, "备案审查有异议的，须写明“%s”",
			   proc_field_of(r->ctx->def, r->step, "reasons")
				   ? proc_field_of(r->ctx->def, r->step, "reasons")->label : "理由");
	gate_note(res, "有异议，已写明理由；应以纠错通知要求机关纠正");
}
