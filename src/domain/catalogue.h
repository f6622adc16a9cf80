/* catalogue.h - a case file's catalogue (卷内目录): every document the
 * case's steps produced, in the order of the record, each either a
 * generated document (numbered PDF with its digest) or one recorded by its
 * step's event alone; and the documents a case must hold before it closes
 * (the `mandatory` lines of its definition). Pure: the app reads the rows. */
#ifndef FZ_DOMAIN_CATALOGUE_H
#define FZ_DOMAIN_CATALOGUE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/case.h"
#include "domain/procedure.h"

/* A generated document as stored: its metadata. The bytes are a file in
 * the data directory named by the digest. Strings in the caller's arena. */
struct case_document {
	int64_t id;
	int64_t case_id;
	int64_t event_id;      /* the event of the step that produced it */
	int64_t agency_id;     /* the case's agency (set by storage) */
	const char *kind;      /* document id of the definition: "penalty_decision" */
	const char *title;     /* 行政处罚决定书 */
	const char *number;    /* 海原县自然资源罚〔2026〕12号; "" when the kind is
	                        * not numbered (a service receipt) */
	const char *digest;    /* lower-case hex of the content digest, made
	                        * with the ledger's hash */
	int64_t size;          /* bytes */
	int pages;
	int64_t created_at;
};

/* One line of the catalogue. */
struct catalogue_entry {
	int seq;                          /* 序号, from 1 */
	const struct proc_doc *doc;       /* kind and name */
	const struct case_event *event;   /* the event that produced it */
	const struct case_document *file; /* the generated document, or NULL
	                                   * when the step's record stands for
	                                   * it (笔录 and the like) */
	int first_page;                   /* 页号 of a generated document (they
	                                   * are paged one after another); 0 */
};

struct catalogue {
	struct catalogue_entry *entries;
	size_t n;
	const char **filed;            /* distinct document ids it holds */
	size_t nfiled;
	const struct proc_doc **missing; /* mandatory documents it lacks */
	size_t nmissing;
};

/* Builds the catalogue of a case from its events (by seq) and its
 * generated documents. rendered lists (NULL-terminated) the document ids
 * the system generates: a document of such a kind is held only when its
 * file exists; any other document a step produces is held by the step's
 * event. missing is computed for closing the case now (the mandatory
 * lists of every step taken). Everything is allocated in a. FZ_NOMEM. */
enum fz_err catalogue_build(const struct proc_def *def, const struct case_event *events,
			    size_t nevents, const struct case_document *docs, size_t ndocs,
			    const char *const *rendered, struct arena *a, struct catalogue *out,
			    struct fz_error *e) FZ_MUST_CHECK;

/* The mandatory documents of def that filed (nfiled ids) lacks, given
 * the steps taken in events and, when also is not NULL, that step too
 * (a closing step about to be taken). Writes up to max of them to out in
 * definition order and returns how many lack. */
size_t catalogue_missing(const struct proc_def *def, const struct case_event *events,
			 size_t nevents, const struct proc_step *also, const char *const *filed,
			 size_t nfiled, const struct proc_doc **out, size_t max);

/* The document ids the steps of events produce, each once, as if every
 * one had been generated (tests, and definitions without rendering). */
enum fz_err catalogue_produced(const struct proc_def *def, const struct case_event *events,
			       size_t nevents, struct arena *a, const char ***ids, size_t *n,
			       struct fz_error *e) FZ_MUST_CHECK;

#endif
