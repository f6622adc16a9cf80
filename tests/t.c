/* t.c - test runner: runs every registered test (or those whose name or
 * file contains one of the arguments), prints failures, ends with
 * "N passed, N failed". */
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

char *t_pdf_text(const void *pdf, size_t len, const char *name)
{
	char path[600], cmd[1400];
	snprintf(path, sizeof path, "%s/%s.pdf", t_tmpdir(), name);
	FILE *f = fopen(path, "wb");
	bool written = f && fwrite(pdf, 1, len, f) == len;
	if (f && fclose(f) != 0)
		written = false;
	if (!written) {
		t_fail(__FILE__, __LINE__, "cannot write %s", path);
		return NULL;
	}
	const char *keep = getenv("FAZHI_KEEP_PDF");
	if (keep && *keep) {
		snprintf(cmd, sizeof cmd, "cp '%s' '%s/%s.pdf'", path, keep, name);
		if (system(cmd) != 0)
			t_fail(__FILE__, __LINE__, "cannot keep %s in %s", path, keep);
	}
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
	FILE *p = popen(cmd, "r");
	if (!p) {
		t_fail(__FILE__, __LINE__, "pdftotext did not start");
		return NULL;
	}
	size_t n = 0, cap = 4096;
	char *text = malloc(cap);
	int c;
	while (text && (c = fgetc(p)) != EOF) {
		if (c == '\n' || c == ' ' || c == '\f' || c == '\r')
			continue;
		if (n + 1 == cap) {
			char *bigger = realloc(text, cap *= 2);
			if (!bigger)
				free(text);
			text = bigger;
			if (!text)
				break;
		}
		text[n++] = (char)c;
	}
	int rc = pclose(p);
	if (!text || rc != 0 || n == 0) {
		free(text);
		t_fail(__FILE__, __LINE__, "pdftotext failed on %s (poppler-utils installed?)",
		       path);
		return NULL;
	}
	text[n] = '\0';
	return text;
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

/* No arguments: every test; otherwise those whose name or file contains
 * one of them. */
static bool t_selected(const struct t_case *c, int argc, char **argv)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (strstr(c->name, argv[i]) || strstr(c->file, argv[i]))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	bool verbose = getenv("T_VERBOSE") != NULL;

	for (struct t_case *c = t_head; c; c = c->next) {
		if (!t_selected(c, argc, argv))
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
