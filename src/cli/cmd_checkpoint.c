/* cmd_checkpoint.c - `fazhi checkpoint`: sign a checkpoint of the ledger
 * now, with the key in the data directory (the server also makes them
 * periodically); --origin and --signatures configure the log first. */
#include <limits.h>
#include <stdio.h>

#include "app/ledger.h"
#include "base/crypto.h"
#include "cli/cli.h"

int cmd_checkpoint(int argc, char **argv)
{
	const char *db = NULL, *given_dir = NULL, *origin = NULL, *sigs = NULL;
	char dir[PATH_MAX];
	const struct cli_option opts[] = {
		{ "db", &db },
		{ "data-dir", &given_dir },
		{ "origin", &origin },
		{ "signatures", &sigs },
	};
	int bad = cli_options("checkpoint", argc, argv, 1, opts, sizeof opts / sizeof opts[0]);
	if (bad)
		return bad;
	if (!db)
		return cli_usage("checkpoint", "缺少 --db PATH");
	const char *data_dir = cli_data_dir(db, given_dir, dir);
	if (!data_dir)
		return 2;
	struct cli_session s;
	int rc = cli_session_open(&s, db, false);
	if (rc)
		return rc;
	s.cfg.data_dir = data_dir;
	struct ledger_checkpoint_row cp;
	struct fz_error e;
	bool made;
	enum fz_err err = FZ_OK;
	if (origin || sigs)
		err = app_ledger_log_configure(&s.ctx, origin, sigs, &e);
	if (!err)
		err = app_ledger_checkpoint(&s.ctx, &made, &cp, &e);
	cli_session_close(&s);
	if (err)
		return cli_fail(err, &e);
	char hex[2 * sizeof cp.root + 1];
	crypto_hex(cp.root, cp.root_len, hex);
	if (made)
		printf("已签署检查点 #%lld（%s）：记录数 %lld，根 %s\n", (long long)cp.id, cp.origin,
		       (long long)cp.tree_size, hex);
	else
		printf("账本自检查点 #%lld（记录数 %lld）以来没有新记录，未重复签署\n",
		       (long long)cp.id, (long long)cp.tree_size);
	return 0;
}
