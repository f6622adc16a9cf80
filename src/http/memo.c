/* memo.c - answers from the connection's memo (memo.h). The stamp is read
 * before the caller's reads: a commit between the two makes the kept
 * answer newer than its stamp says, so it is only ever missed, never
 * served stale. */
#include "http/memo.h"

#include <string.h>

#include "base/num.h"
#include "http/jsonw.h"

bool memo_answer(struct req *r, const char *key, struct store_stamp *stamp, bool *ok)
{
	struct store *st = r->ctx.st;
	struct fz_error ignore;
	const char *data;
	size_t len;

	/* The session's stamp when it took one (taken before it read, so
	 * before this answer's reads too): one read of it a request. */
	if (key && r->ctx.has_stamp)
		*stamp = r->ctx.stamp;
	*ok = key && (r->ctx.has_stamp || st->ops->change_stamp(st, stamp, &ignore) == FZ_OK);
	if (!*ok || !st->ops->memo_get(st, key, stamp, &data, &len))
		return false;
	struct buf b = BUF_INIT;
	buf_add(&b, data, len);
	if (buf_failed(&b)) {
		buf_release(&b);
		return false;
	}
	resp_json_buf(r, 200, &b);
	return true;
}

void memo_keep(struct req *r, const char *key, const struct store_stamp *stamp,
	       const struct buf *b)
{
	if (key && !buf_failed(b))
		r->ctx.st->ops->memo_put(r->ctx.st, key, stamp, b->data, b->len);
}

static void key_put(struct memo_key *k, const char *s, size_t len)
{
	if (k->too_long || len >= sizeof k->s - k->n) {
		k->too_long = true;
		return;
	}
	memcpy(k->s + k->n, s, len);
	k->n += len;
	k->s[k->n] = '\0';
}

void memo_key_begin(struct memo_key *k, const char *what)
{
	k->n = 0;
	k->too_long = false;
	k->s[0] = '\0';
	key_put(k, what, strlen(what));
}

static void key_name(struct memo_key *k, const char *name)
{
	key_put(k, " ", 1);
	key_put(k, name, strlen(name));
	key_put(k, "=", 1);
}

void memo_key_int(struct memo_key *k, const char *name, int64_t v)
{
	char digits[NUM_I64_CHARS];
	key_name(k, name);
	key_put(k, digits, num_format_i64(v, digits));
}

void memo_key_str(struct memo_key *k, const char *name, const char *v)
{
	key_name(k, name);
	key_put(k, v ? v : "", v ? strlen(v) : 0);
}

const char *memo_key_done(const struct memo_key *k)
{
	return k->too_long ? NULL : k->s;
}
