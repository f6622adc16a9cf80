/* cmd_redact.c - `fazhi redact`: the publication pipeline's redaction
 * from the shell, to check a text before it is published. Reads UTF-8 on
 * standard input, writes the redacted text on standard output; no
 * database. The rules are domain/redact.c's (docs/REDACTION.md). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "domain/redact.h"

/* Input larger than this is refused: a decision is a few pages. */
#define REDACT_INPUT_MAX (16u << 20)
#define REDACT_ARGS_MAX 64

/* Reads all of f into b; FZ_IO, FZ_TOOLARGE or FZ_NOMEM on failure. */
static enum fz_err read_all(FILE *f, struct buf *b)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	if (ferror(f))
		return FZ_IO;
	return buf_status(b);
}

static void print_report(const struct redact_report *r)
{
	fprintf(stderr, "脱敏：");
	unsigned total = 0;
	for (int c = 0; c < REDACT_CATEGORY_COUNT; c++) {
		if (!r->counts[c])
			continue;
		fprintf(stderr, "%s%s %u 处", total ? "，" : "", redact_category_label(c),
			r->counts[c]);
		total += r->counts[c];
	}
	if (!total)
		fprintf(stderr, "未发现需要处理的内容");
	fprintf(stderr, "\n");
	if (r->persons)
		fprintf(stderr, "涉及自然人 %u 人，其中根据“当事人：”“姓名：”等标注识别 %u 人，请审核人员确认\n",
			r->persons, r->found_names);
	if (r->minor_present)
		fprintf(stderr, "注意：文本涉及未成年人；当事人为未成年人的决定不予公开\n");
}

int cmd_redact(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "party-kind", required_argument, NULL, 'k' },
		{ "name", required_argument, NULL, 'n' },
		{ "minor", required_argument, NULL, 'm' },
		{ "keep", required_argument, NULL, 'p' },
		{ "report", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct redact_person persons[REDACT_ARGS_MAX];
	const char *keep[REDACT_ARGS_MAX];
	size_t npersons = 0, nkeep = 0;
	bool report = false;
	struct redact_ctx ctx;
	int c;
	redact_ctx_init(&ctx, REDACT_PARTY_PERSON);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'k') {
			if (strcmp(optarg, "person") == 0)
				ctx.party_kind = REDACT_PARTY_PERSON;
			else if (strcmp(optarg, "organisation") == 0)
				ctx.party_kind = REDACT_PARTY_ORGANISATION;
			else
				return cli_usage("redact", "--party-kind 应为 person 或 organisation：%s",
						 optarg);
		} else if (c == 'n' || c == 'm') {
			if (npersons == REDACT_ARGS_MAX)
				return cli_usage("redact", "--name 和 --minor 合计最多 %d 个",
						 REDACT_ARGS_MAX);
			persons[npersons++] = (struct redact_person){ optarg, c == 'm' };
		} else if (c == 'p') {
			if (nkeep == REDACT_ARGS_MAX)
				return cli_usage("redact", "--keep 最多 %d 个", REDACT_ARGS_MAX);
			keep[nkeep++] = optarg;
		} else if (c == 'r') {
			report = true;
		} else {
			return cli_usage("redact", "无法识别的选项或缺少选项的值：%s",
					 argv[optind - 1] ? argv[optind - 1] : "");
		}
	}
	if (optind < argc)
		return cli_usage("redact", "多余的参数：%s（文本从标准输入读取）", argv[optind]);
	ctx.persons = persons;
	ctx.npersons = npersons;
	ctx.keep = keep;
	ctx.nkeep = nkeep;

	struct buf in = BUF_INIT, out = BUF_INIT;
	struct redact_report r;
	struct fz_error e = { 0 };
	buf_init(&in, REDACT_INPUT_MAX);
	enum fz_err rc = read_all(stdin, &in);
	if (rc == FZ_TOOLARGE) {
		buf_release(&in);
		fprintf(stderr, "fazhi redact: 输入超过 %u MiB，请分段处理\n", REDACT_INPUT_MAX >> 20);
		return 2;
	}
	if (rc) {
		buf_release(&in);
		return cli_fail(rc, NULL);
	}
	rc = redact_text(&ctx, in.data ? in.data : "", in.len, &out, &r, &e);
	buf_release(&in);
	if (rc) {
		buf_release(&out);
		if (rc == FZ_INVALID && strcmp(e.field, "text") == 0)
			fprintf(stderr, "fazhi redact: 输入不是有效的 UTF-8 文本（或含有 NUL 字符），"
					"未输出任何内容\n");
		else
			fprintf(stderr, "fazhi redact: %s\n", e.message[0] ? e.message : fz_err_message(rc));
		return fz_err_exit_code(rc);
	}
	bool ok = fwrite(out.data ? out.data : "", 1, out.len, stdout) == out.len &&
		  fflush(stdout) == 0;
	buf_release(&out);
	if (!ok)
		return cli_fail(FZ_IO, NULL);
	if (report)
		print_report(&r);
	return 0;
}
