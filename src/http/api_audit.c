/* api_audit.c - the auditor's API: list the audit log with filters, the
 * changed fields of one record, and a CSV export (itself audited). Dates
 * in ?from= and ?to= are China Standard Time days, YYYY-MM-DD, both
 * inclusive: from=2026-03-01&to=2026-03-31 is the whole of March. */
#include <stdio.h>

#include "app/auditlog.h"
#include "base/date.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/resp.h"

#define AUDIT_EXPORT_MAX (64 * 1024 * 1024) /* bytes of CSV */

static const char *const result_names[] = { "ok", "denied", "failed", NULL };

/* The first second of day s in China, plus extra_days days; FZ_INVALID
 * naming the parameter when s is not a real YYYY-MM-DD day. */
static enum fz_err day_start(struct req *r, const char *name, int extra_days, int64_t *out,
			     struct fz_error *e)
{
	const char *s = req_query(r, name);
	int y, m, d;
	*out = 0;
	if (!s || !*s)
		return FZ_OK;
	if (!date_parse(s, &y, &m, &d))
		return fz_fail(e, FZ_INVALID, name, "参数 %s 应为日期 YYYY-MM-DD", name);
	*out = (date_to_days(y, m, d) + extra_days) * 86400 - DATE_UTC_OFFSET;
	return FZ_OK;
}

static enum fz_err audit_filter_read(struct req *r, struct audit_filter *f, struct fz_error *e)
{
	enum fz_err rc;
	int result;
	*f = (struct audit_filter){ 0 };
	if ((rc = day_start(r, "from", 0, &f->from, e)) ||
	    (rc = day_start(r, "to", 1, &f->to, e)) ||
	    (rc = query_text(r, "actor", 64, &f->actor, e)) ||
	    (rc = query_text(r, "action", 64, &f->action, e)) ||
	    (rc = query_text(r, "object_type", 32, &f->object_type, e)) ||
	    (rc = query_text(r, "object_id", 32, &f->object_id, e)) ||
	    (rc = query_choice(r, "result", result_names, &result, e)))
		return rc;
	if (f->from && f->to && f->to <= f->from)
		return fz_fail(e, FZ_INVALID, "to", "结束日期不能早于开始日期");
	f->result = result >= 0 ? result_names[result] : NULL;
	return FZ_OK;
}

int api_audit_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct audit_filter f;
	struct audit_list l;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) || (rc = audit_filter_read(r, &f, &e)) ||
	    (rc = app_audit_list(&r->ctx, &f, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_audit_entry(&l.items[i]));
	return resp_list(r, items, l.total, pg);
}

/* A record without changed fields (a sign-in, a read) gives an empty
 * list, and so does an id that names no record: the log has no gaps to
 * hide, and the auditor sees every record anyway. */
int api_audit_changes(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct audit_change_list l;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_audit_changes(&r->ctx, req_param(r, "id"), &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = (size_t)pg.offset; i < l.n && i < (size_t)pg.offset + (size_t)pg.limit;
	     i++)
		items = json_array_push(items, json_audit_change(&l.items[i]));
	return resp_list(r, items, (int64_t)l.n, pg);
}

int api_audit_export(struct req *r)
{
	struct fz_error e = { 0 };
	struct audit_filter f;
	struct buf csv;
	enum fz_err rc;

	if ((rc = audit_filter_read(r, &f, &e)))
		return resp_fail(r, rc, &e);
	buf_init(&csv, AUDIT_EXPORT_MAX);
	if ((rc = app_audit_export_csv(&r->ctx, &f, &csv, &e))) {
		buf_release(&csv);
		return resp_fail(r, rc, &e);
	}
	char name[80];
	snprintf(name, sizeof name, "attachment; filename=\"audit-%.4s%.2s%.2s.csv\"",
		 r->ctx.today, r->ctx.today + 5, r->ctx.today + 8);
	resp_header(r, "Content-Disposition", name);
	return resp_bytes(r, 200, "text/csv; charset=utf-8", &csv);
}
