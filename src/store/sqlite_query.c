/* sqlite_query.c - list queries with optional filters and a scope.
 *
 * A query is written once as constant fragments (sq_query); code picks
 * which filter clauses apply, and the statement for that combination is
 * assembled from those constants only, prepared once per connection and
 * cached under (query, scope kind, part, filter mask). Values are always
 * bound, never spliced. Keeping the clauses separate, rather than writing
 * "(:x IS NULL OR col = :x)", lets SQLite use the index of each filter. */
#include "store/sqlite_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* Which statement of a list a variant is: the page, its exact count, the
 * count that stops after :count_limit rows, or the one row of filter 0
 * (the id) for a get, in no order and with no LIMIT to bind: an ORDER BY
 * over a join that SQLite cannot prove is one row costs a temporary
 * B-tree for each read of one row. */
enum part { PART_PAGE = 0, PART_COUNT = 1, PART_COUNT_BOUNDED = 2, PART_GET = 3 };

/* The order of a variant: 0 the query's usual one, else 2 * key + desc
 * for a key the query declares. */
static unsigned sort_index(const struct sq_query *q, struct list_sort sort)
{
	if (sort.key <= 0 || (size_t)sort.key >= q->nsorts || !q->sorts[sort.key] ||
	    !q->tiebreak)
		return 0;
	return 2u * (unsigned)sort.key + (sort.desc ? 1u : 0u);
}

/* One prepared variant per query, order, scope kind, part and filter
 * mask: the mask keeps all SQ_MAX_FILTERS bits. */
static uint64_t variant_key(const struct sq_query *q, unsigned order, enum scope_kind kind,
			    enum part part, unsigned mask)
{
	_Static_assert(SQ_MAX_FILTERS <= 32, "the filter mask fits the key's low 32 bits");
	return (uint64_t)q->id << 48 | (uint64_t)(order & 0xff) << 40 | (uint64_t)kind << 36 |
	       (uint64_t)(part & 0xf) << 32 | (uint64_t)mask;
}

static bool scoped(const struct sq_query *q)
{
	return q->scope_agency || q->scope_division;
}

static void where_add(struct buf *b, bool *first, const char *clause)
{
	buf_adds(b, *first ? " WHERE (" : " AND (");
	buf_adds(b, clause);
	buf_addc(b, ')');
	*first = false;
}

/* " ORDER BY <sort> <dir>, <tiebreak> <dir>" for a sorted variant. */
static void order_by(struct buf *b, const struct sq_query *q, unsigned order)
{
	/* only constants of q: the key picked which */
	const char *dir = order & 1u ? " DESC" : " ASC";
	buf_adds(b, " ORDER BY ");
	buf_adds(b, q->sorts[order / 2]);
	buf_adds(b, dir);
	buf_adds(b, ", ");
	buf_adds(b, q->tiebreak);
	buf_adds(b, dir);
}

static enum fz_err variant_build(const struct sq_query *q, unsigned order, enum scope_kind kind,
				 enum part part, unsigned mask, struct buf *b)
{
	bool first = true;
	bool count = part == PART_COUNT || part == PART_COUNT_BOUNDED;
	if (!count && order) {
		/* A sorted page picks its rows' ids first, then reads those rows:
		 * sorting whole rows read every row of the scope (a province's
		 * 1.41 million cases by number: 7.3 s, most of it reading the
		 * table), the ids alone can come from an index (0.46 s). */
		buf_adds(b, q->select);
		buf_adds(b, q->from);
		buf_adds(b, " WHERE ");
		buf_adds(b, q->tiebreak);
		buf_adds(b, " IN (SELECT ");
		buf_adds(b, q->tiebreak);
	} else {
		/* the bounded count reads the rows of a subquery that stops:
		 * SQLite runs it as a co-routine and visits at most
		 * :count_limit rows */
		buf_adds(b, part == PART_COUNT_BOUNDED ? "SELECT count(*) FROM (SELECT 1"
			    : count		      ? "SELECT count(*)"
						      : q->select);
	}
	buf_adds(b, count && q->count_from && (mask & ~q->count_filters) == 0 ? q->count_from
										: q->from);
	if (kind == SCOPE_AGENCY)
		where_add(b, &first, q->scope_agency);
	else if (kind == SCOPE_DIVISION)
		where_add(b, &first, count && q->count_scope_division ? q->count_scope_division
								       : q->scope_division);
	for (unsigned i = 0; i < SQ_MAX_FILTERS; i++)
		if (mask & (1u << i) && q->filters[i])
			where_add(b, &first,
				  count && q->count_clauses[i] ? q->count_clauses[i] : q->filters[i]);
	if (!count && order) {
		order_by(b, q, order);
		buf_adds(b, " LIMIT :limit OFFSET :offset)");
		order_by(b, q, order);
	} else if (part == PART_GET) {
		buf_adds(b, " LIMIT 1");
	} else if (!count) {
		buf_adds(b, q->order);
		buf_adds(b, " LIMIT :limit OFFSET :offset");
	} else if (part == PART_COUNT_BOUNDED) {
		buf_adds(b, " LIMIT :count_limit)");
	}
	return buf_status(b);
}

static enum fz_err variant_stmt(struct sq_store *s, const struct sq_query *q, unsigned order,
				enum scope_kind kind, enum part part, unsigned mask,
				sqlite3_stmt **out, struct fz_error *e)
{
	if (part != PART_PAGE)
		order = 0;
	uint64_t key = variant_key(q, order, kind, part, mask);
	for (size_t i = 0; i < s->c->nvariants; i++) {
		if (s->c->variants[i].key == key) {
			*out = s->c->variants[i].stmt;
			return FZ_OK;
		}
	}
	if (s->c->nvariants == s->c->capvariants) {
		size_t cap = s->c->capvariants ? 2 * s->c->capvariants : 16;
		struct sq_variant *v = realloc(s->c->variants, cap * sizeof *v);
		if (!v)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		s->c->variants = v;
		s->c->capvariants = cap;
	}

	struct buf b = BUF_INIT;
	enum fz_err err = variant_build(q, order, kind, part, mask, &b);
	if (err) {
		buf_release(&b);
		return fz_fail(e, err, "", NULL);
	}
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v3(s->c->db, buf_cstr(&b), -1, SQLITE_PREPARE_PERSISTENT, &stmt,
				    NULL);
	buf_release(&b);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);
	s->c->variants[s->c->nvariants++] = (struct sq_variant){ key, stmt };
	*out = stmt;
	return FZ_OK;
}

/* The scope kind to apply; FZ_INVALID for a malformed scope. A NULL scope
 * on a scoped query sees nothing: fail closed. */
static enum fz_err scope_resolve(const struct sq_query *q, const struct scope *sc,
			      enum scope_kind *kind, struct fz_error *e)
{
	*kind = SCOPE_NONE;
	if (!scoped(q)) {
		*kind = SCOPE_ALL;
		return FZ_OK;
	}
	if (!sc)
		return FZ_OK;
	switch (sc->kind) {
	case SCOPE_NONE:
	case SCOPE_ALL:
	case SCOPE_AGENCY:
		*kind = sc->kind;
		return FZ_OK;
	case SCOPE_DIVISION: {
		size_t n = strnlen(sc->division_prefix, sizeof sc->division_prefix);
		if (n == 0 || n >= sizeof sc->division_prefix ||
		    strspn(sc->division_prefix, "0123456789") != n)
			return fz_fail(e, FZ_INVALID, "scope", "管辖范围的行政区划代码无效");
		*kind = SCOPE_DIVISION;
		return FZ_OK;
	}
	}
	return fz_fail(e, FZ_INVALID, "scope", "管辖范围无效");
}

static void bind_scope(struct sq_args *b, const struct scope *sc, enum scope_kind kind)
{
	if (kind == SCOPE_AGENCY)
		sq_arg_named_int(b, ":scope_agency", sc->agency_id);
	else if (kind == SCOPE_DIVISION)
		sq_arg_named_text(b, ":scope_prefix", sc->division_prefix);
}

enum fz_err sq_list_open(struct sq_store *s, const struct sq_query *q, const struct scope *sc,
			 unsigned mask, struct page pg, struct sq_list *l, struct fz_error *e)
{
	return sq_list_open_sorted(s, q, sc, mask, (struct list_sort){ 0, false }, pg, l, e);
}

enum fz_err sq_list_open_sorted(struct sq_store *s, const struct sq_query *q,
				const struct scope *sc, unsigned mask, struct list_sort sort,
				struct page pg, struct sq_list *l, struct fz_error *e)
{
	unsigned order = sort_index(q, sort);
	enum scope_kind kind;
	enum fz_err err;

	memset(l, 0, sizeof *l);
	l->s = s;
	l->q = q;
	pg = sq_page_clamp(pg);
	l->offset = pg.offset;
	l->limit = pg.limit;
	l->no_total = pg.no_total;
	l->count_max = pg.count_max > 0 ? pg.count_max : 0;
	if ((err = scope_resolve(q, sc, &kind, e)))
		return err;
	if (kind == SCOPE_NONE) {
		l->empty = true;
		return FZ_OK;
	}
	if ((err = variant_stmt(s, q, order, kind,
				l->count_max ? PART_COUNT_BOUNDED : PART_COUNT, mask, &l->count,
				e)) ||
	    (err = variant_stmt(s, q, order, kind, PART_PAGE, mask, &l->page, e))) {
		l->count = l->page = NULL;
		return err;
	}
	l->cb = sq_args(l->count);
	l->pb = sq_args(l->page);
	bind_scope(&l->cb, sc, kind);
	bind_scope(&l->pb, sc, kind);
	sq_arg_named_int(&l->pb, ":limit", l->limit);
	sq_arg_named_int(&l->pb, ":offset", l->offset);
	return FZ_OK;
}

/* Whether a filter of q uses the parameter name (":agency" in
 * "c.agency_id = :agency", not in ":agency_x"). */
static bool declared(const struct sq_query *q, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < SQ_MAX_FILTERS; i++)
		for (const char *p = q->filters[i]; p && (p = strstr(p, name)); p += n) {
			char c = p[n];
			if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9')))
				return true;
		}
	return false;
}

/* Whether the list may bind name: false (and the list failed) when the
 * query declares no such parameter. */
static bool bindable(struct sq_list *l, const char *name)
{
	if (l->empty)
		return false;
	if (!declared(l->q, name)) {
		if (l->cb.rc == SQLITE_OK)
			l->cb.rc = SQLITE_RANGE;
		return false;
	}
	return true;
}

void sq_list_int(struct sq_list *l, const char *name, int64_t v)
{
	if (!bindable(l, name))
		return;
	if (sqlite3_bind_parameter_index(l->count, name) > 0)
		sq_arg_named_int(&l->cb, name, v);
	if (sqlite3_bind_parameter_index(l->page, name) > 0)
		sq_arg_named_int(&l->pb, name, v);
}

void sq_list_text(struct sq_list *l, const char *name, const char *v)
{
	if (!bindable(l, name))
		return;
	if (sqlite3_bind_parameter_index(l->count, name) > 0)
		sq_arg_named_text(&l->cb, name, v);
	if (sqlite3_bind_parameter_index(l->page, name) > 0)
		sq_arg_named_text(&l->pb, name, v);
}

const char *sq_ids_json(struct arena *a, const int64_t *ids, size_t n)
{
	struct buf b = BUF_INIT;
	buf_addc(&b, '[');
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_addc(&b, ']');
	const char *json = buf_failed(&b) ? NULL : arena_strdup(a, buf_cstr(&b));
	buf_release(&b);
	return json;
}

/* The page first, then the count only when the page cannot tell it: a
 * page shorter than the limit ends the list (total = offset + rows), as
 * both statements read one snapshot; a full page, or an empty one past
 * the start, needs the count — unless the caller walks by keyset and
 * asked for none (no_total). */
static enum fz_err list_read(struct sq_list *l, struct arena *a, size_t item_size,
			     sq_read_fn read, void **items, size_t *n, int64_t *total,
			     struct fz_error *e)
{
	struct sq_store *s = l->s;
	int rc = l->cb.rc != SQLITE_OK ? l->cb.rc : l->pb.rc;
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, e);

	unsigned char *arr = arena_calloc(a, (size_t)l->limit, item_size);
	if (!arr)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	while (*n < (size_t)l->limit && (rc = sqlite3_step(l->page)) == SQLITE_ROW) {
		struct sq_row r = { l->page, a, 0, false };
		read(&r, arr + *n * item_size);
		if (r.nomem)
			return fz_fail(e, FZ_NOMEM, "", NULL);
		(*n)++;
	}
	if (*n < (size_t)l->limit && rc != SQLITE_DONE)
		return sq_fail(s, rc, e);
	if (*n)
		*items = arr;

	if (l->no_total || (*n < (size_t)l->limit && (*n > 0 || l->offset == 0))) {
		*total = l->offset + (int64_t)*n;
		return FZ_OK;
	}
	/* a bounded count goes at least as deep as the page asked */
	int64_t deep = l->offset < INT64_MAX - 1 - l->limit ? l->offset + l->limit : INT64_MAX - 1;
	int64_t bound = deep > l->count_max ? deep : l->count_max;
	if (l->count_max) {
		sq_arg_named_int(&l->cb, ":count_limit", bound + 1);
		if (l->cb.rc != SQLITE_OK)
			return sq_fail(s, l->cb.rc, e);
	}
	rc = sqlite3_step(l->count);
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc, e);
	*total = sqlite3_column_int64(l->count, 0);
	if (l->count_max && *total > bound) {
		*total = bound;
		l->more = true;
	}
	return FZ_OK;
}

enum fz_err sq_list_run(struct sq_list *l, struct arena *a, size_t item_size, sq_read_fn read,
			void **items, size_t *n, int64_t *total, struct fz_error *e)
{
	*items = NULL;
	*n = 0;
	*total = 0;
	l->more = false;
	if (l->empty)
		return FZ_OK;

	/* count and page must see the same snapshot */
	enum fz_err err = sq_savepoint(l->s, e);
	if (!err) {
		err = list_read(l, a, item_size, read, items, n, total, e);
		sq_done(l->count);
		sq_done(l->page);
		if (err)
			sq_rollback_to(l->s);
		else
			err = sq_release(l->s, e);
	} else {
		sq_done(l->count);
		sq_done(l->page);
	}
	if (err) {
		*items = NULL;
		*n = 0;
		*total = 0;
		l->more = false;
	}
	return err;
}

enum fz_err sq_query_get(struct sq_store *s, const struct sq_query *q, const struct scope *sc,
			 int64_t id, struct arena *a, void *item, sq_read_fn read,
			 const char *notfound, struct fz_error *e)
{
	enum scope_kind kind;
	sqlite3_stmt *stmt;
	enum fz_err err;

	if ((err = scope_resolve(q, sc, &kind, e)))
		return err;
	if (kind == SCOPE_NONE || id <= 0)
		return fz_fail(e, FZ_NOTFOUND, "id", "%s", notfound);
	if ((err = variant_stmt(s, q, 0, kind, PART_GET, 1u, &stmt, e)))
		return err;

	struct sq_args b = sq_args(stmt);
	bind_scope(&b, sc, kind);
	sq_arg_named_int(&b, ":id", id);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, a, 0, false };
		read(&r, item);
		err = r.nomem ? fz_fail(e, FZ_NOMEM, "", NULL) : FZ_OK;
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "id", "%s", notfound);
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}
