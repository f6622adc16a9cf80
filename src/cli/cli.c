/* cli.c - shared helpers of the commands: errors, usage, help, opening
 * the database as the shell operator. */
#include "cli/cli.h"

#include <limits.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/ledger.h"
#include "base/date.h"
#include "fazhi_version.h"

const struct command *cli_find(const char *name)
{
	for (const struct command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int cli_fail(enum fz_err rc, const struct fz_error *e)
{
	const char *msg = e && e->message[0] ? e->message : fz_err_message(rc);
	if (e && e->field[0])
		fprintf(stderr, "fazhi: %s（字段 %s）\n", msg, e->field);
	else
		fprintf(stderr, "fazhi: %s\n", msg);
	return fz_err_exit_code(rc);
}

int cli_options(const char *cmd, int argc, char **argv, int first,
		const struct cli_option *opts, size_t n)
{
	struct option longopts[CLI_OPTIONS_MAX + 1];
	if (n > CLI_OPTIONS_MAX)
		n = CLI_OPTIONS_MAX;
	for (size_t i = 0; i < n; i++)
		longopts[i] = (struct option){ opts[i].name,
					       opts[i].flag ? no_argument : required_argument, NULL,
					       (int)i + 1 };
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };
	int c;
	optind = first;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c < 1 || (size_t)c > n)
			return cli_usage(cmd, "无法识别的选项或缺少选项的值：%s",
					 argv[optind - 1] ? argv[optind - 1] : "");
		*opts[c - 1].value = opts[c - 1].flag ? "1" : optarg;
	}
	return 0;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "fazhi %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n运行 fazhi %s --help 查看用法\n", cmd);
	return 2;
}

bool cli_wants_help(const char *cmd, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			const struct command *c = cli_find(cmd);
			if (c)
				fputs(c->usage, stdout);
			return true;
		}
	}
	return false;
}

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("fazhi %s (schema %d)\n", FAZHI_VERSION, store_schema_version());
	return 0;
}

int cmd_help(int argc, char **argv)
{
	if (argc > 1) {
		const struct command *c = cli_find(argv[1]);
		if (!c) {
			fprintf(stderr, "fazhi: 未知命令 '%s'\n", argv[1]);
			return 2;
		}
		fputs(c->usage, stdout);
		return 0;
	}
	printf("fazhi - 法治政府建设信息平台\n\n用法: fazhi <命令> [选项]\n\n命令:\n");
	for (const struct command *c = cli_commands; c->name; c++)
		printf("  %-14s %s\n", c->name, c->summary);
	printf("\n运行 fazhi help <命令> 或 fazhi <命令> --help 查看命令的选项。\n");
	return 0;
}

int cli_session_open(struct cli_session *s, const char *db_path, bool create)
{
	struct fz_error e;
	enum fz_err rc;
	memset(s, 0, sizeof *s);
	app_config_defaults(&s->cfg);
	rc = store_sqlite_open(db_path, create, &s->st, &e);
	if (rc)
		return cli_fail(rc, &e);
	/* a database whose ledger hash this binary does not know is refused */
	if ((rc = app_ledger_open(s->st, &e))) {
		s->st->ops->close(s->st);
		return cli_fail(rc, &e);
	}
	s->a = arena_new();
	if (!s->a) {
		s->st->ops->close(s->st);
		return cli_fail(FZ_NOMEM, NULL);
	}
	app_ctx_init(&s->ctx, s->st, s->a, &s->cfg, "cli", time_now());
	app_ctx_as_cli(&s->ctx);
	return 0;
}

void cli_session_close(struct cli_session *s)
{
	if (s->st)
		s->st->ops->close(s->st);
	arena_free(s->a);
	memset(s, 0, sizeof *s);
}

const char *cli_data_dir(const char *db, const char *given, char *out)
{
	int n = given ? snprintf(out, PATH_MAX, "%s", given)
		      : snprintf(out, PATH_MAX, "%s.data", db);
	if (n < 0 || n >= PATH_MAX) {
		fprintf(stderr, "fazhi: 数据目录路径过长\n");
		return NULL;
	}
	return out;
}
