/* cli.h - the command table of the `fazhi` binary, git style: one file
 * per command, dispatched from one table in main.c. */
#ifndef FZ_CLI_CLI_H
#define FZ_CLI_CLI_H

#include <stdbool.h>

#include "app/app.h"
#include "base/err.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv); /* returns the process exit code */
	const char *summary;               /* one line, Chinese */
	const char *usage;                 /* full help text */
};

extern const struct command cli_commands[];

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_draw(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_checkpoint(int argc, char **argv);
int cmd_stats_rebuild(int argc, char **argv);
int cmd_case(int argc, char **argv);
int cmd_verify_bundle(int argc, char **argv);
int cmd_verify_publication(int argc, char **argv);
int cmd_witness(int argc, char **argv);
int cmd_openapi(int argc, char **argv);
int cmd_redact(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* One string option of a command: --name VALUE is stored in *value. */
struct cli_option {
	const char *name;
	const char **value;
	bool flag; /* takes no value; *value becomes "1" when given */
};
/* Options a command takes at most (serve takes 17); cli_options ignores
 * any beyond, so raise it with the longest list. */
#define CLI_OPTIONS_MAX 24

/* Parses argv[first..] against opts[0..n) in the manner of getopt_long,
 * leaving optind at the first operand. 0, or 2 after a usage message
 * naming cmd for an unknown option or a missing value. */
int cli_options(const char *cmd, int argc, char **argv, int first,
		const struct cli_option *opts, size_t n);

/* Prints "fazhi: <message>" to stderr and returns the exit code for rc. */
int cli_fail(enum fz_err rc, const struct fz_error *e);
/* Prints a usage error for cmd and returns 2. */
int cli_usage(const char *cmd, const char *fmt, ...) FZ_PRINTF(2, 3);
/* True when argv has -h or --help; prints the command's help. */
bool cli_wants_help(const char *cmd, int argc, char **argv);
const struct command *cli_find(const char *name);

/* Opens the database for a shell command and builds a context that acts
 * as the shell operator. Release with cli_session_close. */
struct cli_session {
	struct store *st;
	struct arena *a;
	struct app_config cfg;
	struct app_ctx ctx;
};
int cli_session_open(struct cli_session *s, const char *db_path, bool create);
void cli_session_close(struct cli_session *s);

/* The data directory: given, or "<db>.data" beside the database, so that
 * a newcomer never has to name it. out holds PATH_MAX bytes; returns out,
 * or NULL (after printing why) when the path is too long. */
const char *cli_data_dir(const char *db, const char *given, char *out);
/* Exit code of `fazhi verify` when the ledger does not hold. */
#define CLI_EXIT_INCONSISTENT 9

#endif
