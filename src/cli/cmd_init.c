/* cmd_init.c - `fazhi init`: create a database or migrate it, give a
 * database without a holiday calendar the one built into the binary,
 * make the ledger's signing key in the data directory, and check that
 * every logged row has its leaf: rows without one are reported as an
 * inconsistency (exit 9), never logged after the fact. */
#include <limits.h>
#include <stdio.h>

#include "app/calendar.h"
#include "app/ledger.h"
#include "cli/cli.h"

/* The ledger's part of init: hash, key, rows without a leaf. */
static int init_ledger(struct cli_session *s, const char *hash, const char *data_dir)
{
	struct fz_error e;
	enum ledger_hash_alg alg;
	enum fz_err err;
	bool created;
	if (hash) {
		if (!ledger_hash_from_name(hash, &alg))
			return cli_usage("init", "--hash 应为 sm3 或 sha256");
		if ((err = app_ledger_hash_choose(&s->ctx, alg, &e)))
			return cli_fail(err, &e);
	}
	if ((err = app_ledger_key_init(data_dir, &created, &e)))
		return cli_fail(err, &e);
	if ((err = app_ledger_unlogged_check(&s->ctx, &e))) {
		if (err != FZ_CONFLICT)
			return cli_fail(err, &e);
		fprintf(stderr, "fazhi: %s\n", e.message);
		return CLI_EXIT_INCONSISTENT;
	}
	printf("账本摘要算法 %s；数据目录 %s\n", app_ledger_hash_label(&s->ctx), data_dir);
	if (created)
		printf("已生成账本签名密钥 %s/%s（权限 0600），公钥 %s/%s\n", data_dir,
		       LEDGER_KEY_FILE, data_dir, LEDGER_PUB_FILE);
	return 0;
}

int cmd_init(int argc, char **argv)
{
	const char *db = NULL, *given_dir = NULL, *hash = NULL;
	char dir[PATH_MAX];
	const struct cli_option opts[] = {
		{ "db", &db },
		{ "data-dir", &given_dir },
		{ "hash", &hash },
	};
	int bad = cli_options("init", argc, argv, 1, opts, sizeof opts / sizeof opts[0]);
	if (bad)
		return bad;
	if (!db)
		return cli_usage("init", "缺少 --db PATH");
	const char *data_dir = cli_data_dir(db, given_dir, dir);
	if (!data_dir)
		return 2;
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
	rc = init_ledger(&s, hash, data_dir);
	cli_session_close(&s);
	return rc;
}
