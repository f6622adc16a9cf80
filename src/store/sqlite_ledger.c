/* sqlite_ledger.c - the ledger's leaves and signed checkpoints in SQLite
 * (004_ledger.sql). Leaves are appended with the next index by the same
 * statement that writes them; the triggers refuse any change afterwards.
 * No hashing happens here: the app layer computes every digest. */
#include "store/sqlite_internal.h"

#include <stdio.h>
#include <string.h>

/* Copies a BLOB column into dst (at most cap bytes), sets *len. */
static void col_blob(struct sq_row *r, unsigned char *dst, size_t cap, size_t *len)
{
	const void *p = sqlite3_column_blob(r->stmt, r->col);
	int n = sqlite3_column_bytes(r->stmt, r->col++);
	size_t k = n > 0 ? (size_t)n : 0;
	if (k > cap)
		k = cap;
	if (k)
		memcpy(dst, p, k);
	if (len)
		*len = k;
}

/* Runs an INSERT whose arguments b holds and sets *id to the new row's. */
static enum fz_err insert_row(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
			      int64_t *id, struct fz_error *e)
{
	enum fz_err err = sq_write(s, stmt, b, NULL, 0, NULL, e);
	if (!err)
		*id = sqlite3_last_insert_rowid(s->db);
	return err;
}

enum fz_err sq_ledger_hash_get(struct store *st, char out[8], struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_LEDGER_HASH_GET, "SELECT hash FROM ledger_meta WHERE id = 1",
				  &stmt, e);
	if (err)
		return err;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(stmt, 0);
		snprintf(out, 8, "%s", t ? (const char *)t : "");
	} else {
		err = rc == SQLITE_DONE ? fz_fail(e, FZ_DB, "", "账本设置缺失")
					: sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
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
	enum fz_err err = sq_stmt(s, SQ_LEDGER_LEAF_APPEND,
				  "INSERT INTO ledger_leaves (idx, kind, ref_id, digest, leaf_hash, at)"
				  " SELECT coalesce(max(idx), -1) + 1, ?1, ?2, ?3, ?4, ?5"
				  " FROM ledger_leaves RETURNING idx",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, lf->kind);
	sq_arg_int(&b, lf->ref_id);
	sq_arg_blob(&b, lf->digest, (int)lf->digest_len);
	sq_arg_blob(&b, lf->leaf_hash, (int)lf->hash_len);
	sq_arg_int(&b, at);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		lf->idx = sqlite3_column_int64(stmt, 0);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE)
		err = sq_fail(s, rc, e);
	else
		lf->at = at;
	sq_done(stmt);
	return err;
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
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*size = sqlite3_column_int64(stmt, 0);
	else
		err = sq_fail(s, rc, e);
	sq_done(stmt);
	return err;
}

#define LEAF_COLS "SELECT idx, kind, ref_id, digest, leaf_hash, at FROM ledger_leaves"

static void leaf_read(struct sq_row *r, void *item)
{
	struct ledger_leaf *lf = item;
	lf->idx = sq_col_int(r);
	lf->kind = (int)sq_col_int(r);
	lf->ref_id = sq_col_int(r);
	col_blob(r, lf->digest, sizeof lf->digest, &lf->digest_len);
	col_blob(r, lf->leaf_hash, sizeof lf->leaf_hash, &lf->hash_len);
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
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, NULL, 0, false };
		leaf_read(&r, out);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "ref_id", "该对象未记入账本");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

static void id_read(struct sq_row *r, void *item)
{
	*(int64_t *)item = sq_col_int(r);
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
		err = sq_stmt(s, SQ_LEDGER_UNLOGGED_PUBLICATIONS,
			      "SELECT v.id FROM publication_events v WHERE NOT EXISTS (SELECT 1"
			      " FROM ledger_leaves l WHERE l.kind = 6 AND l.ref_id = v.id)"
			      " ORDER BY v.id LIMIT ?1",
			      &stmt, e);
	else
		return fz_fail(e, FZ_INVALID, "kind", "不支持的账本记录类别");
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, limit);
	if ((err = sq_collect(s, stmt, &b, a, sizeof **ids, id_read, &items, n, e)))
		return err;
	*ids = items;
	return FZ_OK;
}

/* --- checkpoints --- */

#define CHECKPOINT_COLS                                                                  \
	"SELECT id, tree_size, root, hash, at, pubkey, signature, origin, sm2_pubkey,"   \
	" sm2_signature FROM ledger_checkpoints"

static void checkpoint_read(struct sq_row *r, void *item)
{
	struct ledger_checkpoint_row *cp = item;
	size_t n;
	cp->id = sq_col_int(r);
	cp->tree_size = sq_col_int(r);
	col_blob(r, cp->root, sizeof cp->root, &cp->root_len);
	sq_col_fixed(r, cp->hash, sizeof cp->hash);
	cp->at = sq_col_int(r);
	col_blob(r, cp->pubkey, sizeof cp->pubkey, &n);
	col_blob(r, cp->signature, sizeof cp->signature, &n);
	sq_col_fixed(r, cp->origin, sizeof cp->origin);
	col_blob(r, cp->sm2_pubkey, sizeof cp->sm2_pubkey, &cp->sm2_pubkey_len);
	col_blob(r, cp->sm2_signature, sizeof cp->sm2_signature, &cp->sm2_signature_len);
}

enum fz_err sq_checkpoint_insert(struct store *st, struct ledger_checkpoint_row *cp,
				 struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (cp->root_len < 16 || cp->root_len > sizeof cp->root)
		return fz_fail(e, FZ_INVALID, "root", "检查点的根摘要长度无效");
	int64_t at = sq_now_if_zero(cp->at);
	enum fz_err err = sq_stmt(s, SQ_CHECKPOINT_INSERT,
				  "INSERT INTO ledger_checkpoints (tree_size, root, hash, at, pubkey,"
				  " signature, origin, sm2_pubkey, sm2_signature)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, cp->tree_size);
	sq_arg_blob(&b, cp->root, (int)cp->root_len);
	sq_arg_text(&b, cp->hash);
	sq_arg_int(&b, at);
	sq_arg_blob(&b, cp->pubkey, (int)sizeof cp->pubkey);
	sq_arg_blob(&b, cp->signature, (int)sizeof cp->signature);
	sq_arg_nonempty(&b, cp->origin);
	sq_arg_blob(&b, cp->sm2_pubkey_len ? cp->sm2_pubkey : NULL, (int)cp->sm2_pubkey_len);
	sq_arg_blob(&b, cp->sm2_signature_len ? cp->sm2_signature : NULL,
		    (int)cp->sm2_signature_len);
	if ((err = insert_row(s, stmt, &b, &cp->id, e)))
		return err;
	cp->at = at;
	return FZ_OK;
}

enum fz_err sq_checkpoint_latest(struct store *st, struct ledger_checkpoint_row *out,
				 struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CHECKPOINT_LATEST,
				  CHECKPOINT_COLS " ORDER BY id DESC LIMIT 1", &stmt, e);
	if (err)
		return err;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, NULL, 0, false };
		checkpoint_read(&r, out);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "", "账本尚无检查点");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_checkpoint_list(struct store *st, struct arena *a, struct page pg,
			       struct ledger_checkpoint_list *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *items;
	memset(out, 0, sizeof *out);
	sqlite3_stmt *count;
	pg = sq_page_clamp(pg);
	enum fz_err err;
	if ((err = sq_stmt(s, SQ_CHECKPOINT_LIST,
			   CHECKPOINT_COLS " ORDER BY id LIMIT ?1 OFFSET ?2", &stmt, e)) ||
	    (err = sq_stmt(s, SQ_CHECKPOINT_COUNT, "SELECT count(*) FROM ledger_checkpoints",
			   &count, e)))
		return err;
	/* the page and its total from one snapshot */
	if ((err = sq_savepoint(s, e)))
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, pg.limit);
	sq_arg_int(&b, pg.offset);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out->items, checkpoint_read, &items,
			      &out->n, e))) {
		sq_rollback_to(s);
		return err;
	}
	out->items = items;
	int rc = sqlite3_step(count);
	if (rc == SQLITE_ROW)
		out->total = sqlite3_column_int64(count, 0);
	else
		err = sq_fail(s, rc, e);
	sq_done(count);
	if (err) {
		sq_rollback_to(s);
		memset(out, 0, sizeof *out);
		return err;
	}
	return sq_release(s, e);
}

/* One checkpoint row by a query with one integer argument. */
static enum fz_err checkpoint_one(struct store *st, enum sq_stmt_id id, const char *sql,
				  int64_t arg, struct ledger_checkpoint_row *out,
				  struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, id, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, arg);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, NULL, 0, false };
		checkpoint_read(&r, out);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "", "没有这个检查点");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_checkpoint_get(struct store *st, int64_t id, struct ledger_checkpoint_row *out,
			      struct fz_error *e)
{
	return checkpoint_one(st, SQ_CHECKPOINT_GET, CHECKPOINT_COLS " WHERE id = ?1", id, out, e);
}

enum fz_err sq_checkpoint_at_size(struct store *st, int64_t size,
				  struct ledger_checkpoint_row *out, struct fz_error *e)
{
	return checkpoint_one(st, SQ_CHECKPOINT_AT_SIZE,
			      CHECKPOINT_COLS " WHERE tree_size = ?1 AND origin IS NOT NULL"
					      " ORDER BY id DESC LIMIT 1",
			      size, out, e);
}

enum fz_err sq_ledger_log_get(struct store *st, char origin[256], char sigs[16],
			      struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	origin[0] = sigs[0] = '\0';
	enum fz_err err = sq_stmt(s, SQ_LEDGER_LOG_GET,
				  "SELECT origin, signatures FROM ledger_log WHERE id = 1", &stmt, e);
	if (err)
		return err;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, NULL, 0, false };
		sq_col_fixed(&r, origin, 256);
		sq_col_fixed(&r, sigs, 16);
	} else {
		err = rc == SQLITE_DONE ? fz_fail(e, FZ_DB, "", "账本设置缺失") : sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_ledger_log_set(struct store *st, const char *origin, const char *sigs,
			      struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_LEDGER_LOG_SET,
				  "UPDATE ledger_log SET origin = ?1, signatures = ?2 WHERE id = 1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_nonempty(&b, origin);
	sq_arg_text(&b, sigs);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

enum fz_err sq_ledger_node_put(struct store *st, int level, int64_t idx,
			       const unsigned char *hash, size_t len, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_LEDGER_NODE_PUT,
				  "INSERT INTO ledger_nodes (level, idx, hash) VALUES (?1, ?2, ?3)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, level);
	sq_arg_int(&b, idx);
	sq_arg_blob(&b, hash, (int)len);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

enum fz_err sq_ledger_node_get(struct store *st, int level, int64_t idx, unsigned char *out,
			       size_t *len, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err =
		level == 0 ? sq_stmt(s, SQ_LEDGER_LEAF_HASH_GET,
				     "SELECT leaf_hash FROM ledger_leaves WHERE idx = ?1", &stmt, e)
			   : sq_stmt(s, SQ_LEDGER_NODE_GET,
				     "SELECT hash FROM ledger_nodes WHERE idx = ?1 AND level = ?2",
				     &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, idx);
	if (level)
		sq_arg_int(&b, level);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, NULL, 0, false };
		col_blob(&r, out, 64, len);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "", "账本的树节点缺失（层 %d，第 %lld 个）", level,
			      (long long)idx);
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_ledger_nodes_covered(struct store *st, int64_t *leaves, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*leaves = 0;
	enum fz_err err = sq_stmt(s, SQ_LEDGER_NODES_COVERED,
				  "SELECT 2 * (coalesce(max(idx), -1) + 1) FROM ledger_nodes"
				  " WHERE level = 1",
				  &stmt, e);
	if (err)
		return err;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*leaves = sqlite3_column_int64(stmt, 0);
	else
		err = sq_fail(s, rc, e);
	sq_done(stmt);
	return err;
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
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, NULL, 0, false };
		leaf_read(&r, out);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "hash", "账本中没有这个叶哈希");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_cosig_insert(struct store *st, struct ledger_cosig_row *c, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	int64_t at = sq_now_if_zero(c->at);
	enum fz_err err = sq_stmt(s, SQ_COSIG_INSERT,
				  "INSERT INTO ledger_cosignatures (checkpoint_id, name, key_id,"
				  " signature, at) VALUES (?1, ?2, ?3, ?4, ?5)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, c->checkpoint_id);
	sq_arg_text(&b, c->name);
	sq_arg_int(&b, c->key_id);
	sq_arg_blob(&b, c->signature, (int)sizeof c->signature);
	sq_arg_int(&b, at);
	if ((err = insert_row(s, stmt, &b, &c->id, e)))
		return err;
	c->at = at;
	return FZ_OK;
}

static void cosig_read(struct sq_row *r, void *item)
{
	struct ledger_cosig_row *c = item;
	size_t n;
	c->id = sq_col_int(r);
	c->checkpoint_id = sq_col_int(r);
	sq_col_fixed(r, c->name, sizeof c->name);
	c->key_id = (uint32_t)sq_col_int(r);
	col_blob(r, c->signature, sizeof c->signature, &n);
	c->at = sq_col_int(r);
}

enum fz_err sq_cosig_list(struct store *st, struct arena *a, int64_t checkpoint_id,
			  struct ledger_cosig_list *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *items;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_COSIG_LIST,
				  "SELECT id, checkpoint_id, name, key_id, signature, at"
				  " FROM ledger_cosignatures WHERE checkpoint_id = ?1 ORDER BY id"
				  " LIMIT 100",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, checkpoint_id);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out->items, cosig_read, &items, &out->n, e)))
		return err;
	out->items = items;
	out->total = (int64_t)out->n;
	return FZ_OK;
}

enum fz_err sq_rotation_insert(struct store *st, struct ledger_rotation_row *r,
			       struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	int64_t at = sq_now_if_zero(r->at);
	enum fz_err err = sq_stmt(s, SQ_ROTATION_INSERT,
				  "INSERT INTO ledger_key_rotations (old_pubkey, new_pubkey, note, at)"
				  " VALUES (?1, ?2, ?3, ?4)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_blob(&b, r->old_pubkey, (int)sizeof r->old_pubkey);
	sq_arg_blob(&b, r->new_pubkey, (int)sizeof r->new_pubkey);
	sq_arg_text(&b, r->note);
	sq_arg_int(&b, at);
	if ((err = insert_row(s, stmt, &b, &r->id, e)))
		return err;
	r->at = at;
	return FZ_OK;
}

static void rotation_read(struct sq_row *r, void *item)
{
	struct ledger_rotation_row *k = item;
	size_t n;
	k->id = sq_col_int(r);
	col_blob(r, k->old_pubkey, sizeof k->old_pubkey, &n);
	col_blob(r, k->new_pubkey, sizeof k->new_pubkey, &n);
	k->note = sq_col_text(r);
	k->at = sq_col_int(r);
}

enum fz_err sq_rotation_list(struct store *st, struct arena *a, struct ledger_rotation_list *out,
			     struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	void *items;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_ROTATION_LIST,
				  "SELECT id, old_pubkey, new_pubkey, note, at FROM ledger_key_rotations"
				  " ORDER BY id LIMIT 1000",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out->items, rotation_read, &items, &out->n, e)))
		return err;
	out->items = items;
	out->total = (int64_t)out->n;
	return FZ_OK;
}

enum fz_err sq_ledger_tsa_get(struct store *st, char out[512], struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	out[0] = '\0';
	enum fz_err err = sq_stmt(s, SQ_LEDGER_TSA_GET, "SELECT tsa_url FROM ledger_log WHERE id = 1",
				  &stmt, e);
	if (err)
		return err;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, NULL, 0, false };
		sq_col_fixed(&r, out, 512);
	} else {
		err = rc == SQLITE_DONE ? fz_fail(e, FZ_DB, "", "账本设置缺失") : sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_ledger_tsa_set(struct store *st, const char *url, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_LEDGER_TSA_SET,
				  "UPDATE ledger_log SET tsa_url = ?1 WHERE id = 1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_nonempty(&b, url);
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

enum fz_err sq_timestamp_put(struct store *st, int64_t checkpoint_id, const void *token,
			     size_t len, int64_t at, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, SQ_TIMESTAMP_PUT,
				  "INSERT INTO ledger_timestamps (checkpoint_id, token, at)"
				  " VALUES (?1, ?2, ?3)",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, checkpoint_id);
	sq_arg_blob(&b, token, (int)len);
	sq_arg_int(&b, sq_now_if_zero(at));
	return sq_write(s, stmt, &b, NULL, 0, NULL, e);
}

enum fz_err sq_timestamp_get(struct store *st, struct arena *a, int64_t checkpoint_id,
			     unsigned char **token, size_t *len, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	*token = NULL;
	*len = 0;
	enum fz_err err = sq_stmt(s, SQ_TIMESTAMP_GET,
				  "SELECT token FROM ledger_timestamps WHERE checkpoint_id = ?1", &stmt,
				  e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, checkpoint_id);
	int rc = b.rc != SQLITE_OK ? b.rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		int n = sqlite3_column_bytes(stmt, 0);
		const void *p = sqlite3_column_blob(stmt, 0);
		*token = n > 0 ? arena_alloc(a, (size_t)n) : NULL;
		if (!*token)
			err = fz_fail(e, FZ_NOMEM, NULL, NULL);
		else {
			memcpy(*token, p, (size_t)n);
			*len = (size_t)n;
		}
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, FZ_NOTFOUND, "", "该检查点没有时间戳");
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
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
	enum fz_err err = sq_stmt(s, SQ_CASE_HEADER_APPEND,
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
	void *items;
	size_t n;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CASE_HEADER_GET, HEADER_COLS " WHERE id = ?1", &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out, header_read, &items, &n, e)))
		return err;
	if (n == 0)
		return fz_fail(e, FZ_NOTFOUND, "id", "案件信息记录不存在");
	*out = *(struct case_header *)items;
	return FZ_OK;
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
	x->id = sqlite3_last_insert_rowid(s->db);
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
	void *items;
	size_t n;
	memset(out, 0, sizeof *out);
	enum fz_err err = sq_stmt(s, SQ_CASE_EXPORT_GET,
				  "SELECT id, case_id, at, actor_id, actor, headers, events, evidence,"
				  " documents FROM case_exports WHERE id = ?1",
				  &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, id);
	if ((err = sq_collect(s, stmt, &b, a, sizeof *out, export_read, &items, &n, e)))
		return err;
	if (n == 0)
		return fz_fail(e, FZ_NOTFOUND, "id", "案卷导出记录不存在");
	*out = *(struct case_export *)items;
	return FZ_OK;
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
