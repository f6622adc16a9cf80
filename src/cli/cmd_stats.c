/* cmd_stats.c - `fazhi stats-rebuild`: empty the statistics' summary and
 * build it again from the record, batch by batch, showing how far it is
 * (app_stats_summary_rebuild). A server on the same database goes on
 * answering meanwhile, its statistics counted from the record. */
#include <stdio.h>

#include "app/stats.h"
#include "cli/cli.h"

static void progress(int64_t done, int64_t left, void *arg)
{
	int64_t *shown = arg;
	/* a line every 10000 cases, not every batch */
	if (done - *shown < 10000)
		return;
	*shown = done;
	fprintf(stderr, "fazhi: 统计汇总已建立 %lld 件案件，尚余 %lld 件\n", (long long)done,
		(long long)left);
}

int cmd_stats_rebuild(int argc, char **argv)
{
	const char *db = NULL;
	const struct cli_option opts[] = { { "db", &db } };
	int bad = cli_options("stats-rebuild", argc, argv, 1, opts, sizeof opts / sizeof opts[0]);
	if (bad)
		return bad;
	if (!db)
		return cli_usage("stats-rebuild", "缺少 --db PATH");
	struct cli_session s;
	int rc = cli_session_open(&s, db, false);
	if (rc)
		return rc;
	struct fz_error e;
	int64_t n = 0, shown = 0;
	enum fz_err err = app_stats_summary_rebuild(&s.ctx, progress, &shown, &n, &e);
	cli_session_close(&s);
	if (err)
		return cli_fail(err, &e);
	printf("统计汇总已按原始记录重新建立，共 %lld 件案件\n", (long long)n);
	return 0;
}
