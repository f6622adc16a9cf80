/* sqlite_checkpoint.c - what the ledger keeps beside its leaves, in SQLite
 * (004_ledger.sql, 008_checkpoints.sql): signed checkpoints, the log's
 * settings (origin, signatures, time-stamping authority), stored interior
 * nodes, witnesses' cosignatures, key rotations and RFC 3161 tokens. All
 * append-only but the settings; no hashing or signing happens here. */
#include "store/sqlite_internal.h"

#include <string.h>

#define CHECKPOINT_COLS                                                                  \
	"SELECT id, tree_size, root, hash, at, pubkey, signature, origin, sm2_pubkey,"   \
	" sm2_signature FROM ledger_checkpoints"

static void checkpoint_read(struct sq_row *r, void *item)
{
	struct ledger_checkpoint_row *cp = item;
	size_t n;
	cp->id = sq_col_int(r);
	cp->tree_size = sq_col_int(r);
	sq_col_blob(r, cp->root, sizeof cp->root, &cp->root_len);
	sq_col_fixed(r, cp->hash, sizeof cp->hash);
	cp->at = sq_col_int(r);
	sq_col_blob(r, cp->pubkey, sizeof cp->pubkey, &n);
	sq_col_blob(r, cp->signature, sizeof cp->signature, &n);
	sq_col_fixed(r, cp->origin, sizeof cp->origin);
	sq_col_blob(r, cp->sm2_pubkey, sizeof cp->sm2_pubkey, &cp->sm2_pubkey_len);
	sq_col_blob(r, cp->sm2_signature, sizeof cp->sm2_signature, &cp->sm2_signature_len);
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
	if ((err = sq_insert(s, stmt, &b, &cp->id, e)))
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
	struct sq_args b = sq_args(stmt);
	return sq_one(s, stmt, &b, NULL, out, checkpoint_read, FZ_NOTFOUND, "", "账本尚无检查点",
		      e);
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
	return sq_one(s, stmt, &b, NULL, out, checkpoint_read, FZ_NOTFOUND, "", "没有这个检查点",
		      e);
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

/* Where the log settings' columns go (fixed arrays of the caller). */
struct log_row {
	char *origin; /* 256 bytes */
	char *sigs;   /* 16 bytes */
};

static void log_read(struct sq_row *r, void *item)
{
	struct log_row *row = item;
	sq_col_fixed(r, row->origin, 256);
	sq_col_fixed(r, row->sigs, 16);
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
	struct sq_args b = sq_args(stmt);
	struct log_row row = { origin, sigs };
	return sq_one(s, stmt, &b, NULL, &row, log_read, FZ_DB, "", "账本设置缺失", e);
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

/* Where a node's hash goes: at most 64 bytes, and its length. */
struct node_row {
	unsigned char *hash;
	size_t *len;
};

static void node_read(struct sq_row *r, void *item)
{
	struct node_row *row = item;
	sq_col_blob(r, row->hash, 64, row->len);
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
	struct node_row row = { out, len };
	err = sq_one(s, stmt, &b, NULL, &row, node_read, FZ_NOTFOUND, "", "账本的树节点缺失", e);
	if (err == FZ_NOTFOUND) /* name the node only when it is missing */
		err = fz_fail(e, FZ_NOTFOUND, "", "账本的树节点缺失（层 %d，第 %lld 个）", level,
			      (long long)idx);
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
	struct sq_args b = sq_args(stmt);
	return sq_one(s, stmt, &b, NULL, leaves, sq_read_int, FZ_DB, "", "账本缺失", e);
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
	if ((err = sq_insert(s, stmt, &b, &c->id, e)))
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
	sq_col_blob(r, c->signature, sizeof c->signature, &n);
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
	if ((err = sq_insert(s, stmt, &b, &r->id, e)))
		return err;
	r->at = at;
	return FZ_OK;
}

static void rotation_read(struct sq_row *r, void *item)
{
	struct ledger_rotation_row *k = item;
	size_t n;
	k->id = sq_col_int(r);
	sq_col_blob(r, k->old_pubkey, sizeof k->old_pubkey, &n);
	sq_col_blob(r, k->new_pubkey, sizeof k->new_pubkey, &n);
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

static void tsa_read(struct sq_row *r, void *item)
{
	sq_col_fixed(r, item, 512);
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
	struct sq_args b = sq_args(stmt);
	return sq_one(s, stmt, &b, NULL, out, tsa_read, FZ_DB, "", "账本设置缺失", e);
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

