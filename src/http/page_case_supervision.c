/* page_case_supervision.c - the case page's 执法监督 section: every
 * supervision act (督办, 监督意见, 纠错通知) with the deadline it set and
 * whether the agency answered, a link to answer for those who may, and the
 * filing of a major decision (重大行政处罚备案) with its deadline. What it
 * says next is what the law and the definition require next. */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/case_status.h"
#include "domain/case_events.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/page_case_kit.h"
#include "http/pagekit.h"

/* Whether the viewer's roles may take step id of the case's definition. */
static bool may_take(const struct req *r, const struct case_view *v, const char *id)
{
	const struct proc_step *s = proc_step_find(v->def, id);
	return s && r->ctx.user && (r->ctx.user->roles & s->roles) && kit_may(r, PERM_CASE_STEP);
}

/* The step that answers the acts: the one stopping their clock. */
static const struct proc_step *answer_step(const struct case_view *v)
{
	for (size_t i = 0; v->nacts && i < v->def->nsteps; i++)
		if (proc_list_has(&v->def->steps[i].stops, v->acts[0].clock->id))
			return &v->def->steps[i];
	return NULL;
}

static void act_row(struct req *r, struct buf *b, const struct case_view *v,
		    const struct case_clock *k, const struct proc_step *answer)
{
	const struct case_event *ev = k->started_by;
	const struct proc_step *s = proc_step_find(v->def, ev->step);
	const char *matters = case_events_field(v->events.items, v->events.n, ev, "matters");
	html_f(b, "<tr><td data-label=\"序号\"><a href=\"#e%d\">%d</a></td>"
		  "<td data-label=\"监督事项\"><strong>%s</strong> %s</td>"
		  "<td data-label=\"发出日期\">%s</td><td data-label=\"办理期限\">%s</td>"
		  "<td data-label=\"状态\">",
	       ev->seq, ev->seq, s ? s->label : ev->step, matters ? matters : "", ev->on,
	       k->deadline.due);
	if (k->stopped_by)
		html_f(b, "已于 %s 答复（<a href=\"#e%d\">第 %d 项</a>）%s", k->stopped_by->on,
		       k->stopped_by->seq, k->stopped_by->seq,
		       k->overdue ? " <span class=\"badge bad\">逾期答复</span>" : "");
	else if (k->overdue)
		html_raw(b, "<span class=\"badge bad\">逾期未答复</span> 机关应立即答复办理情况");
	else
		html_f(b, "待答复：机关应于 %s 前答复办理情况", k->deadline.due);
	if (!k->stopped_by && answer && may_take(r, v, answer->id))
		html_f(b, " <a class=\"button\" href=\"/cases/%lld/steps/%s?answers=%d\">%s</a>",
		       (long long)v->c.id, answer->id, ev->seq, answer->label);
	html_raw(b, "</td></tr>\n");
}

static void filing(struct buf *b, const struct case_view *v)
{
	const struct case_clock *k = NULL;
	for (size_t i = 0; i < v->nclocks; i++)
		if (strcmp(v->clocks[i].clock->id, CASE_FILING_CLOCK) == 0)
			k = &v->clocks[i];
	if (!k || !k->started_by || k->state == CASE_CLOCK_NOT_APPLICABLE)
		return;
	html_f(b, "<p><strong>%s</strong>：", k->clock->label);
	if (k->stopped_by)
		html_f(b, "已于 %s 报送备案%s。", k->stopped_by->on,
		       k->overdue ? "（逾期）" : "（按期）");
	else if (k->overdue)
		html_f(b, "应于 %s 前报送司法局备案，<span class=\"badge bad\">已逾期</span>，"
			  "应立即报送。", k->deadline.due);
	else
		html_f(b, "本案决定经法制审核或集体讨论，属于重大行政处罚，应于 %s 前报送司法局备案。",
		       k->deadline.due);
	html_raw(b, "</p>\n");
}

void case_supervision_section(struct req *r, struct buf *b, const struct case_view *v)
{
	const struct proc_step *answer = answer_step(v);
	bool any = false;
	for (size_t i = 0; i < v->def->nsteps && !any; i++)
		any = (v->def->steps[i].flags & PROC_OVERSIGHT) != 0;
	if (!any)
		return;
	html_raw(b, "<h2 id=\"supervision\">执法监督</h2>\n");
	filing(b, v);
	if (!v->nacts) {
		html_raw(b, "<p class=\"empty\">本案尚无督办、监督意见或纠错通知。</p>\n");
		return;
	}
	html_raw(b, "<p class=\"hint\">司法局发出的每一项督办、监督意见和纠错通知都有办理期限，"
		    "由本机关负责人或执法人员逐项答复；答复后期限即停止，相应预警消失。</p>\n"
		    "<table class=\"list\"><thead><tr><th>序号</th><th>监督事项</th><th>发出日期</th>"
		    "<th>办理期限</th><th>状态</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < v->nacts; i++)
		act_row(r, b, v, &v->acts[i], answer);
	html_raw(b, "</tbody></table>\n");
}
