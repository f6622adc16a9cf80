/* page_alerts.c - GET /alerts: 预警, the inbox of what the law's clocks
 * and the certificates say needs attention now, for the cases and
 * certificates in the viewer's scope: duties past their due date (with
 * which one), duties due within three working days, the work queues of
 * the viewer's roles and certificates expiring within 30 days or expired.
 * Every entry is a query over the record and the derived case status: it
 * disappears when the fact changes (the step is taken, the certificate
 * renewed), never by a click. */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/case.h"
#include "app/case_status.h"
#include "app/people.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/page_case_kit.h"
#include "http/resp.h"

/* Shown per section; the link under it opens the whole list. */
#define ALERTS_SHOWN 20
#define CERT_EXPIRING_DAYS 30

static const char *clock_label(struct req *r, const char *procedure, const char *clock)
{
	size_t n;
	const struct proc_def *defs = app_procedures(&r->ctx, &n);
	for (size_t i = 0; defs && i < n; i++) {
		if (strcmp(defs[i].id, procedure) != 0)
			continue;
		const struct proc_clock *c = proc_clock_find(&defs[i], clock);
		return c ? c->label : clock;
	}
	return clock;
}

/* One section of cases: filter f, the clock each row names. */
static enum fz_err case_section(struct req *r, struct buf *b, const char *title,
				struct case_filter *f, bool overdue, const char *all,
				struct fz_error *e)
{
	struct case_list l;
	struct page pg = { 0, ALERTS_SHOWN };
	enum fz_err rc = app_case_list(&r->ctx, f, pg, &l, e);
	if (rc)
		return rc;
	html_f(b, "<section class=\"alerts\"><h2>%s <span class=\"count\">%lld 件</span></h2>\n",
	       title, (long long)l.total);
	if (!l.n) {
		html_raw(b, "<p class=\"empty\">没有。</p></section>\n");
		return FZ_OK;
	}
	html_raw(b, "<table class=\"list\"><thead><tr><th>案件</th><th>期限</th><th>届满日</th>"
		     "</tr></thead><tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct enf_case *c = &l.items[i];
		struct case_status cs;
		struct fz_error se = { 0 };
		if (app_case_status(&r->ctx, c->id, &cs, &se) != FZ_OK)
			continue;
		const char *clock = overdue ? cs.overdue_clock : cs.next_due_clock;
		html_f(b, "<tr><td data-label=\"案件\"><a href=\"/cases/%lld\">%s</a> %s</td>"
			  "<td data-label=\"期限\">%s</td><td data-label=\"届满日\">%s%s</td></tr>\n",
		       (long long)c->id, c->number, c->title, clock_label(r, c->procedure, clock),
		       overdue ? cs.overdue_due : cs.next_due, overdue ? "（已逾期）" : "");
	}
	html_raw(b, "</tbody></table>\n");
	if (l.total > (int64_t)l.n)
		html_f(b, "<p><a href=\"%s\">查看全部 %lld 件</a></p>\n", all, (long long)l.total);
	html_raw(b, "</section>\n");
	return FZ_OK;
}

static enum fz_err cert_count(struct req *r, struct certificate_filter *f, int64_t *n,
			      struct fz_error *e)
{
	struct certificate_list l;
	struct page one = { 0, 1 };
	f->today = r->ctx.today;
	enum fz_err rc = app_certificate_list(&r->ctx, f, one, &l, e);
	*n = rc ? 0 : l.total;
	return rc;
}

int page_alerts(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	const struct user *u = r->ctx.user;
	struct case_todo t;
	enum fz_err rc = app_case_todo(&r->ctx, CASE_TODO_SOON_WORKING_DAYS, &t, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "预警");
	html_raw(&b, "<p class=\"lead\">系统按法定期限和执法证有效期自动提示；办理了相应步骤、"
		     "换发了证件，提示即自动消失。</p>\n");
	struct case_filter late = { .overdue = true, .closed = 2 };
	struct case_filter soon = { .due_by = t.soon, .closed = 2 };
	if ((rc = case_section(r, &b, "法定期限已届满", &late, true,
			       "/cases?due=overdue&closed=open", &e)) ||
	    (rc = case_section(r, &b, "三个工作日内到期", &soon, false,
			       "/cases?due=soon&closed=open", &e))) {
		buf_release(&b);
		return http_fail_fz(r, rc, &e);
	}
	if (u->roles & (ROLE_REVIEWER | ROLE_HEAD)) {
		html_raw(&b, "<section class=\"alerts\"><h2>待我办理</h2><ul>\n");
		if (u->roles & ROLE_REVIEWER)
			html_f(&b, "<li><a href=\"/queue/review\">待法制审核 %lld 件</a></li>\n",
			       (long long)t.review);
		if (u->roles & ROLE_HEAD)
			html_f(&b, "<li><a href=\"/queue/approval\">待机关负责人审批 %lld 件</a></li>\n",
			       (long long)t.approval);
		html_raw(&b, "</ul></section>\n");
	}
	if (authz_allows(u->roles, PERM_CERT_READ)) {
		int64_t expiring = 0, expired = 0;
		struct certificate_filter fe = { .expiring_within_days = CERT_EXPIRING_DAYS };
		struct certificate_filter fx = { .status = CERT_EXPIRED };
		if ((rc = cert_count(r, &fe, &expiring, &e)) || (rc = cert_count(r, &fx, &expired, &e))) {
			buf_release(&b);
			return http_fail_fz(r, rc, &e);
		}
		html_f(&b, "<section class=\"alerts\"><h2>执法证</h2><ul>\n"
			   "<li><a href=\"/certificates?status=expiring\">%d 天内到期 %lld 张</a>：到期前"
			   "应办理换证</li>\n<li><a href=\"/certificates?status=expired\">已过期 %lld 张</a>"
			   "：持证人不得从事执法活动</li>\n</ul></section>\n",
		       CERT_EXPIRING_DAYS, (long long)expiring, (long long)expired);
	}
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
