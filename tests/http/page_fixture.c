/* page_fixture.c - see page_fixture.h. Seeding goes through the app layer
 * as `fazhi demo` does; reads for checks go straight to the store with a
 * system-wide scope, so a check never depends on the pages under test. */
#include "page_fixture.h"

#include "api_fixture.h"

#include <stdarg.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "domain/certificate.h"
#include "http/form.h"
#include "store/store.h"
#include "t.h"

#define FORM_TYPE "application/x-www-form-urlencoded"

static const struct scope all = { .kind = SCOPE_ALL };

bool t_pages_start(struct t_pages *p)
{
	memset(p, 0, sizeof *p);
	return t_demo_server_start(&p->ts, &p->sum);
}

void t_pages_stop(struct t_pages *p)
{
	t_server_stop(&p->ts);
}

bool t_pages_login(struct t_pages *p, const char *username, struct t_browser *b)
{
	return t_login(&p->ts, username, DEMO_PASSWORD, b->token, b->csrf);
}

struct http_resp t_page_get(struct t_pages *p, const struct t_browser *b, const char *path)
{
	return t_http_cookie(&p->ts, "GET", path, b ? b->token : NULL, NULL, NULL, NULL);
}

struct http_resp t_page_post(struct t_pages *p, const struct t_browser *b, const char *path,
			     int with_csrf, ...)
{
	struct buf body = BUF_INIT;
	va_list ap;
	if (with_csrf && b) {
		buf_adds(&body, "csrf=");
		url_encode(&body, b->csrf);
	}
	va_start(ap, with_csrf);
	for (const char *name; (name = va_arg(ap, const char *));) {
		const char *value = va_arg(ap, const char *);
		if (body.len)
			buf_addc(&body, '&');
		url_encode(&body, name);
		buf_addc(&body, '=');
		url_encode(&body, value);
	}
	va_end(ap);
	struct http_resp r = t_http_cookie(&p->ts, "POST", path, b ? b->token : NULL, FORM_TYPE,
					   buf_cstr(&body), NULL);
	buf_release(&body);
	return r;
}

int64_t t_pages_person(struct t_pages *p, int64_t agency_id, int nth)
{
	struct person_list l;
	struct person_filter f = { .agency_id = agency_id, .kind = PERSON_OFFICER };
	struct store *st = p->ts.st;
	if (st->ops->person_list(st, p->ts.a, &all, &f, (struct page){ nth, 1 }, &l, NULL) ||
	    l.n == 0)
		return 0;
	return l.items[0].id;
}

int64_t t_pages_cert_id(struct t_pages *p, const char *number)
{
	struct certificate c;
	struct store *st = p->ts.st;
	if (st->ops->certificate_get_by_number(st, p->ts.a, number, &c, NULL))
		return 0;
	return c.id;
}

int64_t t_pages_case_id(struct t_pages *p, const char *title)
{
	struct case_list l;
	struct case_filter f = { .q = title };
	if (p->ts.st->ops->case_list(p->ts.st, p->ts.a, &all, &f, (struct page){ 0, 5 }, &l, NULL) ||
	    l.n != 1)
		return 0;
	return l.items[0].id;
}

int64_t t_pages_publication_of(struct t_pages *p, int64_t case_id, int status)
{
	struct publication_list l;
	struct publication_filter f = { .status = status };
	if (p->ts.st->ops->publication_list(p->ts.st, p->ts.a, &f, &all, (struct page){ 0, 200 },
					    &l, NULL))
		return 0;
	int64_t id = 0;
	for (size_t i = 0; i < l.n; i++)
		if (l.items[i].case_id == case_id)
			id = l.items[i].id;
	return id;
}

int64_t t_pages_cert_of_agency(struct t_pages *p, int64_t agency_id)
{
	struct certificate_list l;
	struct certificate_filter f = { .agency_id = agency_id };
	struct store *st = p->ts.st;
	if (st->ops->certificate_list(st, p->ts.a, &all, &f, (struct page){ 0, 1 }, &l, NULL) ||
	    l.n == 0)
		return 0;
	return l.items[0].id;
}

const char *t_pages_cert_status(struct t_pages *p, int64_t cert_id)
{
	struct certificate c;
	struct store *st = p->ts.st;
	if (st->ops->certificate_get(st, p->ts.a, &all, cert_id, &c, NULL))
		return "";
	return cert_status_name(c.status);
}

int64_t t_pages_count(struct t_pages *p, const char *what)
{
	struct store *st = p->ts.st;
	struct page one = { 0, 1 };
	enum fz_err rc = FZ_INVALID;
	int64_t total = -1;
	if (strcmp(what, "agencies") == 0) {
		struct agency_list l;
		struct agency_filter f = { 0 };
		rc = st->ops->agency_list(st, p->ts.a, &all, &f, one, &l, NULL);
		total = l.total;
	} else if (strcmp(what, "people") == 0) {
		struct person_list l;
		struct person_filter f = { 0 };
		rc = st->ops->person_list(st, p->ts.a, &all, &f, one, &l, NULL);
		total = l.total;
	} else if (strcmp(what, "users") == 0) {
		struct user_list l;
		struct user_filter f = { 0 };
		rc = st->ops->user_list(st, p->ts.a, &all, &f, one, &l, NULL);
		total = l.total;
	} else if (strcmp(what, "certificates") == 0) {
		struct certificate_list l;
		struct certificate_filter f = { 0 };
		rc = st->ops->certificate_list(st, p->ts.a, &all, &f, one, &l, NULL);
		total = l.total;
	} else if (strcmp(what, "units") == 0) {
		struct unit_list l;
		rc = st->ops->unit_list(st, p->ts.a, &all, 0, one, &l, NULL);
		total = l.total;
	}
	return rc ? -1 : total;
}

int64_t t_pages_user_id(struct t_pages *p, const char *username)
{
	struct user u;
	struct store *st = p->ts.st;
	if (st->ops->user_get_by_name(st, p->ts.a, username, &u, NULL))
		return 0;
	return u.id;
}

int64_t t_pages_audit_id(struct t_pages *p, const char *action)
{
	struct audit_list l;
	struct audit_filter f = { .action = action };
	struct store *st = p->ts.st;
	if (st->ops->audit_list(st, p->ts.a, &f, (struct page){ 0, 1 }, &l, NULL) || l.n == 0)
		return 0;
	return l.items[0].id;
}
