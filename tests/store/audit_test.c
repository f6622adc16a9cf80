/* audit_test.c - contract: the audit log is append-only, and the database
 * itself refuses to change or delete young records even to someone who
 * bypasses fazhi and opens the database directly. */
#include <stdio.h>
#include <time.h>

#include "contract.h"
#include "t.h"

#define DAY 86400

static int64_t append(struct store_fx *fx, int64_t at, const char *actor, const char *action,
		      const char *result)
{
	struct audit_entry ent = { .at = at, .actor_id = 1, .actor = (char *)actor,
				   .client_addr = "10.0.0.9", .action = (char *)action,
				   .object_type = "agency", .object_id = "3",
				   .result = (char *)result };
	struct audit_change ch[] = {
		{ "name", "旧名称", "新名称" },
		{ "domains", NULL, "市场监管" },
	};
	struct fz_error e = { 0 };
	if (fx->st->ops->audit_append(fx->st, &ent, ch, 2, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "audit_append: %s", e.message);
		return 0;
	}
	return ent.id;
}

static int64_t audit_total(struct store_fx *fx, const struct audit_filter *f)
{
	struct audit_list l;
	if (fx->st->ops->audit_list(fx->st, fx->a, f, PAGE_ALL, &l, NULL) != FZ_OK)
		return -1;
	return l.total;
}

TEST(store_audit_lists_newest_first_with_changes)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t first = append(&fx, 1000, "admin", "agency.create", "ok");
	int64_t second = append(&fx, 2000, "admin", "agency.update", "ok");
	REQUIRE(first && second);
	CHECK(second > first);
	struct audit_list l;
	CHECK_INT(fx.st->ops->audit_list(fx.st, fx.a, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	REQUIRE(l.n == 2);
	CHECK_INT(l.items[0].id, second);
	CHECK_INT(l.items[0].at, 2000);
	CHECK_STR(l.items[0].action, "agency.update");
	CHECK_STR(l.items[0].actor, "admin");
	CHECK_STR(l.items[0].client_addr, "10.0.0.9");
	CHECK_STR(l.items[0].object_type, "agency");
	CHECK_STR(l.items[0].object_id, "3");
	CHECK_STR(l.items[0].message, "");

	struct audit_change_list cl;
	CHECK_INT(fx.st->ops->audit_changes(fx.st, fx.a, first, &cl, NULL), FZ_OK);
	REQUIRE(cl.n == 2);
	CHECK_STR(cl.items[0].field, "name");
	CHECK_STR(cl.items[0].before, "旧名称");
	CHECK_STR(cl.items[0].after, "新名称");
	CHECK(cl.items[1].before == NULL);
	CHECK_STR(cl.items[1].after, "市场监管");
	store_fx_close(&fx);
}

TEST(store_audit_append_stamps_now_when_at_is_zero)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct audit_entry ent = { .action = "session.create", .result = "ok" };
	int64_t before = (int64_t)time(NULL);
	CHECK_INT(fx.st->ops->audit_append(fx.st, &ent, NULL, 0, NULL), FZ_OK);
	CHECK(ent.at >= before && ent.at <= before + 5);
	struct audit_entry bad = { .action = "x", .result = "maybe" };
	CHECK_INT(fx.st->ops->audit_append(fx.st, &bad, NULL, 0, NULL), FZ_INVALID);
	struct audit_entry none = { .result = "ok" };
	CHECK_INT(fx.st->ops->audit_append(fx.st, &none, NULL, 0, NULL), FZ_INVALID);
	store_fx_close(&fx);
}

TEST(store_audit_list_filters_action_prefix_actor_time_and_object)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	append(&fx, 1000, "admin", "agency.create", "ok");
	append(&fx, 2000, "admin", "agency.update", "denied");
	append(&fx, 3000, "auditor", "agency_type.update", "ok");
	append(&fx, 4000, "auditor", "session.create", "ok");
	CHECK_INT(audit_total(&fx, &(struct audit_filter){ .action = "agency." }), 2);
	CHECK_INT(audit_total(&fx, &(struct audit_filter){ .action = "agency.update" }), 1);
	CHECK_INT(audit_total(&fx, &(struct audit_filter){ .action = "agency" }), 0);
	CHECK_INT(audit_total(&fx, &(struct audit_filter){ .actor = "auditor" }), 2);
	CHECK_INT(audit_total(&fx, &(struct audit_filter){ .actor_id = 1 }), 4);
	CHECK_INT(audit_total(&fx, &(struct audit_filter){ .from = 2000, .to = 4000 }), 2);
	CHECK_INT(audit_total(&fx, &(struct audit_filter){ .result = "denied" }), 1);
	CHECK_INT(audit_total(&fx, &(struct audit_filter){ .object_type = "agency",
							   .object_id = "3" }),
		  4);
	CHECK_INT(audit_total(&fx, &(struct audit_filter){ .object_id = "4" }), 0);
	store_fx_close(&fx);
}

TEST(store_audit_update_refused_by_database)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = append(&fx, (int64_t)time(NULL), "admin", "agency.create", "ok");
	char msg[256];
	CHECK(contract_raw_exec(fx.dir, "UPDATE audit_log SET actor = 'someone-else'", msg,
				sizeof msg) != 0);
	CHECK_CONTAINS(msg, "审计日志只能追加，不能修改");
	/* an old record is no more changeable than a young one */
	append(&fx, (int64_t)time(NULL) - 1000 * DAY, "admin", "agency.create", "ok");
	CHECK(contract_raw_exec(fx.dir, "UPDATE audit_log SET result = 'denied'", msg,
				sizeof msg) != 0);
	CHECK(contract_raw_exec(fx.dir, "UPDATE audit_changes SET after_value = 'x'", msg,
				sizeof msg) != 0);
	CHECK_CONTAINS(msg, "审计日志只能追加，不能修改");

	struct audit_list l;
	REQUIRE(fx.st->ops->audit_list(fx.st, fx.a, &(struct audit_filter){ .actor = "admin" },
				       PAGE_ALL, &l, NULL) == FZ_OK);
	CHECK_INT(l.total, 2);
	REQUIRE(l.n == 2);
	CHECK_INT(l.items[1].id, id);
	CHECK_STR(l.items[1].result, "ok");
	store_fx_close(&fx);
}

TEST(store_audit_delete_of_young_record_refused_by_database)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t now = (int64_t)time(NULL);
	append(&fx, now - 179 * DAY, "admin", "agency.create", "ok");
	char msg[256];
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM audit_log", msg, sizeof msg) != 0);
	CHECK_CONTAINS(msg, "审计记录未满保存期限");
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM audit_changes", msg, sizeof msg) != 0);
	CHECK_CONTAINS(msg, "审计日志只能追加");
	/* lowering the retention setting does not go below 180 days */
	CHECK_INT(contract_raw_exec(fx.dir,
				    "UPDATE settings SET value = '1'"
				    " WHERE key = 'audit_retention_days'",
				    msg, sizeof msg),
		  0);
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM audit_log", msg, sizeof msg) != 0);
	CHECK_INT(contract_raw_exec(fx.dir,
				    "DELETE FROM settings WHERE key = 'audit_retention_days'",
				    msg, sizeof msg),
		  0);
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM audit_log", msg, sizeof msg) != 0);
	CHECK_INT(audit_total(&fx, NULL), 1);
	store_fx_close(&fx);
}

TEST(store_audit_changes_cannot_be_added_to_an_old_record)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t old = append(&fx, 1000, "admin", "agency.create", "ok");
	append(&fx, 2000, "admin", "agency.update", "ok");
	char sql[128], msg[256];
	snprintf(sql, sizeof sql,
		 "INSERT INTO audit_changes (audit_id, field, after_value) VALUES (%lld, 'x', 'y')",
		 (long long)old);
	CHECK(contract_raw_exec(fx.dir, sql, msg, sizeof msg) != 0);
	CHECK_CONTAINS(msg, "审计日志只能追加");
	store_fx_close(&fx);
}

TEST(store_audit_purge_inside_retention_is_forbidden)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t now = (int64_t)time(NULL);
	append(&fx, now - 400 * DAY, "admin", "agency.create", "ok");
	int64_t deleted = -1;
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->audit_purge(fx.st, now - 179 * DAY, now, 180, &deleted, &e),
		  FZ_FORBIDDEN);
	CHECK_STR(e.message, "审计记录保存期限未满 180 天，不能清除");
	CHECK_INT(deleted, 0);
	/* a caller asking for less than the legal minimum still gets 180 */
	CHECK_INT(fx.st->ops->audit_purge(fx.st, now - 100 * DAY, now, 30, &deleted, &e),
		  FZ_FORBIDDEN);
	CHECK_STR(e.message, "审计记录保存期限未满 180 天，不能清除");
	CHECK_INT(audit_total(&fx, NULL), 1);
	store_fx_close(&fx);
}

TEST(store_audit_purge_honours_longer_retention_setting)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t now = (int64_t)time(NULL);
	REQUIRE(fx.st->ops->setting_set(fx.st, "audit_retention_days", "365", NULL) == FZ_OK);
	append(&fx, now - 300 * DAY, "admin", "agency.create", "ok");
	int64_t deleted = -1;
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->audit_purge(fx.st, now - 200 * DAY, now, 180, &deleted, &e),
		  FZ_FORBIDDEN);
	CHECK_STR(e.message, "审计记录保存期限未满 365 天，不能清除");
	/* the database enforces the setting too */
	char msg[256];
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM audit_log", msg, sizeof msg) != 0);
	CHECK_INT(audit_total(&fx, NULL), 1);
	store_fx_close(&fx);
}

TEST(store_audit_purge_removes_old_records_with_their_changes)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t now = (int64_t)time(NULL);
	int64_t old1 = append(&fx, now - 500 * DAY, "admin", "agency.create", "ok");
	append(&fx, now - 400 * DAY, "admin", "agency.update", "ok");
	int64_t young = append(&fx, now - 10 * DAY, "admin", "agency.update", "ok");
	int64_t deleted = -1;
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->audit_purge(fx.st, now - 200 * DAY, now, 180, &deleted, &e), FZ_OK);
	CHECK_INT(deleted, 2);
	struct audit_list l;
	REQUIRE(fx.st->ops->audit_list(fx.st, fx.a, NULL, PAGE_ALL, &l, NULL) == FZ_OK);
	REQUIRE(l.n == 1);
	CHECK_INT(l.items[0].id, young);
	struct audit_change_list cl;
	CHECK_INT(fx.st->ops->audit_changes(fx.st, fx.a, old1, &cl, NULL), FZ_OK);
	CHECK_INT(cl.n, 0);
	CHECK_INT(fx.st->ops->audit_changes(fx.st, fx.a, young, &cl, NULL), FZ_OK);
	CHECK_INT(cl.n, 2);
	/* ids are never handed out again after a purge */
	int64_t next = append(&fx, now, "admin", "agency.update", "ok");
	CHECK(next > young);
	store_fx_close(&fx);
}
