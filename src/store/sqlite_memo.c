/* sqlite_memo.c - the memo of answers of one connection (store.h): a few
 * byte strings kept under a key with the change stamp taken before they
 * were read, and the stamp itself. PRAGMA data_version changes when another
 * connection (of any process) commits, not when this one does; the commit
 * hook counts this connection's own commits. Together they change on
 * every commit the connection could see, so an entry whose stamp is the
 * current one holds what reading again would give. */
#include "store/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

/* Called by SQLite as each write transaction of the connection commits
 * (a read-only one calls no hook); 0 lets the commit go on. Counting one
 * that then fails only makes the memo miss once. */
static int own_commit(void *arg)
{
	struct sq_conn *c = arg;
	c->own_commits++;
	return 0;
}

void sq_memo_attach(struct sq_store *s)
{
	sqlite3_commit_hook(s->own.db, own_commit, &s->own);
}

static void entry_free(struct sq_memo *m)
{
	free(m->key);
	free(m->data);
	memset(m, 0, sizeof *m);
}

void sq_memo_clear(struct sq_store *s)
{
	for (size_t i = 0; i < STORE_MEMO_SLOTS; i++)
		entry_free(&s->own.memo[i]);
	s->own.memo_next = 0;
}

enum fz_err sq_change_stamp(struct store *st, struct store_stamp *out, struct fz_error *e)
{
	struct sq_store *s = sq(st);
	sqlite3_stmt *stmt;
	if (s->gated || !sqlite3_get_autocommit(s->c->db))
		return fz_fail(e, FZ_INTERNAL, "", "内部错误：事务中不能读取变更标记");
	enum fz_err err = sq_stmt(s, SQ_DATA_VERSION, "PRAGMA data_version", &stmt, e);
	if (err)
		return err;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->others = sqlite3_column_int64(stmt, 0);
		out->own = s->own.own_commits;
	} else {
		err = sq_fail(s, rc, e);
	}
	sq_done(stmt);
	return err;
}

static struct sq_memo *entry_find(struct sq_store *s, const char *key)
{
	for (size_t i = 0; i < STORE_MEMO_SLOTS; i++)
		if (s->own.memo[i].key && strcmp(s->own.memo[i].key, key) == 0)
			return &s->own.memo[i];
	return NULL;
}

bool sq_memo_get(struct store *st, const char *key, const struct store_stamp *stamp,
		 const char **data, size_t *len)
{
	/* not in a write transaction: the stamp is of before it */
	struct sq_memo *m = sq(st)->gated ? NULL : entry_find(sq(st), key);
	if (!m || m->stamp.others != stamp->others || m->stamp.own != stamp->own)
		return false;
	*data = m->data;
	*len = m->len;
	return true;
}

void sq_memo_put(struct store *st, const char *key, const struct store_stamp *stamp,
		 const char *data, size_t len)
{
	struct sq_store *s = sq(st);
	if (s->gated)
		return;
	struct sq_memo *m = entry_find(s, key);
	if (!m) {
		m = &s->own.memo[s->own.memo_next];
		s->own.memo_next = (s->own.memo_next + 1) % STORE_MEMO_SLOTS;
	}
	entry_free(m);
	if (len > STORE_MEMO_MAX)
		return;
	size_t klen = strlen(key);
	char *k = malloc(klen + 1);
	char *d = malloc(len ? len : 1);
	if (!k || !d) {
		free(k);
		free(d);
		return;
	}
	memcpy(k, key, klen + 1);
	if (len)
		memcpy(d, data, len);
	m->key = k;
	m->data = d;
	m->len = len;
	m->stamp = *stamp;
}
