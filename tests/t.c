/* t.c - test runner: runs every registered test (or those whose name or
 * file contains argv[1]), prints failures, ends with "N passed, N failed". */
#define _XOPEN_SOURCE 700
#include "t.h"

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static struct t_case *t_head;
static struct t_case *t_current;
static int t_current_failed;
static char t_dirs[64][256];
static int t_ndirs;

void t_register(struct t_case *c)
{
	/* Keep registration order stable: append. */
	struct t_case **p = &t_head;
	while (*p)
		p = &(*p)->next;
	*p = c;
}

void t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	if (!t_current_failed)
		printf("FAIL %s (%s)\n", t_current ? t_current->name : "?", file);
	t_current_failed++;
	printf("  %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

const char *t_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	if (t_ndirs >= 64)
		abort();
	char *d = t_dirs[t_ndirs];
	snprintf(d, sizeof t_dirs[0], "%s/fazhi-test-XXXXXX", base);
	if (!mkdtemp(d)) {
		perror("mkdtemp");
		abort();
	}
	t_ndirs++;
	return d;
}

static void t_cleanup_dirs(bool keep)
{
	for (int i = 0; i < t_ndirs; i++) {
		if (keep)
			printf("  kept %s\n", t_dirs[i]);
		else
			nftw(t_dirs[i], rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	t_ndirs = 0;
}

const char *t_fazhi_bin(void)
{
	const char *p = getenv("FAZHI_BIN");
	return p ? p : "./fazhi";
}

const char *t_source_root(void)
{
	const char *p = getenv("FAZHI_SOURCE_ROOT");
	return p ? p : ".";
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	int passed = 0, failed = 0;
	bool verbose = getenv("T_VERBOSE") != NULL;

	for (struct t_case *c = t_head; c; c = c->next) {
		if (filter && !strstr(c->name, filter) && !strstr(c->file, filter))
			continue;
		t_current = c;
		t_current_failed = 0;
		if (verbose)
			printf("run  %s\n", c->name), fflush(stdout);
		c->fn();
		t_cleanup_dirs(t_current_failed > 0);
		if (t_current_failed)
			failed++;
		else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
