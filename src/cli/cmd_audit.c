/* cmd_audit.c - `fazhi audit purge`: delete audit records past the
 * retention period; the purge itself is audited. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "app/auditlog.h"
#include "base/date.h"
#include "cli/cli.h"

int cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "before", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *before = NULL;
	int c, y, m, d;
	if (argc < 2 || strcmp(argv[1], "purge") != 0)
		return cli_usage("audit", "缺少子命令 purge");
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else if (c == 'b')
			before = optarg;
		else
			return cli_usage("audit", "无法识别的选项");
	}
	if (!db || !before)
		return cli_usage("audit", "需要 --db PATH 和 --before YYYY-MM-DD");
	if (!date_parse(before, &y, &m, &d))
		return cli_usage("audit", "--before 应为 YYYY-MM-DD 格式的日期");
	struct cli_session s;
	int rc = cli_session_open(&s, db, false);
	if (rc)
		return rc;
	struct fz_error e;
	int64_t deleted = 0;
	/* Midnight China time at the start of the given day. */
	int64_t at = date_to_days(y, m, d) * 86400 - 8 * 3600;
	enum fz_err err = app_audit_purge(&s.ctx, at, &deleted, &e);
	if (err)
		rc = cli_fail(err, &e);
	else
		printf("已清除 %s 之前的审计记录 %lld 条\n", before, (long long)deleted);
	cli_session_close(&s);
	return rc;
}
