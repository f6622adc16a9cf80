/* api_fixture.c - see api_fixture.h. Seeding goes through the app layer
 * as the shell would (fazhi demo), so test data passes the same rules. */
#define _XOPEN_SOURCE 700
#include "api_fixture.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "store/store.h"
#include "t.h"

static const char *const demo_users[T_DEMO_USERS] = {
	"sysadmin", "secadmin", "auditor", "supervisor",
	"officer1", "officer2", "reviewer1", "head1", "head2",
};

static char template_dir[512];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void template_remove(void)
{
	nftw(template_dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Seeding runs every step of the demo cases and so draws dozens of PDF
 * documents: it is done once per test process, in a server of its own
 * whose files are kept (until exit) as the template each test copies. */
bool t_demo_server_start(struct t_server *ts, struct demo_summary *sum)
{
	static struct demo_summary template_sum;
	if (!template_dir[0]) {
		struct t_server seed;
		struct app_ctx ctx;
		struct fz_error e = { 0 };
		if (!t_server_start(&seed))
			return false;
		app_ctx_init(&ctx, seed.st, seed.a, &seed.cfg, "cli", time_now());
		app_ctx_as_cli(&ctx);
		if (demo_seed(&ctx, DEMO_PASSWORD, &template_sum, &e) != 0) {
			t_fail(__FILE__, __LINE__, "demo_seed: %s", e.message);
			t_server_stop(&seed);
			return false;
		}
		char seeded[512];
		snprintf(seeded, sizeof seeded, "%s", seed.dir);
		t_server_stop(&seed);
		const char *base = getenv("TMPDIR");
		snprintf(template_dir, sizeof template_dir, "%s/fazhi-demo-XXXXXX",
			 base && *base ? base : "/tmp");
		if (!mkdtemp(template_dir) || !t_copy_tree(seeded, template_dir)) {
			t_fail(__FILE__, __LINE__, "demo template %s", template_dir);
			template_dir[0] = '\0';
			return false;
		}
		atexit(template_remove);
	}
	*sum = template_sum;
	return t_server_start_from(ts, template_dir);
}

bool t_demo_start(struct t_demo *d)
{
	memset(d, 0, sizeof *d);
	return t_demo_server_start(&d->ts, &d->sum);
}

void t_demo_stop(struct t_demo *d)
{
	t_server_stop(&d->ts);
}

static int user_index(const char *username)
{
	for (int i = 0; i < T_DEMO_USERS; i++)
		if (strcmp(demo_users[i], username) == 0)
			return i;
	return -1;
}

const char *t_demo_token(struct t_demo *d, const char *username)
{
	char csrf[65];
	int i = user_index(username);
	if (i < 0) {
		t_fail(__FILE__, __LINE__, "no demo account %s", username);
		return NULL;
	}
	if (!d->tokens[i][0] && !t_login(&d->ts, username, DEMO_PASSWORD, d->tokens[i], csrf)) {
		d->tokens[i][0] = '\0';
		return NULL;
	}
	return d->tokens[i];
}

void t_demo_forget(struct t_demo *d, const char *username)
{
	int i = user_index(username);
	if (i >= 0)
		d->tokens[i][0] = '\0';
}

struct http_resp t_api(struct t_demo *d, const char *username, const char *method,
		       const char *path, const char *body)
{
	const char *token = username ? t_demo_token(d, username) : NULL;
	return t_http(&d->ts, method, path, token, body ? "application/json" : NULL, body);
}

json_t *t_json(const struct http_resp *r)
{
	json_error_t err;
	json_t *j = json_loads(r->body, 0, &err);
	if (!j)
		t_fail(__FILE__, __LINE__, "not JSON (%ld): %.200s", r->status, r->body);
	return j;
}

int64_t t_json_int(const struct http_resp *r, const char *key)
{
	json_t *j = t_json(r);
	json_t *v = j ? json_object_get(j, key) : NULL;
	int64_t n = json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
	json_decref(j);
	return n;
}

int64_t t_first_id(struct t_demo *d, const char *username, const char *path)
{
	struct http_resp r = t_api(d, username, "GET", path, NULL);
	json_t *j = t_json(&r);
	json_t *v = json_object_get(json_array_get(json_object_get(j, "items"), 0), "id");
	int64_t id = json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
	json_decref(j);
	t_resp_free(&r);
	return id;
}

const char *t_json_str(const struct http_resp *r, const char *key, char *out, size_t n)
{
	json_t *j = t_json(r);
	json_t *v = j ? json_object_get(j, key) : NULL;
	snprintf(out, n, "%s", json_is_string(v) ? json_string_value(v) : "");
	json_decref(j);
	return out;
}

void t_check_error(const char *file, int line, const struct http_resp *r, long status,
		   const char *code, const char *field)
{
	if (r->status != status)
		t_fail(file, line, "status %ld, expected %ld: %.300s", r->status, status, r->body);
	json_t *j = json_loads(r->body, 0, NULL);
	json_t *err = j ? json_object_get(j, "error") : NULL;
	const char *c = json_string_value(json_object_get(err, "code"));
	const char *m = json_string_value(json_object_get(err, "message"));
	const char *f = json_string_value(json_object_get(err, "field"));
	if (!c || strcmp(c, code) != 0)
		t_fail(file, line, "error.code %s, expected %s: %.300s", c ? c : "(none)", code,
		       r->body);
	if (!m || !*m)
		t_fail(file, line, "error.message missing: %.300s", r->body);
	if (field ? (!f || strcmp(f, field) != 0) : f != NULL)
		t_fail(file, line, "error.field %s, expected %s: %.300s", f ? f : "(none)",
		       field ? field : "(none)", r->body);
	json_decref(j);
}

int64_t t_demo_count(struct t_demo *d, const char *what)
{
	static const struct scope all = { .kind = SCOPE_ALL };
	struct store *st = d->ts.st;
	struct arena *a = d->ts.a;
	struct page pg = { 0, 1 };
	struct fz_error e = { 0 };
	enum fz_err rc = FZ_INVALID;
	int64_t total = -1;

#define COUNT(list_type, call)            \
	do {                              \
		struct list_type l;       \
		rc = (call);              \
		total = rc ? -1 : l.total; \
	} while (0)
	if (strcmp(what, "divisions") == 0)
		COUNT(division_list, st->ops->division_list(st, a, NULL, pg, &l, &e));
	else if (strcmp(what, "agencies") == 0)
		COUNT(agency_list, st->ops->agency_list(st, a, &all, NULL, pg, &l, &e));
	else if (strcmp(what, "units") == 0)
		COUNT(unit_list, st->ops->unit_list(st, a, &all, 0, pg, &l, &e));
	else if (strcmp(what, "people") == 0)
		COUNT(person_list, st->ops->person_list(st, a, &all, NULL, pg, &l, &e));
	else if (strcmp(what, "users") == 0)
		COUNT(user_list, st->ops->user_list(st, a, &all, NULL, pg, &l, &e));
	else if (strcmp(what, "certificates") == 0)
		COUNT(certificate_list, st->ops->certificate_list(st, a, &all, NULL, pg, &l, &e));
#undef COUNT
	if (rc)
		t_fail(__FILE__, __LINE__, "count %s: %s", what, e.message);
	return total;
}
