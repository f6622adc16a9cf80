/* draw_test.c - a random inspection draw made by the server is recorded
 * with its seed and both lists, re-runs to the same result, and only the
 * drawn inspectors may then inspect. */
#include <stdio.h>
#include <string.h>

#include "app/case.h"
#include "app/draw.h"
#include "domain/case_events.h"
#include "fixture.h"
#include "t.h"

TEST(random_draw_is_recorded_reproducible_and_binds_the_inspection)
{
	struct fx f;
	struct fz_error e;
	struct app_ctx off;
	REQUIRE(fx_open(&f));
	int64_t uid = fx_user(&f, "inspector", ROLE_OFFICER, f.natres, "Right#Pass1");
	int64_t p[4];
	for (int i = 0; i < 4; i++)
		p[i] = fx_certified_officer(&f, 31 + i);
	REQUIRE(uid && p[0] && p[1] && p[2] && p[3]);
	fx_as(&f, &off, ROLE_OFFICER, f.natres);
	off.user->id = uid;
	off.user->person_id = p[0];

	static const struct case_field open_fields[] = {
		{ "subject", "2025 年第四季度土地利用双随机抽查" },
		{ "basis", "土地管理法第六十七条" },
		{ "random", "1" },
	};
	struct case_input in = { .procedure = "inspection", .domain = "自然资源",
				 .title = "土地利用双随机抽查", .party_kind = PARTY_ORGANISATION,
				 .party_name = "抽查对象名录", .act_date = "2025-12-01" };
	struct case_step_input open = { .reason = "补录：测试数据按发生日期录入", .step = "open", .on = "2025-12-02", .fields = open_fields,
					.nfields = 3 };
	struct enf_case c;
	REQUIRE(app_case_open(&off, &in, &open, &c, NULL, &e) == FZ_OK);

	const char *targets[] = { "91640522MA00000001", "91640522MA00000002", "91640522MA00000003",
				  "91640522MA00000004", "91640522MA00000005" };
	struct case_draw_input din = { .targets = targets, .ntargets = 5, .inspectors = p,
				       .ninspectors = 4, .count = 2, .per_target = 2 };
	struct draw_result r;
	REQUIRE(app_case_draw(&off, c.id, &din, &r, NULL, &e) == FZ_OK);
	CHECK_INT(r.nrows, 2);

	/* Anyone with the recorded seed and lists gets the same draw. */
	struct case_event_list ev;
	struct scope all = { .kind = SCOPE_ALL };
	REQUIRE(f.st->ops->case_events(f.st, f.a, &all, c.id, &ev, &e) == FZ_OK);
	REQUIRE(ev.n == 2);
	const struct case_event *d = &ev.items[1];
	CHECK_STR(case_event_field(d, "seed"), r.seed);
	struct draw_list tl, il;
	const char *tls = case_event_field(d, "target_list");
	const char *ils = case_event_field(d, "inspector_list");
	REQUIRE(tls && ils);
	REQUIRE(draw_list_parse(f.a, "t", tls, strlen(tls), &tl, &e) == FZ_OK);
	REQUIRE(draw_list_parse(f.a, "i", ils, strlen(ils), &il, &e) == FZ_OK);
	struct draw_input again = { .seed_hex = case_event_field(d, "seed"), .targets = tl,
				    .inspectors = il, .count = 2, .per_target = 2 };
	struct draw_result r2;
	REQUIRE(draw_run(f.a, &again, &r2, &e) == FZ_OK);
	for (size_t i = 0; i < 2; i++) {
		CHECK_STR(r2.rows[i].target, r.rows[i].target);
		CHECK_STR(r2.rows[i].inspectors[0], r.rows[i].inspectors[0]);
		CHECK_STR(r2.rows[i].inspectors[1], r.rows[i].inspectors[1]);
	}

	/* Inspecting with someone not drawn is refused; the drawn pair may. */
	int64_t drawn[2], other = 0;
	sscanf(r.rows[0].inspectors[0], "%lld", (long long *)&drawn[0]);
	sscanf(r.rows[0].inspectors[1], "%lld", (long long *)&drawn[1]);
	const char *listed = case_event_field(d, "inspectors");
	for (int i = 0; i < 4 && !other; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)p[i]);
		if (!strstr(listed, id))
			other = p[i];
	}
	static const struct case_field findings[] = { { "findings", "未发现违法用地" } };
	struct case_step_input inspect = { .step = "inspect", .on = NULL,
					   .fields = findings, .nfields = 1, .officers = drawn,
					   .nofficers = 2 };
	if (other) {
		int64_t wrong[2] = { drawn[0], other };
		inspect.officers = wrong;
		CHECK_INT(app_case_act(&off, c.id, &inspect, NULL, NULL, &e), FZ_CONFLICT);
		CHECK_STR(e.field, "drawn_inspectors");
		inspect.officers = drawn;
	}
	CHECK_INT(app_case_act(&off, c.id, &inspect, NULL, NULL, &e), FZ_OK);
	fx_close(&f);
}
