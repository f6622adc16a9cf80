/* req_test.c - the strict integer parser behind path ids and query
 * numbers accepts plain decimals only. */
#include "http/http.h"

#include "t.h"

TEST(path_ids_parse_strictly)
{
	int64_t v = 0;
	CHECK(http_parse_int64("1", 1, INT64_MAX, &v) && v == 1);
	CHECK(http_parse_int64("9223372036854775807", 1, INT64_MAX, &v) && v == INT64_MAX);
	CHECK(!http_parse_int64("9223372036854775808", 1, INT64_MAX, &v));
	CHECK(!http_parse_int64("0", 1, INT64_MAX, &v));
	CHECK(!http_parse_int64("01", 1, INT64_MAX, &v));
	CHECK(!http_parse_int64("+1", 1, INT64_MAX, &v));
	CHECK(!http_parse_int64("-1", 1, INT64_MAX, &v));
	CHECK(!http_parse_int64(" 1", 1, INT64_MAX, &v));
	CHECK(!http_parse_int64("1 ", 1, INT64_MAX, &v));
	CHECK(!http_parse_int64("1e3", 1, INT64_MAX, &v));
	CHECK(!http_parse_int64("", 1, INT64_MAX, &v));
	CHECK(!http_parse_int64(NULL, 1, INT64_MAX, &v));
	CHECK(http_parse_int64("-5", -10, 10, &v) && v == -5);
	CHECK(!http_parse_int64("-0", -10, 10, &v));
	CHECK(http_parse_int64("-9223372036854775808", INT64_MIN, 0, &v) && v == INT64_MIN);
	CHECK(!http_parse_int64("201", 1, 200, &v));
}
