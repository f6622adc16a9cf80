/* authz_test.c - data scope and role separation through the app layer:
 * nobody sees outside their scope, by list or by id guessing. */
#include "app/auditlog.h"
#include "app/authz.h"
#include "app/org.h"
#include "app/people.h"
#include "fixture.h"
#include "t.h"

static bool list_has(const struct agency_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].id == id)
			return true;
	return false;
}

TEST(scope_officer_sees_only_own_agency)
{
	struct fx f;
	struct app_ctx ctx;
	struct agency_list l;
	struct agency ag;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	fx_as(&f, &ctx, ROLE_OFFICER, f.natres);
	struct page pg = { 0, 50 };
	CHECK_INT(app_agency_list(&ctx, NULL, pg, &l, &e), FZ_OK);
	CHECK_INT(l.total, 1);
	CHECK(list_has(&l, f.natres));
	CHECK_INT(app_agency_get(&ctx, f.market, &ag, &e), FZ_NOTFOUND);
	/* Guessing the id of a person of another agency looks like no person. */
	struct person p;
	CHECK_INT(app_person_get(&ctx, f.officer_b, &p, &e), FZ_NOTFOUND);
	CHECK_INT(app_person_get(&ctx, f.officer_a, &p, &e), FZ_OK);
	fx_close(&f);
}

TEST(scope_supervisor_sees_own_county_not_the_neighbour)
{
	struct fx f;
	struct app_ctx ctx;
	struct agency_list l;
	struct agency ag;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	fx_as(&f, &ctx, ROLE_SUPERVISOR, f.justice);
	CHECK_INT(ctx.scope.kind, SCOPE_DIVISION);
	struct page pg = { 0, 50 };
	CHECK_INT(app_agency_list(&ctx, NULL, pg, &l, &e), FZ_OK);
	CHECK_INT(l.total, 3);
	CHECK(list_has(&l, f.natres));
	CHECK(list_has(&l, f.market));
	CHECK(!list_has(&l, f.neighbour));
	CHECK_INT(app_agency_get(&ctx, f.neighbour, &ag, &e), FZ_NOTFOUND);
	fx_close(&f);
}

TEST(scope_city_supervisor_sees_every_county_of_the_city)
{
	struct fx f;
	struct app_ctx ctx;
	struct agency_list l;
	struct fz_error e;
	char uscc[19];
	REQUIRE(fx_open(&f));
	fx_uscc(40, uscc);
	struct agency_input in = { .name = "中卫市司法局", .uscc = uscc, .division_code = "640500",
				   .kind = "justice_bureau", .domains = "司法行政", .active = 1 };
	struct agency city;
	REQUIRE(app_agency_create(&f.cli, &in, &city, &e) == FZ_OK);
	fx_as(&f, &ctx, ROLE_SUPERVISOR, city.id);
	struct page pg = { 0, 50 };
	CHECK_INT(app_agency_list(&ctx, NULL, pg, &l, &e), FZ_OK);
	CHECK_INT(l.total, 5);
	CHECK(list_has(&l, f.neighbour));
	fx_close(&f);
}

TEST(auditor_reads_no_business_data_and_changes_nothing)
{
	struct fx f;
	struct app_ctx ctx;
	struct agency_list l;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	fx_as(&f, &ctx, ROLE_AUDITOR, 0);
	struct page pg = { 0, 50 };
	CHECK_INT(app_agency_list(&ctx, NULL, pg, &l, &e), FZ_FORBIDDEN);
	int64_t before = fx_count(&f, "agencies");
	struct agency_input in = { .name = "x" };
	CHECK_INT(app_agency_create(&ctx, &in, NULL, &e), FZ_FORBIDDEN);
	CHECK_INT(fx_count(&f, "agencies"), before);
	struct audit_list al;
	CHECK_INT(app_audit_list(&ctx, &(struct audit_filter){ 0 }, pg, &al, &e), FZ_OK);
	fx_close(&f);
}

TEST(sysadmin_cannot_read_the_audit_log_and_the_denial_is_audited)
{
	struct fx f;
	struct app_ctx ctx;
	struct audit_list al;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	fx_as(&f, &ctx, ROLE_SYSADMIN, 0);
	int64_t before = fx_audit_count(&f);
	struct page pg = { 0, 50 };
	CHECK_INT(app_audit_list(&ctx, &(struct audit_filter){ 0 }, pg, &al, &e), FZ_FORBIDDEN);
	CHECK_INT(fx_audit_count(&f), before + 1);
	struct app_ctx aud;
	fx_as(&f, &aud, ROLE_AUDITOR, 0);
	struct audit_filter flt = { .result = "denied" };
	CHECK_INT(app_audit_list(&aud, &flt, pg, &al, &e), FZ_OK);
	REQUIRE(al.n >= 1);
	CHECK_STR(al.items[0].action, "audit.read");
	fx_close(&f);
}

TEST(secadmin_cannot_create_accounts_and_sysadmin_cannot_assign_roles)
{
	struct fx f;
	struct app_ctx sec, sys;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	int64_t id = fx_user(&f, "zhangsan", 0, f.natres, "Passw0rd!x");
	REQUIRE(id);
	fx_as(&f, &sec, ROLE_SECADMIN, 0);
	fx_as(&f, &sys, ROLE_SYSADMIN, 0);
	struct user_input in = { .username = "lisi", .display_name = "李四",
				 .password = "Passw0rd!x", .disabled = -1,
				 .must_change_password = -1 };
	CHECK_INT(app_user_create(&sec, &in, NULL, &e), FZ_FORBIDDEN);
	CHECK_INT(app_user_set_roles(&sys, id, ROLE_OFFICER, NULL, &e), FZ_FORBIDDEN);
	CHECK_INT(app_user_set_roles(&sec, id, ROLE_OFFICER, NULL, &e), FZ_OK);
	fx_close(&f);
}

TEST(three_admin_roles_are_never_held_together)
{
	struct fx f;
	struct app_ctx sec;
	struct fz_error e;
	struct user u;
	REQUIRE(fx_open(&f));
	int64_t id = fx_user(&f, "wangwu", 0, 0, "Passw0rd!x");
	REQUIRE(id);
	fx_as(&f, &sec, ROLE_SECADMIN, 0);
	CHECK_INT(app_user_set_roles(&sec, id, ROLE_SYSADMIN | ROLE_AUDITOR, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "roles");
	CHECK_INT(app_user_set_roles(&sec, id, ROLE_SYSADMIN | ROLE_SECADMIN, NULL, &e),
		  FZ_INVALID);
	CHECK_INT(app_user_get(&sec, id, &u, &e), FZ_OK);
	CHECK_INT(u.roles, 0);
	CHECK_INT(app_user_set_roles(&sec, id, ROLE_AUDITOR, &u, &e), FZ_OK);
	CHECK_INT(u.roles, ROLE_AUDITOR);
	fx_close(&f);
}

TEST(secadmin_cannot_change_own_roles)
{
	struct fx f;
	struct app_ctx sec;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	int64_t id = fx_user(&f, "anquan", ROLE_SECADMIN, 0, "Passw0rd!x");
	REQUIRE(id);
	fx_as(&f, &sec, ROLE_SECADMIN, 0);
	sec.user->id = id;
	CHECK_INT(app_user_set_roles(&sec, id, ROLE_SYSADMIN, NULL, &e), FZ_FORBIDDEN);
	fx_close(&f);
}

TEST(supervisor_role_only_for_a_justice_bureau_account)
{
	struct fx f;
	struct app_ctx sec;
	struct fz_error e;
	REQUIRE(fx_open(&f));
	int64_t a = fx_user(&f, "jianduyi", 0, f.natres, "Passw0rd!x");
	int64_t b = fx_user(&f, "jianduer", 0, f.justice, "Passw0rd!x");
	REQUIRE(a && b);
	fx_as(&f, &sec, ROLE_SECADMIN, 0);
	CHECK_INT(app_user_set_roles(&sec, a, ROLE_SUPERVISOR, NULL, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "司法行政机关");
	CHECK_INT(app_user_set_roles(&sec, b, ROLE_SUPERVISOR, NULL, &e), FZ_OK);
	fx_close(&f);
}

TEST(head_manages_units_of_own_agency_only)
{
	struct fx f;
	struct app_ctx head;
	struct fz_error e;
	struct unit u;
	REQUIRE(fx_open(&f));
	fx_as(&f, &head, ROLE_HEAD, f.natres);
	struct unit_input mine = { .agency_id = f.natres, .name = "法规股" };
	struct unit_input theirs = { .agency_id = f.market, .name = "法规股" };
	CHECK_INT(app_unit_create(&head, &mine, &u, &e), FZ_OK);
	int64_t before = fx_count(&f, "units");
	CHECK_INT(app_unit_create(&head, &theirs, NULL, &e), FZ_INVALID);
	CHECK_STR(e.field, "agency_id");
	CHECK_INT(fx_count(&f, "units"), before);
	fx_close(&f);
}
