/* api_audit_test.c - the audit log over HTTP: the auditor lists, filters
 * and exports it (and the export is itself in the log), sees the changed
 * fields of a write, and bad filters are refused by name; the system
 * administrator may not read it (三员分立). */
#include <stdio.h>

#include "api_fixture.h"
#include "base/date.h"
#include "t.h"

TEST(auditor_exports_the_log_and_the_export_is_logged)
{
	struct t_demo d;
	char h[160];
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, "auditor", "GET", "/api/v1/audit?action=audit.export",
				   NULL);
	CHECK_INT(t_json_int(&r, "total"), 0);
	t_resp_free(&r);

	r = t_api(&d, "auditor", "GET", "/api/v1/audit/export?action=agency.", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(t_header(&r, "Content-Type", h, sizeof h), "text/csv");
	CHECK_CONTAINS(t_header(&r, "Content-Disposition", h, sizeof h), "attachment; filename=");
	CHECK(strncmp(r.body, "\xEF\xBB\xBF", 3) == 0); /* BOM for spreadsheets */
	CHECK_CONTAINS(r.body, "编号,时间,操作人");
	CHECK_CONTAINS(r.body, "\"agency.create\"");
	CHECK(!strstr(r.body, "\"user.create\""));
	t_resp_free(&r);

	r = t_api(&d, "auditor", "GET", "/api/v1/audit?action=audit.export", NULL);
	CHECK_INT(t_json_int(&r, "total"), 1);
	CHECK_CONTAINS(r.body, "\"actor\":\"auditor\"");
	CHECK_CONTAINS(r.body, "\"result\":\"ok\"");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(sysadmin_may_not_read_the_audit_log)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	static const char *const paths[] = { "/api/v1/audit", "/api/v1/audit/export",
					     "/api/v1/audit/1/changes" };
	for (size_t i = 0; i < 3; i++) {
		struct http_resp r = t_api(&d, "sysadmin", "GET", paths[i], NULL);
		CHECK_ERROR(r, 403, "forbidden", NULL);
		t_resp_free(&r);
		r = t_api(&d, "supervisor", "GET", paths[i], NULL);
		CHECK_ERROR(r, 403, "forbidden", NULL);
		t_resp_free(&r);
		r = t_api(&d, NULL, "GET", paths[i], NULL);
		CHECK_ERROR(r, 401, "unauthorized", NULL);
		t_resp_free(&r);
	}
	/* Each denial is recorded, and the auditor sees them. */
	struct http_resp r = t_api(&d, "auditor", "GET",
				   "/api/v1/audit?actor=sysadmin&result=denied", NULL);
	CHECK_INT(t_json_int(&r, "total"), 3);
	CHECK_CONTAINS(r.body, "\"message\":\"audit.read\"");
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(audit_changes_show_the_fields_of_a_write)
{
	struct t_demo d;
	char path[64];
	REQUIRE(t_demo_start(&d));
	struct http_resp r = t_api(&d, "auditor", "GET",
				   "/api/v1/audit?action=agency.create&limit=1", NULL);
	json_t *j = t_json(&r);
	json_t *first = json_array_get(json_object_get(j, "items"), 0);
	int64_t id = (int64_t)json_integer_value(json_object_get(first, "id"));
	CHECK_STR(json_string_value(json_object_get(first, "object_type")), "agency");
	json_decref(j);
	t_resp_free(&r);
	REQUIRE(id > 0);
	snprintf(path, sizeof path, "/api/v1/audit/%lld/changes", (long long)id);
	r = t_api(&d, "auditor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "{\"field\":\"name\",\"before\":null,\"after\":\"");
	CHECK_CONTAINS(r.body, "\"field\":\"uscc\"");
	t_resp_free(&r);

	/* ID numbers are recorded as changed, never in clear. */
	r = t_api(&d, "auditor", "GET", "/api/v1/audit?action=person.create&limit=1", NULL);
	j = t_json(&r);
	id = (int64_t)json_integer_value(
		json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/audit/%lld/changes", (long long)id);
	r = t_api(&d, "auditor", "GET", path, NULL);
	CHECK_CONTAINS(r.body, "{\"field\":\"resident_id\",\"before\":null,\"after\":\"(set)\"}");
	t_resp_free(&r);
	r = t_api(&d, "auditor", "GET", "/api/v1/audit/999999/changes", NULL);
	CHECK_INT(r.status, 200);
	CHECK_INT(t_json_int(&r, "total"), 0);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(audit_filters_by_day_and_refuses_bad_filters)
{
	struct t_demo d;
	char path[128], today[11], tomorrow[11];
	REQUIRE(t_demo_start(&d));
	date_today(time_now(), today);
	REQUIRE(date_add_days(today, 1, tomorrow));
	snprintf(path, sizeof path, "/api/v1/audit?from=%s&to=%s", today, today);
	struct http_resp r = t_api(&d, "auditor", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	int64_t all_today = t_json_int(&r, "total");
	CHECK(all_today > 100); /* the demo seeding */
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/audit?from=%s", tomorrow);
	r = t_api(&d, "auditor", "GET", path, NULL);
	CHECK_INT(t_json_int(&r, "total"), 0);
	t_resp_free(&r);
	r = t_api(&d, "auditor", "GET", "/api/v1/audit?to=2000-01-01", NULL);
	CHECK_INT(t_json_int(&r, "total"), 0);
	t_resp_free(&r);
	r = t_api(&d, "auditor", "GET", "/api/v1/audit?result=ok&object_type=certificate&limit=5",
		  NULL);
	CHECK_INT(r.status, 200);
	CHECK_INT(t_json_int(&r, "limit"), 5);
	CHECK(t_json_int(&r, "total") > 5);
	t_resp_free(&r);

	static const struct {
		const char *query, *field;
	} bad[] = {
		{ "from=2026-13-01", "from" },        { "to=1700000000", "to" },
		{ "from=2026-03-02&to=2026-03-01", "to" }, { "result=maybe", "result" },
		{ "limit=0", "limit" },               { "offset=-1", "offset" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(path, sizeof path, "/api/v1/audit?%s", bad[i].query);
		r = t_api(&d, "auditor", "GET", path, NULL);
		CHECK_ERROR(r, 400, "invalid", bad[i].field);
		t_resp_free(&r);
		snprintf(path, sizeof path, "/api/v1/audit/export?%s", bad[i].query);
		r = t_api(&d, "auditor", "GET", path, NULL);
		if (strncmp(bad[i].query, "limit", 5) && strncmp(bad[i].query, "offset", 6))
			CHECK_ERROR(r, 400, "invalid", bad[i].field);
		t_resp_free(&r);
	}
	t_demo_stop(&d);
}
