/* draw_public_test.c - a draw's target list as the portal publishes it:
 * natural persons masked by the publication's rules, organisations,
 * businesses and codes kept, and the masked list re-runs with the same
 * seed to the same positions as the recorded one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"

#include "base/ident.h"
#include "domain/draw.h"
#include "domain/draw_public.h"

static const char *const inspectors[] = { "1004", "1001", "1012", "1007", "1003", "1010" };

/* A valid resident ID number (check character computed). */
static void resident_id(char out[19])
{
	memcpy(out, "64052219850712003", 17);
	out[17] = ident_resident_id_check_char(out);
	out[18] = '\0';
}

TEST(draw_public_list_masks_natural_persons_and_keeps_organisations)
{
	char id[19];
	resident_id(id);
	const char *targets[] = { "海原县福源餐饮店", "马建国", "宁夏海原建材有限公司", "马文海",
				  "91640522MA76Q8XK3B", "T-0007", id, "13995012345", "李秀兰",
				  "海原县三河镇鑫盛砂场" };
	size_t n = sizeof targets / sizeof targets[0];
	struct arena *a = arena_new();
	struct draw_list in = { targets, n }, out;
	size_t masked = 0;
	struct fz_error e = { 0 };
	REQUIRE(draw_public_targets(a, &in, &out, &masked, &e) == FZ_OK);
	CHECK_INT((long)out.n, (long)n);
	/* three names, the ID number and the phone */
	CHECK_INT((long)masked, 5);
	struct buf all = BUF_INIT;
	for (size_t i = 0; i < out.n; i++) {
		buf_adds(&all, out.ids[i]);
		buf_addc(&all, '\n');
	}
	const char *s = buf_cstr(&all);
	CHECK(!strstr(s, "马建国") && !strstr(s, "马文海") && !strstr(s, "李秀兰"));
	CHECK(!strstr(s, id) && !strstr(s, "13995012345"));
	CHECK_CONTAINS(s, "马某1");
	CHECK_CONTAINS(s, "马某2");
	CHECK_CONTAINS(s, "李某");
	CHECK_CONTAINS(s, "-海原县福源餐饮店\n");
	CHECK_CONTAINS(s, "-宁夏海原建材有限公司\n");
	CHECK_CONTAINS(s, "-91640522MA76Q8XK3B\n");
	CHECK_CONTAINS(s, "-T-0007\n");
	CHECK_CONTAINS(s, "-海原县三河镇鑫盛砂场\n");
	/* numbered by the sorted original order, one width */
	CHECK(strncmp(out.ids[0], "01-", 3) == 0);
	CHECK(strncmp(out.ids[9], "10-", 3) == 0);
	buf_release(&all);
	arena_free(a);
}

TEST(draw_public_list_reruns_to_the_recorded_positions_for_any_seed)
{
	char id[19];
	resident_id(id);
	const char *targets[] = { "海原县福源餐饮店", "马建国", "宁夏海原建材有限公司", "马文海",
				  "91640522MA76Q8XK3B", "T-0007", id, "13995012345", "李秀兰",
				  "海原县三河镇鑫盛砂场", "张三", "张三丰", "王某" };
	size_t n = sizeof targets / sizeof targets[0];
	for (int s = 0; s < 40; s++) {
		struct arena *a = arena_new();
		char seed[65];
		for (int k = 0; k < 64; k++)
			seed[k] = "0123456789abcdef"[(s * 7 + k * 13) % 16];
		seed[64] = '\0';
		struct draw_list in = { targets, n }, pub;
		size_t masked;
		struct fz_error e = { 0 };
		REQUIRE(draw_public_targets(a, &in, &pub, &masked, &e) == FZ_OK);
		struct draw_input orig = { seed, in, { inspectors, 6 }, 5, 2 };
		struct draw_input open = { seed, pub, { inspectors, 6 }, 5, 2 };
		struct draw_result r1, r2;
		REQUIRE(draw_run(a, &orig, &r1, &e) == FZ_OK);
		REQUIRE(draw_run(a, &open, &r2, &e) == FZ_OK);
		/* the same targets by position, the same inspectors */
		const char *sorted[sizeof targets / sizeof targets[0]];
		memcpy(sorted, targets, sizeof sorted);
		for (size_t i = 1; i < n; i++) /* insertion sort by bytes */
			for (size_t j = i; j > 0 && strcmp(sorted[j - 1], sorted[j]) > 0; j--) {
				const char *t = sorted[j];
				sorted[j] = sorted[j - 1];
				sorted[j - 1] = t;
			}
		for (size_t i = 0; i < r1.nrows; i++) {
			size_t pos = (size_t)strtoul(r2.rows[i].target, NULL, 10);
			REQUIRE(pos >= 1 && pos <= n);
			CHECK_STR(sorted[pos - 1], r1.rows[i].target);
			for (size_t k = 0; k < 2; k++)
				CHECK_STR(r2.rows[i].inspectors[k], r1.rows[i].inspectors[k]);
		}
		arena_free(a);
	}
}

TEST(draw_public_list_refuses_a_list_the_draw_refuses)
{
	const char *targets[] = { "马建国", "马建国" };
	struct arena *a = arena_new();
	struct draw_list in = { targets, 2 }, out;
	size_t masked;
	struct fz_error e = { 0 };
	CHECK_INT(draw_public_targets(a, &in, &out, &masked, &e), FZ_INVALID);
	CHECK_STR(e.field, "targets");
	CHECK(e.message[0] != '\0');
	CHECK_INT((long)out.n, 0);
	arena_free(a);
}
