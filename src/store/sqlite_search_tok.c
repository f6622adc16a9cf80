/* sqlite_search_tok.c - the FTS5 side of search: the "fazhi" tokenizer
 * (domain/search.c's tokens handed to FTS5), registered on each connection
 * the store opens, and the one builder of MATCH expressions, which quotes
 * every term as a phrase so that nothing a person types is FTS5 syntax. */
#include "store/sqlite_internal.h"

#include <string.h>

#include "domain/search.h"

/* The tokenizer keeps no state: one static object serves every table. */
static int tok_dummy;

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ctx, (void)argv;
	*out = (Fts5Tokenizer *)&tok_dummy;
	return argc == 0 ? SQLITE_OK : SQLITE_ERROR;
}

static void tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

struct tok_ctx {
	void *fts_ctx;
	int (*token)(void *, int, const char *, int, int, int);
};

static int tok_emit(void *ctx, int flags, const char *token, int len, int start, int end)
{
	struct tok_ctx *tc = ctx;
	return tc->token(tc->fts_ctx, flags & SEARCH_TOKEN_COLOCATED ? FTS5_TOKEN_COLOCATED : 0,
			 token, len, start, end);
}

static int tok_tokenize(Fts5Tokenizer *t, void *fts_ctx, int flags, const char *text, int len,
			int (*token)(void *, int, const char *, int, int, int))
{
	(void)t;
	struct tok_ctx tc = { fts_ctx, token };
	if (len < 0 || !text)
		return SQLITE_OK;
	return search_tokenize(text, (size_t)len, (flags & FTS5_TOKENIZE_QUERY) != 0, tok_emit,
			       &tc);
}

int sq_search_register(sqlite3 *db)
{
	static fts5_tokenizer tokenizer = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW || !api || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, "fazhi", NULL, &tokenizer, NULL);
}

/* A phrase: the text between double quotes, its own quotes doubled. */
static void phrase(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

void sq_search_tag_kind(struct buf *b, const char *kind)
{
	buf_addc(b, 'k');
	for (; *kind; kind++)
		if ((*kind >= 'a' && *kind <= 'z') || (*kind >= '0' && *kind <= '9'))
			buf_addc(b, *kind);
}

void sq_search_expr(struct buf *b, const struct search_terms *t, int64_t agency_id,
		    const char *kind)
{
	buf_adds(b, "{title body} : (");
	for (size_t i = 0; i < t->n; i++) {
		if (i)
			buf_adds(b, " AND ");
		phrase(b, t->terms[i]);
	}
	buf_addc(b, ')');
	if (agency_id > 0)
		buf_addf(b, " AND tags : \"a%lld\"", (long long)agency_id);
	if (kind && *kind) {
		buf_adds(b, " AND tags : \"");
		sq_search_tag_kind(b, kind);
		buf_addc(b, '"');
	}
}
