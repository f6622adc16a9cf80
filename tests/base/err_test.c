/* err_test.c - error messages stay UTF-8 however long what they say. */
#include "t.h"

#include "base/err.h"
#include "base/utf8.h"

/* A Chinese message longer than struct fz_error's room, at each of the
 * three byte offsets a 3-byte character can meet the limit: whole
 * characters, then "…", never a cut sequence. */
TEST(a_long_chinese_message_is_cut_at_a_whole_character_and_marked)
{
	for (int lead = 0; lead < 3; lead++) {
		struct fz_error e;
		char pad[4] = "xxx";
		pad[lead] = '\0';
		CHECK_INT(fz_fail(&e, FZ_INVALID, "text",
				  "%s公布文本与自动隐去个人信息后的文本自第一百二十三个字起不同：审核人员"
				  "只能再隐去文字，不能改写内容；如记录有误，请先更正案件记录，公布文本会"
				  "随之重新拟定，再由审核人员确认后公布。",
				  pad),
			  FZ_INVALID);
		size_t n = strlen(e.message);
		CHECK(n < sizeof e.message);
		CHECK(utf8_valid(e.message, n));
		CHECK(n >= 3 && strcmp(e.message + n - 3, "…") == 0);
		CHECK(strncmp(e.message, pad, strlen(pad)) == 0);
	}
	/* one that fits is left as it is */
	struct fz_error e;
	fz_fail(&e, FZ_INVALID, "text", "%s", "期限不足");
	CHECK_STR(e.message, "期限不足");
}
