/* cmd_draw.c - `fazhi draw`: re-runs a random inspection draw (双随机一公开)
 * from its published seed and lists, without a database, so that anyone
 * can check an assignment. The output is the same line for line as
 * scripts/draw.py, the independent re-implementation. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "domain/draw.h"
#include "domain/draw_public.h"

/* A list file holds at most DRAW_LIST_MAX ids of DRAW_ID_MAX bytes. */
#define LIST_FILE_MAX ((size_t)32 << 20)

static int fail(enum fz_err rc, const struct fz_error *e)
{
	fprintf(stderr, "fazhi: %s\n", e && e->message[0] ? e->message : fz_err_message(rc));
	return fz_err_exit_code(rc);
}

/* Reads the list file at path into out; prints the reason and returns the
 * exit code on failure, 0 on success. */
static int read_list(struct arena *a, const char *path, const char *label,
		     struct draw_list *out)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "fazhi: 无法读取%s %s：%s\n", label, path, strerror(errno));
		return fz_err_exit_code(errno == ENOENT ? FZ_NOTFOUND : FZ_IO);
	}
	char *text = malloc(LIST_FILE_MAX + 1);
	size_t len = text ? fread(text, 1, LIST_FILE_MAX + 1, f) : 0;
	bool bad = !text || ferror(f);
	fclose(f);
	int code = 0;
	if (bad) {
		fprintf(stderr, "fazhi: 无法读取%s %s\n", label, path);
		code = fz_err_exit_code(FZ_IO);
	} else if (len > LIST_FILE_MAX) {
		fprintf(stderr, "fazhi: %s %s 超过 %zu MiB\n", label, path, LIST_FILE_MAX >> 20);
		code = fz_err_exit_code(FZ_TOOLARGE);
	} else {
		struct fz_error e = { 0 };
		enum fz_err rc = draw_list_parse(a, label, text, len, out, &e);
		if (rc)
			code = fail(rc, &e);
	}
	free(text);
	return code;
}

/* A count of 1..max from the command line: digits only. */
static bool parse_size(const char *s, size_t max, size_t *out)
{
	char *end;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v == 0 || v > max)
		return false;
	*out = (size_t)v;
	return true;
}

int cmd_draw(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "targets", required_argument, NULL, 't' },
		{ "inspectors", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'c' },
		{ "per-target", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *seed = NULL, *targets = NULL, *inspectors = NULL;
	struct draw_input in = { .per_target = DRAW_PER_TARGET_MIN };
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's') {
			seed = optarg;
		} else if (c == 't') {
			targets = optarg;
		} else if (c == 'i') {
			inspectors = optarg;
		} else if (c == 'c') {
			if (!parse_size(optarg, DRAW_LIST_MAX, &in.count))
				return cli_usage("draw", "--count 应为正整数：%s", optarg);
		} else if (c == 'p') {
			if (!parse_size(optarg, DRAW_PER_TARGET_MAX, &in.per_target) ||
			    in.per_target < DRAW_PER_TARGET_MIN)
				return cli_usage("draw", "--per-target 应为 %d–%d 的整数：%s",
						 DRAW_PER_TARGET_MIN, DRAW_PER_TARGET_MAX, optarg);
		} else {
			return cli_usage("draw", "无法识别的选项");
		}
	}
	if (optind < argc)
		return cli_usage("draw", "多余的参数：%s", argv[optind]);
	if (!seed || !targets || !inspectors || !in.count)
		return cli_usage("draw", "需要 --seed、--targets、--inspectors 和 --count");

	struct arena *a = arena_new();
	if (!a)
		return fail(FZ_NOMEM, NULL);
	int code = read_list(a, targets, "检查对象名单", &in.targets);
	if (!code)
		code = read_list(a, inspectors, "执法人员名单", &in.inspectors);
	if (!code) {
		struct draw_result r;
		struct fz_error e = { 0 };
		in.seed_hex = seed;
		enum fz_err rc = draw_run(a, &in, &r, &e);
		if (rc) {
			code = fail(rc, &e);
		} else {
			struct buf out = BUF_INIT;
			draw_format(&r, &out);
			if (buf_failed(&out))
				code = fail(FZ_NOMEM, NULL);
			else
				fputs(buf_cstr(&out), stdout);
			buf_release(&out);
		}
	}
	arena_free(a);
	return code;
}
