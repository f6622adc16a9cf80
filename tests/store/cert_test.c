/* cert_test.c - contract: enforcement certificates, the computed expiry
 * filters, the public check by number, and annual reviews. */
#include <stdio.h>

#include "contract.h"
#include "domain/certificate.h"
#include "t.h"

TEST(store_duplicate_certificate_number_conflicts)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	REQUIRE(store_fx_certificate(&fx, "64052201001", fx.officer, fx.haiyuan_market,
				    "2030-12-31"));
	struct certificate c = { .number = "64052201001", .person_id = fx.officer2,
				 .agency_id = fx.haiyuan_market, .issuer = "x",
				 .issued_on = "2024-01-01", .valid_until = "2030-01-01",
				 .status = CERT_VALID };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->certificate_insert(fx.st, &c, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "number");
	CHECK_STR(e.message, "执法证号已存在");
	store_fx_close(&fx);
}

TEST(store_certificate_with_missing_holder_conflicts)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct certificate c = { .number = "X1", .person_id = 9999, .agency_id = fx.haiyuan_market,
				 .issuer = "x", .issued_on = "2024-01-01",
				 .valid_until = "2030-01-01", .status = CERT_VALID };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->certificate_insert(fx.st, &c, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "person_id");
	CHECK_STR(e.message, "人员不存在");
	store_fx_close(&fx);
}

TEST(store_certificate_carries_holder_and_agency_names)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_certificate(&fx, "64052201001", fx.officer, fx.haiyuan_market,
					 "2030-12-31");
	REQUIRE(id);
	struct scope all = sc_all();
	struct certificate c;
	CHECK_INT(fx.st->ops->certificate_get(fx.st, fx.a, &all, id, &c, NULL), FZ_OK);
	CHECK_STR(c.holder_name, "马建国");
	CHECK_STR(c.agency_name, "海原县市场监督管理局");
	CHECK_STR(c.issued_on, "2023-01-01");
	CHECK_STR(c.valid_until, "2030-12-31");
	CHECK_STR(c.revoked_on, "");
	CHECK(c.revoke_reason == NULL);
	CHECK_INT(c.status, CERT_VALID);

	CHECK_INT(fx.st->ops->certificate_get_by_number(fx.st, fx.a, "64052201001", &c, NULL),
		  FZ_OK);
	CHECK_INT(c.id, id);
	CHECK_STR(c.holder_name, "马建国");
	CHECK_STR(c.agency_name, "海原县市场监督管理局");
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->certificate_get_by_number(fx.st, fx.a, "nope", &c, &e), FZ_NOTFOUND);

	struct certificate_list l;
	CHECK_INT(fx.st->ops->certificate_list(fx.st, fx.a, &all, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	REQUIRE(l.n == 1);
	CHECK_STR(l.items[0].holder_name, "马建国");
	CHECK_STR(l.items[0].agency_name, "海原县市场监督管理局");
	store_fx_close(&fx);
}

TEST(store_certificate_revocation_round_trips)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_certificate(&fx, "C1", fx.officer, fx.haiyuan_market, "2030-12-31");
	struct scope all = sc_all();
	struct certificate c;
	REQUIRE(fx.st->ops->certificate_get(fx.st, fx.a, &all, id, &c, NULL) == FZ_OK);
	c.status = CERT_REVOKED;
	snprintf(c.revoked_on, sizeof c.revoked_on, "2025-03-01");
	c.revoke_reason = "调离执法岗位";
	CHECK_INT(fx.st->ops->certificate_update(fx.st, &c, NULL), FZ_OK);
	struct certificate got;
	REQUIRE(fx.st->ops->certificate_get(fx.st, fx.a, &all, id, &got, NULL) == FZ_OK);
	CHECK_INT(got.status, CERT_REVOKED);
	CHECK_STR(got.revoked_on, "2025-03-01");
	CHECK_STR(got.revoke_reason, "调离执法岗位");
	store_fx_close(&fx);
}

TEST(store_certificate_outside_scope_is_not_found)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_certificate(&fx, "C1", fx.officer, fx.haiyuan_market, "2030-12-31");
	struct certificate c;
	struct scope other = sc_agency(fx.haiyuan_justice);
	struct scope xinjiang = sc_division("65");
	struct scope county = sc_division("640522");
	CHECK_INT(fx.st->ops->certificate_get(fx.st, fx.a, &other, id, &c, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->certificate_get(fx.st, fx.a, &xinjiang, id, &c, NULL), FZ_NOTFOUND);
	CHECK_INT(fx.st->ops->certificate_get(fx.st, fx.a, &county, id, &c, NULL), FZ_OK);
	struct certificate_list l;
	CHECK_INT(fx.st->ops->certificate_list(fx.st, fx.a, &other, NULL, PAGE_ALL, &l, NULL),
		  FZ_OK);
	CHECK_INT(l.total, 0);
	store_fx_close(&fx);
}

static int64_t list_total(struct store_fx *fx, const struct certificate_filter *f)
{
	struct scope all = sc_all();
	struct certificate_list l;
	struct fz_error e = { 0 };
	if (fx->st->ops->certificate_list(fx->st, fx->a, &all, f, PAGE_ALL, &l, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "certificate_list: %s", e.message);
		return -1;
	}
	return l.total;
}

TEST(store_certificate_filters_compute_expiry_from_today)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	store_fx_certificate(&fx, "expired", fx.officer, fx.haiyuan_market, "2025-05-31");
	store_fx_certificate(&fx, "last-day", fx.officer, fx.haiyuan_market, "2025-06-01");
	store_fx_certificate(&fx, "in-30", fx.officer2, fx.haiyuan_market, "2025-07-01");
	store_fx_certificate(&fx, "in-31", fx.officer2, fx.haiyuan_market, "2025-07-02");
	store_fx_certificate(&fx, "later", fx.officer2, fx.haiyuan_market, "2029-01-01");
	int64_t suspended = store_fx_certificate(&fx, "suspended", fx.officer2, fx.haiyuan_market,
						"2029-01-01");
	struct scope all = sc_all();
	struct certificate c;
	REQUIRE(fx.st->ops->certificate_get(fx.st, fx.a, &all, suspended, &c, NULL) == FZ_OK);
	c.status = CERT_SUSPENDED;
	REQUIRE(fx.st->ops->certificate_update(fx.st, &c, NULL) == FZ_OK);

	const char *today = "2025-06-01";
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .status = CERT_EXPIRED,
								.today = today }),
		  1);
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .status = CERT_VALID,
								.today = today }),
		  4);
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .status = CERT_VALID }), 5);
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .status = CERT_SUSPENDED }), 1);
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .expiring_within_days = 30,
								.today = today }),
		  2);
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .person_id = fx.officer2 }), 4);
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .q = "in-" }), 2);
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .q = "李娟" }), 4);
	store_fx_close(&fx);
}

/* The list's status filters on a day say what certificate_status() says
 * of each certificate on that day (one answer, in C and in SQL): a
 * revocation dated later is still 有效 until its day, one without a date
 * is 已注销 at once, a certificate issued later is 尚未生效. Day by day
 * across the dates involved, every filter lists exactly the
 * certificates whose status it names. */
TEST(store_certificate_filters_agree_with_certificate_status_on_the_day)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	static const struct {
		const char *number, *issued_on, *valid_until, *revoked_on;
		enum cert_status stored;
	} specs[] = {
		{ "valid", "2023-01-01", "2029-01-01", "", CERT_VALID },
		{ "issued-later", "2025-06-02", "2029-01-01", "", CERT_VALID },
		{ "expired", "2020-01-01", "2025-05-31", "", CERT_VALID },
		{ "revoked-before", "2023-01-01", "2029-01-01", "2025-05-01", CERT_REVOKED },
		{ "revoked-later", "2023-01-01", "2029-01-01", "2025-06-02", CERT_REVOKED },
		{ "revoked-undated", "2023-01-01", "2029-01-01", "", CERT_REVOKED },
		{ "suspended", "2023-01-01", "2029-01-01", "", CERT_SUSPENDED },
		{ "revoked-expired-later", "2020-01-01", "2025-05-31", "2025-06-02",
		  CERT_REVOKED },
	};
	enum { N = sizeof specs / sizeof specs[0] };
	struct certificate certs[N];
	for (size_t i = 0; i < N; i++) {
		int64_t id = store_fx_certificate(&fx, specs[i].number, fx.officer,
						  fx.haiyuan_market, specs[i].valid_until);
		REQUIRE(id);
		REQUIRE(fx.st->ops->certificate_get(fx.st, fx.a, &all, id, &certs[i], NULL) ==
			FZ_OK);
		snprintf(certs[i].issued_on, sizeof certs[i].issued_on, "%s", specs[i].issued_on);
		snprintf(certs[i].revoked_on, sizeof certs[i].revoked_on, "%s",
			 specs[i].revoked_on);
		certs[i].status = specs[i].stored;
		if (specs[i].stored == CERT_REVOKED)
			certs[i].revoke_reason = "调离执法岗位";
		REQUIRE(fx.st->ops->certificate_update(fx.st, &certs[i], NULL) == FZ_OK);
	}
	static const char *const days[] = { "2025-04-30", "2025-05-01", "2025-05-31",
					    "2025-06-01", "2025-06-02", "2029-01-02" };
	static const enum cert_status statuses[] = { CERT_VALID, CERT_SUSPENDED, CERT_REVOKED,
						     CERT_EXPIRED, CERT_NOT_YET };
	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++)
		for (size_t k = 0; k < sizeof statuses / sizeof statuses[0]; k++) {
			struct certificate_filter f = { .status = statuses[k], .today = days[d] };
			struct certificate_list l;
			struct fz_error e = { 0 };
			REQUIRE(fx.st->ops->certificate_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l,
							     &e) == FZ_OK);
			for (size_t i = 0; i < N; i++) {
				bool listed = false;
				for (size_t j = 0; j < l.n; j++)
					listed |= l.items[j].id == certs[i].id;
				bool named = certificate_status(&certs[i], days[d]) == statuses[k];
				if (listed != named)
					t_fail(__FILE__, __LINE__, "%s on %s, filter %d: listed %d, status %d",
					       specs[i].number, days[d], (int)statuses[k], listed,
					       (int)certificate_status(&certs[i], days[d]));
			}
		}
	/* the named cases, on 2025-06-01 */
	CHECK_INT(certificate_status(&certs[4], "2025-06-01"), CERT_VALID);
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .status = CERT_REVOKED,
								.today = "2025-06-01" }),
		  2);
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .status = CERT_NOT_YET,
								.today = "2025-06-01" }),
		  1);
	/* expiring within 30 days: what is valid that day and ends by then —
	 * both that end on 2025-05-31, the one revoked from a later day too;
	 * on 2025-06-01 neither */
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .expiring_within_days = 30,
								.today = "2025-05-15" }),
		  2);
	CHECK_INT(list_total(&fx, &(struct certificate_filter){ .expiring_within_days = 30,
								.today = "2025-06-01" }),
		  0);
	store_fx_close(&fx);
}

/* The same totals from the count statement: a page of one is full, so
 * the count runs (sq_list_run), without the people join unless the text
 * filter searches the holder's name (count_from); in a division scope
 * too. */
static int64_t count_total(struct store_fx *fx, const struct scope *sc,
			   const struct certificate_filter *f)
{
	struct certificate_list l;
	struct fz_error e = { 0 };
	if (fx->st->ops->certificate_list(fx->st, fx->a, sc, f, (struct page){ 0, 1 }, &l, &e) !=
	    FZ_OK) {
		t_fail(__FILE__, __LINE__, "certificate_list: %s", e.message);
		return -1;
	}
	return l.total;
}

TEST(store_certificate_count_agrees_with_every_filter_on_a_full_page)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	store_fx_certificate(&fx, "expired", fx.officer, fx.haiyuan_market, "2025-05-31");
	store_fx_certificate(&fx, "last-day", fx.officer, fx.haiyuan_market, "2025-06-01");
	store_fx_certificate(&fx, "in-30", fx.officer2, fx.haiyuan_market, "2025-07-01");
	store_fx_certificate(&fx, "in-31", fx.officer2, fx.haiyuan_market, "2025-07-02");
	store_fx_certificate(&fx, "later", fx.officer2, fx.haiyuan_market, "2029-01-01");
	struct scope all = sc_all();
	struct scope county = { .kind = SCOPE_DIVISION };
	snprintf(county.division_prefix, sizeof county.division_prefix, "640522");
	struct scope elsewhere = { .kind = SCOPE_DIVISION };
	snprintf(elsewhere.division_prefix, sizeof elsewhere.division_prefix, "640100");
	const char *today = "2025-06-01";
	CHECK_INT(count_total(&fx, &all, NULL), 5);
	CHECK_INT(count_total(&fx, &county, NULL), 5);
	CHECK_INT(count_total(&fx, &elsewhere, NULL), 0);
	CHECK_INT(count_total(&fx, &all, &(struct certificate_filter){ .status = CERT_VALID,
								      .today = today }),
		  4);
	CHECK_INT(count_total(&fx, &county, &(struct certificate_filter){ .expiring_within_days = 30,
									 .today = today }),
		  2);
	CHECK_INT(count_total(&fx, &all, &(struct certificate_filter){ .person_id = fx.officer2 }), 3);
	CHECK_INT(count_total(&fx, &all, &(struct certificate_filter){ .q = "in-" }), 2);
	CHECK_INT(count_total(&fx, &county, &(struct certificate_filter){ .q = "李娟" }), 3);
	store_fx_close(&fx);
}

TEST(store_certificate_expiry_filter_needs_a_valid_today)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct scope all = sc_all();
	struct certificate_list l;
	struct fz_error e = { 0 };
	struct certificate_filter f = { .status = CERT_EXPIRED };
	CHECK_INT(fx.st->ops->certificate_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, &e), FZ_INVALID);
	CHECK_STR(e.field, "today");
	f = (struct certificate_filter){ .expiring_within_days = 30, .today = "2025-6-1" };
	CHECK_INT(fx.st->ops->certificate_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, &e), FZ_INVALID);
	f = (struct certificate_filter){ .status = 99 };
	CHECK_INT(fx.st->ops->certificate_list(fx.st, fx.a, &all, &f, PAGE_ALL, &l, &e), FZ_INVALID);
	CHECK_STR(e.field, "status");
	store_fx_close(&fx);
}

TEST(store_cert_review_is_one_per_year)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_certificate(&fx, "C1", fx.officer, fx.haiyuan_market, "2030-12-31");
	struct cert_review r2025 = { .certificate_id = id, .year = 2025, .passed = true,
				     .reviewed_on = "2025-12-01" };
	struct cert_review r2024 = { .certificate_id = id, .year = 2024, .passed = false,
				     .note = "培训学时不足", .reviewed_on = "2024-12-01" };
	CHECK_INT(fx.st->ops->cert_review_insert(fx.st, &r2025, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->cert_review_insert(fx.st, &r2024, NULL), FZ_OK);
	struct cert_review again = { .certificate_id = id, .year = 2025, .passed = true,
				     .reviewed_on = "2025-12-02" };
	struct fz_error e = { 0 };
	CHECK_INT(fx.st->ops->cert_review_insert(fx.st, &again, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "year");
	struct cert_review orphan = { .certificate_id = 9999, .year = 2025,
				      .reviewed_on = "2025-12-02" };
	CHECK_INT(fx.st->ops->cert_review_insert(fx.st, &orphan, &e), FZ_CONFLICT);
	CHECK_STR(e.field, "certificate_id");

	struct cert_review_list l;
	CHECK_INT(fx.st->ops->cert_review_list(fx.st, fx.a, id, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 2);
	REQUIRE(l.n == 2);
	CHECK_INT(l.items[0].year, 2024);
	CHECK(!l.items[0].passed);
	CHECK_STR(l.items[0].note, "培训学时不足");
	CHECK_STR(l.items[0].reviewed_on, "2024-12-01");
	CHECK_INT(l.items[1].year, 2025);
	CHECK(l.items[1].passed);
	store_fx_close(&fx);
}

TEST(store_cert_review_list_grows_past_its_first_block)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	int64_t id = store_fx_certificate(&fx, "C1", fx.officer, fx.haiyuan_market, "2030-12-31");
	for (int y = 2000; y < 2030; y++) {
		struct cert_review r = { .certificate_id = id, .year = y, .passed = true,
					 .reviewed_on = "2020-01-01" };
		REQUIRE(fx.st->ops->cert_review_insert(fx.st, &r, NULL) == FZ_OK);
	}
	struct cert_review_list l;
	CHECK_INT(fx.st->ops->cert_review_list(fx.st, fx.a, id, &l, NULL), FZ_OK);
	REQUIRE(l.n == 30);
	for (int i = 0; i < 30; i++)
		CHECK_INT(l.items[i].year, 2000 + i);
	store_fx_close(&fx);
}
