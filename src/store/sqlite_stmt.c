/* sqlite_stmt.c - the plumbing every SQLite operation uses: a cache of
 * prepared statements per connection (the server runs many requests on one
 * connection, so each statement is compiled once), sticky binding of
 * parameters, reading columns into an arena, and the mapping of SQLite
 * failures to fz_err with a message a person can act on. */
#include "store/sqlite_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>

enum fz_err sq_stmt(struct sq_store *s, enum sq_stmt_id id, const char *sql,
		    sqlite3_stmt **out, struct fz_error *e)
{
	*out = NULL;
	if (id <= 0 || id >= SQ_STMT_COUNT)
		return fz_fail(e, FZ_INTERNAL, "", "内部错误：无效的语句编号 %d", (int)id);
	if (!s->c->fixed[id]) {
		/* PERSISTENT: the statement lives as long as the connection. */
		int rc = sqlite3_prepare_v3(s->c->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
					    &s->c->fixed[id], NULL);
		if (rc != SQLITE_OK)
			return sq_fail(s, rc, e);
	}
	*out = s->c->fixed[id];
	return FZ_OK;
}

void sq_done(sqlite3_stmt *stmt)
{
	if (!stmt)
		return;
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

void sq_cache_clear(struct sq_store *s)
{
	for (int i = 0; i < SQ_STMT_COUNT; i++) {
		sqlite3_finalize(s->c->fixed[i]);
		s->c->fixed[i] = NULL;
	}
	for (size_t i = 0; i < s->c->nvariants; i++)
		sqlite3_finalize(s->c->variants[i].stmt);
	free(s->c->variants);
	s->c->variants = NULL;
	s->c->nvariants = s->c->capvariants = 0;
}

enum fz_err sq_exec(struct sq_store *s, enum sq_stmt_id id, const char *sql,
		    struct fz_error *e)
{
	sqlite3_stmt *stmt;
	enum fz_err err = sq_stmt(s, id, sql, &stmt, e);
	if (err)
		return err;
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		err = sq_fail(s, rc, e);
	sq_done(stmt);
	return err;
}

/* --- binding --- */

static void arg_result(struct sq_args *b, int rc)
{
	if (rc != SQLITE_OK)
		b->rc = rc;
}

void sq_arg_int(struct sq_args *b, int64_t v)
{
	if (b->rc == SQLITE_OK)
		arg_result(b, sqlite3_bind_int64(b->stmt, ++b->i, v));
}

void sq_arg_id(struct sq_args *b, int64_t v)
{
	if (b->rc != SQLITE_OK)
		return;
	if (v == 0)
		arg_result(b, sqlite3_bind_null(b->stmt, ++b->i));
	else
		arg_result(b, sqlite3_bind_int64(b->stmt, ++b->i, v));
}

/* Strings are bound SQLITE_STATIC: they belong to the caller, who outlives
 * the statement's use, and sq_done() clears the binding afterwards. */
void sq_arg_text(struct sq_args *b, const char *v)
{
	if (b->rc != SQLITE_OK)
		return;
	if (!v)
		arg_result(b, sqlite3_bind_null(b->stmt, ++b->i));
	else
		arg_result(b, sqlite3_bind_text(b->stmt, ++b->i, v, -1, SQLITE_STATIC));
}

void sq_arg_nonempty(struct sq_args *b, const char *v)
{
	sq_arg_text(b, v && *v ? v : NULL);
}

void sq_arg_blob(struct sq_args *b, const void *v, int n)
{
	if (b->rc == SQLITE_OK)
		arg_result(b, sqlite3_bind_blob(b->stmt, ++b->i, v, n, SQLITE_STATIC));
}

/* The index of a named parameter; a name the statement lacks (misspelt,
 * or a filter bound to a query variant without its clause) is an error
 * (SQLITE_RANGE, reported when the statement runs), never a silent NULL. */
static int named(struct sq_args *b, const char *name)
{
	int i = sqlite3_bind_parameter_index(b->stmt, name);
	if (i <= 0)
		arg_result(b, SQLITE_RANGE);
	return i;
}

void sq_arg_named_int(struct sq_args *b, const char *name, int64_t v)
{
	if (b->rc != SQLITE_OK)
		return;
	int i = named(b, name);
	if (i > 0)
		arg_result(b, sqlite3_bind_int64(b->stmt, i, v));
}

void sq_arg_named_text(struct sq_args *b, const char *name, const char *v)
{
	if (b->rc != SQLITE_OK)
		return;
	int i = named(b, name);
	if (i <= 0)
		return;
	if (!v)
		arg_result(b, sqlite3_bind_null(b->stmt, i));
	else
		arg_result(b, sqlite3_bind_text(b->stmt, i, v, -1, SQLITE_STATIC));
}

/* --- rows --- */

int64_t sq_col_int(struct sq_row *r)
{
	return sqlite3_column_int64(r->stmt, r->col++);
}

bool sq_col_bool(struct sq_row *r)
{
	return sqlite3_column_int64(r->stmt, r->col++) != 0;
}

char *sq_col_text(struct sq_row *r)
{
	int col = r->col++;
	const unsigned char *t = sqlite3_column_text(r->stmt, col);
	if (!t) {
		/* NULL, or no memory to convert the value to text */
		if (sqlite3_column_type(r->stmt, col) != SQLITE_NULL)
			r->nomem = true;
		return NULL;
	}
	char *copy = arena_strndup(r->a, (const char *)t,
				   (size_t)sqlite3_column_bytes(r->stmt, col));
	if (!copy)
		r->nomem = true;
	return copy;
}

void sq_col_fixed(struct sq_row *r, char *dst, size_t size)
{
	/* a bounded copy, not snprintf("%s"): this runs for every date of
	 * every row of every list (6% of a signed-in list's instructions) */
	const unsigned char *t = sqlite3_column_text(r->stmt, r->col);
	int n = sqlite3_column_bytes(r->stmt, r->col++);
	if (!size)
		return;
	size_t k = t && n > 0 ? (size_t)n : 0;
	if (k >= size)
		k = size - 1;
	if (k)
		memcpy(dst, t, k);
	dst[k] = '\0';
}

/* Copies a BLOB column into dst (at most cap bytes), sets *len. */
void sq_col_blob(struct sq_row *r, unsigned char *dst, size_t cap, size_t *len)
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

/* --- errors --- */

/* Unique keys by the column list SQLite names in its message. */
static const struct {
	const char *columns;
	const char *field;
	const char *message;
} sq_uniques[] = {
	{ "agencies.uscc", "uscc", "统一社会信用代码已被其他执法主体使用" },
	{ "units.agency_id, units.name", "name", "本执法主体已有同名的内设机构" },
	{ "users.username", "username", "用户名已存在" },
	{ "certificates.number", "number", "执法证号已存在" },
	{ "cert_reviews.certificate_id, cert_reviews.year", "year",
	  "该执法证本年度已有审验记录" },
	{ "sessions.digest", "token", "会话已存在" },
	{ "divisions.code", "code", "行政区划代码已存在" },
	{ "settings.key", "key", "设置项已存在" },
	{ "cases.agency_id, cases.number", "number", "本执法主体已有相同编号的案件" },
	{ "case_events.case_id, case_events.seq", "seq", "该案件的记录序号已被占用，请重试" },
	{ "case_event_fields.event_id, case_event_fields.key", "fields",
	  "同一条记录中的字段名重复" },
	{ "case_event_officers.event_id, case_event_officers.person_id", "officers",
	  "同一条记录中的执法人员重复" },
	{ "ledger_leaves.kind, ledger_leaves.ref_id", "ref_id", "该对象已记入账本" },
	{ "documents.event_id, documents.kind", "kind", "该记录已生成过这一文书" },
	{ "documents.agency_id, documents.number", "number", "本执法主体已有相同编号的文书" },
	{ "ledger_cosignatures.checkpoint_id, ledger_cosignatures.name, ledger_cosignatures.key_id",
	  "name", "该见证方对此检查点的副署已收到" },
	{ "power_lists.agency_id, power_lists.version", "version",
	  "权责清单的版本号已被占用，请重试" },
	{ "power_lists.agency_id", "agency_id", "本执法主体已有一份权责清单草稿，请在草稿上修改" },
	{ "power_items.list_id, power_items.code", "items", "同一版本中事项编码重复" },
};

/* The column after "<table>." in a NOT NULL message, for the field. */
static const char *constraint_column(const char *msg)
{
	const char *colon = strstr(msg, ": ");
	if (!colon)
		return "";
	const char *dot = strchr(colon, '.');
	return dot ? dot + 1 : colon + 2;
}

static off_t file_size(const char *path)
{
	struct stat sb;
	return path && stat(path, &sb) == 0 ? sb.st_size : 0;
}

/* SQLite calls a write refused for room SQLITE_FULL only for ENOSPC: one
 * past the process's file-size limit (EFBIG) or a quota (EDQUOT) is
 * SQLITE_IOERR_WRITE, and the errno is not always kept with the
 * connection. So a failed write is taken for a full disk when the file
 * system has almost no room left, or the database or its log has reached
 * the file-size limit. */
static bool sq_out_of_room(struct sq_store *s)
{
	const char *db = sqlite3_db_filename(s->c->db, "main");
	if (!db || !*db)
		return false;
	struct statvfs fs;
	if (statvfs(db, &fs) == 0 && (uint64_t)fs.f_bavail * fs.f_frsize < (uint64_t)1 << 20)
		return true;
	struct rlimit lim;
	if (getrlimit(RLIMIT_FSIZE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY)
		return false;
	const char *wal = sqlite3_filename_wal(db);
	off_t big = file_size(db);
	if (file_size(wal) > big)
		big = file_size(wal);
	return (uint64_t)big + 65536 >= (uint64_t)lim.rlim_cur;
}

enum fz_err sq_fail(struct sq_store *s, int rc, struct fz_error *e)
{
	const char *msg = sqlite3_errmsg(s->c->db);

	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		switch (rc) {
		case SQLITE_CONSTRAINT_UNIQUE:
		case SQLITE_CONSTRAINT_PRIMARYKEY:
			for (size_t i = 0; i < sizeof sq_uniques / sizeof sq_uniques[0]; i++)
				if (strstr(msg, sq_uniques[i].columns))
					return fz_fail(e, FZ_CONFLICT, sq_uniques[i].field, "%s",
						       sq_uniques[i].message);
			return fz_fail(e, FZ_CONFLICT, "", "与已有数据重复");
		case SQLITE_CONSTRAINT_FOREIGNKEY:
			return fz_fail(e, FZ_CONFLICT, "", "引用的对象不存在或仍被其他数据引用");
		case SQLITE_CONSTRAINT_NOTNULL:
			return fz_fail(e, FZ_INVALID, constraint_column(msg), "缺少必填项 %s",
				       constraint_column(msg));
		case SQLITE_CONSTRAINT_CHECK:
			return fz_fail(e, FZ_INVALID, "", "取值不符合要求");
		case SQLITE_CONSTRAINT_TRIGGER:
			/* a key taken, refused before the insert so that no
			 * REPLACE can delete the row holding it
			 * (007_ledger_bind.sql): the conflict it is */
			for (size_t i = 0; i < sizeof sq_uniques / sizeof sq_uniques[0]; i++)
				if (strcmp(msg, sq_uniques[i].message) == 0)
					return fz_fail(e, FZ_CONFLICT, sq_uniques[i].field, "%s",
						       sq_uniques[i].message);
			/* our own RAISE(ABORT, '<Chinese message>') */
			return fz_fail(e, FZ_FORBIDDEN, "", "%s", msg);
		default:
			return fz_fail(e, FZ_CONFLICT, "", "与已有数据冲突");
		}
	case SQLITE_BUSY: /* also BUSY_SNAPSHOT, BUSY_RECOVERY, BUSY_TIMEOUT */
	case SQLITE_LOCKED:
		/* retryable: the app runs the transaction again (app/tx.c) */
		return fz_fail(e, FZ_BUSY, "", "系统繁忙，本次操作未保存，请稍后重试");
	case SQLITE_NOMEM:
		return fz_fail(e, FZ_NOMEM, "", "服务器内存不足，请稍后重试");
	case SQLITE_FULL:
		return fz_fail(e, FZ_FULL, "", "存储空间已满，本次操作未保存，请联系系统管理员");
	case SQLITE_IOERR:
		/* a write refused for room that SQLite does not call FULL
		 * (EFBIG, EDQUOT) is the same to the user */
		if (fz_err_from_errno(sqlite3_system_errno(s->c->db)) == FZ_FULL ||
		    (rc == SQLITE_IOERR_WRITE && sq_out_of_room(s)))
			return fz_fail(e, FZ_FULL, "",
				       "存储空间已满，本次操作未保存，请联系系统管理员");
		return fz_fail(e, FZ_IO, "", "读写数据库文件失败");
	case SQLITE_READONLY:
		return fz_fail(e, FZ_DB, "", "数据库为只读，不能写入");
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return fz_fail(e, FZ_DB, "", "数据库文件已损坏或不是 fazhi 的数据库");
	case SQLITE_TOOBIG:
		return fz_fail(e, FZ_TOOLARGE, "", "内容过大，不能保存");
	case SQLITE_RANGE:
	case SQLITE_MISUSE:
		return fz_fail(e, FZ_INTERNAL, "", "内部错误：数据库调用有误（%s）", msg);
	default:
		return fz_fail(e, FZ_DB, "", "数据存储失败（%s）", msg);
	}
}

/* 1 the reference resolves, 0 it does not, -1 the check itself failed. */
static int ref_resolves(struct sq_store *s, const struct sq_ref *r)
{
	sqlite3_stmt *stmt;
	if (sq_stmt(s, r->stmt, r->sql, &stmt, NULL))
		return -1;
	struct sq_args b = sq_args(stmt);
	if (r->text)
		sq_arg_text(&b, r->text);
	else
		sq_arg_int(&b, r->id);
	if (r->id2)
		sq_arg_int(&b, r->id2);
	int rc = b.rc == SQLITE_OK ? sqlite3_step(stmt) : b.rc;
	sq_done(stmt);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

enum fz_err sq_fail_refs(struct sq_store *s, int rc, const struct sq_ref *refs, size_t n,
			 struct fz_error *e)
{
	if (rc != SQLITE_CONSTRAINT_FOREIGNKEY)
		return sq_fail(s, rc, e);
	for (size_t i = 0; i < n; i++) {
		if (!refs[i].id && !(refs[i].text && *refs[i].text))
			continue;
		if (ref_resolves(s, &refs[i]) == 0)
			return fz_fail(e, FZ_CONFLICT, refs[i].field, "%s", refs[i].message);
	}
	return sq_fail(s, rc, e);
}

/* --- small helpers --- */

int64_t sq_now_if_zero(int64_t t)
{
	return t ? t : (int64_t)time(NULL);
}

struct page sq_page_clamp(struct page pg)
{
	if (pg.offset < 0)
		pg.offset = 0;
	if (pg.limit < 1)
		pg.limit = 1;
	if (pg.limit > 200)
		pg.limit = 200;
	return pg;
}

enum fz_err sq_savepoint(struct sq_store *s, struct fz_error *e)
{
	return sq_exec(s, SQ_SAVEPOINT, "SAVEPOINT fz_op", e);
}

enum fz_err sq_release(struct sq_store *s, struct fz_error *e)
{
	enum fz_err err = sq_exec(s, SQ_RELEASE, "RELEASE fz_op", e);
	if (err)
		sq_rollback_to(s);
	return err;
}

/* ROLLBACK TO leaves the savepoint open; RELEASE then ends it (and, when
 * it was the outermost, the transaction it began). */
void sq_rollback_to(struct sq_store *s)
{
	(void)sq_exec(s, SQ_ROLLBACK_TO, "ROLLBACK TO fz_op", NULL);
	(void)sq_exec(s, SQ_RELEASE, "RELEASE fz_op", NULL);
}

enum fz_err sq_write(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
		     const struct sq_ref *refs, size_t nrefs, const char *notfound,
		     struct fz_error *e)
{
	enum fz_err err = FZ_OK;
	int rc = b->rc != SQLITE_OK ? b->rc : sqlite3_step(stmt);
	if (rc != SQLITE_DONE)
		err = sq_fail_refs(s, rc, refs, nrefs, e);
	else if (notfound && sqlite3_changes(s->c->db) == 0)
		err = fz_fail(e, FZ_NOTFOUND, "id", "%s", notfound);
	sq_done(stmt);
	return err;
}

enum fz_err sq_collect(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
		       struct arena *a, size_t item_size, sq_read_fn read, void **items,
		       size_t *n, struct fz_error *e)
{
	unsigned char *arr = NULL;
	size_t cap = 0;
	enum fz_err err = FZ_OK;
	int rc = b->rc;

	*items = NULL;
	*n = 0;
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			/* an arena cannot grow in place; these lists are short */
			size_t ncap = cap ? 2 * cap : 8;
			unsigned char *grown = arena_calloc(a, ncap, item_size);
			if (!grown) {
				err = fz_fail(e, FZ_NOMEM, "", NULL);
				break;
			}
			if (*n)
				memcpy(grown, arr, *n * item_size);
			arr = grown;
			cap = ncap;
		}
		struct sq_row r = { stmt, a, 0, false };
		read(&r, arr + *n * item_size);
		if (r.nomem) {
			err = fz_fail(e, FZ_NOMEM, "", NULL);
			break;
		}
		(*n)++;
		rc = SQLITE_OK;
	}
	if (!err && rc != SQLITE_DONE)
		err = sq_fail(s, rc, e);
	sq_done(stmt);
	if (err)
		*n = 0;
	else
		*items = arr;
	return err;
}

/* Runs an INSERT whose arguments b holds and sets *id to the new row's. */
enum fz_err sq_insert(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
		      int64_t *id, struct fz_error *e)
{
	enum fz_err err = sq_write(s, stmt, b, NULL, 0, NULL, e);
	if (!err)
		*id = sqlite3_last_insert_rowid(s->c->db);
	return err;
}

enum fz_err sq_one(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
		   struct arena *a, void *item, sq_read_fn read, enum fz_err missing,
		   const char *field, const char *message, struct fz_error *e)
{
	enum fz_err err = FZ_OK;
	int rc = b->rc != SQLITE_OK ? b->rc : sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		struct sq_row r = { stmt, a, 0, false };
		read(&r, item);
		if (r.nomem)
			err = fz_fail(e, FZ_NOMEM, "", NULL);
	} else if (rc == SQLITE_DONE) {
		err = fz_fail(e, missing, field, "%s", message);
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

enum fz_err sq_exists(struct sq_store *s, sqlite3_stmt *stmt, const struct sq_args *b,
		      bool *found, struct fz_error *e)
{
	int rc = b->rc != SQLITE_OK ? b->rc : sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	enum fz_err err = rc == SQLITE_ROW || rc == SQLITE_DONE ? FZ_OK : sq_fail(s, rc, e);
	sq_done(stmt);
	return err;
}

void sq_read_int(struct sq_row *r, void *item)
{
	*(int64_t *)item = sq_col_int(r);
}

enum fz_err sq_count_since(struct sq_store *s, enum sq_stmt_id id, const char *sql,
			   const char *key, int64_t since, int64_t *n, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	*n = 0;
	enum fz_err err = sq_stmt(s, id, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_text(&b, key ? key : "");
	sq_arg_int(&b, since);
	return sq_one(s, stmt, &b, NULL, n, sq_read_int, FZ_DB, NULL, "计数失败", e);
}

enum fz_err sq_rows_of(struct sq_store *s, enum sq_stmt_id id, const char *sql, int64_t owner,
		       struct arena *a, size_t item_size, sq_read_fn read, void **items,
		       size_t *n, struct fz_error *e)
{
	sqlite3_stmt *stmt;
	*items = NULL;
	*n = 0;
	enum fz_err err = sq_stmt(s, id, sql, &stmt, e);
	if (err)
		return err;
	struct sq_args b = sq_args(stmt);
	sq_arg_int(&b, owner);
	return sq_collect(s, stmt, &b, a, item_size, read, items, n, e);
}
