/* case_event_test.c - contract: the record of a case (执法全过程记录).
 * Events numbered 1, 2, 3 ... per case, fields and officers round-trip in
 * order, references checked, nothing half-written, the record readable
 * only within scope and unchangeable even with the database file in hand. */
#include <stdio.h>
#include <time.h>

#include "contract.h"
#include "t.h"

static struct case_event step(int64_t case_id, const char *name, const char *on)
{
	struct case_event ev = { .case_id = case_id, .step = name };
	snprintf(ev.on, sizeof ev.on, "%s", on);
	return ev;
}

/* Appends ev and returns its seq, 0 (with a failure) when it fails. */
static int append(struct store_fx *fx, struct case_event ev)
{
	struct fz_error e = { 0 };
	if (fx->st->ops->case_event_append(fx->st, &ev, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "case_event_append %s: %s", ev.step, e.message);
		return 0;
	}
	return ev.seq;
}

static size_t events_of(struct store_fx *fx, int64_t case_id, struct case_event_list *l)
{
	struct scope all = sc_all();
	struct fz_error e = { 0 };
	if (fx->st->ops->case_events(fx->st, fx->a, &all, case_id, l, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "case_events: %s", e.message);
		return 0;
	}
	return l->n;
}

TEST(store_case_event_seq_counts_per_case)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t a = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案一", "甲", NULL);
	int64_t b = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案二", "乙", NULL);
	REQUIRE(a && b);
	CHECK_INT(append(&fx, step(a, "register", "2025-03-01")), 1);
	CHECK_INT(append(&fx, step(a, "investigate", "2025-03-02")), 2);
	CHECK_INT(append(&fx, step(b, "register", "2025-03-02")), 1);
	CHECK_INT(append(&fx, step(a, "notify", "2025-03-05")), 3);

	struct case_event_list l;
	REQUIRE(events_of(&fx, a, &l) == 3);
	CHECK_INT(l.total, 3);
	CHECK_INT(l.items[0].seq, 1);
	CHECK_STR(l.items[0].step, "register");
	CHECK_INT(l.items[1].seq, 2);
	CHECK_STR(l.items[1].step, "investigate");
	CHECK_INT(l.items[2].seq, 3);
	CHECK_STR(l.items[2].on, "2025-03-05");
	for (size_t i = 0; i < l.n; i++)
		CHECK_INT(l.items[i].case_id, a);

	/* a rolled-back append leaves no gap */
	REQUIRE(fx.st->ops->begin(fx.st, true, NULL) == FZ_OK);
	CHECK_INT(append(&fx, step(b, "investigate", "2025-03-03")), 2);
	fx.st->ops->rollback(fx.st);
	CHECK_INT(append(&fx, step(b, "investigate", "2025-03-04")), 2);
	store_fx_close(&fx);
}

TEST(store_case_event_fields_and_officers_round_trip_in_order)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t user = store_fx_user(&fx, "majianguo", fx.haiyuan_market, ROLE_OFFICER);
	int64_t id = store_fx_case(&fx, fx.haiyuan_market, "罚立", "销售过期食品案", "惠民超市",
				   NULL);
	REQUIRE(id && user);
	const struct case_field fields[] = {
		{ "facts", "当事人于 2025 年 2 月 28 日销售超过保质期的酸奶 12 盒。" },
		{ "amount", "5000" },
		{ "依据", "《中华人民共和国食品安全法》第一百二十四条" },
		{ "empty", "" },
	};
	const int64_t officers[] = { fx.officer2, fx.officer };
	struct case_event ev = step(id, "investigate", "2025-03-02");
	ev.at = 1741000000;
	ev.actor_id = user;
	ev.actor = "majianguo";
	ev.reason = "现场检查发现";
	ev.fields = fields;
	ev.nfields = 4;
	ev.officers = officers;
	ev.nofficers = 2;
	struct fz_error e = { 0 };
	REQUIRE(fx.st->ops->case_event_append(fx.st, &ev, &e) == FZ_OK);
	CHECK(ev.id > 0);
	CHECK_INT(ev.seq, 1);
	CHECK_INT(ev.at, 1741000000);

	/* no fields, no officers, at left 0 */
	struct case_event plain = step(id, "notify", "2025-03-05");
	time_t before = time(NULL);
	REQUIRE(fx.st->ops->case_event_append(fx.st, &plain, &e) == FZ_OK);
	CHECK(plain.at >= before);

	/* a correction of the first event */
	const struct case_field fix[] = { { "amount", "3000" } };
	struct case_event corr = step(id, "correction", "2025-03-06");
	corr.corrects = ev.id;
	corr.reason = "金额笔误";
	corr.fields = fix;
	corr.nfields = 1;
	REQUIRE(fx.st->ops->case_event_append(fx.st, &corr, &e) == FZ_OK);

	struct case_event_list l;
	REQUIRE(events_of(&fx, id, &l) == 3);
	const struct case_event *got = &l.items[0];
	CHECK_INT(got->id, ev.id);
	CHECK_STR(got->step, "investigate");
	CHECK_STR(got->on, "2025-03-02");
	CHECK_INT(got->at, 1741000000);
	CHECK_INT(got->actor_id, user);
	CHECK_STR(got->actor, "majianguo");
	CHECK_INT(got->corrects, 0);
	CHECK_STR(got->reason, "现场检查发现");
	REQUIRE(got->nfields == 4);
	for (size_t i = 0; i < 4; i++) {
		CHECK_STR(got->fields[i].key, fields[i].key);
		CHECK_STR(got->fields[i].value, fields[i].value);
	}
	CHECK_STR(case_event_field(got, "依据"), "《中华人民共和国食品安全法》第一百二十四条");
	REQUIRE(got->nofficers == 2);
	CHECK_INT(got->officers[0], fx.officer2);
	CHECK_INT(got->officers[1], fx.officer);

	got = &l.items[1];
	CHECK_INT(got->nfields, 0);
	CHECK_INT(got->nofficers, 0);
	CHECK_INT(got->actor_id, 0);
	CHECK_STR(got->actor, "");
	CHECK_STR(got->reason, "");
	CHECK_INT(got->at, plain.at);

	got = &l.items[2];
	CHECK_INT(got->corrects, ev.id);
	CHECK_STR(got->reason, "金额笔误");
	REQUIRE(got->nfields == 1);
	CHECK_STR(case_event_field(got, "amount"), "3000");
	store_fx_close(&fx);
}

TEST(store_case_event_references_must_exist_and_nothing_is_half_written)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案一", "甲", NULL);
	int64_t other = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案二", "乙", NULL);
	REQUIRE(id && other);
	struct case_event ev_other = step(other, "register", "2025-03-01");
	REQUIRE(fx.st->ops->case_event_append(fx.st, &ev_other, NULL) == FZ_OK);
	struct fz_error e = { 0 };

	struct case_event ev = step(9999, "register", "2025-03-01");
	CHECK_INT(fx.st->ops->case_event_append(fx.st, &ev, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "case_id");
	CHECK_STR(e.message, "案件不存在");

	ev = step(id, "correction", "2025-03-01");
	ev.corrects = ev_other.id; /* an event of another case */
	CHECK_INT(fx.st->ops->case_event_append(fx.st, &ev, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "corrects");

	ev = step(id, "register", "2025-03-01");
	ev.actor_id = 9999;
	CHECK_INT(fx.st->ops->case_event_append(fx.st, &ev, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "actor_id");

	/* the event row is written before its officers: it goes too */
	const int64_t missing[] = { fx.officer, 9999 };
	const struct case_field f[] = { { "facts", "事实" } };
	ev = step(id, "register", "2025-03-01");
	ev.fields = f;
	ev.nfields = 1;
	ev.officers = missing;
	ev.nofficers = 2;
	CHECK_INT(fx.st->ops->case_event_append(fx.st, &ev, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "officers");
	CHECK_STR(e.message, "人员不存在");

	const int64_t twice[] = { fx.officer, fx.officer };
	ev.officers = twice;
	CHECK_INT(fx.st->ops->case_event_append(fx.st, &ev, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "officers");

	const struct case_field dup[] = { { "amount", "1" }, { "amount", "2" } };
	ev = step(id, "register", "2025-03-01");
	ev.fields = dup;
	ev.nfields = 2;
	CHECK_INT(fx.st->ops->case_event_append(fx.st, &ev, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "fields");

	const struct case_field nokey[] = { { "", "x" } };
	ev.fields = nokey;
	ev.nfields = 1;
	CHECK_INT(fx.st->ops->case_event_append(fx.st, &ev, &e), FZ_INVALID);
	CHECK_STR(e.field, "fields");
	const struct case_field novalue[] = { { "amount", NULL } };
	ev.fields = novalue;
	CHECK_INT(fx.st->ops->case_event_append(fx.st, &ev, &e), FZ_INVALID);
	CHECK_STR(e.field, "fields");

	ev = step(id, NULL, "2025-03-01");
	CHECK_INT(fx.st->ops->case_event_append(fx.st, &ev, &e), FZ_INVALID);
	CHECK_STR(e.field, "step");
	ev = step(id, "register", "2025-02-29");
	CHECK_INT(fx.st->ops->case_event_append(fx.st, &ev, &e), FZ_INVALID);
	CHECK_STR(e.field, "on");

	/* none of it stayed: the first event of the case is still seq 1 */
	struct case_event_list l;
	CHECK_INT(events_of(&fx, id, &l), 0);
	CHECK_INT(append(&fx, step(id, "register", "2025-03-01")), 1);
	REQUIRE(events_of(&fx, id, &l) == 1);
	CHECK_INT(l.items[0].nfields, 0);
	CHECK_INT(l.items[0].nofficers, 0);
	store_fx_close(&fx);
}

TEST(store_case_events_outside_scope_are_not_found)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案一", "甲", NULL);
	REQUIRE(id);
	CHECK_INT(append(&fx, step(id, "register", "2025-03-01")), 1);
	struct case_event_list l;
	struct fz_error e = { 0 };
	struct scope justice = sc_agency(fx.haiyuan_justice);
	struct scope xinjiang = sc_division("65");
	struct scope county = sc_division("640522");
	struct scope market = sc_agency(fx.haiyuan_market);
	CHECK_INT(fx.st->ops->case_events(fx.st, fx.a, &justice, id, &l, &e), FZ_NOTFOUND);
	CHECK_INT(l.n, 0);
	CHECK_INT(fx.st->ops->case_events(fx.st, fx.a, &xinjiang, id, &l, &e), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->case_events(fx.st, fx.a, NULL, id, &l, &e), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->case_events(fx.st, fx.a, &market, 9999, &l, &e), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->case_events(fx.st, fx.a, &county, id, &l, &e), FZ_OK);
	CHECK_INT(l.n, 1);
	CHECK_INT(fx.st->ops->case_events(fx.st, fx.a, &market, id, &l, &e), FZ_OK);
	CHECK_INT(l.n, 1);
	/* a case without events is an empty record, not a missing case */
	int64_t fresh = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案二", "乙", NULL);
	CHECK_INT(fx.st->ops->case_events(fx.st, fx.a, &market, fresh, &l, &e), FZ_OK);
	CHECK_INT(l.n, 0);
	CHECK_INT(l.total, 0);
	store_fx_close(&fx);
}

TEST(store_case_record_is_the_case_and_its_events_read_together)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案一", "甲", NULL);
	REQUIRE(id);
	const struct case_field f[] = { { "record", "询问笔录" } };
	struct case_event ev = step(id, "investigate", "2025-03-02");
	ev.fields = f;
	ev.nfields = 1;
	CHECK_INT(append(&fx, step(id, "register", "2025-03-01")), 1);
	CHECK_INT(append(&fx, ev), 2);
	struct fz_error e = { 0 };
	struct scope market = sc_agency(fx.haiyuan_market);
	struct scope justice = sc_agency(fx.haiyuan_justice);
	struct enf_case got, want;
	struct case_event_list l, lw;
	REQUIRE(fx.st->ops->case_get(fx.st, fx.a, &market, id, &want, &e) == FZ_OK);
	REQUIRE(fx.st->ops->case_events(fx.st, fx.a, &market, id, &lw, &e) == FZ_OK);
	CHECK_INT(fx.st->ops->case_record(fx.st, fx.a, &market, id, &got, &l, &e), FZ_OK);
	CHECK_INT(got.id, want.id);
	CHECK_STR(got.number, want.number);
	CHECK_STR(got.title, want.title);
	CHECK_STR(got.state, want.state);
	CHECK_INT(got.agency_id, want.agency_id);
	CHECK_INT(got.updated_at, want.updated_at);
	REQUIRE(l.n == 2 && lw.n == 2);
	for (size_t i = 0; i < l.n; i++) {
		CHECK_INT(l.items[i].id, lw.items[i].id);
		CHECK_STR(l.items[i].step, lw.items[i].step);
		CHECK_INT((long)l.items[i].nfields, (long)lw.items[i].nfields);
	}
	CHECK_STR(case_event_field(&l.items[1], "record"), "询问笔录");
	/* outside the scope: not found, no events handed out */
	CHECK_INT(fx.st->ops->case_record(fx.st, fx.a, &justice, id, &got, &l, &e), FZ_NOTFOUND);
	CHECK_INT(l.n, 0);
	CHECK_INT(fx.st->ops->case_record(fx.st, fx.a, &market, 9999, &got, &l, &e), FZ_NOTFOUND);
	store_fx_close(&fx);
}

TEST(store_case_record_cannot_be_changed_through_the_database)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_case(&fx, fx.haiyuan_market, "罚立", "案一", "甲", NULL);
	REQUIRE(id);
	const struct case_field f[] = { { "amount", "5000" } };
	const int64_t officers[] = { fx.officer };
	struct case_event first = step(id, "investigate", "2025-03-02");
	first.fields = f;
	first.nfields = 1;
	first.officers = officers;
	first.nofficers = 1;
	REQUIRE(fx.st->ops->case_event_append(fx.st, &first, NULL) == FZ_OK);
	CHECK_INT(append(&fx, step(id, "notify", "2025-03-05")), 2);

	static const char *const refused[] = {
		"UPDATE case_events SET step = 'decide'",
		"UPDATE case_events SET on_date = '2025-01-01' WHERE seq = 1",
		"DELETE FROM case_events WHERE seq = 2",
		"DELETE FROM case_events",
		"UPDATE case_event_fields SET value = '50'",
		"DELETE FROM case_event_fields",
		"UPDATE case_event_officers SET person_id = person_id + 1",
		"DELETE FROM case_event_officers",
	};
	char msg[256];
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		if (contract_raw_exec(fx.dir, refused[i], msg, sizeof msg) == 0)
			t_fail(__FILE__, __LINE__, "not refused: %s", refused[i]);
		else
			CHECK_CONTAINS(msg, "执法全过程记录只能追加，不能修改");
	}
	/* nothing may be slipped into an earlier event, nor a seq skipped */
	char sql[256];
	snprintf(sql, sizeof sql,
		 "INSERT INTO case_event_fields (event_id, key, value) VALUES (%lld, 'x', 'y')",
		 (long long)first.id);
	CHECK(contract_raw_exec(fx.dir, sql, msg, sizeof msg) != 0);
	CHECK_CONTAINS(msg, "执法全过程记录只能追加，不能修改");
	snprintf(sql, sizeof sql,
		 "INSERT INTO case_event_officers (event_id, person_id) VALUES (%lld, %lld)",
		 (long long)first.id, (long long)fx.officer2);
	CHECK(contract_raw_exec(fx.dir, sql, msg, sizeof msg) != 0);
	snprintf(sql, sizeof sql,
		 "INSERT INTO case_events (case_id, seq, step, on_date, at)"
		 " VALUES (%lld, 5, 'decide', '2025-03-09', 0)",
		 (long long)id);
	CHECK(contract_raw_exec(fx.dir, sql, msg, sizeof msg) != 0);
	CHECK_CONTAINS(msg, "依次追加");

	struct case_event_list l;
	REQUIRE(events_of(&fx, id, &l) == 2);
	CHECK_STR(l.items[0].step, "investigate");
	CHECK_STR(l.items[0].on, "2025-03-02");
	REQUIRE(l.items[0].nfields == 1);
	CHECK_STR(l.items[0].fields[0].value, "5000");
	REQUIRE(l.items[0].nofficers == 1);
	CHECK_INT(l.items[0].officers[0], fx.officer);
	CHECK_STR(l.items[1].step, "notify");
	store_fx_close(&fx);
}
