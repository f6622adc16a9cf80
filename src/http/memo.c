/* memo.c - answers from the connection's memo (memo.h). The stamp is read
 * before the caller's reads: a commit between the two makes the kept
 * answer newer than its stamp says, so it is only ever missed, never
 * served stale. */
#include "http/memo.h"

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
