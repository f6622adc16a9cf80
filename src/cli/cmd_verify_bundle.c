/* cmd_verify_bundle.c - `fazhi verify-bundle FILE`: check a case bundle
 * offline (app/bundle_verify.c), reading it once in constant memory; exit 0, or
 * 9 naming the first failure. */
#include <stdio.h>
#include <stdlib.h>

#include "app/bundle.h"
#include "cli/cli.h"
#include "cli/trust_opts.h"

int cmd_verify_bundle(int argc, char **argv)
{
	static struct cli_trust t; /* --key, --witness ...: cli/trust_opts.c */
	if ((argc = cli_trust_take("verify-bundle", argc, argv, &t)) < 0)
		return 2;
	if (argc == 2 && argv[1][0] != '-' && cli_trust_require_key("verify-bundle", &t))
		return 2;
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("verify-bundle", "需要一个案卷包文件 FILE");
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		fprintf(stderr, "fazhi: 无法打开 %s\n", argv[1]);
		return 1;
	}
	struct bundle_report r;
	bundle_verify(f, &r);
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad) {
		fprintf(stderr, "fazhi: 读取 %s 失败\n", argv[1]);
		return 1;
	}
	if (!r.ok) {
		fprintf(stderr, "fazhi: 案卷包核验未通过：%s\n", r.problem);
		return CLI_EXIT_INCONSISTENT;
	}
	int trc = cli_trust_bundle("verify-bundle", &t, &r);
	if (trc)
		return trc;
	printf("案卷包核验通过（%s）：案件 %s，案件信息 %lld 版、事件 %lld、证据 %lld、文书 %lld，"
	       "与导出时本案的记录数一致，均包含在记录数 %lld 的检查点中\n",
	       r.hash, r.number, (long long)r.headers, (long long)r.events,
	       (long long)r.evidence, (long long)r.documents, (long long)r.tree_size);
	printf("检查点的根 %s\n签名公钥 %s（请与机关公布的公钥核对）\n", r.root, r.pubkey);
	return 0;
}
