/* procreg.h - the procedure registry: every procedure definition and the
 * province configuration, parsed and validated once at start-up (from the
 * definitions built into the binary, or from a directory that replaces
 * them), then shared read-only by every request. */
#ifndef FZ_APP_PROCREG_H
#define FZ_APP_PROCREG_H

#include <stddef.h>

#include "base/err.h"
#include "domain/benchmark.h"
#include "domain/procedure.h"
#include "domain/procedure_config.h"

struct proc_registry;

/* Loads the built-in definitions and config (dir NULL), or every *.txt of
 * dir (config.txt is the province configuration; each other file one
 * definition, replacing the built-in one of the same id). A bad file
 * fails with the parser's message naming the file, the line and the step.
 * Free with proc_registry_free. */
enum fz_err proc_registry_load(const char *dir, struct proc_registry **out,
			       struct fz_error *e) FZ_MUST_CHECK;
void proc_registry_free(struct proc_registry *r);

/* The built-in registry, parsed on first use and shared (immutable) for
 * the life of the process; NULL with e set if the built-in definitions do
 * not load (a build error: tests/app catch it). Thread-safe. */
const struct proc_registry *proc_registry_builtin(struct fz_error *e);

const struct proc_def *proc_registry_find(const struct proc_registry *r, const char *id);
const struct proc_config *proc_registry_config(const struct proc_registry *r);
/* The config as it applies to a case of enforcement domain `domain`
 * (proc_config_for_domain), allocated in a; NULL when out of memory. */
const struct proc_config *proc_registry_case_config(const struct proc_registry *r,
						    const char *domain, struct arena *a);
/* The fingerprint of what was loaded (lowercase hex of a SHA-256 over
 * every file, built-in or from the directory, in name order): equal for
 * the same definitions and config, different when any byte of them
 * differs. The derived statuses and indicator facts record the one they
 * were computed under (app/basis.h). */
#define PROC_REGISTRY_FP_HEX 65
const char *proc_registry_fingerprint(const struct proc_registry *r);
/* The discretion benchmarks (the built-in demo set for now). */
const struct benchmark_set *proc_registry_benchmarks(const struct proc_registry *r);
/* The definitions, in id order; *n their number. */
const struct proc_def *proc_registry_defs(const struct proc_registry *r, size_t *n);

#endif
