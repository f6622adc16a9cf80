/* cmd_checkpoint.c - `fazhi checkpoint`: sign a checkpoint of the ledger
 * now, with the key in the data directory (the server also makes them
 * periodically); --origin and --signatures configure the log first. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "app/ledger.h"
#include "app/ledger_note.h"
#include "base/crypto.h"
#include "cli/cli.h"

int cmd_checkpoint(int argc, char **argv)
{
	const char *db = NULL, *given_dir = NULL, *origin = NULL, *sigs = NULL, *key_file = NULL;
	const char *rotate_to = NULL, *tsa_url = NULL;
	char dir[PATH_MAX];
	const struct cli_option opts[] = {
		{ "db", &db },
		{ "data-dir", &given_dir },
		{ "origin", &origin },
		{ "signatures", &sigs },
		{ "key-file", &key_file },
		{ "rotate-to", &rotate_to },
		{ "tsa-url", &tsa_url },
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
	s.cfg.ledger_key_file = key_file;
	struct ledger_checkpoint_row cp;
	struct fz_error e;
	bool made;
	enum fz_err err = FZ_OK;
	char tsa_now[512] = "";
	if (origin || sigs)
		err = app_ledger_log_configure(&s.ctx, origin, sigs, &e);
	if (!err && tsa_url)
		err = app_ledger_tsa_configure(&s.ctx, strcmp(tsa_url, "none") ? tsa_url : NULL, &e);
	struct ledger_rotation_row rot;
	if (!err && rotate_to && !(err = app_ledger_key_rotate(&s.ctx, rotate_to, &rot, &e))) {
		printf("已轮换签名密钥（轮换记录 #%lld，由新旧两把密钥签署）\n", (long long)rot.id);
		if (key_file)
			printf("今后请以 --key-file %s 使用新密钥\n", rotate_to);
		/* the next checkpoint is signed with the new key */
		if (key_file)
			s.cfg.ledger_key_file = rotate_to;
	}
	if (!err)
		err = app_ledger_checkpoint(&s.ctx, &made, &cp, &e);
	/* a configured authority that gave no token is said, not fatal */
	unsigned char *tok;
	size_t tok_len;
	struct fz_error te;
	bool no_token = !err && made &&
			s.ctx.st->ops->ledger_tsa_get(s.ctx.st, tsa_now, &te) == FZ_OK && tsa_now[0] &&
			s.ctx.st->ops->timestamp_get(s.ctx.st, s.ctx.a, cp.id, &tok, &tok_len, &te) ==
				FZ_NOTFOUND;
	cli_session_close(&s);
	if (err)
		return cli_fail(err, &e);
	char hex[2 * sizeof cp.root + 1];
	crypto_hex(cp.root, cp.root_len, hex);
	if (no_token)
		fprintf(stderr, "fazhi: 警告：时间戳服务 %s 未签发时间戳，检查点已签署但不带时间戳"
				"（原因见审计日志）\n", tsa_now);
	if (made)
		printf("已签署检查点 #%lld（%s）：记录数 %lld，根 %s\n", (long long)cp.id, cp.origin,
		       (long long)cp.tree_size, hex);
	else
		printf("账本自检查点 #%lld（记录数 %lld）以来没有新记录，未重复签署\n",
		       (long long)cp.id, (long long)cp.tree_size);
	return 0;
}
