/* fuzz_search.c - libFuzzer driver for search: the tokenizer on any bytes
 * (tokens non-empty, inside the text, colocated never first), the terms,
 * marks and snippets of any query, and the MATCH expression built from
 * any query run by FTS5 with the fazhi tokenizer over the input itself:
 * it must never be an FTS5 syntax error. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/search.h"
#include "store/sqlite_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	size_t size;
	int count;
};

static int check_token(void *ctx, int flags, const char *t, int len, int start, int end)
{
	struct seen *s = ctx;
	(void)t;
	if (len <= 0 || len > SEARCH_WORD_MAX || start < 0 || end < start || (size_t)end > s->size ||
	    (s->count == 0 && (flags & SEARCH_TOKEN_COLOCATED)))
		abort();
	s->count++;
	return 0;
}

static sqlite3 *db;

static void db_init(void)
{
	if (db)
		return;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || sq_search_register(db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE f USING fts5(title, body, tags, tokenize = 'fazhi')",
			 NULL, NULL, NULL) != SQLITE_OK)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	struct seen s = { size, 0 };
	search_tokenize((const char *)data, size, false, check_token, &s);
	s.count = 0;
	search_tokenize((const char *)data, size, true, check_token, &s);

	char *text = malloc(size + 1);
	struct arena *a = arena_new();
	struct search_terms t;
	struct buf expr = BUF_INIT;
	sqlite3_stmt *stmt;
	if (!text || !a)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	search_terms_parse(text, a, &t);
	char *clean = search_clean(a, text);
	char *marked = clean ? search_mark(a, clean, &t) : NULL;
	if (!clean || !marked || !search_snippet(a, marked, 40))
		abort();

	db_init();
	if (t.n) {
		sq_search_expr(&expr, &t, (int64_t)size, size % 2 ? "normative_document" : NULL);
		if (sqlite3_prepare_v2(db, "INSERT INTO f (rowid, title, body, tags) VALUES (1, ?1, ?1, 'a1')",
				       -1, &stmt, NULL) != SQLITE_OK)
			abort();
		sqlite3_bind_text(stmt, 1, clean, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			abort();
		sqlite3_finalize(stmt);
		if (sqlite3_prepare_v2(db, "SELECT rowid FROM f WHERE f MATCH ?1 ORDER BY rowid DESC",
				       -1, &stmt, NULL) != SQLITE_OK)
			abort();
		sqlite3_bind_text(stmt, 1, buf_cstr(&expr), -1, SQLITE_STATIC);
		int rc;
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE)
			abort();
		sqlite3_finalize(stmt);
		sqlite3_exec(db, "DELETE FROM f", NULL, NULL, NULL);
	}
	buf_release(&expr);
	arena_free(a);
	free(text);
	return 0;
}
