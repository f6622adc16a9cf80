/* jsonw.h - JSON written straight into a buffer, for answers on hot paths
 * (signed-in lists): no tree of objects built and freed per row. The
 * output is what jansson's compact dump gives for the same members in the
 * same order: strings escaped alike ('"', '\\' and control characters;
 * UTF-8 kept as it is), integers in decimal, null for NULL. The buffer's
 * error is sticky; a string that is not valid UTF-8 (which jansson
 * refuses too) fails it, so no half-written answer goes out. */
#ifndef FZ_HTTP_JSONW_H
#define FZ_HTTP_JSONW_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "http/http.h"
#include "store/store.h"

/* One object being written: "{" at jw_object, "}" at jw_end. */
struct jw {
	struct buf *b;
	bool more; /* a member was written: the next needs a comma */
};

void jw_object(struct jw *w, struct buf *b);
void jw_end(struct jw *w);
/* A member; key is a plain ASCII name, written as it is. jw_str writes
 * null for NULL. */
void jw_str(struct jw *w, const char *key, const char *v);
void jw_int(struct jw *w, const char *key, int64_t v);
void jw_null(struct jw *w, const char *key);
void jw_bool(struct jw *w, const char *key, bool v);
/* As json_text (jsonout_case.h) gives it: a string cut inside a
 * character (a truncated column) loses the cut tail, one that is
 * otherwise not UTF-8 is written as ""; null for NULL. */
void jw_text(struct jw *w, const char *key, const char *v);
/* A member whose value is an object: inner is begun ("{"), to be ended
 * with jw_end(inner) before w goes on. */
void jw_object_in(struct jw *w, const char *key, struct jw *inner);
/* As jw_text, for a key that is not our own name (an event's field, as
 * typed): escaped as jansson escapes it, any length; a key that is not
 * UTF-8 fails the buffer (jansson refuses it). */
void jw_text_keyed(struct jw *w, const char *key, const char *v);
/* A member whose value is an array: "key":[ begun, its items written
 * through items (jw_item_object, then jw_end of that object;
 * jw_item_int), "]" at jw_array_end(items) before w goes on. */
void jw_array_in(struct jw *w, const char *key, struct jw *items);
void jw_item_object(struct jw *items, struct jw *inner);
void jw_item_int(struct jw *items, int64_t v);
void jw_array_end(struct jw *items);

/* The list envelope of paging.h, {"items":[…],"total":N,"offset":N,
 * "limit":N}, around items written in between: jw_list_item before each
 * (i counts from 0). */
void jw_list_begin(struct buf *b);
void jw_list_item(struct buf *b, size_t i);
void jw_list_end(struct buf *b, int64_t total, struct page pg);
/* The same for a list whose count may stop (page.count_max): adds
 * "total_more", true when more than total matched (total is then a lower
 * bound, not the number of rows). */
void jw_list_end_bounded(struct buf *b, int64_t total, bool more, struct page pg);

/* Answers status with b as application/json (takes b's memory); 500 when
 * b failed. */
int resp_json_buf(struct req *r, int status, struct buf *b);

#endif
