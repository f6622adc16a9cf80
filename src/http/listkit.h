/* listkit.h - one working list, the way the admin systems agencies
 * already use lay it out: columns that sort (a click on the header; again
 * reverses), a page size from a fixed set, a jump to any page, filters
 * that live in the URL and survive every sort and page link, and the
 * filtered rows as CSV or XLSX. Everything is links and GET forms: no
 * script needed.
 *
 * Query parameters, besides the list's own filters:
 *   sort=KEY   a column's key (unknown keys: the list's usual order)
 *   dir=desc   reverse (anything else: ascending)
 *   size=N     20, 50 or 100 rows a page (anything else: 20)
 *   page=N     1-based; past the end shows the last page; not a positive
 *              integer: 400 with a plain message; a list whose count
 *              stops (lk_source.more) numbers its pages up to what it
 *              counted and links the next page beyond
 *   limit=N, offset=N  older links: the page size (1..100) and the page
 *              holding that row, when size= and page= are absent
 *   export=csv|xlsx  the file of every filtered row, in the same order,
 *              within the viewer's scope and masking, audited; at most
 *              LIST_EXPORT_MAX rows (more: 400 asking to narrow it)
 *
 * Sorting reaches the SQL only as the store's key (struct list_sort):
 * the column table here maps a URL word to that number. */
#ifndef FZ_HTTP_LISTKIT_H
#define FZ_HTTP_LISTKIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "http/http.h"
#include "store/store.h"

#define LK_DEFAULT_SIZE 20
#define LK_MAX_SIZE 100 /* an older link's limit= at most */
#define LK_MAX_KEEP 24  /* filters a pager's links carry at most */

struct lk_col {
	const char *label; /* the header, in Chinese */
	const char *key;   /* the ?sort= word; NULL: the column does not sort */
	int sort;          /* the store's key for it (enum person_sort ...) */
	bool page_only;    /* links to actions: left out of the files */
};

/* One cell of a row. text must outlive the request's rendering: a
 * literal, or in the request arena. */
struct lk_cell {
	const char *text;  /* plain text; NULL or "" shows "—" on the page */
	const char *href;  /* the page links the text there (files: the text) */
	const char *badge; /* the page shows the text as <span class="badge X"> */
	const char *span;  /* else as <span class="X"> (when not NULL) */
	const char *html;  /* else this trusted markup (built with html_f) */
	bool mono;         /* numbers and codes in a fixed-width font */
};

struct lk_table {
	const char *path;  /* "/officers" */
	const char *title; /* "执法人员" */
	const char *list;  /* "officers": the file's name and the audit's object */
	const struct lk_col *cols;
	size_t ncols;
	const char *const *params; /* the filter's query parameters */
	size_t nparams;
	const char *empty; /* "没有符合条件的人员。" */
};

/* The request's view of the list, read once by lk_serve. */
struct lk_view {
	const struct lk_table *t;
	struct list_sort sort; /* for the store */
	const char *sort_key;  /* the column key in force, NULL: usual order */
	int size;
	int64_t page;          /* 1-based */
};

/* What one list brings: fetch reads one page of the filtered rows in the
 * order asked, with the total that matched (its own errors, a bad filter
 * among them, come back as they are: FZ_INVALID shows the page with the
 * message, status 400; a page may hold fewer rows than asked when the
 * list leaves out rows the viewer may not open: the files read on up to
 * the total); row then describes row i of the page last
 * fetched (file: for a file, where href, badge and html are not used); top (may be NULL) writes what stands above the table (actions,
 * the filter bar: see lk_filter_keep), with the fetch's error when there
 * was one. */
struct lk_source {
	enum fz_err (*fetch)(struct req *r, void *self, struct list_sort sort, struct page pg,
			     size_t *n, int64_t *total, struct fz_error *e);
	void (*row)(struct req *r, void *self, size_t i, bool file, struct lk_cell *cells);
	void (*top)(struct req *r, void *self, const struct lk_view *v, struct buf *b,
		    enum fz_err rc, const struct fz_error *e);
	void *self;
	/* Optional, for a list whose count may stop: the page is fetched with
	 * count_max (struct page), and more says whether the last fetch found
	 * more rows than its total. The page then says "超过 N 条", links the
	 * next page and no last one. Files always count exactly. */
	bool (*more)(void *self);
	int64_t count_max;
};

/* Serves GET t->path: the page, or the file for ?export=. */
int lk_serve(struct req *r, const struct lk_table *t, const struct lk_source *src);

/* The same pager for a list not (yet) served by lk_serve, paged by
 * kit_paging (which reads page= and size= as well as offset= and
 * limit=): its links keep every other query parameter of the request. */
void lk_pager(struct req *r, struct buf *b, struct page pg, int64_t total);
/* The same for a list whose count stopped (page.count_max): more says
 * that more than total matched ("超过 N 条", a next page, no last one). */
void lk_pager_bounded(struct req *r, struct buf *b, struct page pg, int64_t total, bool more);

/* Inside a filter form: hidden fields that keep the sort and the page
 * size when the filters change (the page goes back to 1). */
void lk_filter_keep(struct buf *b, const struct lk_view *v);

#endif
