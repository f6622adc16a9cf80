/* cmd_verify_publication.c - `fazhi verify-publication FILE --key KEY`:
 * check a decision's publication proof file offline
 * (app/bundle_publication_verify.c) against the log key the checker
 * trusts, optionally witnesses and earlier checkpoints; print what the
 * records say. Exit 0, or 9 naming the first failure. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/bundle_publication.h"
#include "base/crypto.h"
#include "base/date.h"
#include "cli/cli.h"
#include "cli/trust_opts.h"

#define CMD "verify-publication"

/* The whole file into a malloc'd buffer (at most PUBPROOF_MAX + 1
 * bytes: a longer one is refused by the checker). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "fazhi: 无法打开 %s：%s\n", path, strerror(errno));
		return NULL;
	}
	char *data = malloc(PUBPROOF_MAX + 2);
	size_t n = data ? fread(data, 1, PUBPROOF_MAX + 1, f) : 0;
	bool bad = !data || ferror(f);
	fclose(f);
	if (bad) {
		fprintf(stderr, "fazhi: 读取 %s 失败\n", path);
		free(data);
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

static void print_report(const struct pubproof_report *r)
{
	char when[20];
	printf("公示证明核验通过（%s）：公示 #%lld 的 %zu 条账本记录均包含在记录数 %lld 的检查点中\n",
	       r->hash, (long long)r->decision, r->nrec, (long long)r->tree_size);
	if (r->agency[0])
		printf("执法主体：%s（证明文件所列；%s）\n", r->agency,
		       r->agency_in_text ? "已出现在账本记录的公示标题或正文中"
					 : "未出现在账本记录的公示标题或正文中，不受账本证明");
	if (r->number[0])
		printf("文号：%s（证明文件所列；%s）\n", r->number,
		       r->number_in_text ? "已出现在账本记录的公示标题或正文中"
					 : "未出现在账本记录的公示标题或正文中，不受账本证明");
	for (size_t i = 0; i < r->nrec; i++) {
		const struct pubproof_record *c = &r->rec[i];
		time_format_local(c->at, when);
		if (c->withdraw) {
			printf("账本第 %lld 号记录：撤下，日期 %s，记录时间 %s，经办 %s\n", (long long)c->leaf,
			       c->on, when, c->actor);
			printf("  撤下理由：%s\n  法律依据：%s\n", c->reason, c->basis);
		} else {
			printf("账本第 %lld 号记录：发布，日期 %s，记录时间 %s，经办 %s\n", (long long)c->leaf,
			       c->on, when, c->actor);
			printf("  标题：%s\n  公示正文 %lld 字节，%s 摘要 %s\n", c->title,
			       (long long)c->text_len, r->hash, c->text_digest);
		}
	}
	time_format_local(r->checkpoint_at, when);
	printf("检查点：日志 %s，记录数 %lld，签署于 %s，根 %s\n", r->origin, (long long)r->tree_size,
	       when, r->root);
	printf("说明：证明文件证明其中的记录在账本中且未被改动；它不能离线证明账本中没有本决定的"
	       "其他记录（如之后的撤下），请以最新的证明文件或撤下公示记录核对。\n");
}

int cmd_verify_publication(int argc, char **argv)
{
	static struct cli_trust t; /* --key, --witness ...: cli/trust_opts.c */
	if ((argc = cli_trust_take(CMD, argc, argv, &t)) < 0)
		return 2;
	if (t.tofu)
		return cli_usage(CMD, "不接受 --trust-on-first-use：证明文件自带的公钥不可信，"
				      "请用 --key 给出机关公布的日志公钥");
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(CMD, "需要一个公示证明文件 FILE");
	if (!t.key)
		return cli_usage(CMD, "缺少 --key（日志的公钥，应从机关公布处取得）");
	size_t len;
	char *data = slurp(argv[1], &len);
	if (!data)
		return 1;
	static struct pubproof_report r;
	enum ledger_hash_alg alg;
	if (!pubproof_alg(data, len, &alg)) {
		pubproof_verify(data, len, NULL, &r); /* names what is wrong */
		free(data);
		fprintf(stderr, "fazhi: 公示证明核验未通过：%s\n",
			r.problem[0] ? r.problem : "证明文件无法解读");
		return CLI_EXIT_INCONSISTENT;
	}
	int rc = cli_trust_build(CMD, &t, NULL, alg);
	if (rc) {
		free(data);
		return rc;
	}
	struct pubproof_trust tr = {
		.pubkey = t.pub,
		.witnesses = t.witnesses,
		.nwitnesses = t.nwitness,
		.quorum = t.trust.quorum,
	};
	pubproof_verify(data, len, &tr, &r);
	free(data);
	if (!r.ok) {
		fprintf(stderr, "fazhi: 公示证明核验未通过：%s\n", r.problem);
		return CLI_EXIT_INCONSISTENT;
	}
	/* earlier checkpoints the checker holds */
	for (size_t i = 0; i < t.trust.npins; i++) {
		const struct ledger_pin *p = &t.pins[i];
		char root[2 * LEDGER_HASH_MAX + 1];
		crypto_hex(p->root, p->root_len, root);
		if (p->size != r.tree_size) {
			printf("%s 的记录数与证明文件的检查点（%lld）不同：离线无法比对，可用"
			       " /api/v1/ledger/proof/consistency?first=&second= 取一致性证明核对\n",
			       p->from, (long long)r.tree_size);
			continue;
		}
		if (strcmp(root, r.root) != 0) {
			fprintf(stderr, "fazhi: 公示证明核验未通过：证明文件的检查点与%s的根不同——"
					"两者不是同一本账本（账本被改写，或出示了分叉的视图）\n",
				p->from);
			return CLI_EXIT_INCONSISTENT;
		}
		printf("证明文件的检查点与%s一致\n", p->from);
	}
	print_report(&r);
	if (t.nwitness)
		printf("见证：检查点有 %d 个指定见证方的有效副署（要求 %d 个）\n", r.cosigned,
		       t.trust.quorum);
	return 0;
}
