/* api_publication.c - the publication pipeline over JSON: the reviewer's
 * list, preview (beside the original), confirmation and withdrawal, and
 * the portal's public API (/api/v1/public/...): published decisions, the
 * withdrawal log and the open data downloads (CSV, JSON, XLSX). */
#include <string.h>

#include "app/opendata.h"
#include "app/publication.h"
#include "base/date.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/paging.h"
#include "http/pub_view.h"
#include "http/resp.h"

static const char *const kind_names[] = { "penalty", "inspection", "permit", "coercion",
					  "normative_document", "major_decision", NULL };

const char *pub_kind_label(const char *kind)
{
	static const char *const labels[] = { "行政处罚", "行政检查", "行政许可", "行政强制",
					     "行政规范性文件", "重大行政决策" };
	for (size_t i = 0; kind && kind_names[i]; i++)
		if (strcmp(kind, kind_names[i]) == 0)
			return labels[i];
	return kind ? kind : "";
}

static enum fz_err date_query(struct req *r, const char *name, const char *label,
			      const char **out, struct fz_error *e)
{
	enum fz_err rc = query_text(r, name, 10, out, e);
	if (!rc && *out && !date_parse(*out, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, name, "%s应为 YYYY-MM-DD 格式的有效日期", label);
	return rc;
}

enum fz_err pub_filter_read(struct req *r, struct publication_filter *f, struct fz_error *e)
{
	static const char *const statuses[] = { "prepared", "live", "withheld", "withdrawing",
						"withdrawn", "cancelled", NULL };
	int kind, status;
	enum fz_err rc;
	memset(f, 0, sizeof *f);
	if ((rc = query_int(r, "agency_id", 1, INT64_MAX, 0, &f->agency_id, e)) ||
	    (rc = query_choice(r, "kind", kind_names, &kind, e)) ||
	    (rc = query_choice(r, "status", statuses, &status, e)) ||
	    (rc = date_query(r, "from", "起始日期", &f->from, e)) ||
	    (rc = date_query(r, "to", "截止日期", &f->to, e)))
		return rc;
	if (f->from && f->to && strcmp(f->from, f->to) > 0)
		return fz_fail(e, FZ_INVALID, "from", "起始日期不能晚于截止日期");
	f->kind = kind >= 0 ? kind_names[kind] : NULL;
	f->status = status;
	f->today = r->ctx.today;
	f->listed_on = true;
	return FZ_OK;
}

json_t *json_publication(const struct publication *p, bool original)
{
	json_t *o = json_object();
	o = json_put(o, "id", json_integer(p->id));
	o = json_put(o, "title", json_text(p->title));
	o = json_put(o, "agency_id", json_integer(p->agency_id));
	o = json_put(o, "agency", json_text(p->agency));
	o = json_put(o, "kind", json_text(p->kind));
	o = json_put(o, "status", json_text(pub_status_name(p->status)));
	o = json_put(o, "number", json_text(p->number));
	o = json_put(o, "decided_on", json_text(p->decided_on));
	o = json_put(o, "due_on", json_text(p->due_on));
	o = json_put(o, "published_on", json_str_or_null(p->published_on[0] ? p->published_on
									     : NULL));
	o = json_put(o, "late", json_boolean(p->late));
	o = json_put(o, "end_on", json_str_or_null(p->end_on[0] ? p->end_on : NULL));
	/* spans the reviewer masked beyond the automatic redaction, and the
	 * sentence the page shows for them */
	char note[128];
	pub_hand_masked_note(p->hand_masked, note, sizeof note);
	o = json_put(o, "hand_masked", json_integer(p->hand_masked));
	o = json_put(o, "hand_masked_note", *note && p->status != PUB_WITHDRAWN
						    ? json_text(note)
						    : json_null());
	/* a withdrawn decision's text leaves the portal: only the notice stays */
	o = json_put(o, "text", p->status == PUB_WITHDRAWN ? json_null() : json_text(p->text));
	json_t *w = json_null();
	if (p->status == PUB_WITHDRAWING || p->status == PUB_WITHDRAWN) {
		w = json_object();
		w = json_put(w, "set_aside_on", json_text(p->set_aside_on));
		w = json_put(w, "due_on", json_text(p->withdraw_due_on));
		w = json_put(w, "withdrawn_on",
			     json_str_or_null(p->withdrawn_on[0] ? p->withdrawn_on : NULL));
		w = json_put(w, "reason", json_text(p->withdraw_reason));
		w = json_put(w, "basis", json_text(p->withdraw_basis));
	}
	o = json_put(o, "withdrawal", w);
	if (original) {
		o = json_put(o, "withheld_reason", json_text(p->withheld_reason));
		o = json_put(o, "case_id", json_integer(p->case_id));
		o = json_put(o, "original_title", json_text(p->original_title));
		o = json_put(o, "original_text", json_text(p->original_text));
	}
	return o;
}

static int list_answer(struct req *r, bool portal, bool withdrawals)
{
	struct fz_error e = { 0 };
	struct publication_filter f;
	struct publication_list l;
	struct page pg;
	enum fz_err rc;
	if ((rc = paging_from_query(r, &pg, &e)) || (rc = pub_filter_read(r, &f, &e)))
		return resp_fail(r, rc, &e);
	pg.count_max = app_case_count_max(r->ctx.cfg);
	f.withdrawn_only = withdrawals;
	f.newest_first = true;
	if ((rc = app_publication_list(&r->ctx, &f, portal, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	bool original = !portal;
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		items = json_array_push(items, json_publication(&l.items[i], original));
	return resp_list_bounded(r, items, l.total, l.total_more, pg);
}

int api_publication_list(struct req *r) { return list_answer(r, false, false); }
/* the portal's view, also for a signed-in reader */
int api_public_publication_list(struct req *r) { return list_answer(r, true, false); }
int api_public_withdrawal_list(struct req *r) { return list_answer(r, true, true); }

static int one_answer(struct req *r, bool public)
{
	struct fz_error e = { 0 };
	struct publication p;
	enum fz_err rc = app_publication_get(&r->ctx, req_param(r, "id"), public, &p, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 200, json_publication(&p, !public));
}

int api_publication_get(struct req *r) { return one_answer(r, false); }
int api_public_publication_get(struct req *r) { return one_answer(r, true); }

int api_publication_confirm(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	jsonin_begin(&in, r);
	struct publication_confirm c = {
		.title = jsonin_str_opt(&in, "title", 200),
		.text = jsonin_str_opt(&in, "text", 100000),
		.end_on = jsonin_str_opt(&in, "end_on", 10),
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_publication_confirm(&r->ctx, req_param(r, "id"), &c, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return one_answer(r, false);
}

int api_publication_withdraw(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	jsonin_begin(&in, r);
	const char *reason = jsonin_str_opt(&in, "reason", 1000);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_publication_withdraw(&r->ctx, req_param(r, "id"), reason, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return one_answer(r, false);
}

/* --- open data --- */

static int download(struct req *r, const char *ext)
{
	struct fz_error e = { 0 };
	struct publication_filter f;
	struct publication_list l;
	struct buf out = BUF_INIT;
	enum fz_err rc;
	if ((rc = pub_filter_read(r, &f, &e)) || (rc = app_opendata_collect(&r->ctx, &f, &l, &e)))
		return resp_fail(r, rc, &e);
	char name[96];
	snprintf(name, sizeof name, "attachment; filename=\"publications-%.4s%.2s%.2s.%s\"",
		 r->ctx.today, r->ctx.today + 5, r->ctx.today + 8, ext);
	if (strcmp(ext, "json") == 0) {
		json_t *items = json_array();
		for (size_t i = 0; i < l.n; i++)
			items = json_array_push(items, json_publication(&l.items[i], false));
		json_t *o = json_object();
		o = json_put(o, "items", items);
		o = json_put(o, "total", json_integer((json_int_t)l.n));
		o = json_put(o, "generated_on", json_text(r->ctx.today));
		resp_header(r, "Content-Disposition", name);
		return resp_json(r, 200, o);
	}
	if (strcmp(ext, "csv") == 0)
		rc = opendata_csv(&l, r->ctx.a, &out, &e);
	else
		rc = opendata_xlsx(&l, r->ctx.a, r->ctx.cfg->data_dir, &out, &e);
	if (rc) {
		buf_release(&out);
		return resp_fail(r, rc, &e);
	}
	resp_header(r, "Content-Disposition", name);
	return resp_bytes(r, 200,
			  strcmp(ext, "csv") == 0
				  ? "text/csv; charset=utf-8"
				  : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			  &out);
}

int api_opendata_csv(struct req *r) { return download(r, "csv"); }
int api_opendata_json(struct req *r) { return download(r, "json"); }
int api_opendata_xlsx(struct req *r) { return download(r, "xlsx"); }
