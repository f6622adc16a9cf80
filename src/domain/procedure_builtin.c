/* procedure_builtin.c - a set of definitions from (name, text) files:
 * the built-in ones embedded in the binary, or files the app layer read
 * from a province's own directory. */
#include "domain/procedure_builtin.h"

#include <string.h>

enum fz_err proc_set_load(const struct embedded_file *files, struct proc_set *out,
			  struct arena *a, struct fz_error *e)
{
	enum fz_err rc;
	size_t n = 0;
	memset(out, 0, sizeof *out);
	proc_config_init(&out->config);
	struct proc_fields *catalogue = arena_calloc(a, 1, sizeof *catalogue);
	if (!catalogue)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	out->catalogue = catalogue;
	for (const struct embedded_file *f = files; f->name; f++) {
		if (strcmp(f->name, PROCEDURE_CONFIG_FILE) == 0)
			rc = proc_config_parse(f->data, f->size, f->name, &out->config, a, e);
		else if (strcmp(f->name, PROCEDURE_FIELDS_FILE) == 0)
			rc = proc_fields_parse(f->data, f->size, f->name, catalogue, a, e);
		else
			rc = (n++, FZ_OK);
		if (rc)
			return rc;
	}
	out->defs = arena_calloc(a, n + 1, sizeof *out->defs);
	if (!out->defs)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	for (const struct embedded_file *f = files; f->name; f++) {
		if (strcmp(f->name, PROCEDURE_CONFIG_FILE) == 0 ||
		    strcmp(f->name, PROCEDURE_FIELDS_FILE) == 0)
			continue;
		struct proc_def *d = &out->defs[out->ndefs];
		if ((rc = procedure_parse(f->data, f->size, f->name, catalogue, d, a, e)))
			return rc;
		if (proc_set_find(out, d->id))
			return fz_fail(e, FZ_INVALID, "procedure", "%s：程序 id %s 与其他文件重复",
				       f->name, d->id);
		out->ndefs++;
	}
	return FZ_OK;
}

enum fz_err proc_set_load_builtin(struct proc_set *out, struct arena *a, struct fz_error *e)
{
	return proc_set_load(procedure_files, out, a, e);
}

const struct proc_def *proc_set_find(const struct proc_set *set, const char *id)
{
	for (size_t i = 0; id && i < set->ndefs; i++)
		if (strcmp(set->defs[i].id, id) == 0)
			return &set->defs[i];
	return NULL;
}
