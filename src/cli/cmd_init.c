/* cmd_init.c - `fazhi init`: create a database or migrate it, and give a
 * database without a holiday calendar the one built into the binary. */
#include <getopt.h>
#include <stdio.h>

#include "app/calendar.h"
#include "cli/cli.h"

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else
			return cli_usage("init", "无法识别的选项");
	}
	if (!db)
		return cli_usage("init", "缺少 --db PATH");
	struct cli_session s;
	int rc = cli_session_open(&s, db, true);
	if (rc)
		return rc;
	struct calendar_load_report r;
	struct fz_error e;
	bool loaded;
	enum fz_err err = app_calendar_load_default(&s.ctx, &loaded, &r, &e);
	if (err) {
		rc = cli_fail(err, &e);
		cli_session_close(&s);
		return rc;
	}
	printf("数据库 %s 已就绪（结构版本 %d）\n", db, store_schema_version());
	if (loaded && r.nyears)
		printf("已载入内置节假日安排（%d–%d 年）\n", r.years[0].year,
		       r.years[r.nyears - 1].year);
	cli_session_close(&s);
	return 0;
}
