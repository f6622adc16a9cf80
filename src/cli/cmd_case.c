/* cmd_case.c - `fazhi case export`: write a case file as one bundle
 * (app/bundle_export.c) that `fazhi verify-bundle` checks without the database. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/bundle.h"
#include "cli/cli.h"

static int case_export(int argc, char **argv)
{
	const char *db = NULL, *given_dir = NULL, *out = NULL;
	char dir[PATH_MAX];
	const struct cli_option opts[] = {
		{ "db", &db },
		{ "data-dir", &given_dir },
		{ "out", &out },
	};
	int bad = cli_options("case", argc, argv, 1, opts, sizeof opts / sizeof opts[0]);
	if (bad)
		return bad;
	if (!db)
		return cli_usage("case", "缺少 --db PATH");
	if (!out)
		return cli_usage("case", "缺少 --out FILE");
	if (optind + 1 != argc)
		return cli_usage("case", "需要一个案件编号 ID");
	char *end;
	const char *arg = argv[optind];
	long long id = strtoll(arg, &end, 10);
	if (!*arg || *end || id <= 0)
		return cli_usage("case", "案件编号“%s”不是正整数", arg);
	const char *data_dir = cli_data_dir(db, given_dir, dir);
	if (!data_dir)
		return 2;
	struct cli_session s;
	int rc = cli_session_open(&s, db, false);
	if (rc)
		return rc;
	s.cfg.data_dir = data_dir;
	FILE *f = fopen(out, "wb");
	if (!f) {
		cli_session_close(&s);
		fprintf(stderr, "fazhi: 无法创建 %s\n", out);
		return 1;
	}
	struct fz_error e;
	struct bundle_summary sum;
	enum fz_err err = app_bundle_export(&s.ctx, data_dir, (int64_t)id, f, &sum, &e);
	cli_session_close(&s);
	bool werr = ferror(f) != 0;
	if (fclose(f) != 0)
		werr = true;
	if (err || werr) {
		unlink(out);
		if (err)
			return cli_fail(err, &e);
		fprintf(stderr, "fazhi: 写入 %s 失败\n", out);
		return 1;
	}
	if (sum.made_checkpoint)
		printf("已签署覆盖本案的检查点（记录数 %lld）\n", (long long)sum.tree_size);
	printf("已导出案件 %s：案件信息 %lld 版、事件 %lld、证据 %lld、文书 %lld（导出记录为账本第 %lld "
	       "号记录），包含证明对应记录数 %lld 的检查点\n",
	       sum.number, (long long)sum.headers, (long long)sum.events, (long long)sum.evidence,
	       (long long)sum.documents, (long long)sum.export_leaf, (long long)sum.tree_size);
	return 0;
}

int cmd_case(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("case", "缺少子命令（export）");
	if (strcmp(argv[1], "export") == 0)
		return case_export(argc - 1, argv + 1);
	return cli_usage("case", "无法识别的子命令“%s”", argv[1]);
}
