/* procreg.c - the procedure registry: the built-in files of
 * data/procedures, with those of a directory replacing or adding to them,
 * loaded once as one proc_set. Immutable after loading, so request
 * threads share it without locks. */
#include "app/procreg.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "domain/procedure_builtin.h"

#define REGISTRY_FILES_MAX 64

struct proc_registry {
	struct arena *a;
	struct proc_set set;
	struct benchmark_set benchmarks;
	char fingerprint[PROC_REGISTRY_FP_HEX];
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static enum fz_err file_read(struct arena *a, const char *dir, const char *name,
			     struct embedded_file *out, struct fz_error *e)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return fz_fail(e, FZ_IO, NULL, "无法读取程序定义文件 %s", path);
	struct buf b;
	buf_init(&b, 1 << 20);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	enum fz_err rc = FZ_OK;
	if (bad)
		rc = fz_fail(e, FZ_IO, NULL, "读取 %s 失败", path);
	else if (buf_status(&b))
		rc = fz_fail(e, buf_status(&b), NULL, "%s 过大", path);
	else if (!(out->data = arena_strndup(a, buf_cstr(&b), b.len)) ||
		 !(out->name = arena_strdup(a, name)))
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
	out->size = b.len;
	buf_release(&b);
	return rc;
}

/* Puts f into files[0..*n), replacing a file of the same name. */
static enum fz_err files_put(struct embedded_file *files, size_t *n,
			     const struct embedded_file *f, struct fz_error *e)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp(files[i].name, f->name) == 0) {
			files[i] = *f;
			return FZ_OK;
		}
	}
	if (*n == REGISTRY_FILES_MAX)
		return fz_fail(e, FZ_INVALID, NULL, "程序定义文件过多（最多 %d 个）",
			       REGISTRY_FILES_MAX);
	files[(*n)++] = *f;
	return FZ_OK;
}

static enum fz_err files_from_dir(struct arena *a, const char *dir,
				  struct embedded_file *files, size_t *n, struct fz_error *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return fz_fail(e, FZ_IO, NULL, "无法打开程序定义目录 %s", dir);
	enum fz_err rc = FZ_OK;
	struct dirent *ent;
	while (!rc && (ent = readdir(d)) != NULL) {
		struct embedded_file f;
		if (ends_with(ent->d_name, ".txt") &&
		    !(rc = file_read(a, dir, ent->d_name, &f, e)))
			rc = files_put(files, n, &f, e);
	}
	closedir(d);
	return rc;
}

static int file_cmp(const void *x, const void *y)
{
	return strcmp(((const struct embedded_file *)x)->name,
		      ((const struct embedded_file *)y)->name);
}

/* SHA-256 over every file's name, length and bytes in name order: the
 * same files give the same value whatever the directory's order. */
static enum fz_err fingerprint(struct embedded_file *files, size_t n, char *out,
			       struct fz_error *e)
{
	qsort(files, n, sizeof *files, file_cmp);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		buf_addf(&b, "%s %zu\n", files[i].name, files[i].size);
		buf_add(&b, files[i].data, files[i].size);
	}
	if (buf_failed(&b)) {
		buf_release(&b);
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	unsigned char md[32];
	crypto_sha256(b.data ? b.data : "", b.len, md);
	crypto_hex(md, sizeof md, out);
	buf_release(&b);
	return FZ_OK;
}

enum fz_err proc_registry_load(const char *dir, struct proc_registry **out,
			       struct fz_error *e)
{
	struct embedded_file files[REGISTRY_FILES_MAX + 1];
	size_t n = 0;
	enum fz_err rc = FZ_OK;
	struct proc_registry *r = calloc(1, sizeof *r);
	if (!r || !(r->a = arena_new())) {
		free(r);
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	for (const struct embedded_file *f = procedure_files; f->name && !rc; f++)
		rc = files_put(files, &n, f, e);
	if (!rc && dir)
		rc = files_from_dir(r->a, dir, files, &n, e);
	if (!rc)
		rc = fingerprint(files, n, r->fingerprint, e);
	files[n] = (struct embedded_file){ NULL, 0, NULL };
	if (!rc)
		rc = proc_set_load(files, &r->set, r->a, e);
	if (!rc)
		rc = benchmark_builtin(r->a, &r->benchmarks, e);
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
	return r && id ? proc_set_find(&r->set, id) : NULL;
}

const struct proc_config *proc_registry_config(const struct proc_registry *r)
{
	return &r->set.config;
}

const struct proc_config *proc_registry_case_config(const struct proc_registry *r,
						    const char *domain, struct arena *a)
{
	struct proc_config *cfg = arena_alloc(a, sizeof *cfg);
	if (cfg)
		proc_config_for_domain(&r->set.config, domain, cfg);
	return cfg;
}

const char *proc_registry_fingerprint(const struct proc_registry *r)
{
	return r->fingerprint;
}

const struct benchmark_set *proc_registry_benchmarks(const struct proc_registry *r)
{
	return &r->benchmarks;
}

const struct proc_def *proc_registry_defs(const struct proc_registry *r, size_t *n)
{
	*n = r->set.ndefs;
	return r->set.defs;
}

static struct proc_registry *builtin;
static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;

/* Loaded on first use. A load that failed (out of memory) is not kept:
 * the next call tries again, so that a passing shortage does not leave
 * the process without its procedures for good. */
const struct proc_registry *proc_registry_builtin(struct fz_error *e)
{
	struct proc_registry *r = __atomic_load_n(&builtin, __ATOMIC_ACQUIRE);
	if (r)
		return r;
	pthread_mutex_lock(&builtin_lock);
	struct fz_error le = { 0 };
	r = builtin;
	if (!r && proc_registry_load(NULL, &r, &le) == FZ_OK)
		__atomic_store_n(&builtin, r, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&builtin_lock);
	if (!r && e)
		*e = le;
	return r;
}
