/* roles_test.c - role names and labels, list parsing and formatting, and
 * the 三员分立 rule for every pair of roles. */
#include "t.h"

#include "base/buf.h"
#include "domain/roles.h"

static const unsigned business[] = { ROLE_OFFICER, ROLE_REVIEWER, ROLE_HEAD, ROLE_SUPERVISOR };
static const unsigned admins[] = { ROLE_SYSADMIN, ROLE_SECADMIN, ROLE_AUDITOR };

TEST(roles_names_and_labels_round_trip)
{
	CHECK_STR(roles_name(ROLE_OFFICER), "officer");
	CHECK_STR(roles_name(ROLE_AUDITOR), "auditor");
	CHECK_STR(roles_label(ROLE_REVIEWER), "法制审核人员");
	CHECK_STR(roles_label(ROLE_SUPERVISOR), "执法监督人员（司法局）");
	CHECK_STR(roles_label(ROLE_SECADMIN), "安全管理员");
	for (unsigned bit = 1; bit & ROLE_ALL_MASK; bit <<= 1)
		CHECK_INT(roles_from_name(roles_name(bit)), bit);
	CHECK(roles_name(ROLE_OFFICER | ROLE_HEAD) == NULL);
	CHECK(roles_name(0) == NULL);
	CHECK(roles_label(1u << 7) == NULL);
	CHECK_INT(roles_from_name("Officer"), 0);
	CHECK_INT(roles_from_name(""), 0);
	CHECK_INT(roles_from_name(NULL), 0);
}

TEST(roles_parse_reads_comma_list_with_spaces)
{
	unsigned bits = 99;
	CHECK_INT(roles_parse("officer,reviewer", &bits, NULL), FZ_OK);
	CHECK_INT(bits, ROLE_OFFICER | ROLE_REVIEWER);
	CHECK_INT(roles_parse(" head , officer ,", &bits, NULL), FZ_OK);
	CHECK_INT(bits, ROLE_HEAD | ROLE_OFFICER);
	CHECK_INT(roles_parse("sysadmin", &bits, NULL), FZ_OK);
	CHECK_INT(bits, ROLE_SYSADMIN);
	CHECK_INT(roles_parse("officer,officer", &bits, NULL), FZ_OK);
	CHECK_INT(bits, ROLE_OFFICER);
}

TEST(roles_parse_empty_list_is_no_roles_without_error)
{
	unsigned bits = 99;
	CHECK_INT(roles_parse("", &bits, NULL), FZ_OK);
	CHECK_INT(bits, 0);
	bits = 99;
	CHECK_INT(roles_parse(NULL, &bits, NULL), FZ_OK);
	CHECK_INT(bits, 0);
	CHECK_INT(roles_parse(" , ", &bits, NULL), FZ_OK);
	CHECK_INT(bits, 0);
}

TEST(roles_parse_rejects_unknown_name)
{
	struct fz_error e = { 0 };
	unsigned bits = 99;
	CHECK_INT(roles_parse("officer,admin", &bits, &e), FZ_INVALID);
	CHECK_INT(bits, 0);
	CHECK_STR(e.field, "roles");
	CHECK_STR(e.message, "未知角色“admin”");
	CHECK_INT(roles_parse("OFFICER", &bits, NULL), FZ_INVALID);
	CHECK_INT(roles_parse("officer reviewer", &bits, NULL), FZ_INVALID);
}

TEST(roles_format_lists_names_in_table_order)
{
	struct buf b = BUF_INIT;
	roles_format(ROLE_HEAD | ROLE_OFFICER, &b);
	CHECK_STR(buf_cstr(&b), "officer,head");
	buf_reset(&b);
	roles_format(0, &b);
	CHECK_STR(buf_cstr(&b), "");
	buf_reset(&b);
	roles_format(ROLE_ALL_MASK | (1u << 9), &b);
	CHECK_STR(buf_cstr(&b), "officer,reviewer,head,supervisor,sysadmin,secadmin,auditor");
	buf_reset(&b);
	roles_format_labels(ROLE_OFFICER | ROLE_REVIEWER, &b);
	CHECK_STR(buf_cstr(&b), "执法人员、法制审核人员");
	CHECK_INT(buf_status(&b), FZ_OK);
	buf_release(&b);
}

TEST(roles_format_output_parses_back)
{
	struct buf b = BUF_INIT;
	for (unsigned bits = 0; bits <= ROLE_ALL_MASK; bits++) {
		unsigned back = 0;
		buf_reset(&b);
		roles_format(bits, &b);
		CHECK_INT(roles_parse(buf_cstr(&b), &back, NULL), FZ_OK);
		CHECK_INT(back, bits);
	}
	buf_release(&b);
}

TEST(roles_check_allows_each_admin_role_alone)
{
	for (size_t i = 0; i < 3; i++)
		CHECK_INT(roles_check(admins[i], NULL), FZ_OK);
	CHECK_INT(roles_check(0, NULL), FZ_OK);
}

TEST(roles_check_forbids_two_admin_roles_together)
{
	struct fz_error e = { 0 };
	for (size_t i = 0; i < 3; i++) {
		for (size_t j = i + 1; j < 3; j++) {
			fz_error_clear(&e);
			CHECK_INT(roles_check(admins[i] | admins[j], &e), FZ_INVALID);
			CHECK_STR(e.field, "roles");
			CHECK_CONTAINS(e.message, "三员分立");
		}
	}
	CHECK_INT(roles_check(ROLE_ADMIN_MASK, NULL), FZ_INVALID);
}

TEST(roles_check_forbids_admin_with_any_business_role)
{
	for (size_t i = 0; i < 3; i++) {
		for (size_t j = 0; j < 4; j++)
			CHECK_INT(roles_check(admins[i] | business[j], NULL), FZ_INVALID);
		CHECK_INT(roles_check(admins[i] | ROLE_OFFICER | ROLE_REVIEWER, NULL), FZ_INVALID);
	}
	struct fz_error e = { 0 };
	CHECK_INT(roles_check(ROLE_SYSADMIN | ROLE_OFFICER, &e), FZ_INVALID);
	CHECK_STR(e.message, "系统管理员、安全管理员、审计管理员三员分立，"
			     "不得由同一账号兼任，也不得兼任业务角色");
}

TEST(roles_check_allows_any_mix_of_business_roles)
{
	/* Every subset of the four business roles. */
	unsigned mask = ROLE_OFFICER | ROLE_REVIEWER | ROLE_HEAD | ROLE_SUPERVISOR;
	for (unsigned bits = 0; bits <= mask; bits++) {
		if (bits & ~mask)
			continue;
		CHECK_INT(roles_check(bits, NULL), FZ_OK);
		CHECK(roles_valid(bits));
	}
	CHECK(roles_valid(ROLE_OFFICER | ROLE_REVIEWER));
	CHECK(roles_valid(ROLE_OFFICER | ROLE_HEAD));
}

TEST(roles_check_rejects_unknown_bits)
{
	CHECK_INT(roles_check(1u << 7, NULL), FZ_INVALID);
	CHECK_INT(roles_check(ROLE_OFFICER | (1u << 12), NULL), FZ_INVALID);
	CHECK(!roles_valid(ROLE_AUDITOR | ROLE_HEAD));
}

TEST(roles_parse_does_not_echo_long_or_broken_names)
{
	struct fz_error e = { 0 };
	unsigned bits = 0;
	CHECK_INT(roles_parse("officer,\xE4\xB8", &bits, &e), FZ_INVALID);
	CHECK_STR(e.message, "包含未知角色");
	CHECK_INT(roles_parse("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &bits, &e), FZ_INVALID);
	CHECK_STR(e.message, "包含未知角色");
	CHECK_INT(roles_parse("管理员", &bits, &e), FZ_INVALID);
	CHECK_STR(e.message, "未知角色“管理员”");
}
