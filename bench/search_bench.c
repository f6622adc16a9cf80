/* search_bench.c - search latency at scale (bench/search.sh): a
 * deterministic generator of synthetic published decisions in realistic
 * enforcement Chinese, indexed through the store's search_put, then a
 * fixed query set timed through app_search_query beside raw FTS5 trigram
 * MATCH queries over the same rows in the same database and run.
 *   search_bench DB N REPS RAW_REPS   (N 0: query an existing DB)
 * Prints "name: value unit" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/search.h"
#include "base/date.h"
#include "store/sqlite_internal.h"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

#define PICK(arr) (arr[next() % (sizeof arr / sizeof arr[0])])

static const char *places[] = {
	"海城镇", "三河镇", "七营镇", "李旺镇", "西安镇", "史店乡", "树台乡", "关桥乡",
	"贾塘乡", "郑旗乡", "红羊乡", "九彩乡", "甘城乡", "曹洼乡", "高崖乡", "盐池乡",
};
static const char *surnames[] = { "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "马", "周",
				  "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "罗" };
static const char *violations[] = {
	"未经批准占用集体土地建设房屋", "违法占用耕地建设厂房", "未取得建设工程规划许可证擅自建设",
	"违建彩钢棚", "非法开采黏土", "销售过期食品", "未按规定公示营业执照",
	"无证经营餐饮服务", "超标排放大气污染物", "未批先建项目", "非法倾倒建筑垃圾",
	"违规存放易燃易爆物品", "占道经营", "擅自改变土地用途", "非法收购盗采矿产品",
	"销售不合格农资产品", "生产经营标签不符合规定的食品", "未经许可从事道路运输经营",
};
static const char *outcomes[] = {
	"决定处以罚款人民币", "责令限期拆除违建并处罚款", "没收违法所得并处罚款",
	"责令改正并处罚款", "责令退还非法占用的土地并处罚款", "责令停产整治并处罚款",
};
static const char *bases[] = {
	"《中华人民共和国土地管理法》第七十七条", "《中华人民共和国城乡规划法》第六十四条",
	"《中华人民共和国食品安全法》第一百二十四条", "《中华人民共和国大气污染防治法》第九十九条",
	"《中华人民共和国矿产资源法》第三十九条", "《建筑设计防火规范》GB50016-2014",
	"《中华人民共和国行政处罚法》第二十八条", "《宁夏回族自治区市容环境卫生条例》第三十条",
};
static const char *kinds[] = { "penalty", "penalty", "penalty", "penalty", "permit",
			       "coercion", "inspection" };
/* Characters for rare company names: two of them give 40,000 names. */
static const char name_chars[] =
	"鑫源恒泰丰裕宏达金盛兴隆瑞祥嘉禾德润华茂永昌富康安顺和美景福佳汇通广益新宇天成博远"
	"东方明辉锦程志诚海川泽众启航春秋晨曦朝阳星月云帆松柏竹梅兰菊山水林园丹青翰墨古今"
	"长城黄河贺兰六盘清凉山泉石峰银川中卫固原吴忠石嘴宁安平静雅致精工匠心巧手良田沃土"
	"百草千禾万家大地苍穹碧野青松翠竹红枣枸杞硒砂羊绒牛羊骏马驼铃沙湖水洞葡萄酒庄园";

static void company(char out[64], uint64_t n)
{
	size_t count = (sizeof name_chars - 1) / 3;
	int a = (int)(n % count), b = (int)((n / count) % count);
	snprintf(out, 64, "宁夏%.3s%.3s商贸有限公司", name_chars + 3 * a, name_chars + 3 * b);
}

static void generate(int64_t i, struct search_item *it, char *title, char *body, char *date,
		     char *party)
{
	char outcome[128];
	int amount = 1000 * (int)(1 + next() % 200);
	const char *violation = PICK(violations), *place = PICK(places);
	if (next() % 3 == 0)
		company(party, next());
	else
		snprintf(party, 64, "%s某", PICK(surnames));
	snprintf(outcome, sizeof outcome, "%s%d元", PICK(outcomes), amount);
	date_from_days(date_to_days(2016, 1, 1) + (int64_t)(next() % 3990), date);
	snprintf(title, 256, "关于%s%s%s案的行政处罚决定", place, party, violation);
	snprintf(body, 2048,
		 "当事人%s，住所地海原县%s。经查，当事人于%.4s年%s，"
		 "执法人员现场检查并制作笔录，调取了相关证据。当事人的行为违反了%s的规定。"
		 "依据%s，本机关%s。当事人如不服本决定，可以在收到本决定书之日起六十日内"
		 "向海原县人民政府申请行政复议，或者在六个月内依法向海原县人民法院提起行政诉讼。"
		 "编号%lld。",
		 party, place, date, violation, PICK(bases), PICK(bases), outcome, (long long)i);
	it->kind = PICK(kinds);
	it->ref_id = i;
	it->agency_id = 1 + (int64_t)(next() % 40);
	snprintf(it->date, sizeof it->date, "%s", date);
	it->title = title;
	it->body = body;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The CPU time of this thread: the work a query did, without the time it
 * waited for a core (the bench machine is shared; load averages of 10-20
 * on 2 cores stretch wall time by preemption of 10-25 ms slices). */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	int k = (int)(p * (n - 1) + 0.5);
	return v[k];
}

/* A company named in the middle of the run: a rare name that exists. */
static char rare[64];

static int load(struct store *st, int64_t n)
{
	struct sq_store *s = sq(st);
	struct fz_error e = { 0 };
	char title[256], body[2048], date[11], party[64];
	double t0 = now_ms();
	sqlite3_exec(s->own.db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;", NULL, NULL,
		     NULL);
	if (getenv("FTS_CONFIG") &&
	    sqlite3_exec(s->own.db, getenv("FTS_CONFIG"), NULL, NULL, NULL) != SQLITE_OK)
		fprintf(stderr, "FTS_CONFIG: %s\n", sqlite3_errmsg(s->own.db));
	for (int64_t i = 1; i <= n; i++) {
		struct search_item it = { 0 };
		if (i % 20000 == 1 && st->ops->begin(st, true, &e))
			return fprintf(stderr, "%s\n", e.message), 1;
		generate(i, &it, title, body, date, party);
		if (!*rare && i >= n / 2 && strstr(party, "公司"))
			snprintf(rare, sizeof rare, "%s", party);
		if (st->ops->search_put(st, &it, &e))
			return fprintf(stderr, "put %lld: %s\n", (long long)i, e.message), 1;
		if ((i % 20000 == 0 || i == n) && st->ops->commit(st, &e))
			return fprintf(stderr, "%s\n", e.message), 1;
		if (i % 100000 == 0)
			fprintf(stderr, "search_bench: %lld items, %.0f s\n", (long long)i,
				(now_ms() - t0) / 1e3);
	}
	double t1 = now_ms();
	printf("load_fazhi_index: %.1f s for %lld items\n", (t1 - t0) / 1e3, (long long)n);
	if (sqlite3_exec(s->own.db,
			 "CREATE VIRTUAL TABLE tri USING fts5(title, body, tokenize = 'trigram');"
			 "INSERT INTO tri (rowid, title, body) SELECT id, title, body FROM search_items;",
			 NULL, NULL, NULL) != SQLITE_OK)
		return fprintf(stderr, "%s\n", sqlite3_errmsg(s->own.db)), 1;
	printf("load_trigram_index: %.1f s\n", (now_ms() - t1) / 1e3);
	return 0;
}

/* PROGRESS=N: SQLite's progress handler every N steps of its program,
 * counted, with the longest CPU time between two calls: whether a search
 * could check its work bound inside a window (docs/SEARCH.md). */
static long progress_calls;
static double progress_last, progress_gap; /* CPU ms: the last call, the longest gap */

static int progress_count(void *ctx)
{
	(void)ctx;
	double t = cpu_ms();
	if (progress_calls++ && t - progress_last > progress_gap)
		progress_gap = t - progress_last;
	progress_last = t;
	return 0;
}

struct bq {
	const char *name;
	const char *q;
	const char *kind;
	int64_t agency;
	const char *from, *to;
};

int main(int argc, char **argv)
{
	if (argc != 5)
		return fprintf(stderr, "usage: search_bench DB N REPS RAW_REPS\n"), 2;
	setvbuf(stdout, NULL, _IOLBF, 0); /* lines as they come, into a log too */
	int64_t n = strtoll(argv[2], NULL, 10);
	int reps = (int)strtol(argv[3], NULL, 10), raw_reps = (int)strtol(argv[4], NULL, 10);
	if (n < 0 || reps < 1 || raw_reps < 1)
		return fprintf(stderr, "search_bench: N >= 0, REPS and RAW_REPS >= 1\n"), 2;
	struct store *st;
	struct fz_error e = { 0 };
	struct app_config cfg;
	struct app_ctx ctx;
	char rare2[80];
	if (store_sqlite_open(argv[1], true, &st, &e))
		return fprintf(stderr, "%s\n", e.message), 1;
	/* N 0: time the queries over a database an earlier run left */
	if (n > 0 && load(st, n))
		return 1;
	if (!*rare)
		company(rare, 4321);
	/* OPTIMIZE=1: merge the index's segments into one first (FTS5
	 * 'optimize'), to time queries over a merged index */
	if (getenv("OPTIMIZE")) {
		double t0 = now_ms();
		if (sqlite3_exec(sq(st)->own.db, "INSERT INTO search_fts(search_fts) VALUES('optimize')",
				 NULL, NULL, NULL) != SQLITE_OK)
			return fprintf(stderr, "optimize: %s\n", sqlite3_errmsg(sq(st)->own.db)), 1;
		printf("optimize: %.1f s\n", (now_ms() - t0) / 1000);
	}
	/* a company name that occurs a few dozen times in 10^6 */
	snprintf(rare2, sizeof rare2, "%s 罚款", rare);
	const struct bq qs[] = {
		{ "one_char_common", "罚" }, { "one_char_rare", "鑫" },
		{ "two_char_common", "罚款" }, { "two_char_land", "土地" }, { "two_char_weijian", "违建" },
		{ "phrase_common", "行政复议" }, { "three_terms", "土地 罚款 拆除" },
		{ "rare_name", rare }, { "rare_name_and_common", rare2 },
		{ "ascii_cjk", "GB50016 防火" }, { "no_match", "区块链" },
		{ "disjoint_terms", "过期食品 开采黏土" }, { "common_and_none", "罚款 区块链" },
		{ "filter_agency", "罚款", NULL, 7 }, { "filter_kind", "罚款", "coercion" },
		{ "filter_month", "土地", NULL, 0, "2020-03-01", "2020-03-31" },
		{ "filter_all", "罚款", "permit", 13, "2019-01-01", "2019-12-31" },
	};
	size_t nq = sizeof qs / sizeof qs[0];
	double *all = calloc(nq * (size_t)reps, sizeof *all);
	double *cmp = calloc(nq * (size_t)reps, sizeof *cmp);
	double *rcmp = calloc(nq * (size_t)raw_reps, sizeof *rcmp);
	int ncmp = 0, nrcmp = 0;
	double *rall = calloc(nq * (size_t)raw_reps * 2, sizeof *rall);
	double *v = calloc((size_t)(reps > raw_reps ? reps : raw_reps), sizeof *v);
	double *cv = calloc((size_t)reps, sizeof *cv), *call = calloc(nq * (size_t)reps, sizeof *call);
	int ncall = 0;
	int nall = 0, nrall = 0;
	struct sq_store *s = sq(st);
	sqlite3_stmt *ranked, *unranked;
	sqlite3_prepare_v2(s->own.db, "SELECT rowid FROM tri WHERE tri MATCH ?1 ORDER BY rank LIMIT 20",
			   -1, &ranked, NULL);
	sqlite3_prepare_v2(s->own.db,
			   "SELECT rowid FROM tri WHERE tri MATCH ?1 ORDER BY rowid DESC LIMIT 20",
			   -1, &unranked, NULL);
	app_config_defaults(&cfg);
	if (getenv("PROGRESS"))
		sqlite3_progress_handler(s->own.db, atoi(getenv("PROGRESS")), progress_count, NULL);
	/* cut: the runs that the work bound stopped with the page not full */
	printf("%-22s %8s %9s %9s %9s %9s %6s %11s %11s %11s %5s\n", "query", "hits", "p50_ms",
	       "p99_ms", "cpu_p50", "cpu_p99", "raw", "rank_p50", "rank_max", "rowid_p50", "cut");
	/* ONLY=name: time that query alone, without the raw ones (profiling) */
	const char *only = getenv("ONLY");
	for (size_t k = 0; k < nq; k++) {
		size_t hits = 0;
		int cut = 0;
		progress_calls = 0, progress_gap = 0;
		if (only && strcmp(only, qs[k].name) != 0)
			continue;
		for (int r = 0; r < reps; r++) {
			struct arena *a = arena_new();
			app_ctx_init(&ctx, st, a, &cfg, "bench", time(NULL));
			struct search_request rq = { .q = qs[k].q, .kind = qs[k].kind,
						     .agency_id = qs[k].agency, .from = qs[k].from,
						     .to = qs[k].to };
			struct search_result res;
			double t0 = now_ms(), c0 = cpu_ms();
			if (app_search_query(&ctx, &rq, &res, &e))
				return fprintf(stderr, "%s: %s\n", qs[k].name, e.message), 1;
			v[r] = all[nall++] = now_ms() - t0;
			cv[r] = call[ncall++] = cpu_ms() - c0;
			hits = res.n;
			cut += *res.searched_from != '\0';
			if (strlen(qs[k].q) >= 9 && !strchr(qs[k].q, ' ') && !qs[k].kind &&
			    !qs[k].agency && !qs[k].from)
				cmp[ncmp++] = v[r];
			arena_free(a);
		}
		double p50 = pct(v, reps, 0.5), p99 = pct(v, reps, 0.99);
		double cp50 = pct(cv, reps, 0.5), cp99 = pct(cv, reps, 0.99);
		if (only) {
			printf("%-22s %8zu %9.2f %9.2f %9.2f %9.2f cut %d progress %.1f gap %.2f\n",
			       qs[k].name, hits, p50, p99, cp50, cp99, cut,
			       (double)progress_calls / reps, progress_gap);
			continue;
		}
		/* raw: the whole query string as one trigram MATCH phrase */
		double rp50[2] = { 0, 0 }, rmax[2] = { 0, 0 };
		int rows = 0;
		for (int w = 0; w < 2; w++) {
			sqlite3_stmt *stmt = w ? unranked : ranked;
			for (int r = 0; r < raw_reps; r++) {
				char quoted[256];
				snprintf(quoted, sizeof quoted, "\"%s\"", qs[k].q);
				double t0 = now_ms();
				sqlite3_bind_text(stmt, 1, quoted, -1, SQLITE_TRANSIENT);
				rows = 0;
				while (sqlite3_step(stmt) == SQLITE_ROW)
					rows++;
				sqlite3_reset(stmt);
				v[r] = rall[nrall++] = now_ms() - t0;
				if (!w && strlen(qs[k].q) >= 9 && !strchr(qs[k].q, ' ') &&
				    !qs[k].kind && !qs[k].agency && !qs[k].from)
					rcmp[nrcmp++] = v[r];
			}
			rp50[w] = pct(v, raw_reps, 0.5);
			rmax[w] = v[raw_reps - 1];
		}
		printf("%-22s %8zu %9.2f %9.2f %9.2f %9.2f %6d %11.2f %11.2f %11.2f %5d\n",
		       qs[k].name, hits, p50, p99, cp50, cp99, rows, rp50[0], rmax[0], rp50[1], cut);
	}
	double p50 = pct(all, nall, 0.5), p99 = pct(all, nall, 0.99);
	printf("fazhi_search_p50: %.2f ms\nfazhi_search_p99: %.2f ms\n", p50, p99);
	printf("fazhi_search_cpu_p50: %.2f ms\nfazhi_search_cpu_p99: %.2f ms\n",
	       pct(call, ncall, 0.5), pct(call, ncall, 0.99));
	double r50 = pct(rall, nrall, 0.5), r99 = pct(rall, nrall, 0.99);
	printf("raw_trigram_p50: %.2f ms\nraw_trigram_p99: %.2f ms\n", r50, r99);
	printf("ratio_p50: %.2f\nratio_p99: %.2f\n", p50 / r50, p99 / r99);
	/* the queries a trigram index can answer at all: one term of three or
	 * more characters, no filter; against ORDER BY rank */
	if (ncmp && nrcmp) {
		double c50 = pct(cmp, ncmp, 0.5), c99 = pct(cmp, ncmp, 0.99);
		double rc50 = pct(rcmp, nrcmp, 0.5), rc99 = pct(rcmp, nrcmp, 0.99);
		printf("comparable_fazhi_p50: %.2f ms\ncomparable_fazhi_p99: %.2f ms\n", c50, c99);
		printf("comparable_raw_ranked_p50: %.2f ms\ncomparable_raw_ranked_p99: %.2f ms\n",
		       rc50, rc99);
		printf("comparable_ratio_p50: %.2f\ncomparable_ratio_p99: %.2f\n", c50 / rc50,
		       c99 / rc99);
	}
	sqlite3_finalize(ranked);
	sqlite3_finalize(unranked);
	st->ops->close(st);
	return 0;
}
