/* draw_test.c - the random inspection draw: the stream and the draw give
 * the vectors pinned below (computed independently by scripts/draw.py
 * with Python's hashlib), the result depends only on the seed and the set
 * of ids, draws are unbiased over many seeds, and bad input is refused. */
#include <stdio.h>

#include "t.h"

#include "domain/draw.h"

#define SEED "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

static const char *const targets[] = {
	"海原县福源餐饮店", "海原县兴隆超市", "宁夏海原建材有限公司", "T-0007",
	"T-0003", "T-0011", "91640522MA76Q8XK3B", "海原县三河镇鑫盛砂场",
	"T-0001", "海原县老马牛肉面馆",
};
static const char *const inspectors[] = { "1004", "1001", "1012", "1007", "1003", "1010" };
#define NT (sizeof targets / sizeof targets[0])
#define NI (sizeof inspectors / sizeof inspectors[0])

static struct draw_input input(size_t count, size_t per)
{
	struct draw_input in = { SEED, { targets, NT }, { inspectors, NI }, count, per };
	return in;
}

TEST(draw_stream_words_are_sha256_of_seed_and_counter_read_big_endian)
{
	static const uint64_t words[] = {
		UINT64_C(0xa9d6e500293a88bd), UINT64_C(0x38cbe213d07ab71f),
		UINT64_C(0x8cb2258552072a01), UINT64_C(0xbdf1c40be527f4d0),
		UINT64_C(0x6061c4386d7a1788), /* the first word of block 1 */
	};
	struct draw_stream s;
	REQUIRE(draw_stream_init(&s, SEED));
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		CHECK(draw_stream_word(&s) == words[i]);
}

TEST(draw_uniform_rejects_a_word_in_the_biased_tail_and_takes_the_next)
{
	/* n = 2^63 + 1: 2^64 mod n = 2^63 - 1, so words above 2^63 are
	 * rejected; the first word (0xa9d6...) is, the second is taken. */
	struct draw_stream s;
	REQUIRE(draw_stream_init(&s, SEED));
	CHECK(draw_stream_uniform(&s, (UINT64_C(1) << 63) + 1) == UINT64_C(0x38cbe213d07ab71f));
	CHECK(draw_stream_word(&s) == UINT64_C(0x8cb2258552072a01));
	/* small ranges, one word each, even uniform(1) */
	REQUIRE(draw_stream_init(&s, SEED));
	CHECK_INT(draw_stream_uniform(&s, 1), 0);
	CHECK_INT(draw_stream_uniform(&s, 2), 1);
	CHECK_INT(draw_stream_uniform(&s, 3), 2);
	CHECK_INT(draw_stream_uniform(&s, 10), 2);
	CHECK_INT(draw_stream_uniform(&s, 1000), 120);
}

TEST(draw_with_a_fixed_seed_gives_the_pinned_assignment)
{
	static const char *const expect[4][3] = {
		{ "T-0001", "1010", "1001" },
		{ "宁夏海原建材有限公司", "1012", "1010" },
		{ "T-0007", "1001", "1004" },
		{ "海原县福源餐饮店", "1004", "1003" },
	};
	struct arena *a = arena_new();
	struct draw_input in = input(4, 2);
	struct draw_result r;
	struct fz_error e = { 0 };
	REQUIRE(draw_run(a, &in, &r, &e) == FZ_OK);
	CHECK_INT(r.version, 1);
	CHECK_STR(r.seed, SEED);
	CHECK_STR(r.lists_digest,
		  "2908ae173dfb54738fac635e0bdf9b2c347f6cbe2ff3c4cd230c98e708075301");
	CHECK_INT(r.ntargets, NT);
	CHECK_INT(r.ninspectors, NI);
	REQUIRE(r.nrows == 4 && r.per_target == 2);
	for (size_t i = 0; i < 4; i++) {
		CHECK_STR(r.rows[i].target, expect[i][0]);
		CHECK_STR(r.rows[i].inspectors[0], expect[i][1]);
		CHECK_STR(r.rows[i].inspectors[1], expect[i][2]);
	}
	arena_free(a);
}

TEST(draw_of_every_target_with_three_inspectors_matches_the_pinned_vector)
{
	static const char *const expect[NT][4] = {
		{ "T-0001", "1004", "1003", "1010" },
		{ "宁夏海原建材有限公司", "1001", "1010", "1003" },
		{ "T-0007", "1012", "1003", "1007" },
		{ "海原县福源餐饮店", "1007", "1004", "1003" },
		{ "T-0003", "1003", "1004", "1007" },
		{ "T-0011", "1004", "1012", "1007" },
		{ "海原县老马牛肉面馆", "1012", "1004", "1003" },
		{ "海原县兴隆超市", "1001", "1003", "1004" },
		{ "91640522MA76Q8XK3B", "1004", "1007", "1012" },
		{ "海原县三河镇鑫盛砂场", "1007", "1010", "1004" },
	};
	struct arena *a = arena_new();
	struct draw_input in = input(NT, 3);
	struct draw_result r;
	REQUIRE(draw_run(a, &in, &r, NULL) == FZ_OK);
	REQUIRE(r.nrows == NT);
	for (size_t i = 0; i < NT; i++) {
		CHECK_STR(r.rows[i].target, expect[i][0]);
		for (size_t k = 0; k < 3; k++)
			CHECK_STR(r.rows[i].inspectors[k], expect[i][k + 1]);
	}
	arena_free(a);
}

TEST(draw_depends_only_on_the_seed_and_the_sets_of_ids)
{
	static const char *const shuffled_t[NT] = {
		"T-0011", "海原县老马牛肉面馆", "T-0001", "宁夏海原建材有限公司", "T-0003",
		"海原县兴隆超市", "海原县福源餐饮店", "91640522MA76Q8XK3B", "T-0007",
		"海原县三河镇鑫盛砂场",
	};
	static const char *const shuffled_i[NI] = { "1010", "1003", "1007", "1012", "1001",
						    "1004" };
	struct arena *a = arena_new();
	struct draw_input in = input(5, 2);
	struct draw_result r1, r2;
	REQUIRE(draw_run(a, &in, &r1, NULL) == FZ_OK);
	in.targets.ids = shuffled_t;
	in.inspectors.ids = shuffled_i;
	in.seed_hex = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
	REQUIRE(draw_run(a, &in, &r2, NULL) == FZ_OK);
	CHECK_STR(r2.seed, SEED); /* recorded in lowercase */
	CHECK_STR(r2.lists_digest, r1.lists_digest);
	for (size_t i = 0; i < 5; i++) {
		CHECK_STR(r2.rows[i].target, r1.rows[i].target);
		CHECK_STR(r2.rows[i].inspectors[0], r1.rows[i].inspectors[0]);
		CHECK_STR(r2.rows[i].inspectors[1], r1.rows[i].inspectors[1]);
	}
	/* another seed, another draw; another list, another digest */
	in.seed_hex = "ff0102030405060708090a0b0c0d0e0f";
	REQUIRE(draw_run(a, &in, &r2, NULL) == FZ_OK);
	bool same = true;
	for (size_t i = 0; i < 5; i++)
		same &= strcmp(r2.rows[i].target, r1.rows[i].target) == 0;
	CHECK(!same);
	in.targets.n = NT - 1;
	REQUIRE(draw_run(a, &in, &r2, NULL) == FZ_OK);
	CHECK(strcmp(r2.lists_digest, r1.lists_digest) != 0);
	arena_free(a);
}

TEST(draw_gives_each_target_distinct_inspectors)
{
	struct arena *a = arena_new();
	struct draw_input in = input(NT, NI); /* everyone inspects every target */
	struct draw_result r;
	REQUIRE(draw_run(a, &in, &r, NULL) == FZ_OK);
	for (size_t i = 0; i < r.nrows; i++)
		for (size_t x = 0; x < NI; x++)
			for (size_t y = x + 1; y < NI; y++)
				CHECK(strcmp(r.rows[i].inspectors[x], r.rows[i].inspectors[y]) != 0);
	arena_free(a);
}

/* 20000 seeds: each of 5 targets is drawn (2 of 5) about 8000 times, each
 * is first about 4000 times, and each of the 6 pairs of 4 inspectors
 * about 3333 times; the bounds are five standard deviations. */
TEST(draw_is_unbiased_over_many_seeds)
{
	static const char *const t5[] = { "a", "b", "c", "d", "e" };
	static const char *const p4[] = { "p1", "p2", "p3", "p4" };
	enum { RUNS = 20000 };
	int chosen[5] = { 0 }, first[5] = { 0 }, pairs[4][4] = { { 0 } };
	struct arena *a = arena_new();
	REQUIRE(a);
	for (int run = 0; run < RUNS; run++) {
		char seed[33];
		snprintf(seed, sizeof seed, "%032x", (unsigned)run * 2654435761u);
		struct draw_input in = { seed, { t5, 5 }, { p4, 4 }, 2, 2 };
		struct draw_result r;
		REQUIRE(draw_run(a, &in, &r, NULL) == FZ_OK);
		for (size_t i = 0; i < 2; i++)
			chosen[r.rows[i].target[0] - 'a']++;
		first[r.rows[0].target[0] - 'a']++;
		int x = r.rows[0].inspectors[0][1] - '1', y = r.rows[0].inspectors[1][1] - '1';
		pairs[x < y ? x : y][x < y ? y : x]++;
		arena_reset(a);
	}
	for (int i = 0; i < 5; i++) {
		CHECK(chosen[i] > 8000 - 350 && chosen[i] < 8000 + 350);
		CHECK(first[i] > 4000 - 283 && first[i] < 4000 + 283);
	}
	for (int x = 0; x < 4; x++)
		for (int y = x + 1; y < 4; y++)
			CHECK(pairs[x][y] > 3333 - 264 && pairs[x][y] < 3333 + 264);
	arena_free(a);
}

TEST(draw_refuses_bad_input_with_a_clear_message)
{
	static const char *const dup[] = { "T-1", "T-2", "T-1" };
	static const char *const spaced[] = { "T-1", "T 2" };
	static const char *const two[] = { "1001", "1002" };
	struct arena *a = arena_new();
	struct draw_result r;
	struct fz_error e = { 0 };
	struct draw_input in = input(4, 2);

	in.inspectors.n = 1;
	CHECK(draw_run(a, &in, &r, &e) == FZ_INVALID);
	CHECK_STR(e.field, "inspectors");
	CHECK_CONTAINS(e.message, "执法人员名单只有 1 名，不足每个检查对象所需的 2 名");
	in = input(4, 3);
	in.inspectors = (struct draw_list){ two, 2 };
	CHECK(draw_run(a, &in, &r, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "只有 2 名，不足每个检查对象所需的 3 名");
	in = input(NT + 1, 2);
	CHECK(draw_run(a, &in, &r, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "抽取数量 11 超过检查对象名单的 10 个");
	in = input(0, 2);
	CHECK(draw_run(a, &in, &r, &e) == FZ_INVALID);
	CHECK_STR(e.field, "count");
	in = input(2, 1);
	CHECK(draw_run(a, &in, &r, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "至少两名执法人员");
	in = input(2, 2);
	in.targets.n = 0;
	CHECK(draw_run(a, &in, &r, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "检查对象名单为空");
	in = input(2, 2);
	in.targets = (struct draw_list){ dup, 3 };
	CHECK(draw_run(a, &in, &r, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "检查对象名单中“T-1”重复");
	in.targets = (struct draw_list){ spaced, 2 };
	CHECK(draw_run(a, &in, &r, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "检查对象名单第 2 项不是有效的编号");

	static const char *const bad_seeds[] = {
		"", "00", "000102030405060708090a0b0c0d0e0",  /* odd */
		"000102030405060708090a0b0c0d0e", /* 15 bytes */
		"zz0102030405060708090a0b0c0d0e0f", NULL,
	};
	for (size_t i = 0; i < sizeof bad_seeds / sizeof bad_seeds[0]; i++) {
		in = input(2, 2);
		in.seed_hex = bad_seeds[i];
		fz_error_clear(&e);
		CHECK(draw_run(a, &in, &r, &e) == FZ_INVALID);
		CHECK_STR(e.field, "seed");
		CHECK_CONTAINS(e.message, "32–128 位十六进制数字");
	}
	arena_free(a);
}

TEST(draw_list_file_takes_one_id_per_line_and_names_the_bad_line)
{
	struct arena *a = arena_new();
	struct draw_list l;
	struct fz_error e = { 0 };
	const char *text = "  T-2 \r\n\nT-1\n\t海原县兴隆超市\r\n\n";
	REQUIRE(draw_list_parse(a, "检查对象名单", text, strlen(text), &l, &e) == FZ_OK);
	REQUIRE(l.n == 3);
	CHECK_STR(l.ids[0], "T-2");
	CHECK_STR(l.ids[1], "T-1");
	CHECK_STR(l.ids[2], "海原县兴隆超市");
	text = "T-1\nT-2\n\nT-1\n";
	CHECK(draw_list_parse(a, "检查对象名单", text, strlen(text), &l, &e) == FZ_INVALID);
	CHECK_STR(e.message, "检查对象名单第 4 行“T-1”与第 1 行重复");
	text = "1001\n1002 张三\n";
	CHECK(draw_list_parse(a, "执法人员名单", text, strlen(text), &l, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "执法人员名单第 2 行不是有效的编号");
	text = "1001\n10\xe3\x80\x80" "02\n";
	CHECK(draw_list_parse(a, "执法人员名单", text, strlen(text), &l, &e) == FZ_INVALID);
	CHECK_CONTAINS(e.message, "第 2 行");
	text = "1001\n\xff\n";
	CHECK(draw_list_parse(a, "执法人员名单", text, strlen(text), &l, &e) == FZ_INVALID);
	CHECK(draw_list_parse(a, "执法人员名单", "", 0, &l, &e) == FZ_OK);
	CHECK_INT(l.n, 0);
	arena_free(a);
}
