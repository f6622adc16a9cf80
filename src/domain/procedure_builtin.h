/* procedure_builtin.h - the procedure definitions and the province config
 * carried inside the binary (data/procedures/, embedded at build time by
 * scripts/embed.py), and a set of definitions loaded from such files. */
#ifndef FZ_DOMAIN_PROCEDURE_BUILTIN_H
#define FZ_DOMAIN_PROCEDURE_BUILTIN_H

#include <stddef.h>

#include "base/arena.h"
#include "base/embed.h"
#include "base/err.h"
#include "domain/procedure.h"
#include "domain/procedure_config.h"

/* The files of data/procedures by base name; ends with a { NULL } row. */
extern const struct embedded_file procedure_files[];

/* The file that holds the province config and the one that holds the
 * fields shared by all definitions; every other .txt file is one
 * definition. */
#define PROCEDURE_CONFIG_FILE "config.txt"
#define PROCEDURE_FIELDS_FILE "fields.txt"

struct proc_set {
	struct proc_config config;
	const struct proc_fields *catalogue; /* from PROCEDURE_FIELDS_FILE
	                                      * (empty when absent) */
	struct proc_def *defs;
	size_t ndefs;
};

/* Loads a set from files (name, text) ending with a { NULL } row: the
 * config from PROCEDURE_CONFIG_FILE (the defaults of proc_config_init
 * when absent), the shared fields from PROCEDURE_FIELDS_FILE and one
 * definition from each other file. FZ_INVALID with
 * the first file's message (see procedure_parse) or for two definitions
 * with one id; FZ_NOMEM. Memory in a. */
enum fz_err proc_set_load(const struct embedded_file *files, struct proc_set *out,
			  struct arena *a, struct fz_error *e) FZ_MUST_CHECK;
/* proc_set_load over procedure_files. */
enum fz_err proc_set_load_builtin(struct proc_set *out, struct arena *a, struct fz_error *e)
	FZ_MUST_CHECK;
/* The definition with that id, or NULL. */
const struct proc_def *proc_set_find(const struct proc_set *set, const char *id);

#endif
