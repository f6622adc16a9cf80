/* page_alerts.c - GET /alerts: 预警, the inbox of what the law's clocks
 * and the certificates say needs attention now, for the cases and
 * certificates in the viewer's scope: duties past their due date (with
 * which one), duties due within three working days, the work queues of
 * the viewer's roles, supervision acts awaiting the agency's answer, the
 * filing of major decisions due soon or late, legal reviews pending too
 * long, open cases an officer without a valid certificate took part in,
 * and certificates expiring within 30 days or expired.
 * Every entry is a query over the record and the derived case status: it
 * disappears when the fact changes (the step is taken, the certificate
 * renewed), never by a click. */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/case.h"
#include "app/case_status.h"
#include "app/complaint.h"
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

/* What a section's rows name: the duty and its date. */
enum alert_kind {
	ALERT_OVERDUE,  /* the first overdue duty */
	ALERT_SOON,     /* the duty due first */
	ALERT_ACTS,     /* supervision acts awaiting the agency's answer */
	ALERT_FILING,   /* the filing of a major decision */
	ALERT_REVIEW,   /* a legal review pending too long */
	ALERT_CERT,     /* an officer without a valid certificate took part */
};

static void alert_row(struct req *r, struct buf *b, const struct enf_case *c,
		      const struct case_status *cs, enum alert_kind k)
{
	const char *what = "", *day = "", *mark = "";
	char n[40];
	switch (k) {
	case ALERT_OVERDUE:
		what = clock_label(r, c->procedure, cs->overdue_clock);
		day = cs->overdue_due;
		mark = "（已逾期）";
		break;
	case ALERT_SOON:
		what = clock_label(r, c->procedure, cs->next_due_clock);
		day = cs->next_due;
		break;
	case ALERT_ACTS:
		snprintf(n, sizeof n, "%d 项监督事项待答复", cs->acts_open);
		what = n;
		day = cs->acts_due;
		mark = strcmp(cs->acts_due, r->ctx.today) < 0 ? "（已逾期）" : "";
		break;
	case ALERT_FILING:
		what = "重大行政处罚备案";
		day = cs->filing_due;
		mark = strcmp(cs->filing_due, r->ctx.today) < 0 ? "（已逾期）" : "";
		break;
	case ALERT_REVIEW:
		what = "法制审核尚未进行";
		day = cs->review_due;
		mark = "（已超过）";
		break;
	case ALERT_CERT:
		what = "参与办案的执法人员执法证已失效";
		day = "—";
		break;
	}
	html_f(b, "<tr><td data-label=\"案件\"><a href=\"/cases/%lld\">%s</a> %s</td>"
		  "<td data-label=\"事项\">%s</td><td data-label=\"日期\">%s%s</td></tr>\n",
	       (long long)c->id, c->number, c->title, what, day, mark);
}

/* One section of cases: filter f, what each row names (kind), the full
 * list at `all` when the section shows only its first rows. */
static enum fz_err case_section(struct req *r, struct buf *b, const char *title,
				const char *law, struct case_filter *f, enum alert_kind kind,
				const char *all, struct fz_error *e)
{
	struct case_list l;
	struct page pg = { 0, ALERTS_SHOWN };
	enum fz_err rc = app_case_list(&r->ctx, f, pg, &l, e);
	if (rc)
		return rc;
	html_f(b, "<section class=\"alerts\"><h2>%s <span class=\"count\">%lld 件</span></h2>\n",
	       title, (long long)l.total);
	if (law)
		html_f(b, "<p class=\"hint\">%s</p>\n", law);
	if (!l.n) {
		html_raw(b, "<p class=\"empty\">没有。</p></section>\n");
		return FZ_OK;
	}
	html_raw(b, "<table class=\"list\"><thead><tr><th>案件</th><th>事项</th><th>日期</th>"
		     "</tr></thead><tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct enf_case *c = &l.items[i];
		struct case_status cs;
		struct fz_error se = { 0 };
		if (app_case_status(&r->ctx, c->id, &cs, &se) != FZ_OK)
			continue;
		alert_row(r, b, c, &cs, kind);
	}
	html_raw(b, "</tbody></table>\n");
	if (l.total > (int64_t)l.n)
		html_f(b, "<p><a href=\"%s\">查看全部 %lld 件</a></p>\n", all, (long long)l.total);
	html_raw(b, "</section>\n");
	return FZ_OK;
}

/* The sections of supervision (issue 12 §2, §3): acts awaiting the
 * agency's answer, filings due soon or late, reviews pending too long,
 * officers without a valid certificate on open cases. */
static enum fz_err supervision_sections(struct req *r, struct buf *b, const char *soon,
					struct fz_error *e)
{
	/* each to the roles that act on it: the agency answers and files,
	 * the reviewer reviews, the head and the justice bureau watch all */
	unsigned roles = r->ctx.user->roles;
	const unsigned agency = ROLE_OFFICER | ROLE_HEAD, watch = ROLE_HEAD | ROLE_SUPERVISOR;
	struct case_filter acts = { .acts_open = true };
	struct case_filter fs = { .filing_due_by = soon }, fo = { .filing_overdue = true };
	struct case_filter rl = { .review_late = true }, uc = { .handler_uncertified = true };
	enum fz_err rc = FZ_OK;
	if (roles & (agency | ROLE_SUPERVISOR))
		rc = case_section(r, b, roles & agency ? "待本机关答复的监督事项" : "监督事项待机关答复",
				  "司法局的督办、监督意见、纠错通知须在其确定的期限内答复；"
				  "答复后即不再提示。", &acts, ALERT_ACTS, "/cases?alert=acts", e);
	if (!rc && (roles & (agency | ROLE_SUPERVISOR)))
		rc = case_section(r, b, "重大行政处罚备案已逾期",
				  "经法制审核或集体讨论作出的处罚决定，应在期限内报司法局备案"
				  "（期限按本省配置，未核实）。",
				  &fo, ALERT_FILING, "/cases?alert=filing_overdue", e);
	if (!rc && (roles & (agency | ROLE_SUPERVISOR)))
		rc = case_section(r, b, "重大行政处罚备案三个工作日内到期", NULL, &fs, ALERT_FILING,
				  "/cases?alert=filing_soon", e);
	if (!rc && (roles & (ROLE_REVIEWER | watch)))
		rc = case_section(r, b, "法制审核等待过久",
				  "案件进入待审核后超过省级配置的期限（默认五个工作日）仍未审核；"
				  "审核后即不再提示。", &rl, ALERT_REVIEW, "/cases?alert=review_late", e);
	if (!rc && (roles & watch))
		rc = case_section(r, b, "有执法证失效的人员参与的办理中案件",
				  "执法人员的执法证过期、暂扣或吊销后不得从事执法活动（行政处罚法第四十二条）；"
				  "证件恢复有效或案件办结后即不再提示。",
				  &uc, ALERT_CERT, "/cases?alert=uncertified&closed=open", e);
	return rc;
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
	if ((rc = case_section(r, &b, "法定期限已届满", NULL, &late, ALERT_OVERDUE,
			       "/cases?due=overdue&closed=open", &e)) ||
	    (rc = case_section(r, &b, "三个工作日内到期", NULL, &soon, ALERT_SOON,
			       "/cases?due=soon&closed=open", &e)) ||
	    (rc = supervision_sections(r, &b, t.soon, &e))) {
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
	if (authz_allows(u->roles, PERM_COMPLAINT_READ)) {
		struct complaint_counts cc;
		if ((rc = app_complaint_counts(&r->ctx, &cc, &e))) {
			buf_release(&b);
			return http_fail_fz(r, rc, &e);
		}
		html_f(&b, "<section class=\"alerts\"><h2>投诉举报</h2><ul>\n"
			   "<li><a href=\"/complaints?overdue=true\">已逾期 %lld 件</a>：受理决定或办理答复"
			   "已过期限</li>\n<li>%d 日内到期 %lld 件</li>\n"
			   "<li><a href=\"/complaints?mine=true\">待我办理 %lld 件</a></li>\n</ul></section>\n",
		       (long long)cc.overdue, COMPLAINT_DUE_SOON_DAYS, (long long)cc.due_soon,
		       (long long)cc.waiting);
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
	page_evaluation_alerts(r, &b);
	normcat_alert_section(r, &b); /* page_normcat.c */
	review_request_alert_section(r, &b); /* page_review_request.c */
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
