/* sqltrace.c - bench/floor.sh's recorder, preloaded into `fazhi serve`
 * (LD_PRELOAD; never linked into fazhi): every connection the server
 * opens is traced (sqlite3_trace_v2, SQLITE_TRACE_STMT) and each
 * statement it runs, at its first step, is appended to the file named by
 * FAZHI_SQLTRACE as its text with parameters and its text with their
 * values (sqlite3_expanded_sql), so that bench/step_floor.c can run the
 * same statements with the same values on a copy of the database.
 * Statements of triggers are not written: running their statement runs
 * them again. Record: "T <connection> <text bytes> <expanded bytes>\n", the two texts,
 * "\n". The values include people's data: a bench's demo only. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t trace_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *trace_out;

static int on_statement(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	const char *text = x;
	if (type != SQLITE_TRACE_STMT || !text || strncmp(text, "--", 2) == 0)
		return 0;
	char *expanded = sqlite3_expanded_sql(p);
	const char *sql = sqlite3_sql(p);
	if (!expanded || !sql) {
		sqlite3_free(expanded);
		return 0;
	}
	pthread_mutex_lock(&trace_lock);
	if (trace_out) {
		fprintf(trace_out, "T %p %zu %zu\n%s%s\n", (void *)sqlite3_db_handle(p), strlen(sql), strlen(expanded), sql, expanded);
		fflush(trace_out);
	}
	pthread_mutex_unlock(&trace_lock);
	sqlite3_free(expanded);
	return 0;
}

/* The server's sqlite3_open_v2, then the trace on what it opened. */
int sqlite3_open_v2(const char *path, sqlite3 **db, int flags, const char *vfs)
{
	static int (*real)(const char *, sqlite3 **, int, const char *);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "sqlite3_open_v2");
	if (!real)
		return SQLITE_ERROR;
	int rc = real(path, db, flags, vfs);
	if (rc != SQLITE_OK)
		return rc;
	pthread_mutex_lock(&trace_lock);
	if (!trace_out) {
		const char *name = getenv("FAZHI_SQLTRACE");
		if (name)
			trace_out = fopen(name, "a");
	}
	pthread_mutex_unlock(&trace_lock);
	sqlite3_trace_v2(*db, SQLITE_TRACE_STMT, on_statement, NULL);
	return rc;
}
