/* cmd_demo.c - `fazhi demo`: opens the database and seeds the demo
 * county once (demo.c does the seeding). */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/demo.h"

int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "password", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *pw = DEMO_PASSWORD;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else if (c == 'p')
			pw = optarg;
		else
			return cli_usage("demo", "无法识别的选项");
	}
	if (!db)
		return cli_usage("demo", "缺少 --db PATH");
	struct cli_session s;
	int rc = cli_session_open(&s, db, true);
	if (rc)
		return rc;
	struct user existing;
	if (s.st->ops->user_get_by_name(s.st, s.a, "sysadmin", &existing, NULL) == FZ_OK) {
		printf("数据库 %s 中已有演示数据，未重复生成\n", db);
		cli_session_close(&s);
		return 0;
	}
	struct demo_summary sum;
	struct fz_error e;
	enum fz_err err = demo_seed(&s.ctx, pw, &sum, &e);
	if (err)
		rc = cli_fail(err, &e);
	else
		printf("已生成演示县：%d 个执法主体，%d 名人员，%d 张执法证，%d 个演示账号，"
		       "%d 件执法案件\n",
		       sum.agencies, sum.people, sum.certificates, sum.accounts, sum.cases);
	cli_session_close(&s);
	return rc;
}
