/* step_floor.c - bench/floor.sh's replay: the SQL of recorded case steps
 * run again on a copy of the database they ran on, with nothing else
 * around it (no HTTP, no judging, no threads), to measure what SQLite
 * alone needs for the rows a step records (docs/PERFORMANCE.md "Appends:
 * the floor"):
 *   step-floor DB TRACE K MODE
 * TRACE is bench/sqltrace.c's record of a server that took the steps one
 * after another. Each statement is prepared once from its own text and
 * bound with the values it ran with (read back from its expanded text),
 * so SQLite plans and runs exactly what fazhi ran. The database is opened
 * as fazhi opens it (store_sqlite_open: WAL, synchronous=FULL, foreign
 * keys, fazhi's SQL functions), so every trigger fires as it did.
 * Everything before the first step's transaction runs untimed. From it
 * on, the recorded transactions are replaced by one per K steps (what
 * group commit gives, K writers sharing a commit); the statements run in
 * their recorded order, PRAGMAs left out. MODE "all" runs every
 * statement; "writes" leaves the steps' reads out (the SELECTs), what
 * any program storing the same rows must at least do. Prints
 * "name: value unit" lines; with STEP_FLOOR_PROFILE set, also (on
 * stderr) the statements that took most of the time. Exits 1 if a statement fails or the copy
 * ends with another number of events than the trace recorded. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/num.h"
#include "store/sqlite_internal.h"
#include "store/store.h"

struct cached {
	const char *sql;
	size_t len;
	sqlite3_stmt *stmt;
	double secs;  /* its runs' time in the timed part */
	long runs;
};

/* A value a statement ran with, for its parameter idx: type is SQLite's
 * (0: a zeroblob of i bytes); text and blobs point into the trace. */
struct val {
	int type, idx;
	int64_t i;
	double d;
	const char *p;
	int n;
};

/* What a record is, found once before the clock starts. */
enum rec_kind { REC_RUN, REC_READ, REC_EVENT, REC_BEGIN, REC_COMMIT, REC_TX, REC_SETUP };

struct rec {
	enum rec_kind kind;
	char *sql;            /* the text with its parameters (its own copy) */
	char *expanded;       /* the text with their values */
	size_t sql_len, expanded_len;
	struct cached *c;     /* its prepared statement */
	struct val *vals;
	size_t nvals;
};

static struct cached **cache;
static size_t ncache, capcache;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *more = realloc(buf, cap * 2);
			if (!more) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = more;
			cap *= 2;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

/* The records of the trace, in order; NULL on a malformed one. */
static struct rec *parse_trace(char *buf, size_t len, size_t *n)
{
	size_t cap = 1024, k = 0, at = 0;
	struct rec *r = malloc(cap * sizeof *r);
	while (r && at < len) {
		char *nl = memchr(buf + at, '\n', len - at);
		unsigned long long a, b;
		if (!nl || sscanf(buf + at, "T %*s %llu %llu", &a, &b) != 2)
			goto bad;
		size_t body = (size_t)(nl - buf) + 1;
		if (a > len || b > len || body + a + b + 1 > len || buf[body + a + b] != '\n')
			goto bad;
		if (k == cap) {
			struct rec *more = realloc(r, 2 * cap * sizeof *r);
			if (!more)
				goto bad;
			r = more;
			cap *= 2;
		}
		buf[body + a + b] = '\0';
		char *sql = strndup(buf + body, a); /* the text ends where the values' begins */
		if (!sql)
			goto bad;
		r[k++] = (struct rec){ REC_RUN, sql, buf + body + a, a, b, NULL, NULL, 0 };
		at = body + a + b + 1;
	}
	*n = k;
	return r;
bad:
	free(r);
	return NULL;
}

static bool starts(const struct rec *r, const char *word)
{
	return strncmp(r->sql, word, strlen(word)) == 0;
}

/* A transaction's own statement (BEGIN, COMMIT, END, ROLLBACK but not
 * ROLLBACK TO a savepoint): replaced by the replay's. */
static bool is_tx(const struct rec *r)
{
	return starts(r, "BEGIN") || starts(r, "COMMIT") || starts(r, "END") ||
	       (starts(r, "ROLLBACK") && !starts(r, "ROLLBACK TO"));
}

/* What the replay leaves out everywhere: PRAGMAs (the connection's
 * settings, made by store_sqlite_open) and the search tokenizer's
 * registration (a pointer bound, which no text can carry). */
static bool is_setup(const struct rec *r)
{
	return starts(r, "PRAGMA") || starts(r, "SELECT fts5(");
}

static struct cached *prepared(sqlite3 *db, const struct rec *r)
{
	for (size_t i = 0; i < ncache; i++)
		if (cache[i]->len == r->sql_len && memcmp(cache[i]->sql, r->sql, r->sql_len) == 0)
			return cache[i];
	sqlite3_stmt *s;
	if (sqlite3_prepare_v3(db, r->sql, (int)r->sql_len, SQLITE_PREPARE_PERSISTENT, &s, NULL))
		return NULL;
	struct cached *c = malloc(sizeof *c);
	if (c && ncache == capcache) {
		size_t cap = capcache ? 2 * capcache : 256;
		struct cached **more = realloc(cache, cap * sizeof *cache);
		if (!more) {
			free(c);
			c = NULL;
		} else {
			cache = more;
			capcache = cap;
		}
	}
	if (!c) {
		sqlite3_finalize(s);
		return NULL;
	}
	*c = (struct cached){ r->sql, r->sql_len, s, 0, 0 };
	return cache[ncache++] = c;
}

static bool ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (unsigned char)c >= 0x80;
}

/* Reads the value written at *v (sqlite3_expanded_sql's forms: NULL, an
 * integer, a real, 'text' with '' for ', x'hex', zeroblob(N)) into *out
 * and moves *v past it. Text and blobs are decoded in place: they are
 * never longer than what they were written as. */
static bool read_value(char **v, struct val *out)
{
	char *p = *v;
	if (strncmp(p, "NULL", 4) == 0) {
		out->type = SQLITE_NULL;
		*v = p + 4;
		return true;
	}
	if (*p == '\'') {
		char *w = p;
		for (p++;; p++) {
			if (*p == '\0')
				return false;
			if (*p == '\'' && p[1] != '\'')
				break;
			if (*p == '\'')
				p++;
			*w++ = *p;
		}
		out->type = SQLITE_TEXT;
		out->p = *v;
		out->n = (int)(w - *v);
		*v = p + 1;
		return true;
	}
	if ((*p == 'x' || *p == 'X') && p[1] == '\'') {
		char *end = strchr(p + 2, '\'');
		if (!end)
			return false;
		size_t n = (size_t)(end - p - 2) / 2;
		for (size_t i = 0; i < n; i++) {
			unsigned x;
			if (sscanf(p + 2 + 2 * i, "%2x", &x) != 1)
				return false;
			p[i] = (char)x; /* behind what is still to read */
		}
		out->type = SQLITE_BLOB;
		out->p = p;
		out->n = (int)n;
		*v = end + 1;
		return true;
	}
	char *end;
	if (strncmp(p, "zeroblob(", 9) == 0) {
		out->i = strtoll(p + 9, &end, 10);
		if (*end != ')')
			return false;
		out->type = 0; /* zeroblob */
		*v = end + 1;
		return true;
	}
	out->i = strtoll(p, &end, 10);
	if (end != p && *end != '.' && *end != 'e' && *end != 'E') {
		out->type = SQLITE_INTEGER;
		*v = end;
		return true;
	}
	out->d = strtod(p, &end);
	if (end == p)
		return false;
	out->type = SQLITE_FLOAT;
	*v = end;
	return true;
}

/* Walks the text and the expanded text together; at each parameter of
 * the text, reads the value the expanded text has in its place, for the
 * parameter's index in s. */
static bool read_values(struct rec *r, sqlite3_stmt *s)
{
	const char *t = r->sql;
	char *v = r->expanded;
	int next = 1;
	size_t cap = 0;
	while (*t) {
		if (*t == '\'' || *t == '"') { /* a literal or a quoted name: as is */
			char q = *t;
			if (*v != q)
				return false;
			t++, v++;
			for (;;) {
				if (*t == '\0' || *t != *v)
					return false;
				if (*t == q && t[1] != q)
					break;
				if (*t == q) /* a doubled quote */
					t++, v++;
				if (*t != *v)
					return false;
				t++, v++;
			}
			t++, v++;
			continue;
		}
		if (*t == '?' || *t == ':' || *t == '@' || *t == '$') {
			int idx;
			if (*t == '?') {
				char *end;
				long k = strtol(t + 1, &end, 10);
				idx = end == t + 1 ? next : (int)k;
				t = end;
			} else {
				const char *n0 = t++;
				while (ident(*t))
					t++;
				char name[128];
				size_t len = (size_t)(t - n0);
				if (len >= sizeof name)
					return false;
				memcpy(name, n0, len);
				name[len] = '\0';
				idx = sqlite3_bind_parameter_index(s, name);
			}
			if (r->nvals == cap) {
				cap = cap ? 2 * cap : 8;
				struct val *more = realloc(r->vals, cap * sizeof *more);
				if (!more)
					return false;
				r->vals = more;
			}
			struct val *x = &r->vals[r->nvals++];
			x->idx = idx;
			if (idx <= 0 || !read_value(&v, x))
				return false;
			if (idx >= next)
				next = idx + 1;
			continue;
		}
		if (*t != *v)
			return false;
		t++, v++;
	}
	return *v == '\0';
}

static bool bind_all(sqlite3_stmt *s, const struct rec *r)
{
	for (size_t i = 0; i < r->nvals; i++) {
		const struct val *x = &r->vals[i];
		int rc;
		switch (x->type) {
		case SQLITE_NULL: rc = sqlite3_bind_null(s, x->idx); break;
		case SQLITE_INTEGER: rc = sqlite3_bind_int64(s, x->idx, x->i); break;
		case SQLITE_FLOAT: rc = sqlite3_bind_double(s, x->idx, x->d); break;
		case SQLITE_TEXT: rc = sqlite3_bind_text(s, x->idx, x->p, x->n, SQLITE_STATIC); break;
		case SQLITE_BLOB: rc = sqlite3_bind_blob(s, x->idx, x->p, x->n, SQLITE_STATIC); break;
		default: rc = sqlite3_bind_zeroblob(s, x->idx, (int)x->i); break;
		}
		if (rc != SQLITE_OK)
			return false;
	}
	return true;
}

/* Prepares every statement and reads its values, before anything runs:
 * the timed part only binds and steps. */
static bool ready(sqlite3 *db, struct rec *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct rec *x = &r[i];
		x->kind = starts(x, "BEGIN")			   ? REC_BEGIN
			  : starts(x, "COMMIT")			   ? REC_COMMIT
			  : is_tx(x)				   ? REC_TX
			  : is_setup(x)				   ? REC_SETUP
			  : starts(x, "INSERT INTO case_events")   ? REC_EVENT
			  : starts(x, "SELECT") || starts(x, "WITH") ? REC_READ
								   : REC_RUN;
		if (x->kind >= REC_BEGIN)
			continue;
		r[i].c = prepared(db, &r[i]);
		if (!r[i].c) {
			fprintf(stderr, "step-floor: cannot prepare: %.200s: %s\n", r[i].sql,
				sqlite3_errmsg(db));
			return false;
		}
		if (!read_values(&r[i], r[i].c->stmt)) {
			fprintf(stderr, "step-floor: cannot read the values of: %.200s\n",
				r[i].expanded);
			return false;
		}
	}
	return true;
}

static bool timed; /* the statements' own times are added up */

/* Runs record r; false, with a message, when it fails. */
static bool run(sqlite3 *db, const struct rec *r)
{
	struct cached *c = r->c;
	sqlite3_stmt *s = c->stmt;
	double t0 = timed ? now_s() : 0;
	if (!bind_all(s, r)) {
		fprintf(stderr, "step-floor: cannot bind the values of: %.200s\n", r->sql);
		return false;
	}
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (timed) {
		c->secs += now_s() - t0;
		c->runs++;
	}
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "step-floor: %.200s: %s\n", r->sql, sqlite3_errmsg(db));
		return false;
	}
	return true;
}

static bool exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return true;
	fprintf(stderr, "step-floor: %s: %s\n", sql, sqlite3_errmsg(db));
	return false;
}

static int by_time(const void *a, const void *b)
{
	const struct cached *x = *(struct cached *const *)a, *y = *(struct cached *const *)b;
	return (x->secs < y->secs) - (x->secs > y->secs);
}

/* The statements that took most of the timed part, with their share. */
static void print_profile(double secs, int64_t steps)
{
	qsort(cache, ncache, sizeof *cache, by_time);
	for (size_t i = 0; i < ncache && i < 20; i++)
		if (cache[i]->runs)
			fprintf(stderr, "%5.1f%% %6.1f us/step %5.2f runs/step  %.110s\n",
				100 * cache[i]->secs / secs, 1e6 * cache[i]->secs / (double)steps,
				(double)cache[i]->runs / (double)steps, cache[i]->sql);
}

static int64_t events(sqlite3 *db)
{
	sqlite3_stmt *s;
	int64_t n = -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM case_events", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

int main(int argc, char **argv)
{
	int64_t k;
	if (argc != 5 || !num_parse_i64(argv[3], 1, 1000, &k) ||
	    (strcmp(argv[4], "all") != 0 && strcmp(argv[4], "writes") != 0)) {
		fprintf(stderr, "usage: step-floor DB TRACE K all|writes\n");
		return 2;
	}
	bool writes_only = strcmp(argv[4], "writes") == 0;
	size_t len, n;
	char *buf = slurp(argv[2], &len);
	struct rec *r = buf ? parse_trace(buf, len, &n) : NULL;
	if (!r) {
		fprintf(stderr, "step-floor: cannot read the trace %s\n", argv[2]);
		return 1;
	}
	struct store *st;
	struct fz_error e = { 0 };
	if (store_sqlite_open(argv[1], false, &st, &e)) {
		fprintf(stderr, "step-floor: %s: %s\n", argv[1], e.message);
		return 1;
	}
	sqlite3 *db = sq(st)->own.db;
	if (!ready(db, r, n))
		return 1;

	/* the first step's transaction: the BEGIN before the first event */
	size_t first = n, begin = 0;
	for (size_t i = 0; i < n && first == n; i++) {
		if (r[i].kind == REC_BEGIN)
			begin = i;
		else if (r[i].kind == REC_EVENT)
			first = begin;
	}
	if (first == n) {
		fprintf(stderr, "step-floor: the trace holds no step\n");
		return 1;
	}
	int64_t before = events(db), recorded = 0;
	for (size_t i = 0; i < first; i++)
		if (r[i].kind < REC_BEGIN && !starts(&r[i], "SAVEPOINT") &&
		    !starts(&r[i], "RELEASE") && !run(db, &r[i]))
			return 1;
	int64_t at_start = events(db);

	/* the steps, K to a commit */
	int64_t steps = 0, in_batch = 0;
	bool event_seen = false;
	timed = getenv("STEP_FLOOR_PROFILE") != NULL;
	double t0 = now_s();
	if (!exec(db, "BEGIN IMMEDIATE"))
		return 1;
	for (size_t i = first; i < n; i++) {
		enum rec_kind kind = r[i].kind;
		if (kind == REC_EVENT) {
			event_seen = true;
			recorded++;
		}
		if (kind == REC_COMMIT && event_seen) {
			event_seen = false;
			steps++;
			if (++in_batch == k) {
				in_batch = 0;
				if (!exec(db, "COMMIT") || !exec(db, "BEGIN IMMEDIATE"))
					return 1;
			}
			continue;
		}
		if (kind >= REC_BEGIN || (writes_only && kind == REC_READ))
			continue;
		if (!run(db, &r[i]))
			return 1;
	}
	if (!exec(db, "COMMIT"))
		return 1;
	double secs = now_s() - t0;
	int64_t after = events(db);
	if (after - at_start != recorded || after < before) {
		fprintf(stderr, "step-floor: the copy has %lld events more, the trace %lld\n",
			(long long)(after - at_start), (long long)recorded);
		return 1;
	}
	if (timed)
		print_profile(secs, steps);
	for (size_t i = 0; i < ncache; i++) {
		sqlite3_finalize(cache[i]->stmt);
		free(cache[i]);
	}
	st->ops->close(st);
	for (size_t i = 0; i < n; i++) {
		free(r[i].sql);
		free(r[i].vals);
	}
	printf("replayed: %.0f steps/s (%s, %lld to a commit: %lld steps, %lld events, %.3f s)\n",
	       (double)steps / secs, argv[4], (long long)k, (long long)steps, (long long)recorded, secs);
	free(r);
	free(buf);
	free(cache);
	return 0;
}
