/* memo.h - a signed-in GET answered from the connection's memo (the
 * store's memo_get/memo_put) while nothing was committed since the answer
 * was written. Only the bytes are kept: the session, the permission and
 * the scope are checked on every request before the memo is asked, and
 * the key names the account and every input of the answer. */
#ifndef FZ_HTTP_MEMO_H
#define FZ_HTTP_MEMO_H

#include <stdbool.h>

#include "base/buf.h"
#include "http/http.h"
#include "store/store.h"

/* A key built field by field, "what name=value name=value ...", without
 * a format (a dozen conversions of vsnprintf were 6% of a remembered
 * list's instructions). Put text that may hold a space last, so that it
 * cannot be read as another field. memo_key_done: the key, or NULL when
 * it did not fit (the answer is then neither looked up nor kept). */
#define MEMO_KEY_MAX 512
struct memo_key {
	char s[MEMO_KEY_MAX];
	size_t n;
	bool too_long;
};
void memo_key_begin(struct memo_key *k, const char *what);
void memo_key_int(struct memo_key *k, const char *name, int64_t v);
void memo_key_str(struct memo_key *k, const char *name, const char *v);
const char *memo_key_done(const struct memo_key *k);

/* Looks key up at the connection's current change stamp. True: answered
 * 200 with the JSON kept. False: *stamp is what memo_keep needs (taken
 * now, before the caller reads), or *ok false when no stamp could be read
 * (then the answer is not kept). */
bool memo_answer(struct req *r, const char *key, struct store_stamp *stamp, bool *ok);
/* Keeps the JSON in b under key at stamp; b is not changed. */
void memo_keep(struct req *r, const char *key, const struct store_stamp *stamp,
	       const struct buf *b);

#endif
