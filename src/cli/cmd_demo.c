/* cmd_demo.c - `fazhi demo`: opens the database and seeds the demo
 * county once (demo.c does the seeding), with its evidence files in the
 * data directory, and signs a checkpoint of the ledger at the end. */
#include <limits.h>
#include <stdio.h>

#include "app/ledger.h"

#include "cli/cli.h"
#include "cli/demo.h"

int cmd_demo(int argc, char **argv)
{
	const char *db = NULL, *pw = DEMO_PASSWORD, *given_dir = NULL;
	char dir[PATH_MAX];
	const struct cli_option opts[] = {
		{ "db", &db },
		{ "password", &pw },
		{ "data-dir", &given_dir },
	};
	int bad = cli_options("demo", argc, argv, 1, opts, sizeof opts / sizeof opts[0]);
	if (bad)
		return bad;
	if (!db)
		return cli_usage("demo", "缺少 --db PATH");
	const char *data_dir = cli_data_dir(db, given_dir, dir);
	if (!data_dir)
		return 2;
	struct cli_session s;
	int rc = cli_session_open(&s, db, true);
	if (rc)
		return rc;
	s.cfg.data_dir = data_dir;
	struct user existing;
	if (s.st->ops->user_get_by_name(s.st, s.a, "sysadmin", &existing, NULL) == FZ_OK) {
		printf("数据库 %s 中已有演示数据，未重复生成\n", db);
		cli_session_close(&s);
		return 0;
	}
	struct demo_summary sum = { 0 };
	struct ledger_checkpoint_row cp;
	struct fz_error e;
	bool made;
	enum fz_err err = app_ledger_key_init(data_dir, &made, &e);
	if (!err)
		err = demo_seed(&s.ctx, pw, &sum, &e);
	/* the demo's record, signed: `fazhi verify` checks it at once */
	if (!err)
		err = app_ledger_checkpoint(&s.ctx, &made, &cp, &e);
	if (err)
		rc = cli_fail(err, &e);
	else
		printf("已生成演示县：%d 个执法主体，%d 名人员，%d 张执法证，%d 个演示账号，"
		       "%d 件案件和事项，%d 个证据文件，%d 件投诉举报；账本检查点 #%lld（记录数 %lld）\n",
		       sum.agencies, sum.people, sum.certificates, sum.accounts, sum.cases,
		       sum.evidence, sum.complaints, (long long)cp.id, (long long)cp.tree_size);
	cli_session_close(&s);
	return rc;
}
