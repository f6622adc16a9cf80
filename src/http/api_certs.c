/* api_certs.c - enforcement certificates (执法证): list with filters,
 * issue, get, renew or correct, suspend, resume, revoke, and the annual
 * reviews of one certificate. Statuses shown are computed for today
 * (json_certificate_write), so "expired" appears without being stored. */
#include "app/authz.h"
#include "app/people.h"
#include "domain/certificate.h"
#include "http/api_query.h"
#include "http/handlers.h"
#include "http/jsonin.h"
#include "http/jsonout_org.h"
#include "http/jsonw.h"
#include "http/memo.h"
#include "http/paging.h"
#include "http/resp.h"

static const char *const status_names[] = { "valid",	  "suspended",	   "revoked",
					    "expired", "not_yet_valid", NULL };

static int cert_answer(struct req *r, int status, const struct certificate *c)
{
	struct buf b = BUF_INIT;
	json_certificate_write(&b, c, r->ctx.today);
	return resp_json_buf(r, status, &b);
}

int api_cert_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct certificate_list l;
	struct certificate_filter f = { 0 };
	int status;
	int64_t within;
	enum cert_status cs;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = query_int(r, "agency_id", 1, INT64_MAX, 0, &f.agency_id, &e)) ||
	    (rc = query_int(r, "person_id", 1, INT64_MAX, 0, &f.person_id, &e)) ||
	    (rc = query_choice(r, "status", status_names, &status, &e)) ||
	    (rc = query_int(r, "expiring_within_days", 1, 3650, 0, &within, &e)) ||
	    (rc = query_text(r, "q", 32, &f.q, &e)))
		return resp_fail(r, rc, &e);
	if (status >= 0 && cert_status_from_name(status_names[status], &cs))
		f.status = (int)cs;
	f.expiring_within_days = (int)within;
	f.today = r->ctx.today;
	/* The permission first, on every request; then the memo, whose key
	 * names every input of the answer but its rows: the account, the
	 * scope (read with the session, before the stamp: a scope changed
	 * in between gives another key, never the old one's rows), the day
	 * (statuses are computed for it) and every filter; q last, so that
	 * its text cannot be read as another field. */
	if ((rc = app_require(&r->ctx, PERM_CERT_READ, "certificate.read", &e)))
		return resp_fail(r, rc, &e);
	const struct scope *sc = &r->ctx.scope;
	struct memo_key mk;
	memo_key_begin(&mk, "certificates");
	memo_key_int(&mk, "u", r->ctx.user->id);
	memo_key_int(&mk, "k", (int64_t)sc->kind);
	memo_key_int(&mk, "g", sc->agency_id);
	memo_key_str(&mk, "v", sc->division_prefix);
	memo_key_str(&mk, "d", r->ctx.today);
	memo_key_int(&mk, "a", f.agency_id);
	memo_key_int(&mk, "p", f.person_id);
	memo_key_int(&mk, "s", f.status);
	memo_key_int(&mk, "w", f.expiring_within_days);
	memo_key_int(&mk, "o", pg.offset);
	memo_key_int(&mk, "l", pg.limit);
	memo_key_str(&mk, "q", f.q);
	const char *key = memo_key_done(&mk);
	struct store_stamp stamp;
	bool keep;
	if (memo_answer(r, key, &stamp, &keep))
		return 200;
	if ((rc = app_certificate_list(&r->ctx, &f, pg, &l, &e)))
		return resp_fail(r, rc, &e);
	/* written straight into the answer: no object tree per row */
	struct buf b = BUF_INIT;
	jw_list_begin(&b);
	for (size_t i = 0; i < l.n; i++) {
		jw_list_item(&b, i);
		json_certificate_write(&b, &l.items[i], r->ctx.today);
	}
	jw_list_end(&b, l.total, pg);
	if (keep)
		memo_keep(r, key, &stamp, &b);
	return resp_json_buf(r, 200, &b);
}

int api_cert_create(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct certificate c;

	jsonin_begin(&in, r);
	struct certificate_input ci = {
		.number = jsonin_str(&in, "number", CERTIFICATE_NUMBER_MAX),
		.person_id = jsonin_int(&in, "person_id", 1, INT64_MAX),
		.issuer = jsonin_str(&in, "issuer", 60),
		.domains = jsonin_str(&in, "domains", 640),
		.issued_on = jsonin_str(&in, "issued_on", 10),
		.valid_until = jsonin_str(&in, "valid_until", 10),
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_certificate_create(&r->ctx, &ci, &c, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return cert_answer(r, 201, &c);
}

int api_cert_get(struct req *r)
{
	struct fz_error e = { 0 };
	struct certificate c;
	enum fz_err rc = app_certificate_get(&r->ctx, req_param(r, "id"), &c, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return cert_answer(r, 200, &c);
}

int api_cert_update(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct certificate c;

	jsonin_begin(&in, r);
	struct certificate_input ci = {
		.issuer = jsonin_str_opt(&in, "issuer", 60),
		.domains = jsonin_str_opt(&in, "domains", 640),
		.issued_on = jsonin_str_opt(&in, "issued_on", 10),
		.valid_until = jsonin_str_opt(&in, "valid_until", 10),
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_certificate_update(&r->ctx, req_param(r, "id"), &ci, &c, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return cert_answer(r, 200, &c);
}

/* suspend and resume: {"reason": "..."} */
static int cert_set_status(struct req *r, enum cert_status status)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct certificate c;

	jsonin_begin(&in, r);
	const char *reason = jsonin_str(&in, "reason", 200);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_certificate_set_status(&r->ctx, req_param(r, "id"), status, reason,
						    &c, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return cert_answer(r, 200, &c);
}

int api_cert_suspend(struct req *r)
{
	return cert_set_status(r, CERT_SUSPENDED);
}

int api_cert_resume(struct req *r)
{
	return cert_set_status(r, CERT_VALID);
}

int api_cert_revoke(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct certificate c;

	jsonin_begin(&in, r);
	const char *reason = jsonin_str(&in, "reason", 200);
	const char *revoked_on = jsonin_str_opt(&in, "revoked_on", 10);
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_certificate_revoke(&r->ctx, req_param(r, "id"), reason, revoked_on,
						&c, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return cert_answer(r, 200, &c);
}

/* The reviews of one certificate are few (one a year): the store returns
 * them all and the page is cut here, so the list looks like every other. */
int api_cert_review_list(struct req *r)
{
	struct fz_error e = { 0 };
	struct page pg;
	struct cert_review_list l;
	enum fz_err rc;

	if ((rc = paging_from_query(r, &pg, &e)) ||
	    (rc = app_cert_review_list(&r->ctx, req_param(r, "id"), &l, &e)))
		return resp_fail(r, rc, &e);
	json_t *items = json_array();
	for (size_t i = (size_t)pg.offset; i < l.n && i < (size_t)pg.offset + (size_t)pg.limit;
	     i++)
		items = json_array_push(items, json_cert_review(&l.items[i]));
	return resp_list(r, items, (int64_t)l.n, pg);
}

int api_cert_review_add(struct req *r)
{
	struct jsonin in;
	struct fz_error e = { 0 };
	struct cert_review rv;

	jsonin_begin(&in, r);
	struct cert_review_input ri = {
		.year = (int)jsonin_int(&in, "year", 2000, 2100),
		.passed = jsonin_bool(&in, "passed"),
		.note = jsonin_str_opt(&in, "note", 200),
		.reviewed_on = jsonin_str_opt(&in, "reviewed_on", 10),
	};
	if (!jsonin_ok(&in))
		return jsonin_fail(&in);
	enum fz_err rc = app_cert_review_add(&r->ctx, req_param(r, "id"), &ri, &rv, &e);
	if (rc)
		return resp_fail(r, rc, &e);
	return resp_json(r, 201, json_cert_review(&rv));
}
