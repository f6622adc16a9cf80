/* sqlite_ledger.c - the ledger's leaves, case headers and case exports in
 * SQLite (004_ledger.sql, 007_ledger_bind.sql). Leaves are appended with the
 * next index by the same statement that writes them; the triggers refuse any
 * change afterwards. No hashing happens here: the app layer computes every
 * digest. Checkpoints and what hangs on them are in sqlite_checkpoint.c. */
#include "store/sqlite_internal.h"

#include <string.h>

static void hash_read(struct sq_row *r, void *item)
{
	sq_col_fixed(r, item, 8);
}

enum fz_err sq_ledger_hash_get(struct store *st, char out[8], struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	out[0] = '\0';
	enum fz_err err = sq_stmt(s, SQ_LEDGER_HASH_GET, "SELECT hash FROM ledger_meta WHERE id = 1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	return sq_one(s, stmt, &b, NULL, out, hash_read, FZ_DB, "", "账本设置缺失", e);
}

enum fz_err sq_ledger_hash_set(struct store *st, const char *name, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (!name || (strcmp(name, "sm3") != 0 && strcmp(name, "sha256") != 0))
		return fz_fail(e, FZ_INVALID, "hash", "摘要算法应为 sm3 或 sha256");
	enum fz_err err = sq_stmt(s, SQ_LEDGER_HASH_SET,
				  "UPDATE ledger_meta SET hash = ?1 WHERE id = 1 AND hash <> ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, name);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

enum fz_err sq_ledger_leaf_append(struct store *st, struct ledger_leaf *lf, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (lf->digest_len < 16 || lf->digest_len > sizeof lf->digest || lf->hash_len < 16 ||
	    lf->hash_len > sizeof lf->leaf_hash)
		return fz_fail(e, FZ_INVALID, "digest", "摘要长度无效");
	if (lf->kind < 1 || lf->kind > 255 || lf->ref_id <= 0)
		return fz_fail(e, FZ_INVALID, "kind", "账本记录的类别或对象编号无效");
	int64_t at = sq_now_if_zero(lf->at);
	/* The next index is read by the statement that writes it (so under
	 * its write lock), as VALUES with a subquery: INSERT ... SELECT from
	 * its own table, or RETURNING, would each cost a temporary B-tree. */
	enum fz_err err = sq_stmt(s, SQ_LEDGER_LEAF_APPEND,
				  "INSERT INTO ledger_leaves (idx, kind, ref_id, digest, leaf_hash, at)"
				  " VALUES ((SELECT coalesce(max(idx), -1) + 1 FROM ledger_leaves),"
				  " ?1, ?2, ?3, ?4, ?5)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, lf->kind);
	sq_arg_int(&b, lf->ref_id);
	sq_arg_blob(&b, lf->digest, (int)lf->digest_len);
	sq_arg_blob(&b, lf->leaf_hash, (int)lf->hash_len);
	sq_arg_int(&b, at);
	/* idx is the rowid */
	if ((err = sq_insert(s, stmt, &b, &lf->idx, e)))
		return err;
	lf->at = at;
	return FZ_OK;
}

enum fz_err sq_ledger_size(struct store *st, int64_t *size, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*size = 0;
	enum fz_err err = sq_stmt(s, SQ_LEDGER_SIZE,
				  "SELECT coalesce(max(idx), -1) + 1 FROM ledger_leaves", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	return sq_one(s, stmt, &b, NULL, size, sq_read_int, FZ_DB, "", "账本缺失", e);
}

#define LEAF_COLS "SELECT idx, kind, ref_id, digest, leaf_hash, at FROM ledger_leaves"

static void leaf_read(struct sq_row *r, void *item)
{
	struct ledger_leaf *lf = item;
	lf->idx = sq_col_int(r);
	lf->kind = (int)sq_col_int(r);
	lf->ref_id = sq_col_int(r);
	sq_col_blob(r, lf->digest, sizeof lf->digest, &lf->digest_len);
	sq_col_blob(r, lf->leaf_hash, sizeof lf->leaf_hash, &lf->hash_len);
	lf->at = sq_col_int(r);
}

enum fz_err sq_ledger_leaves(struct store *st, struct arena *a, int64_t from, int limit,
			     struct ledger_leaf_list *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *items;
	memset(out, 0, sizeof *out);
	if (limit < 1 || limit > 10000 || from < 0)
		return fz_fail(e, FZ_INVALID, "limit", "读取范围无效");
	enum fz_err err = sq_stmt(s, SQ_LEDGER_LEAVES,
				  LEAF_COLS " WHERE idx >= ?1 ORDER BY idx LIMIT ?2", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, from);
	sq_arg_int(&b, limit);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out->items, leaf_read, &items, &out->n, e)))
		return err;
	out->items = items;
	out->total = (int64_t)out->n;
	return FZ_OK;
}

enum fz_err sq_ledger_leaf_find(struct store *st, int kind, int64_t ref_id,
				struct ledger_leaf *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_LEDGER_LEAF_FIND,
				  LEAF_COLS " WHERE kind = ?1 AND ref_id = ?2", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, kind);
	sq_arg_int(&b, ref_id);
	return sq_one(s, stmt, &b, NULL, out, leaf_read, FZ_NOTFOUND, "ref_id", "该对象未记入账本",
		      e);
}

enum fz_err sq_ledger_unlogged(struct store *st, struct arena *a, int kind, int limit,
			       int64_t **ids, size_t *n, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *items;
	enum fz_err err;
	*ids = NULL;
	*n = 0;
	if (limit < 1 || limit > 10000)
		return fz_fail(e, FZ_INVALID, "limit", "读取范围无效");
	if (kind == 1)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_EVENTS,
			      "SELECT v.id FROM case_events v WHERE NOT EXISTS (SELECT 1 FROM"
			      " ledger_leaves l WHERE l.kind = 1 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 2)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_EVIDENCE,
			      "SELECT v.id FROM evidence v WHERE NOT EXISTS (SELECT 1 FROM"
			      " ledger_leaves l WHERE l.kind = 2 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 3)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_DOCUMENTS,
			      "SELECT v.id FROM documents v WHERE NOT EXISTS (SELECT 1 FROM"
			      " ledger_leaves l WHERE l.kind = 3 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 4)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_HEADERS,
			      "SELECT v.id FROM case_headers v WHERE NOT EXISTS (SELECT 1 FROM"
			      " ledger_leaves l WHERE l.kind = 4 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 5)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_EXPORTS,
			      "SELECT v.id FROM case_exports v WHERE NOT EXISTS (SELECT 1 FROM"
			      " ledger_leaves l WHERE l.kind = 5 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 6)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_ROTATIONS,
			      "SELECT v.id FROM ledger_key_rotations v WHERE NOT EXISTS (SELECT 1"
			      " FROM ledger_leaves l WHERE l.kind = 6 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 7)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_PUBLICATIONS,
			      "SELECT v.id FROM publication_events v WHERE NOT EXISTS (SELECT 1"
			      " FROM ledger_leaves l WHERE l.kind = 7 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 8)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_POWER_LISTS,
			      "SELECT v.id FROM power_lists v WHERE v.status = 'published' AND"
			      " NOT EXISTS (SELECT 1 FROM ledger_leaves l WHERE l.kind = 8 AND"
			      " l.ref_id = v.id) ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 9)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_COMPLAINTS,
			      "SELECT v.id FROM complaint_events v WHERE NOT EXISTS (SELECT 1"
			      " FROM ledger_leaves l WHERE l.kind = 9 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 10)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_OVERSIGHT,
			      "SELECT v.id FROM oversight_records v WHERE NOT EXISTS (SELECT 1"
			      " FROM ledger_leaves l WHERE l.kind = 10 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 11)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_DCAT,
			      "SELECT v.id FROM decision_catalogue_entries v WHERE NOT EXISTS (SELECT 1"
			      " FROM ledger_leaves l WHERE l.kind = 11 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else if (kind == 12)
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_COMMENTS,
			      "SELECT v.id FROM public_comment_events v WHERE NOT EXISTS (SELECT 1"
			      " FROM ledger_leaves l WHERE l.kind = 12 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else
		return fz_fail(e, FZ_INVALID, "kind", "不支持的账本记录类别");
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, limit);
	if ((err = sq_collect(s, stmt, &b, a, sizeof **ids, sq_read_int, &items, n, e)))
		return err;
	*ids = items;
	return FZ_OK;
}

enum fz_err sq_ledger_leaf_by_hash(struct store *st, const unsigned char *hash, size_t len,
				   struct ledger_leaf *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_LEDGER_LEAF_BY_HASH,
				  LEAF_COLS " WHERE leaf_hash = ?1 ORDER BY idx LIMIT 1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_blob(&b, hash, (int)len);
	return sq_one(s, stmt, &b, NULL, out, leaf_read, FZ_NOTFOUND, "hash",
		      "账本中没有这个叶哈希", e);
}

/* --- case headers and exports (007_ledger_bind.sql) --- */

/* The bound fields of a case row, in case_headers' column order. */
#define HEADER_FIELDS                                                                     \
	"number, agency_id, procedure, kind, domain, matter, title, party_kind, party_name," \
	" party_id, party_address, act_date, opened_on, closed, created_by, created_at"
#define CASE_AS_HEADER                                                                    \
	"c.number, c.agency_id, c.procedure, c.kind, c.domain, c.matter, c.title,"           \
	" c.party_kind, c.party_name, c.party_id, c.party_address, coalesce(c.act_date, ''),"  \
	" coalesce(c.opened_on, ''), c.closed, coalesce(c.created_by, 0), c.created_at"
/* The latest header of case c holds exactly the row's bound fields. */
#define HEADER_CURRENT                                                                    \
	"EXISTS (SELECT 1 FROM case_headers h WHERE h.id = (SELECT max(id) FROM"             \
	" case_headers WHERE case_id = c.id) AND h.number IS c.number AND h.agency_id IS"     \
	" c.agency_id AND h.procedure IS c.procedure AND h.kind IS c.kind AND h.domain IS"   \
	" c.domain AND h.matter IS c.matter AND h.title IS c.title AND h.party_kind IS"      \
	" c.party_kind AND h.party_name IS c.party_name AND h.party_id IS c.party_id AND"    \
	" h.party_address IS c.party_address AND h.act_date IS coalesce(c.act_date, '') AND" \
	" h.opened_on IS coalesce(c.opened_on, '') AND h.closed IS c.closed AND"             \
	" h.created_by IS coalesce(c.created_by, 0) AND h.created_at IS c.created_at)"

enum fz_err sq_case_header_append(struct store *st, int64_t case_id, int64_t at, int64_t *id,
				  struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*id = 0;
	/* Most steps leave the header as it is: asked first, so that the
	 * INSERT ... SELECT (which reads case_headers, so goes through a
	 * temporary B-tree) runs only when there is a header to add. */
	enum fz_err err = sq_stmt(s, SQ_CASE_HEADER_CURRENT,
				  "SELECT 1 FROM cases c WHERE c.id = ?1 AND " HEADER_CURRENT, &stmt, e);
	if (err)
		return err;
	struct sq_args q = sq_args(stmt);
	sq_arg_int(&q, case_id);
	bool current;
	if ((err = sq_exists(s, stmt, &q, &current, e)) || current)
		return err;
	err = sq_stmt(s, SQ_CASE_HEADER_APPEND,
				  "INSERT INTO case_headers (case_id, seq, at, " HEADER_FIELDS ")"
				  " SELECT c.id, coalesce((SELECT max(seq) FROM case_headers WHERE"
				  " case_id = c.id), 0) + 1, ?2, " CASE_AS_HEADER
				  " FROM cases c WHERE c.id = ?1 AND NOT " HEADER_CURRENT
				  " RETURNING id",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, case_id);
	sq_arg_int(&b, sq_now_if_zero(at));
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE)
		err = sq_fail(s, rc, e);
	sq_done(stmt);
	return err;
}

#define HEADER_COLS "SELECT id, case_id, seq, at, " HEADER_FIELDS " FROM case_headers"

static void header_read(struct sq_row *r, void *item)
{
	struct case_header *h = item;
	struct enf_case *c = &h->c;
	memset(h, 0, sizeof *h);
	h->id = sq_col_int(r);
	h->case_id = c->id = sq_col_int(r);
	h->seq = (int)sq_col_int(r);
	h->at = sq_col_int(r);
	c->number = sq_col_text(r);
	c->agency_id = sq_col_int(r);
	c->procedure = sq_col_text(r);
	c->kind = (enum case_kind)sq_col_int(r);
	c->domain = sq_col_text(r);
	c->matter = sq_col_text(r);
	c->title = sq_col_text(r);
	c->party_kind = (enum party_kind)sq_col_int(r);
	c->party_name = sq_col_text(r);
	c->party_id = sq_col_text(r);
	c->party_address = sq_col_text(r);
	sq_col_fixed(r, c->act_date, sizeof c->act_date);
	sq_col_fixed(r, c->opened_on, sizeof c->opened_on);
	c->closed = sq_col_bool(r);
	c->created_by = sq_col_int(r);
	c->created_at = sq_col_int(r);
}

enum fz_err sq_case_header_get(struct store *st, struct arena *a, int64_t id,
			       struct case_header *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CASE_HEADER_GET, HEADER_COLS " WHERE id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, header_read, FZ_NOTFOUND, "id", "案件信息记录不存在", e);
}

enum fz_err sq_case_headers(struct store *st, struct arena *a, int64_t case_id,
			    struct case_header_list *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *items;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CASE_HEADERS, HEADER_COLS " WHERE case_id = ?1 ORDER BY seq",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, case_id);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out->items, header_read, &items, &out->n, e)))
		return err;
	out->items = items;
	out->total = (int64_t)out->n;
	return FZ_OK;
}

enum fz_err sq_case_header_drift(struct store *st, int64_t *case_id, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*case_id = 0;
	enum fz_err err = sq_stmt(s, SQ_CASE_HEADER_DRIFT,
				  "SELECT c.id FROM cases c WHERE NOT " HEADER_CURRENT
				  " ORDER BY c.id LIMIT 1",
				  &stmt, e);
	if (err)
		return err;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*case_id = sqlite3_column_int64(stmt, 0);
	else if (rc != SQLITE_DONE)
		err = sq_fail(s, rc, e);
	sq_done(stmt);
	return err;
}

enum fz_err sq_case_export_insert(struct store *st, struct case_export *x, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	int64_t at = sq_now_if_zero(x->at);
	enum fz_err err = sq_stmt(s, SQ_CASE_EXPORT_INSERT,
				  "INSERT INTO case_exports (case_id, at, actor_id, actor, headers,"
				  " events, evidence, documents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
				  " ?8)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, x->case_id);
	sq_arg_int(&b, at);
	sq_arg_int(&b, x->actor_id);
	sq_arg_text(&b, x->actor ? x->actor : "");
	sq_arg_int(&b, x->headers);
	sq_arg_int(&b, x->events);
	sq_arg_int(&b, x->evidence);
	sq_arg_int(&b, x->documents);
	if ((err = sq_write(s, stmt, &b, NULL, 0, NULL, e)))
		return err;
	x->id = sqlite3_last_insert_rowid(s->c->db);
	x->at = at;
	return FZ_OK;
}

static void export_read(struct sq_row *r, void *item)
{
	struct case_export *x = item;
	x->id = sq_col_int(r);
	x->case_id = sq_col_int(r);
	x->at = sq_col_int(r);
	x->actor_id = sq_col_int(r);
	x->actor = sq_col_text(r);
	x->headers = sq_col_int(r);
	x->events = sq_col_int(r);
	x->evidence = sq_col_int(r);
	x->documents = sq_col_int(r);
}

enum fz_err sq_case_export_get(struct store *st, struct arena *a, int64_t id,
			       struct case_export *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CASE_EXPORT_GET,
				  "SELECT id, case_id, at, actor_id, actor, headers, events, evidence,"
				  " documents FROM case_exports WHERE id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	return sq_one(s, stmt, &b, a, out, export_read, FZ_NOTFOUND, "id", "案卷导出记录不存在", e);
}

enum fz_err sq_ledger_case_counts(struct store *st, int64_t case_id, int64_t before,
				  int64_t counts[6], struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(counts, 0, 6 * sizeof *counts);
#define COUNT_OF(table, kind)                                                           \
	"(SELECT count(*) FROM " table " v JOIN ledger_leaves l ON l.kind = " kind         \
	" AND l.ref_id = v.id WHERE v.case_id = ?1 AND l.idx < ?2)"
	enum fz_err err = sq_stmt(s, SQ_LEDGER_CASE_COUNTS,
				  "SELECT " COUNT_OF("case_events", "1") ", "
				  COUNT_OF("evidence", "2") ", " COUNT_OF("documents", "3") ", "
				  COUNT_OF("case_headers", "4"),
				  &stmt, e);
#undef COUNT_OF
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, case_id);
	sq_arg_int(&b, before);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		for (int k = 1; k <= 4; k++)
			counts[k] = sqlite3_column_int64(stmt, k - 1);
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}
