/* clock_explain.c - a deadline's steps in plain Chinese, one line each,
 * so that the shell, the pages and the API explain a deadline in the
 * same words: 起算日 … 跳过 国庆节 … 届满日 …. */
#include "domain/clock.h"

#include "base/date.h"

const char *clock_unit_label(enum clock_unit u)
{
	switch (u) {
	case CLOCK_WORKING_DAYS:
		return "个工作日";
	case CLOCK_DAYS:
		return "日";
	case CLOCK_MONTHS:
		return "个月";
	}
	return "";
}

/* "2025-10-01（星期三）" */
static void add_day(struct buf *out, const char *date)
{
	int y, m, d;
	if (!date_parse(date, &y, &m, &d)) {
		buf_adds(out, date);
		return;
	}
	buf_addf(out, "%s（星期%s）", date, calendar_weekday_label(date_to_days(y, m, d)));
}

/* "2025-10-01 至 2025-10-08（8 天）" or "2025-10-01（星期三）" */
static void add_range(struct buf *out, const struct clock_step *s)
{
	if (s->count > 1)
		buf_addf(out, "%s 至 %s（%d 天）", s->from, s->to, s->count);
	else
		add_day(out, s->from);
}

static void explain_budget(struct buf *out, const struct deadline *d, const struct clock_step *s)
{
	buf_addf(out, "期间 %d %s", s->count, clock_unit_label(d->unit));
	switch (d->unit) {
	case CLOCK_WORKING_DAYS:
		buf_adds(out, "：只计工作日，法定节假日和周末不计入，调休上班日计入");
		break;
	case CLOCK_DAYS:
		buf_adds(out, "：按日连续计算，期间内的节假日照算；最后一日为法定节假日的，顺延至其后第一个工作日");
		break;
	case CLOCK_MONTHS:
		buf_adds(out, "：至到期月的对应日，无对应日的为该月末日；最后一日为法定节假日的，顺延至其后第一个工作日");
		break;
	}
	buf_addc(out, '\n');
}

static void explain_step(struct buf *out, const struct deadline *d, const struct clock_step *s)
{
	const char *guess = s->provisional ? "（暂定）" : "";
	switch (s->kind) {
	case CLOCK_STEP_START:
		buf_adds(out, "起算日 ");
		add_day(out, s->from);
		buf_adds(out, "：当日不计入，自次日起算\n");
		break;
	case CLOCK_STEP_BUDGET:
		explain_budget(out, d, s);
		break;
	case CLOCK_STEP_EXTENSION:
		buf_addf(out, "延长 %d %s：%s\n", s->count, clock_unit_label(d->unit),
			 s->text ? s->text : "");
		break;
	case CLOCK_STEP_SUSPENSION:
		buf_addf(out, "中止 %s 至 %s：%s；其间 %d %s不计入\n", s->from, s->to,
			 s->text ? s->text : "", s->count,
			 d->unit == CLOCK_WORKING_DAYS ? "个工作日" : "日");
		break;
	case CLOCK_STEP_HOLIDAY_SKIPPED:
		buf_addf(out, "跳过 %s%s ", s->text ? s->text : "节假日", guess);
		add_range(out, s);
		buf_adds(out, "：放假，不计入\n");
		break;
	case CLOCK_STEP_MAKEUP_COUNTED:
		buf_adds(out, "计入 调休上班日 ");
		add_range(out, s);
		buf_addf(out, "：%s调休上班\n", s->text ? s->text : "");
		break;
	case CLOCK_STEP_HOLIDAY_COUNTED:
		buf_addf(out, "计入 %s ", s->text ? s->text : "节假日");
		add_range(out, s);
		buf_adds(out, "：按日计算的期间，期间内的节假日照算\n");
		break;
	case CLOCK_STEP_MONTH_END:
		buf_addf(out, "到期月没有 %d 日，以该月末日 %s 为对应日\n", s->count, s->from);
		break;
	case CLOCK_STEP_LAST_DAY_MOVED:
		buf_adds(out, "最后一日 ");
		add_day(out, s->from);
		if (s->text)
			buf_addf(out, "是法定节假日（%s%s），顺延至 ", s->text, guess);
		else
			buf_adds(out, "是周末，按法定休假日顺延至 ");
		add_day(out, s->to);
		buf_adds(out, s->text ? "\n" : "（周末视为法定休假日系司法实践）\n");
		break;
	case CLOCK_STEP_UNCOVERED_YEAR:
		buf_addf(out, "暂定：%d 年的节假日安排尚未载入，只按周末和固定日期的节日"
			 "（元旦、劳动节、国庆节）计算，春节等农历节日无法预知；载入该年安排后须重新计算\n",
			 s->count);
		break;
	case CLOCK_STEP_DUE:
		buf_adds(out, "届满日 ");
		add_day(out, s->from);
		buf_adds(out, s->provisional ? "（暂定）\n" : "\n");
		break;
	}
}

void clock_explain(const struct deadline *d, struct buf *out)
{
	for (size_t i = 0; i < d->nsteps; i++)
		explain_step(out, d, &d->steps[i]);
}
