/* arena.h - a region allocator: many small allocations, one release.
 *
 * Each request (HTTP or CLI command) owns one arena; everything read from
 * storage for that request lives in it and is freed by arena_free(). Code
 * that receives arena memory never frees it piecemeal. */
#ifndef FZ_BASE_ARENA_H
#define FZ_BASE_ARENA_H

#include <stddef.h>

#include "base/err.h"

struct arena;

/* Returns a new arena, or NULL when out of memory. Free with arena_free. */
struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Releases everything allocated so far but keeps the first block. */
void arena_reset(struct arena *a);

/* All return NULL when out of memory; memory is zeroed, aligned to 16. */
void *arena_alloc(struct arena *a, size_t size);
void *arena_calloc(struct arena *a, size_t n, size_t size);
/* The same, not zeroed: for memory the caller writes whole before it is
 * read (strings copied, results a callee fills), where zeroing it first
 * was measurable on hot paths. */
void *arena_alloc_raw(struct arena *a, size_t size);
void *arena_calloc_raw(struct arena *a, size_t n, size_t size);
char *arena_strdup(struct arena *a, const char *s); /* NULL s -> NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) FZ_PRINTF(2, 3);

#endif
