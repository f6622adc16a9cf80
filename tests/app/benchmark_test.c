/* benchmark_test.c - a deciding event is measured against the case's
 * discretion benchmark: inside it is noted, outside it is flagged with
 * the benchmark's message (the engine then demands a reason), and a client
 * cannot set the flag itself. */
#include <string.h>

#include "app/benchmark.h"
#include "fixture.h"
#include "t.h"

static const char *got(const struct case_field *f, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].key, key) == 0)
			return f[i].value;
	return NULL;
}

TEST(decision_inside_the_benchmark_is_noted_outside_is_flagged)
{
	struct fx f;
	struct fz_error e;
	const struct case_field *out;
	size_t n;
	REQUIRE(fx_open(&f));
	struct enf_case c = { .matter = "zrzy-illegal-land" };
	/* 400 m² of farmland other than ordinary: 一般, 200–500 元/m². */
	struct case_field inside[] = { { "quantity", "400" }, { "harm", "minor" },
				       { "tier", "一般" }, { "amount", "120000" },
				       { "benchmark_outside", "1" } };
	REQUIRE(app_benchmark_annotate(&f.cli, &c, inside, 5, &out, &n, &e) == FZ_OK);
	CHECK_STR(got(out, n, "benchmark_outside"), "0");
	CHECK_STR(got(out, n, "benchmark_tier"), "一般");
	CHECK_CONTAINS(got(out, n, "benchmark_range"), "80000");
	CHECK(got(out, n, "benchmark_message") == NULL);

	struct case_field outside[] = { { "quantity", "400" }, { "harm", "minor" },
					{ "tier", "一般" }, { "amount", "300000" },
					{ "benchmark_outside", "0" } };
	REQUIRE(app_benchmark_annotate(&f.cli, &c, outside, 5, &out, &n, &e) == FZ_OK);
	CHECK_STR(got(out, n, "benchmark_outside"), "1");
	CHECK_CONTAINS(got(out, n, "benchmark_message"), "须说明理由");
	fx_close(&f);
}

TEST(benchmark_of_a_case_rejects_bad_facts_naming_the_field)
{
	struct fx f;
	struct fz_error e;
	const struct case_field *out;
	size_t n;
	REQUIRE(fx_open(&f));
	struct enf_case c = { .matter = "zrzy-illegal-land" };
	struct case_field bad_tier[] = { { "tier", "很严重" }, { "amount", "100" } };
	CHECK_INT(app_benchmark_annotate(&f.cli, &c, bad_tier, 2, &out, &n, &e), FZ_INVALID);
	CHECK_STR(e.field, "tier");
	struct case_field bad_harm[] = { { "harm", "huge" } };
	CHECK_INT(app_benchmark_annotate(&f.cli, &c, bad_harm, 1, &out, &n, &e), FZ_INVALID);
	CHECK_STR(e.field, "harm");
	struct enf_case unknown = { .matter = "no-such-matter" };
	CHECK_INT(app_benchmark_annotate(&f.cli, &unknown, bad_harm, 1, &out, &n, &e), FZ_INVALID);
	CHECK_STR(e.field, "matter");
	/* A case without a matter: fields come back as they were. */
	struct enf_case none = { .matter = "" };
	CHECK_INT(app_benchmark_annotate(&f.cli, &none, bad_harm, 1, &out, &n, &e), FZ_OK);
	CHECK(out == bad_harm && n == 1);
	fx_close(&f);
}
