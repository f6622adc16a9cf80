/* certificate_test.c - certificate status on a given day, days left,
 * status names and labels, domain coverage and validation. */
#include "t.h"

#include <limits.h>
#include <stdio.h>

#include "domain/certificate.h"

static struct certificate cert_sample(void)
{
	struct certificate c = {
		.number = "NX-640500-0001",
		.issuer = "宁夏回族自治区人民政府",
		.domains = "市场监管, 食品安全,价格",
		.issued_on = "2022-03-01",
		.valid_until = "2027-02-28",
		.status = CERT_VALID,
	};
	return c;
}

TEST(certificate_is_valid_through_its_last_day_then_expired)
{
	struct certificate c = cert_sample();
	CHECK_INT(certificate_status(&c, "2024-06-01"), CERT_VALID);
	CHECK_INT(certificate_status(&c, "2027-02-28"), CERT_VALID);
	CHECK_INT(certificate_status(&c, "2027-03-01"), CERT_EXPIRED);
}

TEST(certificate_stored_revoked_or_suspended_wins_over_dates)
{
	struct certificate c = cert_sample();
	c.status = CERT_SUSPENDED;
	CHECK_INT(certificate_status(&c, "2024-06-01"), CERT_SUSPENDED);
	CHECK_INT(certificate_status(&c, "2030-01-01"), CERT_SUSPENDED);
	c.status = CERT_REVOKED;
	CHECK_INT(certificate_status(&c, "2024-06-01"), CERT_REVOKED);
	CHECK_INT(certificate_status(&c, "2030-01-01"), CERT_REVOKED);
}

TEST(certificate_valid_on_a_day_needs_it_issued_unexpired_and_not_yet_revoked)
{
	struct certificate c = cert_sample();
	CHECK(!certificate_valid_on(&c, "2022-02-28")); /* not issued yet */
	CHECK(certificate_valid_on(&c, "2022-03-01"));
	CHECK(certificate_valid_on(&c, "2027-02-28"));
	CHECK(!certificate_valid_on(&c, "2027-03-01")); /* expired */
	c.status = CERT_REVOKED;
	snprintf(c.revoked_on, sizeof c.revoked_on, "2024-06-01");
	CHECK(certificate_valid_on(&c, "2024-05-31")); /* before the revocation */
	CHECK(!certificate_valid_on(&c, "2024-06-01"));
	c.revoked_on[0] = '\0'; /* revoked, no day recorded: never */
	CHECK(!certificate_valid_on(&c, "2023-01-01"));
	c.status = CERT_SUSPENDED; /* no dates for a suspension: never */
	CHECK(!certificate_valid_on(&c, "2023-01-01"));
}

/* Issue 10: one answer for a certificate on a day. Before its issue
 * date it is 尚未生效, not 有效; a revocation counts from its day; the
 * stored suspension and a revocation without a day win on every day. */
TEST(certificate_status_on_a_day_says_not_yet_valid_before_issue)
{
	struct certificate c = cert_sample();
	CHECK_INT(certificate_status(&c, "2022-02-28"), CERT_NOT_YET);
	CHECK_INT(certificate_status(&c, "2022-03-01"), CERT_VALID);
	CHECK_STR(cert_status_name(CERT_NOT_YET), "not_yet_valid");
	CHECK_STR(cert_status_label(CERT_NOT_YET), "尚未生效");
	c.status = CERT_SUSPENDED;
	CHECK_INT(certificate_status(&c, "2022-02-28"), CERT_SUSPENDED);
	c.status = CERT_REVOKED;
	snprintf(c.revoked_on, sizeof c.revoked_on, "2024-06-01");
	CHECK_INT(certificate_status(&c, "2024-05-31"), CERT_VALID);
	CHECK_INT(certificate_status(&c, "2024-06-01"), CERT_REVOKED);
	CHECK_INT(certificate_status(&c, "2021-01-01"), CERT_NOT_YET);
	/* valid_on and the status agree on every day */
	const char *days[] = { "2021-01-01", "2022-02-28", "2022-03-01", "2024-05-31",
			       "2024-06-01", "2027-02-28", "2027-03-01" };
	for (int k = 0; k < 3; k++) {
		c = cert_sample();
		if (k == 1)
			c.status = CERT_SUSPENDED;
		if (k == 2) {
			c.status = CERT_REVOKED;
			snprintf(c.revoked_on, sizeof c.revoked_on, "2024-06-01");
		}
		for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
			CHECK_INT(certificate_valid_on(&c, days[i]),
				  certificate_status(&c, days[i]) == CERT_VALID);
	}
}

TEST(certificate_days_left_counts_to_valid_until)
{
	struct certificate c = cert_sample();
	CHECK_INT(certificate_days_left(&c, "2027-02-28"), 0);
	CHECK_INT(certificate_days_left(&c, "2027-01-29"), 30);
	CHECK_INT(certificate_days_left(&c, "2027-03-02"), -2);
	CHECK_INT(certificate_days_left(&c, "bad"), INT_MIN);
}

TEST(cert_status_names_and_labels)
{
	CHECK_STR(cert_status_name(CERT_VALID), "valid");
	CHECK_STR(cert_status_name(CERT_SUSPENDED), "suspended");
	CHECK_STR(cert_status_name(CERT_REVOKED), "revoked");
	CHECK_STR(cert_status_name(CERT_EXPIRED), "expired");
	CHECK_STR(cert_status_label(CERT_VALID), "有效");
	CHECK_STR(cert_status_label(CERT_SUSPENDED), "暂扣");
	CHECK_STR(cert_status_label(CERT_REVOKED), "已注销");
	CHECK_STR(cert_status_label(CERT_EXPIRED), "已过期");
	CHECK_STR(cert_status_name((enum cert_status)0), "unknown");
	CHECK_STR(cert_status_label((enum cert_status)99), "未知");
	enum cert_status s = CERT_VALID;
	CHECK(cert_status_from_name("revoked", &s));
	CHECK_INT(s, CERT_REVOKED);
	CHECK(!cert_status_from_name("Revoked", &s));
	CHECK(!cert_status_from_name("unknown", &s));
	CHECK(!cert_status_from_name(NULL, &s));
}

TEST(certificate_covers_only_whole_trimmed_domain_items)
{
	struct certificate c = cert_sample();
	CHECK(certificate_covers_domain(&c, "市场监管"));
	CHECK(certificate_covers_domain(&c, "食品安全"));
	CHECK(certificate_covers_domain(&c, "价格"));
	CHECK(!certificate_covers_domain(&c, "食品"));
	CHECK(!certificate_covers_domain(&c, "市场监管, 食品安全"));
	CHECK(!certificate_covers_domain(&c, ""));
	CHECK(!certificate_covers_domain(&c, NULL));
	c.domains = "交通运输";
	CHECK(certificate_covers_domain(&c, "交通运输"));
	c.domains = NULL;
	CHECK(!certificate_covers_domain(&c, "交通运输"));
}

TEST(certificate_validate_accepts_sample)
{
	struct certificate c = cert_sample();
	CHECK_INT(certificate_validate(&c, NULL), FZ_OK);
	c.status = CERT_REVOKED;
	memcpy(c.revoked_on, "2024-05-01", 11);
	CHECK_INT(certificate_validate(&c, NULL), FZ_OK);
}

TEST(certificate_validate_checks_number)
{
	struct certificate c = cert_sample();
	struct fz_error e = { 0 };
	c.number = "";
	CHECK_INT(certificate_validate(&c, &e), FZ_INVALID);
	CHECK_STR(e.field, "number");
	c.number = NULL;
	CHECK_INT(certificate_validate(&c, NULL), FZ_INVALID);
	c.number = "NX 0001";
	CHECK_INT(certificate_validate(&c, &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "执法证号");
	c.number = "宁0001";
	CHECK_INT(certificate_validate(&c, NULL), FZ_INVALID);
	c.number = "A23456789012345678901234567890123"; /* 33 */
	CHECK_INT(certificate_validate(&c, NULL), FZ_INVALID);
	c.number = "A2345678901234567890123456789012";  /* 32 */
	CHECK_INT(certificate_validate(&c, NULL), FZ_OK);
	c.number = "7";
	CHECK_INT(certificate_validate(&c, NULL), FZ_OK);
}

TEST(certificate_validate_checks_dates_and_their_order)
{
	struct certificate c = cert_sample();
	struct fz_error e = { 0 };
	memcpy(c.issued_on, "2022-02-30", 11);
	CHECK_INT(certificate_validate(&c, &e), FZ_INVALID);
	CHECK_STR(e.field, "issued_on");
	c = cert_sample();
	memcpy(c.valid_until, "2027/02/28", 11);
	CHECK_INT(certificate_validate(&c, &e), FZ_INVALID);
	CHECK_STR(e.field, "valid_until");
	c = cert_sample();
	memcpy(c.valid_until, "2022-03-01", 11); /* same day as issue */
	CHECK_INT(certificate_validate(&c, &e), FZ_INVALID);
	CHECK_STR(e.field, "valid_until");
	CHECK_STR(e.message, "有效期至应晚于发证日期");
	memcpy(c.valid_until, "2021-12-31", 11);
	CHECK_INT(certificate_validate(&c, NULL), FZ_INVALID);
	memcpy(c.valid_until, "2022-03-02", 11);
	CHECK_INT(certificate_validate(&c, NULL), FZ_OK);
	c.status = CERT_REVOKED;
	memcpy(c.revoked_on, "2024-13-01", 11);
	CHECK_INT(certificate_validate(&c, &e), FZ_INVALID);
	CHECK_STR(e.field, "revoked_on");
}

TEST(certificate_validate_needs_issuer_and_domains)
{
	struct certificate c = cert_sample();
	struct fz_error e = { 0 };
	c.issuer = "  ";
	CHECK_INT(certificate_validate(&c, &e), FZ_INVALID);
	CHECK_STR(e.field, "issuer");
	c.issuer = NULL;
	CHECK_INT(certificate_validate(&c, NULL), FZ_INVALID);
	c = cert_sample();
	c.domains = "";
	CHECK_INT(certificate_validate(&c, &e), FZ_INVALID);
	CHECK_STR(e.field, "domains");
	c.domains = " , ,";
	CHECK_INT(certificate_validate(&c, NULL), FZ_INVALID);
	c.domains = NULL;
	CHECK_INT(certificate_validate(&c, NULL), FZ_INVALID);
	c.domains = "价格\xC0\xAF";
	CHECK_INT(certificate_validate(&c, NULL), FZ_INVALID);
}

TEST(certificate_validate_refuses_expired_as_stored_status)
{
	struct certificate c = cert_sample();
	struct fz_error e = { 0 };
	c.status = CERT_EXPIRED;
	CHECK_INT(certificate_validate(&c, &e), FZ_INVALID);
	CHECK_STR(e.field, "status");
	c.status = (enum cert_status)0;
	CHECK_INT(certificate_validate(&c, NULL), FZ_INVALID);
}

TEST(cert_number_normalize_accepts_what_people_type)
{
	char out[CERTIFICATE_NUMBER_MAX * 4 + 1];
	CHECK(cert_number_normalize("NX05220001", out, sizeof out));
	CHECK_STR(out, "NX05220001");
	CHECK(cert_number_normalize("nx05220001", out, sizeof out));
	CHECK_STR(out, "NX05220001");
	CHECK(cert_number_normalize(" NX 0522 0001\t", out, sizeof out));
	CHECK_STR(out, "NX05220001");
	/* full-width letters and digits, an ideographic space, a full-width hyphen */
	CHECK(cert_number_normalize("ＮＸ０５２２\xE3\x80\x80０００１", out, sizeof out));
	CHECK_STR(out, "NX05220001");
	CHECK(cert_number_normalize("ｎｘ－640500—0001", out, sizeof out));
	CHECK_STR(out, "NX-640500-0001");
	CHECK(cert_number_normalize("\xC2\xA0nx-640500-0001", out, sizeof out));
	CHECK_STR(out, "NX-640500-0001");
}

TEST(cert_number_normalize_keeps_other_characters_and_refuses_too_long)
{
	char out[CERTIFICATE_NUMBER_MAX * 4 + 1];
	char small[4];
	CHECK(cert_number_normalize("证NX1", out, sizeof out));
	CHECK_STR(out, "证NX1");
	CHECK(cert_number_normalize("   ", out, sizeof out));
	CHECK_STR(out, "");
	CHECK(!cert_number_normalize("NX0522000100000000000000000000001", out, sizeof out));
	CHECK(cert_number_normalize("N X 0 5 2 2 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1",
				    out, sizeof out));
	CHECK(!cert_number_normalize("NX05", small, sizeof small));
	CHECK(!cert_number_normalize(NULL, out, sizeof out));
}
