/* page_case_kit.c - see page_case_kit.h: the agency's people, the clock
 * badges (computed when read, like every deadline, from the case's
 * events), the state of a case for people, the row badges of the case
 * lists, and the case table of an indicator's drill-down. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "app/case_status.h"
#include "app/people.h"
#include "base/date.h"
#include "app/case_status.h"
#include "http/layout.h"
#include "http/html.h"
#include "http/page_case_kit.h"

#include "app/org.h"

#define PEOPLE_MAX 300

void case_people_load(struct req *r, int64_t agency_id, struct case_people *out)
{
	struct person_filter f = { .agency_id = agency_id };
	struct person_list list = { 0 };
	struct fz_error e = { 0 };
	memset(out, 0, sizeof *out);
	if (app_person_list(&r->ctx, &f, (struct page){ 0, PEOPLE_MAX }, &list, &e) == FZ_OK) {
		out->items = list.items;
		out->n = list.n;
	}
	struct unit_list units = { 0 };
	if (app_unit_list(&r->ctx, agency_id, (struct page){ 0, 200 }, &units, &e) == FZ_OK) {
		out->units = units.items;
		out->nunits = units.n;
	}
}

const char *case_person_unit(const struct case_people *people, const struct person *p)
{
	for (size_t i = 0; p->unit_id && i < people->nunits; i++)
		if (people->units[i].id == p->unit_id)
			return people->units[i].name;
	return "未分配内设机构";
}

const char *case_person_name(struct req *r, const struct case_people *p, int64_t id)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].id == id)
			return p->items[i].name;
	const char *s = arena_printf(r->a, "人员 #%lld", (long long)id);
	return s ? s : "";
}

/* A clock that still runs (or stands still) for an open case. */
static bool live(const struct case_clock *c)
{
	return c->started_by && !c->stopped_by &&
	       (c->state == CASE_CLOCK_RUNNING || c->state == CASE_CLOCK_SUSPENDED);
}

const char *case_soon_day(struct req *r)
{
	char *soon = arena_alloc(r->ctx.a, FZ_DATE_LEN);
	struct fz_error e = { 0 };
	if (!soon || app_case_soon(&r->ctx, CASE_TODO_SOON_WORKING_DAYS, soon, &e) != FZ_OK)
		return NULL;
	return soon;
}

void case_clock_badges(struct buf *b, const struct case_view *v, const char *today,
		       const char *soon)
{
	if (v->c.closed)
		return;
	for (size_t i = 0; i < v->nclocks; i++) {
		const struct case_clock *c = &v->clocks[i];
		if (!live(c) || c->party_period)
			continue;
		const char *prov = c->deadline.provisional ? "（暂定）" : "";
		if (c->overdue) {
			int late = date_diff_days(c->deadline.due, today);
			html_f(b, "<span class=\"badge bad\">逾期 %d 天：%s</span> ", late == INT_MIN ? 0 : late,
			       c->clock->label);
			continue;
		}
		if (c->state == CASE_CLOCK_RUNNING && soon && strcmp(c->deadline.due, soon) <= 0)
			html_f(b, "<span class=\"badge warn\">即将到期：%s %s%s</span> ", c->clock->label,
			       c->deadline.due, prov);
	}
}

void case_state_show(struct buf *b, const struct case_view *v)
{
	const struct proc_step *st = v->def ? proc_step_find(v->def, v->c.state) : NULL;
	html_f(b, "%s", st ? st->label : v->c.state[0] ? v->c.state : "未立案");
	if (v->c.closed)
		html_raw(b, " <span class=\"badge expired\">已结案</span>");
}

const char *case_procedure_label(struct req *r, const char *id)
{
	size_t n;
	const struct proc_def *defs = app_procedures(&r->ctx, &n);
	for (size_t i = 0; defs && i < n; i++)
		if (strcmp(defs[i].id, id) == 0)
			return defs[i].label;
	return id;
}

void case_gate_results(struct buf *b, const struct case_check *check)
{
	if (!check || !check->n)
		return;
	html_raw(b, "<h2>关卡检查结果</h2>\n<ul class=\"gate-results\">\n");
	for (size_t k = 0; k < 2 * check->n; k++) { /* the blocking ones first */
		const struct gate_result *g = &check->results[k % check->n];
		if (g->passed != (k >= check->n))
			continue;
		html_f(b, "<li class=\"%s\"><span class=\"mark\">%s</span> <strong>%s</strong>%s%s</li>\n",
		       g->passed ? "pass" : "block", g->passed ? "✓ 通过" : "✗ 未通过", g->label,
		       g->message[0] ? "：" : "", g->message);
	}
	html_raw(b, "</ul>\n");
}

/* The badges of a row as markup, or (plain) as text for a file:
 * "逾期 3 天：处罚决定期限；即将到期：…". */
static void row_badges(struct buf *b, const struct enf_case *c, const struct case_row *row,
		       const char *today, const char *soon, bool plain)
{
	if (c->closed)
		return;
	for (size_t i = 0; i < row->nduties; i++) {
		const struct case_duty *d = &row->duties[i];
		const struct proc_clock *k = row->def ? proc_clock_find(row->def, d->clock) : NULL;
		const char *label = k ? k->label : d->clock;
		const char *sep = plain && b->len ? "；" : "";
		const char *prov = d->provisional ? "（暂定）" : "";
		int late = d->overdue ? date_diff_days(d->due, today) : 0;
		if (late == INT_MIN)
			late = 0;
		/* text for a file is not escaped: a spreadsheet shows it as is */
		if (d->overdue && plain)
			buf_addf(b, "%s逾期 %d 天：%s", sep, late, label);
		else if (d->overdue)
			html_f(b, "<span class=\"badge bad\">逾期 %d 天：%s</span> ", late, label);
		else if (d->running && soon && strcmp(d->due, soon) <= 0 && plain)
			buf_addf(b, "%s即将到期：%s %s%s", sep, label, d->due, prov);
		else if (d->running && soon && strcmp(d->due, soon) <= 0)
			html_f(b, "<span class=\"badge warn\">即将到期：%s %s%s</span> ", label,
			       d->due, prov);
	}
}

void case_row_badges(struct buf *b, const struct enf_case *c, const struct case_row *row,
		     const char *today, const char *soon)
{
	row_badges(b, c, row, today, soon, false);
}

void case_row_badges_text(struct buf *b, const struct enf_case *c, const struct case_row *row,
			  const char *today, const char *soon)
{
	row_badges(b, c, row, today, soon, true);
}

void case_row_state(struct buf *b, const struct enf_case *c, const struct case_row *row)
{
	html_f(b, "%s", row->state ? row->state->label : c->state[0] ? c->state : "未立案");
	if (c->closed)
		html_raw(b, " <span class=\"badge expired\">已结案</span>");
}
