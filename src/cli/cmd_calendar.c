/* cmd_calendar.c - `fazhi calendar due|show|load`: the deadline clock and
 * the holiday calendar from the shell. `due` and `show` work without a
 * database (on the calendar built into the binary); `load` stores a newer
 * calendar file in one, audited. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/calendar.h"
#include "base/buf.h"
#include "base/date.h"
#include "cli/cli.h"

/* Exit code when a period reaches a year the calendar does not cover
 * (README.md, exit codes). */
#define EXIT_UNCOVERED 8

/* Where the calendar comes from: the database of --db, or the built-in. */
struct cal_source {
	struct cli_session s;
	struct arena *a;      /* s.a, or our own arena without a database */
	struct calendar cal;
	bool with_db;
};

static int fail(enum fz_err rc, const struct fz_error *e)
{
	fprintf(stderr, "fazhi: %s\n", e && e->message[0] ? e->message : fz_err_message(rc));
	return fz_err_exit_code(rc);
}

static int source_open(struct cal_source *src, const char *db)
{
	struct fz_error e = { 0 };
	enum fz_err rc;
	memset(src, 0, sizeof *src);
	if (db) {
		int code = cli_session_open(&src->s, db, false);
		if (code)
			return code;
		src->with_db = true;
		src->a = src->s.a;
		rc = app_calendar_get(&src->s.ctx, &src->cal, &e);
	} else {
		src->a = arena_new();
		rc = src->a ? app_calendar_builtin(src->a, &src->cal, &e) : FZ_NOMEM;
	}
	return rc ? fail(rc, &e) : 0;
}

static void source_close(struct cal_source *src)
{
	if (src->with_db)
		cli_session_close(&src->s);
	else
		arena_free(src->a);
}

/* "2018–2026", "2018–2020、2022", or "无". */
static void years_label(const struct calendar *cal, struct buf *out)
{
	if (!cal->nyears)
		buf_adds(out, "无");
	for (size_t i = 0; i < cal->nyears;) {
		size_t j = i;
		while (j + 1 < cal->nyears && cal->years[j + 1].year == cal->years[j].year + 1)
			j++;
		buf_addf(out, "%s%d", i ? "、" : "", cal->years[i].year);
		if (j > i)
			buf_addf(out, "–%d", cal->years[j].year);
		i = j + 1;
	}
}

/* A positive count from the command line; false for anything but digits
 * with an optional sign that fit an int. */
static bool parse_count(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < INT_MIN || v > INT_MAX)
		return false;
	*out = (int)v;
	return true;
}

static int calendar_due(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		{ "working-days", required_argument, NULL, 'w' },
		{ "days", required_argument, NULL, 'n' },
		{ "months", required_argument, NULL, 'm' },
		{ "provisional", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *from = NULL;
	enum clock_unit unit = 0;
	int amount = 0, units = 0, c;
	bool provisional_ok = false;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			db = optarg;
		} else if (c == 'f') {
			from = optarg;
		} else if (c == 'w' || c == 'n' || c == 'm') {
			unit = c == 'w' ? CLOCK_WORKING_DAYS : c == 'n' ? CLOCK_DAYS : CLOCK_MONTHS;
			units++;
			if (!parse_count(optarg, &amount))
				return cli_usage("calendar", "期间应为整数：%s", optarg);
		} else if (c == 'p') {
			provisional_ok = true;
		} else {
			return cli_usage("calendar", "无法识别的选项");
		}
	}
	if (optind < argc)
		return cli_usage("calendar", "多余的参数：%s", argv[optind]);
	if (!from)
		return cli_usage("calendar", "缺少 --from YYYY-MM-DD（起算日）");
	if (units != 1)
		return cli_usage("calendar", "需要 --working-days N、--days N 或 --months N 之一");
	if (!date_parse(from, NULL, NULL, NULL))
		return cli_usage("calendar", "--from 应为 YYYY-MM-DD 格式的有效日期：%s", from);

	struct cal_source src;
	int code = source_open(&src, db);
	if (code)
		return code;
	struct clock_input in;
	struct deadline d;
	struct fz_error e = { 0 };
	struct buf out = BUF_INIT;
	clock_input_init(&in, from, unit, amount);
	enum fz_err rc = clock_compute(&src.cal, &in, src.a, &d, &e);
	if (rc) {
		code = fail(rc, &e);
	} else if (d.provisional && !provisional_ok) {
		buf_adds(&out, "fazhi: 期间延伸到");
		for (size_t i = 0; i < d.nsteps; i++)
			if (d.steps[i].kind == CLOCK_STEP_UNCOVERED_YEAR)
				buf_addf(&out, " %d 年", d.steps[i].count);
		buf_adds(&out, "，节假日安排尚未载入，不能确定届满日；请用 fazhi calendar load "
			       "载入该年安排，或加 --provisional 得到暂定结果\n");
		fputs(buf_cstr(&out), stderr);
		code = EXIT_UNCOVERED;
	} else {
		buf_addf(&out, "%s%s\n", d.due, d.provisional ? " 暂定" : "");
		clock_explain(&d, &out);
		buf_addf(&out, "节假日安排：%s（", src.with_db ? "数据库" : "内置");
		years_label(&src.cal, &out);
		buf_adds(&out, " 年）\n");
		fputs(buf_cstr(&out), stdout);
	}
	buf_release(&out);
	source_close(&src);
	return code;
}

/* One line per holiday (consecutive days off of one name) and per make-up
 * working day of year. */
static void show_year(const struct calendar *cal, const struct calendar_year *y, struct buf *out)
{
	char date[FZ_DATE_LEN], last[FZ_DATE_LEN], when[20];
	buf_addf(out, "%d 年节假日安排\n来源：%s\n", y->year, y->source);
	if (y->loaded_at) {
		time_format_local(y->loaded_at, when);
		buf_addf(out, "载入：%s\n", when);
	}
	size_t i = calendar_day_lower_bound(cal, date_to_days(y->year, 1, 1));
	while (i < cal->ndays && calendar_year_of(cal->days[i].day) == y->year) {
		const struct calendar_day *d = &cal->days[i];
		date_from_days(d->day, date);
		if (d->mark == CALENDAR_WORK) {
			buf_addf(out, "上班 %s（星期%s） %s调休\n", date,
				 calendar_weekday_label(d->day), d->name);
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < cal->ndays && cal->days[j + 1].mark == CALENDAR_OFF &&
		       cal->days[j + 1].day == cal->days[j].day + 1 &&
		       strcmp(cal->days[j + 1].name, d->name) == 0)
			j++;
		date_from_days(cal->days[j].day, last);
		if (j > i)
			buf_addf(out, "放假 %s 至 %s %s（%zu 天）\n", date, last, d->name, j - i + 1);
		else
			buf_addf(out, "放假 %s（星期%s） %s\n", date, calendar_weekday_label(d->day),
				 d->name);
		i = j + 1;
	}
	buf_addf(out, "全年工作日 %d 天\n", calendar_working_days_in_year(cal, y->year));
}

static int calendar_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	int c, year;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else
			return cli_usage("calendar", "无法识别的选项");
	}
	if (optind + 1 != argc)
		return cli_usage("calendar", "需要一个年份，例如 fazhi calendar show 2026");
	if (!parse_count(argv[optind], &year) || year < 1 || year > 9999 ||
	    strlen(argv[optind]) != 4)
		return cli_usage("calendar", "年份应为四位数字：%s", argv[optind]);

	struct cal_source src;
	int code = source_open(&src, db);
	if (code)
		return code;
	const struct calendar_year *y = calendar_year_find(&src.cal, year);
	if (!y) {
		fprintf(stderr, "fazhi: %d 年的节假日安排尚未载入%s\n", year,
			src.with_db ? "（用 fazhi calendar load 载入）" : "（内置日历不含该年）");
		code = EXIT_UNCOVERED;
	} else {
		struct buf out = BUF_INIT;
		show_year(&src.cal, y, &out);
		fputs(buf_cstr(&out), stdout);
		buf_release(&out);
	}
	source_close(&src);
	return code;
}

/* Reads at most max + 1 bytes of path into a malloc'ed buffer. */
static char *read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *data = malloc(max + 1);
	*len = data ? fread(data, 1, max + 1, f) : 0;
	bool bad = !data || ferror(f);
	fclose(f);
	if (bad) {
		free(data);
		return NULL;
	}
	return data;
}

static int calendar_load(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	int c;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else
			return cli_usage("calendar", "无法识别的选项");
	}
	if (!db || optind + 1 != argc)
		return cli_usage("calendar", "需要 --db PATH 和一个日历文件");
	const char *path = argv[optind];
	size_t len = 0;
	char *text = read_file(path, APP_CALENDAR_TEXT_MAX, &len);
	if (!text) {
		fprintf(stderr, "fazhi: 无法读取文件 %s：%s\n", path, strerror(errno));
		return fz_err_exit_code(FZ_IO);
	}
	struct cli_session s;
	int code = cli_session_open(&s, db, false);
	if (code) {
		free(text);
		return code;
	}
	struct calendar_load_report r;
	struct fz_error e = { 0 };
	enum fz_err rc = app_calendar_load_text(&s.ctx, text, len, path, &r, &e);
	free(text);
	if (rc) {
		code = fail(rc, &e);
	} else {
		for (size_t i = 0; i < r.nyears; i++) {
			const struct calendar_load_year *y = &r.years[i];
			printf("%d 年%s：新增 %d 天，删除 %d 天，变更 %d 天，现有 %d 天\n", y->year,
			       y->is_new ? "（新）" : "", y->added, y->removed, y->changed, y->days);
		}
		printf("已从 %s 载入 %zu 个年度的节假日安排\n", path, r.nyears);
	}
	cli_session_close(&s);
	return code;
}

int cmd_calendar(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("calendar", "缺少子命令 due、show 或 load");
	if (strcmp(argv[1], "due") == 0)
		return calendar_due(argc, argv);
	if (strcmp(argv[1], "show") == 0)
		return calendar_show(argc, argv);
	if (strcmp(argv[1], "load") == 0)
		return calendar_load(argc, argv);
	return cli_usage("calendar", "未知子命令 '%s'（应为 due、show 或 load）", argv[1]);
}
