/* api_rulemaking.c - the draft versions of a matter (草案版本 of a
 * normative document, issue 13 §2): GET /api/v1/cases/{id}/versions lists
 * them (each an event of the record, so a leaf of the ledger), GET
 * .../versions/diff?a=&b= compares two paragraph by paragraph and a
 * reworded paragraph character by character (domain/textdiff.h). The
 * drafting itself is the case API's POST .../steps (step draft). */
#include <stdio.h>

#include "app/case.h"
#include "domain/textdiff.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/resp.h"

static json_t *version_json(const struct case_version *v)
{
	json_t *o = json_object();
	o = json_put(o, "version", json_integer(v->version));
	o = json_put(o, "event_id", json_integer(v->ev->id));
	o = json_put(o, "seq", json_integer(v->ev->seq));
	o = json_put(o, "on", json_text(v->ev->on));
	o = json_put(o, "actor", json_text(v->ev->actor));
	return o;
}

int api_case_versions(struct req *r)
{
	struct fz_error e = { 0 };
	struct case_view v;
	struct case_version *all;
	size_t n;
	enum fz_err rc;
	if ((rc = app_case_view(&r->ctx, req_param(r, "id"), &v, &e)) ||
	    (rc = app_case_versions(&r->ctx, &v, &all, &n, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = 0; items && i < n; i++) {
		json_t *o = version_json(&all[i]);
		items = json_array_push(items, json_put(o, "text", json_text(all[i].text)));
	}
	json_t *o = json_object();
	o = json_put(o, "items", items);
	return resp_json(r, 200, json_put(o, "total", json_integer((json_int_t)n)));
}

static const char *op_name(enum textdiff_op op)
{
	static const char *const names[] = { "same", "added", "removed", "changed" };
	return (unsigned)op < 4 ? names[op] : "same";
}

int api_case_version_diff(struct req *r)
{
	struct fz_error e = { 0 };
	struct case_view v;
	struct case_version va, vb;
	struct textdiff d;
	int64_t a, b;
	enum fz_err rc;
	if ((rc = query_int(r, "a", 1, 100000, 0, &a, &e)) ||
	    (rc = query_int(r, "b", 1, 100000, 0, &b, &e)))
		return resp_fail(r, rc, &e);
	if (!a || !b) {
		rc = fz_fail(&e, FZ_INVALID, !a ? "a" : "b", "请给出要比较的两个版本号 a 和 b");
		return resp_fail(r, rc, &e);
	}
	if ((rc = app_case_version_diff(&r->ctx, req_param(r, "id"), (int)a, (int)b, &v, &va, &vb,
					&d, &e)))
		return resp_fail(r, rc, &e);
	json_t *paras = json_array();
	for (size_t i = 0; paras && i < d.n; i++) {
		const struct textdiff_para *p = &d.paras[i];
		json_t *o = json_object();
		o = json_put(o, "op", json_string(op_name(p->op)));
		o = json_put(o, "old", json_text(p->old_text));
		o = json_put(o, "new", json_text(p->new_text));
		json_t *spans = json_array();
		for (size_t k = 0; spans && k < p->nspans; k++) {
			json_t *s = json_object();
			s = json_put(s, "op", json_string(op_name(p->spans[k].op)));
			spans = json_array_push(spans, json_put(s, "text", json_text(p->spans[k].text)));
		}
		paras = json_array_push(paras, json_put(o, "spans", spans));
	}
	json_t *sum = json_object();
	sum = json_put(sum, "same", json_integer(d.same));
	sum = json_put(sum, "added", json_integer(d.added));
	sum = json_put(sum, "removed", json_integer(d.removed));
	sum = json_put(sum, "changed", json_integer(d.changed));
	json_t *o = json_object();
	o = json_put(o, "a", version_json(&va));
	o = json_put(o, "b", version_json(&vb));
	o = json_put(o, "summary", sum);
	return resp_json(r, 200, json_put(o, "paragraphs", paras));
}
