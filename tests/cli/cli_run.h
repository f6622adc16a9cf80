/* cli_run.h - running the built fazhi binary from a test, as a person
 * at the shell would. */
#ifndef FZ_TESTS_CLI_CLI_RUN_H
#define FZ_TESTS_CLI_CLI_RUN_H

#include "base/buf.h"

/* Runs `fazhi <args>` (args is a shell-quoted string made from fmt) with
 * input on stdin (NULL for none); out gets stdout and stderr together.
 * Returns the exit code, or -1 when it did not exit normally. */
int cli_run(struct buf *out, const char *input, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same with stdout only in out (stderr goes to err when given). */
int cli_run_split(struct buf *out, struct buf *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
