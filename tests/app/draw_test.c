/* draw_test.c - a random inspection draw made by the server is recorded
 * with its seed and both lists, re-runs to the same result, and only the
 * drawn inspectors may then inspect. */
#include <stdio.h>
#include <string.h>

#include "app/case.h"
#include "app/draw.h"
#include "app/inspection_public.h"
#include "base/date.h"
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

/* A draw whose result is embargoed until ts: the public list (and its
 * total) and the draw's own page know nothing of it before ts, and show
 * it from ts on; the embargo is checked when the draw is recorded (a
 * minute after now at the earliest, the configured bound at the latest)
 * and cannot be changed afterwards by a correction. */
static int64_t draws_public_at(struct fx *f, const struct app_config *cfg, int64_t now,
			       struct public_draw_list *l)
{
	struct app_ctx anon;
	struct fz_error e;
	app_ctx_init(&anon, f->st, f->a, cfg, "198.51.100.7", now);
	if (app_public_draws(&anon, (struct page){ .offset = 0, .limit = 20 }, l, &e) != FZ_OK)
		return -1;
	return l->total;
}

static enum fz_err draw_public_at(struct fx *f, const struct app_config *cfg, int64_t now,
				  int64_t id, struct public_draw *d, struct fz_error *e)
{
	struct app_ctx anon;
	app_ctx_init(&anon, f->st, f->a, cfg, "198.51.100.7", now);
	return app_public_draw(&anon, id, d, e);
}

TEST(embargoed_draw_is_off_the_portal_until_its_time_and_bounded_and_uncorrectable)
{
	struct fx f;
	struct fz_error e;
	struct app_ctx off;
	REQUIRE(fx_open(&f));
	struct app_config cfg = f.cfg;
	cfg.draw_embargo_max_days = 10;
	int64_t uid = fx_user(&f, "inspector", ROLE_OFFICER, f.natres, "Right#Pass1");
	int64_t p[3];
	for (int i = 0; i < 3; i++)
		p[i] = fx_certified_officer(&f, 41 + i);
	REQUIRE(uid && p[0] && p[1] && p[2]);
	fx_as(&f, &off, ROLE_OFFICER, f.natres);
	off.cfg = &cfg;
	off.user->id = uid;
	off.user->person_id = p[0];
	/* now: 2026-01-01 08:00 China (the fixture's clock) */
	const int64_t t0 = f.cli.now;
	CHECK_INT(off.now, t0);

	static const struct case_field open_fields[] = {
		{ "subject", "2026 年第一季度不事先通知的土地利用抽查" },
		{ "basis", "土地管理法第六十七条" },
		{ "random", "1" },
	};
	struct case_input in = { .procedure = "inspection", .domain = "自然资源",
				 .title = "不事先通知的土地利用抽查", .party_kind = PARTY_ORGANISATION,
				 .party_name = "抽查对象名录", .act_date = "2026-01-01" };
	struct case_step_input open = { .step = "open", .fields = open_fields, .nfields = 3 };
	struct enf_case c;
	REQUIRE(app_case_open(&off, &in, &open, &c, NULL, &e) == FZ_OK);
	const char *targets[] = { "91640522MA00000011", "91640522MA00000012",
				  "91640522MA00000013" };
	struct case_draw_input din = { .targets = targets, .ntargets = 3, .inspectors = p,
				       .ninspectors = 3, .count = 1, .per_target = 2 };
	int64_t events0 = fx_count(&f, "case_events");

	/* refused, each naming the field, nothing recorded */
	static const char *const bad[] = {
		"2026-01-01 08:00", /* not later than now */
		"2025-12-31 09:00", /* in the past */
		"2026-01-11 08:01", /* a minute past the 10 days' bound */
		"2027-01-01 08:00", /* far past it */
		"2026-01-03",       /* no time */
		"2026-02-30 09:00", /* no such day */
		"2026-01-03 24:00", /* no such minute */
		"2026/01/03 09:00",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		din.publish_at = bad[i];
		memset(&e, 0, sizeof e);
		CHECK_INT(app_case_draw(&off, c.id, &din, NULL, NULL, &e), FZ_INVALID);
		CHECK_STR(e.field, "publish_at");
		CHECK(strstr(e.message, "公开时间") != NULL);
		CHECK(strstr(e.message, "publish_at") == NULL);
	}
	CHECK_INT(fx_count(&f, "case_events"), events0);

	/* the bound itself is allowed; the form's T separator too */
	din.publish_at = "2026-01-11T08:00";
	struct draw_result r;
	REQUIRE(app_case_draw(&off, c.id, &din, &r, NULL, &e) == FZ_OK);
	struct case_event_list ev;
	struct scope all = { .kind = SCOPE_ALL };
	REQUIRE(f.st->ops->case_events(f.st, f.a, &all, c.id, &ev, &e) == FZ_OK);
	const struct case_event *d = &ev.items[ev.n - 1];
	REQUIRE(strcmp(d->step, "random_draw") == 0);
	CHECK_STR(case_event_field(d, "publish_at"), "2026-01-11 08:00");

	/* before: not listed, not counted, not found like an id that is no draw */
	const int64_t at = t0 + 10 * 86400; /* 2026-01-11 08:00 */
	struct public_draw_list l;
	struct public_draw pd;
	struct fz_error none = { 0 };
	CHECK_INT(draws_public_at(&f, &cfg, t0, &l), 0);
	CHECK_INT(draws_public_at(&f, &cfg, at - 60, &l), 0);
	CHECK_INT((long)l.n, 0);
	CHECK_INT(draw_public_at(&f, &cfg, at - 1, 999999, &pd, &none), FZ_NOTFOUND);
	CHECK_INT(draw_public_at(&f, &cfg, at - 1, d->id, &pd, &e), FZ_NOTFOUND);
	CHECK_STR(e.message, none.message);

	/* from the minute on: listed, counted and shown with its embargo */
	CHECK_INT(draws_public_at(&f, &cfg, at, &l), 1);
	REQUIRE(l.n == 1);
	CHECK_INT(l.items[0].id, d->id);
	CHECK_STR(l.items[0].publish_at, "2026-01-11 08:00");
	CHECK_INT(draw_public_at(&f, &cfg, at + 86400, d->id, &pd, &e), FZ_OK);
	CHECK(pd.matches);
	CHECK_STR(pd.rerun.rows[0].inspectors[0], r.rows[0].inspectors[0]);

	/* a correction cannot move the embargo later (nor anything else) */
	static const struct case_field later[] = { { "publish_at", "2026-01-11 09:00" } };
	struct case_step_input corr = { .step = "correction", .corrects = d->id,
					.reason = "推迟公开", .fields = later, .nfields = 1 };
	memset(&e, 0, sizeof e);
	CHECK_INT(app_case_act(&off, c.id, &corr, NULL, NULL, &e), FZ_FORBIDDEN);
	CHECK_STR(e.field, "corrects");
	/* nor can the step be recorded by hand with an embargo of its own */
	static const struct case_field hand[] = { { "seed", "00" }, { "targets", "x" },
						   { "inspectors", "1" },
						   { "publish_at", "2026-01-05 09:00" } };
	struct case_step_input by_hand = { .step = "random_draw", .fields = hand, .nfields = 4 };
	CHECK_INT(app_case_act(&off, c.id, &by_hand, NULL, NULL, &e), FZ_INVALID);
	CHECK_INT(fx_count(&f, "case_events"), events0 + 1);
	CHECK_INT(draws_public_at(&f, &cfg, at, &l), 1);
	fx_close(&f);
}

TEST(draw_embargo_bound_defaults_when_unset_and_its_minute_reads_as_china_time)
{
	struct app_config cfg;
	app_config_defaults(&cfg);
	CHECK_INT(app_draw_embargo_max_days(&cfg), APP_DRAW_EMBARGO_MAX_DAYS_DEFAULT);
	cfg.draw_embargo_max_days = 7;
	CHECK_INT(app_draw_embargo_max_days(&cfg), 7);
	int64_t t;
	CHECK(time_parse_local("2026-01-01 08:00", &t));
	CHECK_INT(t, 1767225600);
	CHECK(time_parse_local("2026-01-01T08:00", &t));
	CHECK_INT(t, 1767225600);
	CHECK(!time_parse_local("2026-01-01 08:00:00", &t));
	CHECK(!time_parse_local("2026-01-01 8:00", &t));
	CHECK(!time_parse_local("", &t));
	CHECK(!time_parse_local(NULL, &t));
}
