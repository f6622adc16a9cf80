/* document_test.c - contract: generated documents' metadata. Number
 * series per agency, year and code that a rollback gives back, rows that
 * belong to an event of their case, read only within scope, and never
 * changed once written. */
#include <stdio.h>

#include "contract.h"
#include "t.h"

static const char *const hex64 =
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/* A case of agency with one event; returns the event id. */
static int64_t case_with_event(struct store_fx *fx, int64_t agency, int64_t *case_id)
{
	*case_id = store_fx_case(fx, agency, "罚立", "销售过期食品案", "惠民超市", NULL);
	struct case_event ev = { .case_id = *case_id, .step = "open" };
	snprintf(ev.on, sizeof ev.on, "2025-03-01");
	struct fz_error e = { 0 };
	if (fx->st->ops->case_event_append(fx->st, &ev, &e)) {
		t_fail(__FILE__, __LINE__, "event: %s", e.message);
		return 0;
	}
	return ev.id;
}

static struct case_document doc(int64_t case_id, int64_t event_id, const char *kind,
				const char *number)
{
	return (struct case_document){ .case_id = case_id, .event_id = event_id, .kind = kind,
				       .title = "行政处罚决定书", .number = number,
				       .digest = hex64, .size = 1234, .pages = 2 };
}

TEST(store_document_numbers_run_per_agency_year_and_code_and_rollback_gives_back)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	const struct store_ops *o = fx.st->ops;
	int64_t n = 0;
	CHECK_INT(o->document_number_next(fx.st, fx.haiyuan_market, 2026, "罚", &n, NULL), FZ_OK);
	CHECK_INT(n, 1);
	CHECK_INT(o->document_number_next(fx.st, fx.haiyuan_market, 2026, "罚", &n, NULL), FZ_OK);
	CHECK_INT(n, 2);
	CHECK_INT(o->document_number_next(fx.st, fx.haiyuan_market, 2026, "罚告", &n, NULL), FZ_OK);
	CHECK_INT(n, 1);
	CHECK_INT(o->document_number_next(fx.st, fx.haiyuan_market, 2027, "罚", &n, NULL), FZ_OK);
	CHECK_INT(n, 1);
	CHECK_INT(o->document_number_next(fx.st, fx.tianshan, 2026, "罚", &n, NULL), FZ_OK);
	CHECK_INT(n, 1);
	/* a number taken in a transaction that rolls back is taken again */
	REQUIRE(o->begin(fx.st, true, NULL) == FZ_OK);
	CHECK_INT(o->document_number_next(fx.st, fx.haiyuan_market, 2026, "罚", &n, NULL), FZ_OK);
	CHECK_INT(n, 3);
	o->rollback(fx.st);
	CHECK_INT(o->document_number_next(fx.st, fx.haiyuan_market, 2026, "罚", &n, NULL), FZ_OK);
	CHECK_INT(n, 3);
	struct fz_error e = { 0 };
	CHECK_INT(o->document_number_next(fx.st, fx.haiyuan_market, 2026, "", &n, &e), FZ_INVALID);
	CHECK_STR(e.field, "code");
	CHECK_INT(o->document_number_next(fx.st, 99999, 2026, "罚", &n, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "agency_id");
	/* and the series cannot be rewound by hand */
	char msg[200];
	CHECK(contract_raw_exec(fx.dir, "UPDATE document_number_seq SET last = 1", msg,
				sizeof msg) != 0);
	store_fx_close(&fx);
}

TEST(store_document_insert_round_trips_within_scope_and_is_never_changed)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	const struct store_ops *o = fx.st->ops;
	int64_t case_id, other_case;
	int64_t ev = case_with_event(&fx, fx.haiyuan_market, &case_id);
	int64_t other_ev = case_with_event(&fx, fx.tianshan, &other_case);
	REQUIRE(ev && other_ev);
	struct case_document d = doc(case_id, ev, "penalty_decision", "海原市监罚〔2025〕1号");
	struct fz_error e = { 0 };
	REQUIRE(o->document_insert(fx.st, &d, &e) == FZ_OK);
	CHECK(d.id > 0);
	CHECK_INT(d.agency_id, fx.haiyuan_market);
	CHECK(d.created_at > 0);

	struct scope mine = sc_agency(fx.haiyuan_market), theirs = sc_agency(fx.tianshan);
	struct case_document got;
	REQUIRE(o->document_get(fx.st, fx.a, &mine, d.id, &got, NULL) == FZ_OK);
	CHECK_STR(got.kind, "penalty_decision");
	CHECK_STR(got.number, "海原市监罚〔2025〕1号");
	CHECK_STR(got.digest, hex64);
	CHECK_INT(got.size, 1234);
	CHECK_INT(got.pages, 2);
	CHECK_INT(got.event_id, ev);
	CHECK_INT(o->document_get(fx.st, fx.a, &theirs, d.id, &got, NULL), FZ_NOTFOUND);
	struct scope ningxia = sc_division("64");
	CHECK_INT(o->document_get(fx.st, fx.a, &ningxia, d.id, &got, NULL), FZ_OK);

	struct case_document_list l;
	REQUIRE(o->document_list(fx.st, fx.a, &mine, case_id, &l, NULL) == FZ_OK);
	CHECK_INT(l.n, 1);
	CHECK_INT(o->document_list(fx.st, fx.a, &theirs, case_id, &l, NULL), FZ_NOTFOUND);

	/* one document per event and kind; numbers unique per agency */
	struct case_document again = doc(case_id, ev, "penalty_decision", "");
	CHECK_INT(o->document_insert(fx.st, &again, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "kind");
	struct case_document same_number = doc(case_id, ev, "advance_notice",
					       "海原市监罚〔2025〕1号");
	CHECK_INT(o->document_insert(fx.st, &same_number, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "number");
	/* the event must be one of the case's */
	struct case_document wrong = doc(case_id, other_ev, "service_receipt", "");
	CHECK_INT(o->document_insert(fx.st, &wrong, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "event_id");
	struct case_document bad = doc(case_id, ev, "service_receipt", "");
	bad.digest = "ABC";
	CHECK_INT(o->document_insert(fx.st, &bad, &e), FZ_INVALID);
	CHECK_STR(e.field, "digest");

	char msg[200];
	CHECK(contract_raw_exec(fx.dir, "UPDATE documents SET number = 'x'", msg, sizeof msg) != 0);
	CHECK_CONTAINS(msg, "文书一经生成不能修改");
	CHECK(contract_raw_exec(fx.dir, "DELETE FROM documents", msg, sizeof msg) != 0);
	store_fx_close(&fx);
}
