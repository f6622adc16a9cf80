/* trust_opts.c - the trust options of verify and verify-bundle
 * (trust_opts.h). */
#include "cli/trust_opts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/bundle.h"
#include "base/crypto.h"
#include "cli/cli.h"
#include "ledger/checkpoint.h"

/* The value of option name at argv[*i] ("--name V" or "--name=V"), or
 * NULL when argv[*i] is not that option; *missing when it lacks one. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, name, n) != 0)
		return NULL;
	if (a[2 + n] == '=')
		return a + 3 + n;
	if (a[2 + n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

int cli_trust_take(const char *cmd, int argc, char **argv, struct cli_trust *t)
{
	int out = 1;
	memset(t, 0, sizeof *t);
	for (int i = 1; i < argc; i++) {
		bool missing = false;
		const char *v;
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--trust-on-first-use") == 0) {
			t->tofu = true;
		} else if ((v = opt_value(argc, argv, &i, "key", &missing))) {
			t->key = v;
		} else if ((v = opt_value(argc, argv, &i, "quorum", &missing))) {
			t->quorum = v;
		} else if ((v = opt_value(argc, argv, &i, "witness", &missing))) {
			if (t->nwitness == CLI_TRUST_MAX)
				return cli_usage(cmd, "--witness 最多 %d 个", CLI_TRUST_MAX), -1;
			t->witness[t->nwitness++] = v;
		} else if ((v = opt_value(argc, argv, &i, "checkpoint", &missing))) {
			if (t->ncheckpoint == CLI_TRUST_MAX)
				return cli_usage(cmd, "--checkpoint 最多 %d 个", CLI_TRUST_MAX), -1;
			t->checkpoint[t->ncheckpoint++] = v;
		} else if ((v = opt_value(argc, argv, &i, "pin", &missing))) {
			if (t->npin == CLI_TRUST_MAX)
				return cli_usage(cmd, "--pin 最多 %d 个", CLI_TRUST_MAX), -1;
			t->pin[t->npin++] = v;
		} else if (missing) {
			return cli_usage(cmd, "选项 %s 缺少值", argv[i]), -1;
		} else {
			argv[out++] = argv[i];
		}
	}
	argv[out] = NULL;
	return out;
}

/* The log's key from --key: a verifier key (contains '+') or a PEM file. */
static int key_load(const char *cmd, const char *key, unsigned char pub[LEDGER_PUBKEY_LEN])
{
	struct fz_error e = { 0 };
	if (strchr(key, '+')) {
		struct note_vkey vk;
		if (note_vkey_parse(key, &vk, &e))
			return cli_usage(cmd, "--key：%s", e.message);
		if (vk.type[0] != NOTE_TYPE_ED25519 || vk.key_len != LEDGER_PUBKEY_LEN)
			return cli_usage(cmd, "--key 应为日志的 Ed25519 公钥");
		memcpy(pub, vk.key, LEDGER_PUBKEY_LEN);
		return 0;
	}
	enum fz_err rc = ledger_pubkey_load(key, pub, &e);
	return rc ? cli_fail(rc, &e) : 0;
}

/* --pin SIZE:ROOT. */
static int pin_parse(const char *cmd, const char *s, size_t hs, struct ledger_pin *p)
{
	char *end;
	errno = 0;
	long long size = strtoll(s, &end, 10);
	size_t n = 0;
	if (errno || size < 1 || *end != ':' || end == s)
		return cli_usage(cmd, "--pin 应为 记录数:根，例如 120:<64 位十六进制>");
	const char *root = end + 1;
	if (strlen(root) == 2 * hs && crypto_unhex(root, p->root, hs))
		n = hs;
	else if (!note_b64_decode(root, strlen(root), p->root, sizeof p->root, &n) || n != hs)
		return cli_usage(cmd, "--pin 的根应为 %zu 字节的十六进制或 base64", hs);
	p->size = size;
	p->root_len = n;
	snprintf(p->from, sizeof p->from, "固定的检查点（记录数 %lld）", size);
	return 0;
}

/* --checkpoint FILE: a signed note whose log signature verifies with
 * the trusted key. */
static int checkpoint_pin(const char *cmd, const char *path, const unsigned char *pub,
			  enum ledger_hash_alg hash, const struct cli_trust *t,
			  struct ledger_pin *p)
{
	char text[16384];
	struct fz_error e = { 0 };
	struct ledger_checkpoint cp;
	static struct note note;
	FILE *f = fopen(path, "re");
	if (!f) {
		fprintf(stderr, "fazhi: 无法打开检查点文件 %s：%s\n", path, strerror(errno));
		return 1;
	}
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	if (note_parse(text, n, &note, &e) || ledger_checkpoint_parse(note.text, note.text_len, &cp, &e))
		return cli_usage(cmd, "检查点文件 %s 无效：%s", path, e.message);
	uint32_t id = ledger_checkpoint_key_id(cp.origin, pub);
	bool signed_ok = false;
	for (size_t i = 0; i < note.nsigs; i++) {
		if (note.sigs[i].key_id != id || strcmp(note.sigs[i].name, cp.origin) != 0)
			continue;
		if (note.sigs[i].sig_len != LEDGER_SIG_LEN ||
		    !ledger_ed25519_verify(pub, note.text, note.text_len, note.sigs[i].sig))
			break;
		signed_ok = true;
	}
	if (!signed_ok) {
		fprintf(stderr, "fazhi: 检查点文件 %s 没有日志公钥的有效签名，不能作为比对依据\n", path);
		return CLI_EXIT_INCONSISTENT;
	}
	if (cp.alg != hash)
		return cli_usage(cmd, "检查点文件 %s 的摘要算法与账本不同", path);
	p->size = (int64_t)cp.size;
	p->root_len = ledger_hash_size(cp.alg);
	memcpy(p->root, cp.root, p->root_len);
	snprintf(p->from, sizeof p->from, "检查点文件 %.100s（记录数 %lld）", path,
		 (long long)cp.size);
	p->cosigned = 0;
	for (size_t w = 0; w < t->nwitness; w++)
		for (size_t i = 0; i < note.nsigs; i++)
			if (note.sigs[i].key_id == t->witnesses[w].key_id &&
			    strcmp(note.sigs[i].name, t->witnesses[w].name) == 0 &&
			    note.sigs[i].sig_len == LEDGER_COSIG_LEN &&
			    ledger_cosig_verify(t->witnesses[w].key, note.text, note.text_len,
						note.sigs[i].sig, NULL)) {
				p->cosigned++;
				break;
			}
	return 0;
}

int cli_trust_build(const char *cmd, struct cli_trust *t, const char *default_pub_path,
		    enum ledger_hash_alg hash)
{
	struct fz_error e = { 0 };
	int rc;
	if (t->key) {
		if ((rc = key_load(cmd, t->key, t->pub)))
			return rc;
		t->have_pub = true;
	} else if ((rc = cli_trust_require_key(cmd, t))) {
		return rc;
	} else {
		fprintf(stderr, "fazhi: 警告：未指定 --key，信任与数据放在一起的公钥（首次使用即信任）。"
				"能改写数据库的人也能替换这把公钥，请用 --key 指定机关公布的公钥\n");
		if (default_pub_path) {
			enum fz_err err = ledger_pubkey_load(default_pub_path, t->pub, &e);
			if (err)
				return cli_fail(err, &e);
			t->have_pub = true;
		}
	}
	for (size_t i = 0; i < t->nwitness; i++) {
		if (note_vkey_parse(t->witness[i], &t->witnesses[i], &e))
			return cli_usage(cmd, "--witness：%s", e.message);
		if (t->witnesses[i].type[0] != NOTE_TYPE_COSIG_V1)
			return cli_usage(cmd, "--witness 应为见证方的副署公钥（类型 0x04）");
	}
	int64_t quorum = t->nwitness ? 1 : 0;
	if (t->quorum) {
		char *end;
		quorum = strtoll(t->quorum, &end, 10);
		if (*end || quorum < 1 || (size_t)quorum > t->nwitness)
			return cli_usage(cmd, "--quorum 应在 1 到 --witness 的个数之间");
	}
	size_t np = 0, hs = ledger_hash_size(hash);
	for (size_t i = 0; i < t->npin; i++)
		if ((rc = pin_parse(cmd, t->pin[i], hs, &t->pins[np++])))
			return rc;
	for (size_t i = 0; i < t->ncheckpoint; i++) {
		if (!t->have_pub)
			return cli_usage(cmd, "--checkpoint 需要日志公钥（--key）来验证其签名");
		if ((rc = checkpoint_pin(cmd, t->checkpoint[i], t->pub, hash, t, &t->pins[np++])))
			return rc;
	}
	t->trust = (struct ledger_trust){
		.pubkey = t->have_pub ? t->pub : NULL,
		.witnesses = t->witnesses,
		.nwitnesses = t->nwitness,
		.quorum = (int)quorum,
		.pins = t->pins,
		.npins = np,
	};
	return 0;
}

int cli_trust_require_key(const char *cmd, const struct cli_trust *t)
{
	if (t->key || t->tofu)
		return 0;
	return cli_usage(cmd, "缺少 --key（日志的公钥，应从机关公布处取得）；"
			      "确实要信任与数据放在一起的公钥时加 --trust-on-first-use");
}

int cli_trust_bundle(const char *cmd, struct cli_trust *t, const struct bundle_report *r)
{
	enum ledger_hash_alg hash;
	unsigned char bpub[LEDGER_PUBKEY_LEN], root[LEDGER_HASH_MAX];
	int rc;
	if (!ledger_hash_from_name(r->hash, &hash) || !crypto_unhex(r->pubkey, bpub, sizeof bpub) ||
	    !crypto_unhex(r->root, root, ledger_hash_size(hash)))
		return cli_usage(cmd, "案卷包的检查点格式有误");
	if ((rc = cli_trust_build(cmd, t, NULL, hash)))
		return rc;
	if (t->have_pub && memcmp(t->pub, bpub, sizeof bpub) != 0) {
		fprintf(stderr, "fazhi: 案卷包核验未通过：检查点不是用 --key 给出的日志公钥签署的\n");
		return CLI_EXIT_INCONSISTENT;
	}
	int witnessed = 0;
	for (size_t i = 0; i < t->trust.npins; i++) {
		const struct ledger_pin *p = &t->pins[i];
		if (p->size != r->tree_size) {
			printf("%s 的记录数与案卷包的检查点（%lld）不同：离线无法比对，可用"
			       " /api/v1/ledger/proof/consistency 取一致性证明核对\n",
			       p->from, (long long)r->tree_size);
			continue;
		}
		if (p->root_len != ledger_hash_size(hash) || memcmp(p->root, root, p->root_len) != 0) {
			fprintf(stderr, "fazhi: 案卷包核验未通过：案卷包的检查点与%s的根不同——"
					"两者不是同一本账本\n",
				p->from);
			return CLI_EXIT_INCONSISTENT;
		}
		printf("案卷包的检查点与%s一致\n", p->from);
		if (p->cosigned > witnessed)
			witnessed = p->cosigned;
	}
	if (t->nwitness && witnessed < t->trust.quorum) {
		fprintf(stderr, "fazhi: 案卷包核验未通过：没有与案卷包检查点相同、带 %d 个指定见证方"
				"有效副署的 --checkpoint 文件（从 /ledger/checkpoint 下载的检查点含副署）\n",
			t->trust.quorum);
		return CLI_EXIT_INCONSISTENT;
	}
	if (t->nwitness)
		printf("案卷包的检查点有 %d 个指定见证方的副署\n", witnessed);
	return 0;
}
