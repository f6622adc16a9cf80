/* cli_run.c - see cli_run.h. The command goes through popen(), so a test
 * sees exactly the bytes and the exit code a shell user would. */
#include "cli_run.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"

static int run_shell(struct buf *out, const char *cmd)
{
	buf_reset(out);
	FILE *p = popen(cmd, "r");
	char chunk[4096];
	size_t n;
	while (p && (n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_add(out, chunk, n);
	int status = p ? pclose(p) : -1;
	return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int cli_run(struct buf *out, const char *input, const char *fmt, ...)
{
	struct buf cmd = BUF_INIT;
	va_list ap;
	buf_addf(&cmd, "( %s ", t_fazhi_bin());
	va_start(ap, fmt);
	buf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	if (input)
		buf_addf(&cmd, " <<'EOF'\n%s\nEOF\n) 2>&1", input);
	else
		buf_adds(&cmd, " </dev/null ) 2>&1");
	int rc = run_shell(out, buf_cstr(&cmd));
	buf_release(&cmd);
	return rc;
}

int cli_run_split(struct buf *out, struct buf *err, const char *fmt, ...)
{
	const char *tmp = getenv("TMPDIR");
	char errpath[512];
	snprintf(errpath, sizeof errpath, "%s/fazhi-cli-err-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(errpath);
	if (fd < 0)
		return -1;
	close(fd);
	struct buf cmd = BUF_INIT;
	va_list ap;
	buf_addf(&cmd, "%s ", t_fazhi_bin());
	va_start(ap, fmt);
	buf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	buf_addf(&cmd, " </dev/null 2>%s", errpath);
	int rc = run_shell(out, buf_cstr(&cmd));
	if (err) {
		buf_reset(err);
		FILE *f = fopen(errpath, "rb");
		char chunk[4096];
		size_t n;
		while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(err, chunk, n);
		if (f)
			fclose(f);
	}
	unlink(errpath);
	buf_release(&cmd);
	return rc;
}
