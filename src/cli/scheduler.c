/* scheduler.c - the scheduled jobs of `fazhi serve` (cli/periodic.c);
 * see scheduler.h. */
#include "cli/scheduler.h"

#include <stdio.h>

#include "app/case_status.h"
#include "app/indicators.h"
#include "app/stats.h"
#include "cli/periodic.h"

static void round_once(struct app_ctx *ctx)
{
	struct fz_error e = { 0 };
	int64_t n = 0;
	if (app_case_status_job(ctx, &n, &e))
		fprintf(stderr, "fazhi: 更新案件状态失败：%s\n", e.message);
	else if (n)
		fprintf(stderr, "fazhi: 已更新 %lld 件案件的期限和待办状态\n", (long long)n);
	/* after the statuses: a summary still being built (046) is filled
	 * batch by batch until done or the server stops; the statuses wait
	 * for the next round meanwhile (pages refresh those they show) */
	if (app_stats_summary_job(ctx, &n, &e))
		fprintf(stderr, "fazhi: 建立统计汇总失败：%s\n", e.message);
	else if (n)
		fprintf(stderr, "fazhi: 统计汇总已补入 %lld 件案件\n", (long long)n);
	/* the indicators' facts of the cases changed since (after migration
	 * 045 every case: judged here in the background, not at start-up) */
	if (app_indicators_job(ctx, &n, &e))
		fprintf(stderr, "fazhi: 更新监督指标的案件判定失败：%s\n", e.message);
	else if (n)
		fprintf(stderr, "fazhi: 已重新判定 %lld 件案件的监督指标\n", (long long)n);
}

enum fz_err scheduler_start(const char *db, const struct app_config *cfg, int interval_s,
			    struct scheduler **out, struct fz_error *e)
{
	struct periodic *p;
	*out = NULL;
	if (interval_s < 1)
		return fz_fail(e, FZ_INVALID, "job_interval", "定时任务间隔应至少 1 秒");
	enum fz_err rc = periodic_start(db, cfg, interval_s, round_once, round_once, false, &p, e);
	if (!rc)
		*out = (struct scheduler *)p;
	return rc;
}

void scheduler_stop(struct scheduler *s)
{
	periodic_stop((struct periodic *)s);
}
