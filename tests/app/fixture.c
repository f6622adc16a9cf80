/* fixture.c - see fixture.h. */
#include "fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app/authz.h"
#include "app/org.h"
#include "app/people.h"
#include "app/procreg.h"
#include "base/crypto.h"
#include "domain/procedure_builtin.h"
#include "base/ident.h"
#include "t.h"

void fx_uscc(int n, char out[19])
{
	char body[16], first17[32];
	snprintf(body, sizeof body, "%08u", (20000000u + (unsigned)n * 53u) % 100000000u);
	snprintf(first17, sizeof first17, "11640522%.8s%c", body, ident_orgcode_check_char(body));
	snprintf(out, 19, "%.17s%c", first17, ident_uscc_check_char(first17));
}

void fx_resident_id(int n, char out[19])
{
	char first17[32];
	unsigned u = (unsigned)n;
	snprintf(first17, sizeof first17, "6405221980%02u%02u%03u", 1 + u % 12, 1 + u % 28,
		 100 + u % 900);
	snprintf(out, 19, "%.17s%c", first17, ident_resident_id_check_char(first17));
}

static int64_t fx_agency(struct fx *f, const char *name, const char *div, const char *kind, int n)
{
	char uscc[19];
	struct fz_error e;
	struct agency ag;
	fx_uscc(n, uscc);
	struct agency_input in = { .name = name, .uscc = uscc, .division_code = div,
				   .kind = kind, .domains = "自然资源,市场监管", .active = 1 };
	if (app_agency_create(&f->cli, &in, &ag, &e)) {
		t_fail(__FILE__, __LINE__, "agency %s: %s", name, e.message);
		return 0;
	}
	return ag.id;
}

static int64_t fx_person(struct fx *f, int64_t agency, enum person_kind kind, int n)
{
	char rid[19];
	struct fz_error e;
	struct person p;
	fx_resident_id(n, rid);
	struct person_input in = { .agency_id = agency, .name = "测试人员", .resident_id = rid,
				   .kind = kind, .is_reviewer = 0, .active = 1 };
	if (app_person_create(&f->cli, &in, &p, &e)) {
		t_fail(__FILE__, __LINE__, "person: %s", e.message);
		return 0;
	}
	return p.id;
}

bool fx_open(struct fx *f)
{
	struct fz_error e;
	memset(f, 0, sizeof *f);
	crypto_password_set_cost_for_tests(10);
	f->dir = t_tmpdir();
	snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
	if (store_sqlite_open(f->db, true, &f->st, &e)) {
		t_fail(__FILE__, __LINE__, "open: %s", e.message);
		return false;
	}
	f->a = arena_new();
	app_config_defaults(&f->cfg);
	snprintf(f->data_dir, sizeof f->data_dir, "%s/data", f->dir);
	f->cfg.data_dir = f->data_dir;
	app_ctx_init(&f->cli, f->st, f->a, &f->cfg, "cli", 1767225600); /* 2026-01-01 08:00 */
	app_ctx_as_cli(&f->cli);
	static const struct division_input divs[] = {
		{ "640000", "宁夏回族自治区" }, { "640500", "中卫市" },
		{ "640521", "中宁县" }, { "640522", "海原县" },
	};
	for (size_t i = 0; i < 4; i++)
		if (app_division_put(&f->cli, &divs[i], NULL, &e)) {
			t_fail(__FILE__, __LINE__, "division: %s", e.message);
			return false;
		}
	f->justice = fx_agency(f, "海原县司法局", "640522", "justice_bureau", 1);
	f->natres = fx_agency(f, "海原县自然资源局", "640522", "department", 2);
	f->market = fx_agency(f, "海原县市场监督管理局", "640522", "department", 3);
	f->neighbour = fx_agency(f, "中宁县市场监督管理局", "640521", "department", 4);
	f->officer_a = fx_person(f, f->natres, PERSON_OFFICER, 1);
	f->officer_b = fx_person(f, f->market, PERSON_OFFICER, 2);
	f->assistant = fx_person(f, f->natres, PERSON_ASSISTANT, 3);
	return f->justice && f->natres && f->market && f->neighbour && f->officer_a &&
	       f->officer_b && f->assistant;
}

void fx_close(struct fx *f)
{
	if (f->st)
		f->st->ops->close(f->st);
	arena_free(f->a);
	memset(f, 0, sizeof *f);
}

void fx_as(struct fx *f, struct app_ctx *ctx, unsigned roles, int64_t agency_id)
{
	struct fz_error e;
	app_ctx_init(ctx, f->st, f->a, &f->cfg, "192.0.2.10", f->cli.now);
	struct user *u = arena_alloc(f->a, sizeof *u);
	u->id = 999999;
	u->username = "tester";
	u->display_name = "测试";
	u->roles = roles;
	u->agency_id = agency_id;
	ctx->user = u;
	ctx->actor = u->username;
	if (authz_scope_for(ctx, u, &ctx->scope, &e))
		t_fail(__FILE__, __LINE__, "scope: %s", e.message);
}

int64_t fx_user(struct fx *f, const char *username, unsigned roles, int64_t agency_id,
		const char *password)
{
	struct fz_error e;
	struct user u;
	struct user_input in = { .username = username, .display_name = "测试账号",
				 .password = password, .agency_id = agency_id, .disabled = 0,
				 .roles = roles, .must_change_password = 0 };
	if (app_user_create(&f->cli, &in, &u, &e)) {
		t_fail(__FILE__, __LINE__, "user %s: %s", username, e.message);
		return 0;
	}
	return u.id;
}

int64_t fx_count(struct fx *f, const char *table)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t n = -1;
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	if (sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

int64_t fx_audit_count(struct fx *f)
{
	return fx_count(f, "audit_log");
}

int64_t fx_certified_officer(struct fx *f, int n)
{
	char rid[19];
	struct fz_error e;
	struct person p;
	struct certificate c;
	struct app_ctx sup;
	fx_resident_id(n, rid);
	struct person_input pin = { .agency_id = f->natres, .name = "持证人员", .resident_id = rid,
				    .kind = PERSON_OFFICER, .is_reviewer = 0, .active = 1 };
	if (app_person_create(&f->cli, &pin, &p, &e))
		return 0;
	fx_as(f, &sup, ROLE_SUPERVISOR, f->justice);
	char number[16];
	snprintf(number, sizeof number, "NXT%04d", n);
	struct certificate_input cin = { .number = number, .person_id = p.id,
					 .issuer = "海原县人民政府", .domains = "自然资源",
					 .issued_on = "2024-01-01", .valid_until = "2029-12-31" };
	if (app_certificate_create(&sup, &cin, &c, &e))
		return 0;
	return p.id;
}

int64_t fx_case(struct fx *f, int64_t agency, enum case_kind kind, const char *procedure,
		const char *title)
{
	struct fz_error e = { 0 };
	struct enf_case c = { .agency_id = agency, .procedure = (char *)procedure, .kind = kind,
			      .domain = "自然资源", .title = (char *)title,
			      .party_kind = PARTY_CITIZEN, .party_name = "张某" };
	struct case_numbering num = { "海原测试", "罚立", 2025 };
	if (f->st->ops->case_insert(f->st, f->a, &c, &num, &e)) {
		t_fail(__FILE__, __LINE__, "case: %s", e.message);
		return 0;
	}
	return c.id;
}

int64_t fx_event(struct fx *f, int64_t case_id, const char *step, const char *on,
		 int64_t corrects, const char *k1, const char *v1, const char *k2, const char *v2,
		 const int64_t *officers, size_t n)
{
	struct fz_error e = { 0 };
	struct case_field fields[2] = { { k1, v1 }, { k2, v2 } };
	struct case_event ev = { .case_id = case_id, .step = step, .corrects = corrects,
				 .fields = fields, .nfields = k2 ? 2 : k1 ? 1 : 0,
				 .officers = (int64_t *)officers, .nofficers = n };
	snprintf(ev.on, sizeof ev.on, "%s", on);
	if (f->st->ops->case_event_append(f->st, &ev, &e)) {
		t_fail(__FILE__, __LINE__, "event %s: %s", step, e.message);
		return 0;
	}
	return ev.id;
}

bool fx_migrate_again(struct fx *f, int after)
{
	sqlite3 *db;
	struct store *st;
	struct fz_error e = { 0 };
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", after);
	bool ok = sqlite3_open(f->db, &db) == SQLITE_OK &&
		  sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(db);
	if (!ok || store_sqlite_open(f->db, true, &st, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "migrations after %d: %s", after, e.message);
		return false;
	}
	st->ops->close(st);
	return true;
}

char *fx_rows_text(struct fx *f, const char *sql, char *out, size_t cap)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t o = 0;
	out[0] = '\0';
	if (sqlite3_open(f->db, &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		t_fail(__FILE__, __LINE__, "rows: %s", sqlite3_errmsg(db));
		sqlite3_close(db);
		return out;
	}
	while (sqlite3_step(st) == SQLITE_ROW && o < cap - 512) {
		int n = sqlite3_column_count(st);
		for (int i = 0; i < n && o < cap - 512; i++)
			o += (size_t)snprintf(out + o, cap - o, "%s%s",
					      (const char *)sqlite3_column_text(st, i),
					      i == n - 1 ? "\n" : "|");
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

struct proc_registry *fx_procedures_with(struct fx *f, const char *from, const char *to)
{
	const char *text = NULL, *at;
	for (const struct embedded_file *b = procedure_files; b->name; b++)
		if (strcmp(b->name, PROCEDURE_CONFIG_FILE) == 0)
			text = b->data;
	if (!text || !(at = strstr(text, from))) {
		t_fail(__FILE__, __LINE__, "config.txt has no \"%s\"", from);
		return NULL;
	}
	char dir[600], path[700];
	snprintf(dir, sizeof dir, "%s/procedures", f->dir);
	snprintf(path, sizeof path, "%s/%s", dir, PROCEDURE_CONFIG_FILE);
	mkdir(dir, 0700);
	FILE *out = fopen(path, "w");
	bool ok = out && fprintf(out, "%.*s%s%s", (int)(at - text), text, to,
				 at + strlen(from)) > 0;
	if (out && fclose(out) != 0)
		ok = false;
	struct proc_registry *r = NULL;
	struct fz_error e = { 0 };
	if (!ok || proc_registry_load(dir, &r, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "procedures from %s: %s", dir, ok ? e.message : "not written");
		return NULL;
	}
	return r;
}
