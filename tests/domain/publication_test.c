/* publication_test.c - the pure rules of the publication pipeline: a
 * minor party's decision is not published (redaction-rules §2,
 * 未成年人保护法 art 103), decided by the birth date in the resident ID on
 * the decision's day; which statuses the portal shows. */
#include "domain/publication.h"
#include "t.h"

TEST(minor_party_is_recognised_from_the_resident_id_on_the_decision_day)
{
	/* born 2010-03-15: 15 on 2026-03-14 */
	CHECK(pub_minor_on("640522201003150019", "2026-03-14"));
	CHECK(pub_minor_on("640522201003150019", "2028-03-14"));  /* the day before 18 */
	CHECK(!pub_minor_on("640522201003150019", "2028-03-15")); /* 18 that day */
	CHECK(!pub_minor_on("640522198503120014", "2026-03-14"));  /* an adult */
	CHECK(pub_minor_on("640522200803150012", "2026-03-14"));   /* 17 */
}

TEST(minor_check_refuses_what_is_not_a_valid_resident_id)
{
	CHECK(!pub_minor_on("640522201003150018", "2026-03-14")); /* wrong check character */
	CHECK(!pub_minor_on("91640522104525928L", "2026-03-14")); /* a USCC */
	CHECK(!pub_minor_on("", "2026-03-14"));
	CHECK(!pub_minor_on(NULL, "2026-03-14"));
	CHECK(!pub_minor_on("640522201003150019", "not a day"));
}

TEST(portal_shows_live_withdrawing_and_withdrawn_only)
{
	CHECK(pub_status_public(PUB_LIVE));
	CHECK(pub_status_public(PUB_WITHDRAWING));
	CHECK(pub_status_public(PUB_WITHDRAWN));
	CHECK(!pub_status_public(PUB_PREPARED));
	CHECK(!pub_status_public(PUB_WITHHELD));
	CHECK(!pub_status_public(PUB_CANCELLED));
	for (int s = 0; s < PUB_STATUS_COUNT; s++)
		CHECK_INT(pub_status_parse(pub_status_name((enum pub_status)s)), s);
	CHECK_INT(pub_status_parse("bogus"), -1);
}
