/* docmodel.c - building a document model; see docmodel.h. Appending is
 * free of checks for the composer: the first failure sticks. */
#include "docgen/docmodel.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void doc_model_init(struct doc_model *m, struct arena *a)
{
	memset(m, 0, sizeof *m);
	m->a = a;
	m->number = "";
	m->sign_date = "";
	m->created = "";
}

static char *vformat(struct doc_model *m, const char *fmt, va_list ap) FZ_PRINTF(2, 0);

static char *vformat(struct doc_model *m, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	char *s = n >= 0 ? arena_alloc(m->a, (size_t)n + 1) : NULL;
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static struct doc_block *next_block(struct doc_model *m)
{
	if (m->failed || m->nblocks == DOC_BLOCKS_MAX) {
		m->failed = true;
		return NULL;
	}
	struct doc_block *b = &m->blocks[m->nblocks++];
	memset(b, 0, sizeof *b);
	return b;
}

void doc_add(struct doc_model *m, enum doc_block_kind kind, const char *fmt, ...)
{
	struct doc_block *b = next_block(m);
	if (!b)
		return;
	va_list ap;
	va_start(ap, fmt);
	b->kind = kind;
	b->text = vformat(m, fmt, ap);
	va_end(ap);
	if (!b->text)
		m->failed = true;
}

void doc_row(struct doc_model *m, const char *label, bool tall, const char *fmt, ...)
{
	struct doc_block *b = next_block(m);
	if (!b)
		return;
	va_list ap;
	va_start(ap, fmt);
	b->kind = DOC_ROW;
	b->label = label;
	b->tall = tall;
	b->text = vformat(m, fmt, ap);
	va_end(ap);
	if (!b->text)
		m->failed = true;
}

enum fz_err doc_model_status(const struct doc_model *m, struct fz_error *e)
{
	if (m->failed)
		return fz_fail(e, FZ_NOMEM, "", "生成文书时内存不足或内容过多");
	return FZ_OK;
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

bool doc_model_equal(const struct doc_model *a, const struct doc_model *b)
{
	if (a->failed || b->failed || a->nblocks != b->nblocks || a->signature != b->signature ||
	    !same_text(a->issuer, b->issuer) || !same_text(a->title, b->title) ||
	    !same_text(a->number, b->number) || !same_text(a->sign_date, b->sign_date) ||
	    !same_text(a->created, b->created))
		return false;
	for (size_t i = 0; i < a->nblocks; i++) {
		const struct doc_block *x = &a->blocks[i], *y = &b->blocks[i];
		if (x->kind != y->kind || x->tall != y->tall || !same_text(x->text, y->text) ||
		    !same_text(x->label, y->label))
			return false;
	}
	return true;
}
