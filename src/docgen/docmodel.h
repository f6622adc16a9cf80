/* docmodel.h - a document as the renderer sees it: the heading of an
 * enforcement document (issuing agency, title, number), then blocks -
 * paragraphs, headings, two-column form rows - and the signature with the
 * date and the seal's place. Composed from case data (compose*.c), drawn
 * by pdf.c; plain data, so composition is tested without a renderer. */
#ifndef FZ_DOCGEN_DOCMODEL_H
#define FZ_DOCGEN_DOCMODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"

enum doc_block_kind {
	DOC_PARA,     /* body text, first line indented two characters */
	DOC_LINE,     /* body text without indent (当事人：…) */
	DOC_HEADING,  /* 一、违法事实和证据 (bold, indented) */
	DOC_ROW,      /* a form row: label cell and value cell, ruled */
	DOC_NOTE,     /* small print after the signature (一式两份 …) */
};

struct doc_block {
	enum doc_block_kind kind;
	const char *text;   /* DOC_ROW: the value cell */
	const char *label;  /* DOC_ROW: the label cell */
	bool tall;          /* DOC_ROW: leave room to sign or write by hand */
};

#define DOC_BLOCKS_MAX 160

struct doc_model {
	const char *issuer;   /* 海原县自然资源局: the first line */
	const char *title;    /* 行政处罚决定书 */
	const char *number;   /* 海原县自然资源罚〔2026〕12号, or "" */
	struct doc_block blocks[DOC_BLOCKS_MAX];
	size_t nblocks;
	bool signature;       /* sign with the agency's name, date and seal */
	const char *sign_date; /* 2026年1月20日 */
	const char *created;  /* ISO 8601 instant for the PDF metadata, or "" */
	struct arena *a;      /* where composed text lives */
	bool failed;          /* sticky: out of memory or blocks */
};

void doc_model_init(struct doc_model *m, struct arena *a);
/* Appends a block of kind whose text is printf-formatted (NULL text on
 * failure sets m->failed). */
void doc_add(struct doc_model *m, enum doc_block_kind kind, const char *fmt, ...)
	FZ_PRINTF(3, 4);
/* Appends a form row. */
void doc_row(struct doc_model *m, const char *label, bool tall, const char *fmt, ...)
	FZ_PRINTF(4, 5);
/* FZ_NOMEM when anything failed to be added. */
enum fz_err doc_model_status(const struct doc_model *m, struct fz_error *e);
/* True when a and b say the same thing in the same blocks, so that one's
 * drawing is the other's (a failed model equals nothing). */
bool doc_model_equal(const struct doc_model *a, const struct doc_model *b);

#endif
