/* procreg.c - parses the procedure definitions and the province config
 * once (built in, or from a directory) and answers lookups. Immutable
 * after loading, so request threads share it without locks. */
#include "app/procreg.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/embed.h"

extern const struct embedded_file procedure_files[];

#define REGISTRY_MAX 32

struct proc_registry {
	struct arena *a;
	struct proc_config cfg;
	struct proc_def defs[REGISTRY_MAX];
	size_t ndefs;
};

static enum fz_err registry_add(struct proc_registry *r, const char *name, const char *text,
				size_t len, struct fz_error *e)
{
	if (strcmp(name, "config.txt") == 0)
		return proc_config_parse(text, len, name, &r->cfg, r->a, e);
	struct proc_def d;
	enum fz_err rc = procedure_parse(text, len, name, &d, r->a, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < r->ndefs; i++) {
		if (strcmp(r->defs[i].id, d.id) == 0) {
			r->defs[i] = d; /* a file from the directory replaces it */
			return FZ_OK;
		}
	}
	if (r->ndefs == REGISTRY_MAX)
		return fz_fail(e, FZ_INVALID, NULL, "程序定义过多（最多 %d 个）", REGISTRY_MAX);
	r->defs[r->ndefs++] = d;
	return FZ_OK;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static enum fz_err registry_read_file(struct proc_registry *r, const char *dir,
				      const char *name, struct fz_error *e)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return fz_fail(e, FZ_IO, NULL, "无法读取程序定义文件 %s", path);
	struct buf b = BUF_INIT;
	buf_init(&b, 1 << 20);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	enum fz_err rc = bad ? fz_fail(e, FZ_IO, NULL, "读取 %s 失败", path)
			     : buf_status(&b) ? fz_fail(e, buf_status(&b), NULL, "%s 过大", path)
					      : registry_add(r, name, buf_cstr(&b), b.len, e);
	buf_release(&b);
	return rc;
}

/* Files of dir are read in name order, config.txt first, so that
 * definitions are checked against the province's config. */
static enum fz_err registry_read_dir(struct proc_registry *r, const char *dir,
				     struct fz_error *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return fz_fail(e, FZ_IO, NULL, "无法打开程序定义目录 %s", dir);
	const char *names[REGISTRY_MAX + 1];
	size_t n = 0;
	struct dirent *ent;
	enum fz_err rc = FZ_OK;
	while ((ent = readdir(d)) != NULL) {
		if (!ends_with(ent->d_name, ".txt"))
			continue;
		if (n == REGISTRY_MAX + 1) {
			rc = fz_fail(e, FZ_INVALID, NULL, "目录 %s 中的程序定义文件过多", dir);
			break;
		}
		names[n++] = arena_strdup(r->a, ent->d_name);
	}
	closedir(d);
	if (rc)
		return rc;
	qsort(names, n, sizeof names[0], name_cmp);
	for (size_t i = 0; i < n && !rc; i++)
		if (strcmp(names[i], "config.txt") == 0)
			rc = registry_read_file(r, dir, names[i], e);
	for (size_t i = 0; i < n && !rc; i++)
		if (strcmp(names[i], "config.txt") != 0)
			rc = registry_read_file(r, dir, names[i], e);
	return rc;
}

enum fz_err proc_registry_load(const char *dir, struct proc_registry **out,
			       struct fz_error *e)
{
	struct proc_registry *r = calloc(1, sizeof *r);
	enum fz_err rc = FZ_OK;
	if (!r || !(r->a = arena_new())) {
		free(r);
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	proc_config_init(&r->cfg);
	for (const struct embedded_file *f = procedure_files; f->name && !rc; f++)
		if (strcmp(f->name, "config.txt") == 0)
			rc = registry_add(r, f->name, f->data, f->size, e);
	for (const struct embedded_file *f = procedure_files; f->name && !rc; f++)
		if (strcmp(f->name, "config.txt") != 0)
			rc = registry_add(r, f->name, f->data, f->size, e);
	if (!rc && dir)
		rc = registry_read_dir(r, dir, e);
	if (rc) {
		proc_registry_free(r);
		return rc;
	}
	*out = r;
	return FZ_OK;
}

void proc_registry_free(struct proc_registry *r)
{
	if (!r)
		return;
	arena_free(r->a);
	free(r);
}

const struct proc_def *proc_registry_find(const struct proc_registry *r, const char *id)
{
	for (size_t i = 0; r && id && i < r->ndefs; i++)
		if (strcmp(r->defs[i].id, id) == 0)
			return &r->defs[i];
	return NULL;
}

const struct proc_config *proc_registry_config(const struct proc_registry *r)
{
	return &r->cfg;
}

const struct proc_def *proc_registry_defs(const struct proc_registry *r, size_t *n)
{
	*n = r->ndefs;
	return r->defs;
}

static bool seen(const char **out, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(out[i], id) == 0)
			return true;
	return false;
}

size_t proc_registry_waiting_states(const struct proc_registry *r, unsigned role,
				    const char **out, size_t max)
{
	size_t n = 0;
	for (size_t d = 0; d < r->ndefs; d++) {
		const struct proc_def *def = &r->defs[d];
		for (size_t s = 0; s < def->nsteps; s++) {
			const struct proc_step *st = &def->steps[s];
			if (!(st->roles & role) || (st->flags & PROC_OPENS))
				continue;
			const struct proc_list *lists[] = { &st->requires, &st->requires_any };
			for (size_t l = 0; l < 2; l++)
				for (size_t i = 0; i < lists[l]->n; i++) {
					const char *id = lists[l]->items[i].id;
					if (n < max && !seen(out, n, id))
						out[n++] = id;
				}
		}
	}
	return n;
}

static struct proc_registry *builtin;
static struct fz_error builtin_error;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_load(void)
{
	if (proc_registry_load(NULL, &builtin, &builtin_error) != FZ_OK)
		builtin = NULL;
}

const struct proc_registry *proc_registry_builtin(struct fz_error *e)
{
	pthread_once(&builtin_once, builtin_load);
	if (!builtin && e)
		*e = builtin_error;
	return builtin;
}
