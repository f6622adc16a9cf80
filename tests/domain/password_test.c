/* password_test.c - each rule of the password policy blocks on its own,
 * and a password meeting all of them passes. */
#include "t.h"

#include "domain/password.h"

static enum fz_err check(const char *pw, const char *user)
{
	return password_policy_check(pw, user, NULL);
}

TEST(password_good_one_passes)
{
	CHECK_INT(check("Fazhi-2024!", "zhangsan"), FZ_OK);
	CHECK_INT(check("abcDEF12", "zhangsan"), FZ_OK);   /* 3 classes, 8 chars */
	CHECK_INT(check("依法行政abc123", "zhangsan"), FZ_OK); /* 汉字 count as other */
	CHECK_INT(check("Abcdefg1", NULL), FZ_OK);
	CHECK_INT(check("Abcdefg1", ""), FZ_OK);
}

TEST(password_shorter_than_8_characters_is_rejected)
{
	struct fz_error e = { 0 };
	CHECK_INT(password_policy_check("Ab1!xyz", "zhangsan", &e), FZ_INVALID);
	CHECK_STR(e.field, "password");
	CHECK_STR(e.message, "密码长度至少为 8 个字符");
	CHECK_INT(check("", "zhangsan"), FZ_INVALID);
	CHECK_INT(check(NULL, "zhangsan"), FZ_INVALID);
}

TEST(password_length_counts_characters_not_bytes)
{
	/* 7 characters but 13 bytes: too short. */
	CHECK_INT(check("依法行A1b!", "zhangsan"), FZ_INVALID);
	/* 8 characters. */
	CHECK_INT(check("依法行政A1b!", "zhangsan"), FZ_OK);
}

TEST(password_needs_three_of_four_classes)
{
	struct fz_error e = { 0 };
	CHECK_INT(password_policy_check("abcdefgh12", "zhangsan", &e), FZ_INVALID);
	CHECK_STR(e.field, "password");
	CHECK_CONTAINS(e.message, "至少 3 类");
	CHECK_INT(check("ABCDEFGHabc", "zhangsan"), FZ_INVALID);
	CHECK_INT(check("12345678!!", "zhangsan"), FZ_INVALID);
	CHECK_INT(check("依法行政依法行政", "zhangsan"), FZ_INVALID);
	CHECK_INT(check("abcdefg1!", "zhangsan"), FZ_OK);  /* lower digit other */
	CHECK_INT(check("ABCDEFG1!", "zhangsan"), FZ_OK);  /* upper digit other */
	CHECK_INT(check("abcdEFG!", "zhangsan"), FZ_OK);   /* lower upper other */
}

TEST(password_may_not_contain_username_in_any_case)
{
	struct fz_error e = { 0 };
	CHECK_INT(password_policy_check("ZhangSan2024!", "zhangsan", &e), FZ_INVALID);
	CHECK_STR(e.field, "password");
	CHECK_STR(e.message, "密码不得与用户名相同，也不得包含用户名");
	CHECK_INT(check("x1!ZHANGSANx", "zhangsan"), FZ_INVALID);
	CHECK_INT(check("Ab1!zhangsan", "ZhangSan"), FZ_INVALID);
}

TEST(password_may_not_equal_username)
{
	CHECK_INT(check("Admin123!", "admin123!"), FZ_INVALID);
}

TEST(password_username_under_3_bytes_is_not_searched_for)
{
	/* A two-letter username would otherwise forbid half the alphabet. */
	CHECK_INT(check("Light-House9", "li"), FZ_OK);
	CHECK_INT(check("Li-House-98", "li"), FZ_OK);
}

TEST(password_over_128_bytes_is_rejected)
{
	char pw[130];
	memset(pw, 'a', 128);
	memcpy(pw, "A1!", 3);
	pw[128] = '\0';
	CHECK_INT(check(pw, "zhangsan"), FZ_OK);
	pw[128] = 'a';
	pw[129] = '\0';
	struct fz_error e = { 0 };
	CHECK_INT(password_policy_check(pw, "zhangsan", &e), FZ_INVALID);
	CHECK_CONTAINS(e.message, "密码过长");
}

TEST(password_with_invalid_utf8_or_control_characters_is_rejected)
{
	CHECK_INT(check("Abcdefg1\xC0\xAF", "zhangsan"), FZ_INVALID);
	CHECK_INT(check("Abcdefg1\xED\xA0\x80", "zhangsan"), FZ_INVALID);
	CHECK_INT(check("Abcd\tefg1", "zhangsan"), FZ_INVALID);
	CHECK_INT(check("Abcd\nefg1", "zhangsan"), FZ_INVALID);
}
