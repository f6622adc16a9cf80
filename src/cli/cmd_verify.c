/* cmd_verify.c - `fazhi verify`: re-check the whole ledger against the
 * tables and the stored files (app/ledger_verify.c) and print either a
 * summary (exit 0) or the first inconsistency (exit 9). */
#include <limits.h>
#include <stdio.h>
#include <time.h>

#include "app/ledger_verify.h"
#include "cli/cli.h"
#include "cli/trust_opts.h"

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int cmd_verify(int argc, char **argv)
{
	const char *db = NULL, *given_dir = NULL;
	char dir[PATH_MAX], pub_path[PATH_MAX + 16];
	static struct cli_trust t;
	const struct cli_option opts[] = {
		{ "db", &db },
		{ "data-dir", &given_dir },
	};
	if ((argc = cli_trust_take("verify", argc, argv, &t)) < 0)
		return 2;
	int bad = cli_options("verify", argc, argv, 1, opts, sizeof opts / sizeof opts[0]);
	if (bad)
		return bad;
	if (!db)
		return cli_usage("verify", "缺少 --db PATH");
	const char *data_dir = cli_data_dir(db, given_dir, dir);
	if (!data_dir)
		return 2;
	struct fz_error e;
	enum fz_err err;
	struct cli_session s;
	int rc = cli_session_open(&s, db, false);
	if (rc)
		return rc;
	s.cfg.data_dir = data_dir;
	snprintf(pub_path, sizeof pub_path, "%s/%s", data_dir, LEDGER_PUB_FILE);
	enum ledger_hash_alg alg;
	if ((err = app_ledger_alg(&s.ctx, &alg, &e))) {
		cli_session_close(&s);
		return cli_fail(err, &e);
	}
	if ((rc = cli_trust_build("verify", &t, pub_path, alg))) {
		cli_session_close(&s);
		return rc;
	}
	struct ledger_verify_report r;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = app_ledger_verify_trusted(&s.ctx, data_dir, &t.trust, &r, &e);
	double secs = seconds_since(&t0);
	cli_session_close(&s);
	if (err)
		return cli_fail(err, &e);
	if (!r.ok) {
		fprintf(stderr, "fazhi: 核验未通过：%s\n", r.problem);
		return CLI_EXIT_INCONSISTENT;
	}
	/* each kind by its one name (app/ledger_kinds.c), in kind order */
	printf("账本核验通过（%s）：%lld 条记录（", r.hash, (long long)r.leaves);
	for (int k = 1, first = 1; k <= LEDGER_KIND_MAX; k++) {
		if (!ledger_kind_name(k))
			continue;
		printf("%s%s %lld", first ? "" : "、", ledger_kind_name(k), (long long)r.by_kind[k]);
		first = 0;
	}
	printf("），%lld 个文件，%lld 个检查点的根与签名一致\n", (long long)r.files,
	       (long long)r.checkpoints);
	if (r.pins)
		printf("与 %lld 个事先公布的检查点一致\n", (long long)r.pins);
	if (t.trust.nwitnesses)
		printf("见证：记录数 %lld 及之前的记录有 %d 个指定见证方的副署（共 %lld 个副署通过验证）\n",
		       (long long)r.witnessed_size, t.trust.quorum, (long long)r.cosignatures);
	if (r.unsigned_tail)
		printf("最新检查点之后的 %lld 条记录尚待下一个检查点签署\n",
		       (long long)r.unsigned_tail);
	printf("重新计算摘要 %.1f MB，用时 %.3f 秒（%.1f MB/s）\n", (double)r.bytes / 1e6, secs,
	       secs > 0 ? (double)r.bytes / 1e6 / secs : 0.0);
	return 0;
}
