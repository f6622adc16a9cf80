/* arena.c - region allocator built from a chain of malloc'd blocks.
 * Large requests get a block of their own so that small blocks stay small. */
#include "base/arena.h"
#include "base/fault.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 8192
#define ARENA_ALIGN 16

struct block {
	struct block *next;
	size_t size;
	size_t used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
	struct block *head;  /* where small allocations are carved */
	struct block *first; /* kept by arena_reset */
};

static struct block *block_new(size_t size)
{
	struct block *b = malloc(sizeof *b + size);
	if (!b)
		return NULL;
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *arena_new(void)
{
	if (fault_alloc_fails())
		return NULL;
	struct arena *a = malloc(sizeof *a);
	if (!a)
		return NULL;
	a->head = a->first = block_new(ARENA_BLOCK);
	if (!a->head) {
		free(a);
		return NULL;
	}
	return a;
}

static void blocks_free(struct block *b)
{
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	blocks_free(a->head);
	free(a);
}

void arena_reset(struct arena *a)
{
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		if (b != a->first)
			free(b);
		b = next;
	}
	a->first->used = 0;
	a->first->next = NULL;
	a->head = a->first;
}

/* size bytes carved from a, zeroed when zero is set. */
static void *carve(struct arena *a, size_t size, bool zero)
{
	if (fault_alloc_fails())
		return NULL;
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (size == 0)
		size = ARENA_ALIGN;
	struct block *b = a->head;
	if (b->size - b->used < size) {
		if (size > SIZE_MAX / 2)
			return NULL;
		if (size > ARENA_BLOCK / 4) {
			/* A big one: its own block, placed behind the head so the
			 * head's free space stays usable. */
			struct block *big = block_new(size);
			if (!big)
				return NULL;
			big->used = size;
			big->next = b->next;
			b->next = big;
			if (zero)
				memset(big->data, 0, size);
			return big->data;
		}
		b = block_new(ARENA_BLOCK);
		if (!b)
			return NULL;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	if (zero)
		memset(p, 0, size);
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	return carve(a, size, true);
}

void *arena_alloc_raw(struct arena *a, size_t size)
{
	return carve(a, size, false);
}

/* n elements of size, NULL when n * size overflows. */
static void *carve_n(struct arena *a, size_t n, size_t size, bool zero)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return carve(a, n * size, zero);
}

void *arena_calloc_raw(struct arena *a, size_t n, size_t size)
{
	return carve_n(a, n, size, false);
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
	return carve_n(a, n, size, true);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	/* every byte is written below: not zeroed first (a step copies
	 * hundreds of strings; docs/PERFORMANCE.md) */
	char *p = arena_alloc_raw(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* Formatted once into a stack buffer, and again only when longer: most
 * strings are short, and the second pass of vsnprintf was half the cost
 * (a memo key on every signed-in list, docs/PERFORMANCE.md). */
char *arena_printf(struct arena *a, const char *fmt, ...)
{
	char small[256];
	va_list ap, copy;
	va_start(ap, fmt);
	va_copy(copy, ap);
	int n = vsnprintf(small, sizeof small, fmt, copy);
	va_end(copy);
	char *p = n < 0 ? NULL : arena_alloc_raw(a, (size_t)n + 1);
	if (p && (size_t)n < sizeof small)
		memcpy(p, small, (size_t)n + 1);
	else if (p)
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
