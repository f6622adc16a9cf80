/* page_case_show.c - one case (GET /cases/{id}): its header, the clock
 * badges, what can be done next (a link to each available step's form,
 * the others greyed out with the gate's reason), the deadlines with their
 * explanation, the record of events (更正 marked) and its documents. */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "domain/outcome.h"
#include "http/api_case_input.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/page_case_kit.h"
#include "http/page_ledger.h"
#include "http/pub_view.h"
#include "http/resp.h"

/* A matter (事项: a normative document) has a title and units where a
 * case has a party: the owning (drafting) unit, the co-drafting ones, and
 * its draft versions. */
static void matter_header(struct buf *b, const struct case_view *v)
{
	const struct enf_case *c = &v->c;
	/* a decision has a proposing (承办) unit; a document drafting units */
	bool decision = v->def->kind == CASE_MAJOR_DECISION;
	html_f(b, "<dl class=\"fields case-head\"><dt>编号</dt><dd class=\"mono\">%s</dd>"
		  "<dt>标题</dt><dd>%s</dd><dt>程序</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
		  "<dt>%s</dt><dd>",
	       c->number, c->title, v->def->label, decision ? "承办单位" : "牵头起草单位",
	       c->agency_name, decision ? "会同承办单位" : "会同起草单位");
	for (size_t i = 0; i < v->nco_units; i++)
		html_f(b, "%s%s", i ? "、" : "", v->co_units[i].name);
	if (!v->nco_units)
		html_raw(b, "—");
	size_t nver = 0;
	for (size_t i = 0; i < v->events.n; i++)
		nver += strcmp(v->events.items[i].step, PROC_CORRECTION) &&
			case_event_field(&v->events.items[i], CASE_VERSION_FIELD);
	html_f(b, "</dd><dt>立项日期</dt><dd>%s</dd><dt>草案版本</dt><dd>",
	       c->opened_on[0] ? c->opened_on : "—");
	if (nver)
		html_f(b, "<a href=\"/cases/%lld/versions\">共 %zu 版（查看、比较）</a>", (long long)c->id,
		       nver);
	else
		html_raw(b, "尚未起草");
	html_raw(b, "</dd><dt>状态</dt><dd>");
	case_state_show(b, v);
	html_raw(b, "</dd></dl>\n");
}

static void header(struct req *r, struct buf *b, const struct case_view *v)
{
	const struct enf_case *c = &v->c;
	char masked[40];
	if (v->def->matter) {
		matter_header(b, v);
		goto badges;
	}
	html_f(b, "<dl class=\"fields case-head\"><dt>案件编号</dt><dd class=\"mono\">%s</dd>"
		  "<dt>案由</dt><dd>%s</dd><dt>当事人</dt><dd>%s",
	       c->number, c->title, c->party_name);
	if (c->party_id && *c->party_id) {
		if (c->party_kind == PARTY_CITIZEN)
			kit_mask_resident_id(c->party_id, masked);
		html_f(b, "<br><span class=\"mono muted\">%s</span>",
		       c->party_kind == PARTY_CITIZEN ? masked : c->party_id);
	}
	html_raw(b, "</dd>");
	if (c->party_address && *c->party_address)
		html_f(b, "<dt>当事人地址</dt><dd>%s</dd>", c->party_address);
	html_f(b, "<dt>程序</dt><dd>%s</dd><dt>执法领域</dt><dd>%s</dd><dt>执法主体</dt><dd>%s</dd>"
		  "<dt>违法行为日期</dt><dd>%s</dd><dt>立案日期</dt><dd>%s</dd><dt>状态</dt><dd>",
	       v->def->label, c->domain, c->agency_name, c->act_date[0] ? c->act_date : "—",
	       c->opened_on[0] ? c->opened_on : "—");
	case_state_show(b, v);
	html_raw(b, "</dd></dl>\n");
badges:;
	struct buf badges = BUF_INIT;
	case_clock_badges(&badges, v, r->ctx.today, case_soon_day(r));
	if (badges.len) {
		html_raw(b, "<p class=\"badges\">");
		html_raw(b, buf_cstr(&badges)); /* built with html_f */
		html_raw(b, "</p>\n");
	}
	if (buf_failed(&badges))
		b->failed = true;
	buf_release(&badges);
}

/* The gates a step lists, by their Chinese names. */
static void gate_names(struct buf *b, const struct proc_step *st)
{
	if (!st->ngates)
		return;
	html_raw(b, "<span class=\"gates-needed\">关卡：");
	for (size_t i = 0; i < st->ngates; i++) {
		const struct gate_def *g = gate_def_find(st->gates[i].name);
		html_f(b, "%s%s", i ? "、" : "", g ? g->label : st->gates[i].name);
	}
	html_raw(b, "</span>");
}

static void option_item(struct req *r, struct buf *b, const struct case_view *v,
			const struct proc_option *o)
{
	/* 公示 and 撤下公示 are recorded by the publication pipeline: the
	 * reviewer confirms the prepared publication under 公示审核. */
	if (o->available && kit_may(r, PERM_CASE_ACT) &&
	    (o->step->flags & (PROC_PUBLISHES | PROC_WITHDRAWS)))
		html_f(b, "<li class=\"on\"><a class=\"button\" href=\"/publications?status=%s\">%s"
			  "（公示审核）</a> ",
		       (o->step->flags & PROC_PUBLISHES) ? "prepared" : "withdrawing",
		       o->step->label);
	/* The draw has its own form: the server makes the seed. */
	else if (o->available && kit_may(r, PERM_CASE_ACT) &&
		 strcmp(o->step->id, "random_draw") == 0)
		html_f(b, "<li class=\"on\"><a class=\"button\" href=\"/cases/%lld/draw\">%s</a> ",
		       (long long)v->c.id, o->step->label);
	else if (o->available && kit_may(r, PERM_CASE_STEP))
		html_f(b, "<li class=\"on\"><a class=\"button\" href=\"/cases/%lld/steps/%s\">%s</a> ",
		       (long long)v->c.id, o->step->id, o->step->label);
	else if (o->available)
		html_f(b, "<li class=\"on\"><span class=\"step\">%s</span> ", o->step->label);
	else
		html_f(b, "<li class=\"off\"><span class=\"step\" aria-disabled=\"true\">%s</span> "
			  "<span class=\"reason\">%s</span> ",
		       o->step->label, o->reason);
	gate_names(b, o->step);
	html_raw(b, "</li>\n");
}

/* Blocked only because another role takes it or it was taken already. */
static bool folded(const struct proc_option *o)
{
	return o->gate && (!strcmp(o->gate, "role_allowed") || !strcmp(o->gate, "not_repeated"));
}

/* Steps the user can take now, then those blocked by a gate (greyed,
 * with the reason), then - folded - those taken already or only another
 * role takes. */
static void next_steps(struct req *r, struct buf *b, const struct case_view *v)
{
	size_t others = 0;
	long standing = outcome_standing(v->def, v->events.items, v->events.n);
	html_raw(b, "<h2 id=\"next\">下一步</h2>\n");
	if (v->c.closed)
		html_raw(b, "<p class=\"hint\">案件已结案，记录已冻结；如有错误，由有权人员以更正事件记录。"
			    "执法监督（督办、监督意见、纠错通知）及其答复、重大行政处罚备案不受结案限制。</p>\n");
	html_raw(b, "<ul class=\"steps\">\n");
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < v->noptions; i++) {
			const struct proc_option *o = &v->options[i];
			bool fold = folded(o);
			/* Once an outcome stands, steps that cannot follow it are
			 * not offered at all (the page offers what is possible). */
			bool moot = standing >= 0 && !(o->step->flags & PROC_OVERSIGHT) &&
				    !outcome_step_follows(v->def, o->step,
							  v->events.items[standing].step);
			/* supervision is offered when it can be taken; what it
			 * awaits is said in the 执法监督 section */
			moot = moot || ((o->step->flags & PROC_OVERSIGHT) && !o->available);
			if (o->available == (pass == 0) && !fold && !moot &&
			    !(v->c.closed && !o->available))
				option_item(r, b, v, o);
			others += pass == 0 && fold && !moot;
		}
	html_raw(b, "</ul>\n");
	if (others && !v->c.closed) {
		html_f(b, "<details class=\"other-steps\"><summary>已办理或由其他人员办理的步骤（%zu）"
			  "</summary><ul class=\"steps\">\n", others);
		for (size_t i = 0; i < v->noptions; i++)
			if (folded(&v->options[i]) && !(v->options[i].step->flags & PROC_OVERSIGHT) &&
			    !(standing >= 0 &&
			      !outcome_step_follows(v->def, v->options[i].step,
								     v->events.items[standing].step)))
				option_item(r, b, v, &v->options[i]);
		html_raw(b, "</ul></details>\n");
	}
	if (kit_may(r, PERM_CASE_ACT) && r->ctx.user &&
	    (r->ctx.user->roles & v->def->correction_roles))
		html_f(b, "<p class=\"actions\"><a class=\"button secondary\" href=\"/cases/%lld/steps/"
			  "correction\">记录更正</a></p>\n", (long long)v->c.id);
}

static void deadlines(struct buf *b, const struct case_view *v)
{
	html_raw(b, "<h2 id=\"deadlines\">期限</h2>\n<table class=\"list clocks\"><thead><tr>"
		    "<th>期限</th><th>状态</th><th>起算</th><th>届满日</th><th>说明</th></tr></thead>"
		    "<tbody>\n");
	for (size_t i = 0; i < v->nclocks; i++) {
		const struct case_clock *c = &v->clocks[i];
		html_f(b, "<tr><td data-label=\"期限\">%s</td><td data-label=\"状态\">%s",
		       c->clock->label, case_clock_state_label(c->state));
		if (c->stopped_by)
			html_f(b, "（%s）", c->stopped_by->on);
		else if (c->state == CASE_CLOCK_ENDED)
			html_f(b, "（%s，%s）", case_clock_end_label(c->end), c->ended_by->on);
		html_raw(b, "</td><td data-label=\"起算\">");
		html_f(b, "%s", c->started_by ? c->input.start : "—");
		html_raw(b, "</td><td data-label=\"届满日\">");
		if (c->started_by && c->state != CASE_CLOCK_NOT_APPLICABLE) {
			html_f(b, "%s", c->deadline.due);
			if (c->deadline.provisional)
				html_raw(b, " <span class=\"badge warn\" title=\"日历未覆盖该年度，"
					    "按周末和固定节日暂算\">暂定</span>");
			if (c->elapsed)
				html_raw(b, " <span class=\"badge expired\">已届满</span>");
			else if (c->overdue)
				html_raw(b, c->stopped_by ? " <span class=\"badge bad\">逾期完成</span>"
							  : " <span class=\"badge bad\">逾期</span>");
		} else {
			html_raw(b, "—");
		}
		html_raw(b, "</td><td data-label=\"说明\">");
		struct buf ex = BUF_INIT;
		case_clock_explain(c, &ex);
		html_f(b, "<details><summary>计算过程</summary><div class=\"explain\">%s</div></details>",
		       buf_cstr(&ex));
		if (buf_failed(&ex))
			b->failed = true;
		buf_release(&ex);
		html_raw(b, "</td></tr>\n");
	}
	if (!v->nclocks)
		html_raw(b, "<tr><td colspan=\"5\" class=\"empty\">本程序没有法定期限。</td></tr>\n");
	html_raw(b, "</tbody></table>\n");
}

static const struct case_event *event_by_id(const struct case_view *v, int64_t id)
{
	for (size_t i = 0; i < v->events.n; i++)
		if (v->events.items[i].id == id)
			return &v->events.items[i];
	return NULL;
}

static const char *step_label(const struct case_view *v, const char *step)
{
	const struct proc_step *st = proc_step_find(v->def, step);
	return st ? st->label : strcmp(step, PROC_CORRECTION) == 0 ? "更正" : step;
}

static void event_fields(struct req *r, struct buf *b, const struct case_view *v,
			 const struct case_event *ev, const struct case_people *people)
{
	const struct case_event *target = ev->corrects ? event_by_id(v, ev->corrects) : ev;
	const struct proc_step *st = target ? proc_step_find(v->def, target->step) : NULL;
	if (!ev->nfields && !ev->nofficers && !(ev->reason && *ev->reason))
		return;
	html_raw(b, "<dl class=\"fields event\">");
	if (ev->nofficers) {
		html_raw(b, "<dt>参与人员</dt><dd>");
		for (size_t k = 0; k < ev->nofficers; k++)
			html_f(b, "%s%s", k ? "、" : "", case_person_name(r, people, ev->officers[k]));
		html_raw(b, "</dd>");
	}
	for (size_t k = 0; k < ev->nfields; k++) {
		const struct proc_field *f = proc_field_of(v->def, st, ev->fields[k].key);
		html_f(b, "<dt>%s</dt><dd class=\"text\">", case_field_label(f, ev->fields[k].key));
		case_field_show(r, b, f, people, ev->fields[k].value);
		html_raw(b, "</dd>");
	}
	if (ev->reason && *ev->reason)
		html_f(b, "<dt>理由</dt><dd class=\"text\">%s</dd>", ev->reason);
	html_raw(b, "</dl>");
}

static void timeline(struct req *r, struct buf *b, const struct case_view *v,
		     const struct case_people *people)
{
	html_raw(b, "<h2 id=\"record\">办案记录</h2>\n");
	if (!v->events.n) {
		html_raw(b, "<p class=\"empty\">尚无记录。</p>\n");
		return;
	}
	int late = case_api_late_days(r);
	html_raw(b, "<ol class=\"timeline\">\n");
	for (size_t i = 0; i < v->events.n; i++) {
		const struct case_event *ev = &v->events.items[i];
		bool corr = strcmp(ev->step, PROC_CORRECTION) == 0;
		html_f(b, "<li id=\"e%d\"", ev->seq);
		if (corr)
			html_raw(b, " class=\"correction\"");
		html_f(b, "><p class=\"what\"><span class=\"seq\">%d</span> ", ev->seq);
		if (corr) {
			const struct case_event *t = event_by_id(v, ev->corrects);
			html_raw(b, "<span class=\"badge warn\">更正</span> ");
			if (t)
				html_f(b, "更正第 <a href=\"#e%d\">%d</a> 项「%s」（%s）", t->seq, t->seq,
				       step_label(v, t->step), t->on);
		} else {
			html_f(b, "<strong>%s</strong>", step_label(v, ev->step));
		}
		html_f(b, " <span class=\"day\">%s</span>", ev->on);
		if (outcome_event_late(ev, late))
			html_raw(b, " <span class=\"badge warn\">补录</span>");
		long vi = outcome_voided_by(v->def, v->events.items, v->events.n, i);
		if (vi >= 0)
			html_f(b, " <span class=\"badge bad\">已撤销</span> <a href=\"#e%d\">见第 %d 项「%s」</a>",
			       v->events.items[vi].seq, v->events.items[vi].seq,
			       step_label(v, v->events.items[vi].step));
		html_f(b, "</p>\n<p class=\"who muted\">记录人 %s · ",
		       ev->actor_name && *ev->actor_name ? ev->actor_name
		       : ev->actor && *ev->actor      ? ev->actor
						      : "系统");
		kit_time(b, ev->at);
		for (size_t k = i + 1; k < v->events.n; k++)
			if (v->events.items[k].corrects == ev->id)
				html_f(b, " · <a href=\"#e%d\">已由第 %d 项更正</a>", v->events.items[k].seq,
				       v->events.items[k].seq);
		html_raw(b, "</p>\n");
		event_fields(r, b, v, ev, people);
		html_raw(b, "</li>\n");
	}
	html_raw(b, "</ol>\n");
}

static void documents(struct buf *b, const struct case_view *v)
{
	size_t shown = 0;
	html_raw(b, "<h2 id=\"documents\">文书</h2>\n<ul class=\"plain documents\">\n");
	for (size_t i = 0; i < v->events.n; i++) {
		const struct case_event *ev = &v->events.items[i];
		const struct proc_step *st = proc_step_find(v->def, ev->step);
		for (size_t k = 0; st && k < st->produces.n; k++) {
			const struct proc_doc *d = proc_doc_find(v->def, st->produces.items[k].id);
			html_f(b, "<li>%s <span class=\"muted\">（%s，%s）</span></li>\n",
			       d ? d->label : st->produces.items[k].id, st->label, ev->on);
			shown++;
		}
	}
	if (!shown)
		html_raw(b, "<li class=\"empty\">尚未制作文书。</li>\n");
	html_f(b, "</ul>\n<p><a href=\"/cases/%lld/documents\">卷内目录及文书 PDF</a></p>\n",
	       (long long)v->c.id);
}

int page_case_show(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct case_view v;
	struct case_people people;
	enum fz_err rc = app_case_view(&r->ctx, req_param(r, "id"), &v, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	case_people_load(r, v.c.agency_id, &people);

	page_begin(r, &b, v.c.title);
	page_notice(r, &b);
	header(r, &b, &v);
	case_enforcement_facts(&b, &v);
	next_steps(r, &b, &v);
	case_supervision_section(r, &b, &v);
	case_comments_section(r, &b, &v); /* page_consultation.c */
	deadlines(&b, &v);
	timeline(r, &b, &v, &people);
	case_decision_section(r, &b, &v);
	documents(&b, &v);
	case_evidence_section(r, &b, &v);
	case_publication_section(r, &b, v.c.id); /* page_publication.c */
	case_ledger_section(r, &b, &v); /* page_ledger.c */
	html_raw(&b, "<p class=\"actions\"><a class=\"button secondary\" href=\"/cases\">返回案件列表</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
