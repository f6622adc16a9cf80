/* listkit.c - sortable, paged, filtered lists with CSV and XLSX export
 * (see listkit.h). The page and the file come from the same fetch and row
 * functions, so a file never holds a row or a field the page would not
 * show to that person. */
#include "http/listkit.h"

#include <string.h>

#include "app/listexport.h"
#include "http/form.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/paging.h"
#include "http/resp.h"

static const int sizes[] = { 20, 50, 100 };
#define NSIZES (sizeof sizes / sizeof sizes[0])
#define FETCH_PAGE 200 /* rows a fetch reads while exporting */

/* Reads sort, dir, size and page; false (and a 400 page) on a page that
 * is not a positive integer. Older links' limit= and offset= (the pagers
 * before this one) still work when size= and page= are absent. */
static bool view_read(struct req *r, const struct lk_table *t, struct lk_view *v)
{
	const char *sort = kit_query(r, "sort"), *size = kit_query(r, "size");
	const char *page = kit_query(r, "page"), *limit = kit_query(r, "limit");
	const char *offset = kit_query(r, "offset");
	memset(v, 0, sizeof *v);
	v->t = t;
	v->size = LK_DEFAULT_SIZE;
	v->page = 1;
	for (size_t k = 0; *sort && k < t->ncols; k++)
		if (t->cols[k].key && strcmp(t->cols[k].key, sort) == 0) {
			v->sort_key = t->cols[k].key;
			v->sort.key = t->cols[k].sort;
			v->sort.desc = strcmp(kit_query(r, "dir"), "desc") == 0;
		}
	int64_t n;
	/* the sizes offered, or any the pager itself writes into its links
	 * (an older link's limit=3 gives size=3 on page 2): honoured, so
	 * that page 2 follows page 1; anything else is the default */
	if (*size && http_parse_int64(size, 1, LK_MAX_SIZE, &n))
		v->size = (int)n;
	if (!*size && *limit) {
		if (!http_parse_int64(limit, 1, LK_MAX_SIZE, &n)) {
			page_error(r, 400, "每页条数应为 1 至 100 之间的整数");
			return false;
		}
		v->size = (int)n;
	}
	if (*page && !http_parse_int64(page, 1, 1000000000LL / 100, &v->page)) {
		page_error(r, 400, "页码应为正整数");
		return false;
	}
	if (!*page && *offset) {
		if (!http_parse_int64(offset, 0, 1000000000LL, &n)) {
			page_error(r, 400, "起始位置应为非负整数");
			return false;
		}
		v->page = n / v->size + 1;
	}
	return true;
}

static void param(struct buf *u, bool *first, const char *name, const char *value)
{
	buf_addc(u, *first ? '?' : '&');
	*first = false;
	buf_adds(u, name);
	buf_addc(u, '=');
	url_encode(u, value);
}

/* What a link to the list keeps besides its size and page: the filters
 * and the order (name=value, empty values left out). */
struct keep {
	const char *path;
	const char *name[LK_MAX_KEEP];
	const char *value[LK_MAX_KEEP];
	size_t n;
};

static void keep_add(struct keep *k, const char *name, const char *value)
{
	if (value && *value && k->n < LK_MAX_KEEP) {
		k->name[k->n] = name;
		k->value[k->n++] = value;
	}
}

/* The list's filters with the given order. */
static void keep_of(struct req *r, const struct lk_view *v, const char *sort, bool desc,
		    struct keep *k)
{
	k->path = v->t->path;
	k->n = 0;
	for (size_t i = 0; i < v->t->nparams; i++)
		keep_add(k, v->t->params[i], kit_query(r, v->t->params[i]));
	keep_add(k, "sort", sort);
	if (sort && desc)
		keep_add(k, "dir", "desc");
}

/* The URL of k at size, page and export (page 1 and size 20 left out). */
static void keep_url(const struct keep *k, struct buf *u, int size, int64_t page,
		     const char *export)
{
	bool first = true;
	char num[24];
	buf_adds(u, k->path);
	for (size_t i = 0; i < k->n; i++)
		param(u, &first, k->name[i], k->value[i]);
	if (size != LK_DEFAULT_SIZE) {
		snprintf(num, sizeof num, "%d", size);
		param(u, &first, "size", num);
	}
	if (page > 1) {
		snprintf(num, sizeof num, "%lld", (long long)page);
		param(u, &first, "page", num);
	}
	if (export)
		param(u, &first, "export", export);
}

/* A link to k as keep_url builds it; text is trusted markup. */
static void keep_link(struct buf *b, const struct keep *k, int size, int64_t page,
		      const char *export, const char *attrs, const char *text)
{
	struct buf u = BUF_INIT;
	keep_url(k, &u, size, page, export);
	html_f(b, "<a href=\"%s\"", buf_cstr(&u));
	html_raw(b, attrs ? attrs : "");
	html_raw(b, ">");
	html_raw(b, text);
	html_raw(b, "</a>");
	if (buf_failed(&u))
		b->failed = true;
	buf_release(&u);
}

/* A link to the list in the given order, size, page and export. */
static void link(struct req *r, struct buf *b, const struct lk_view *v, const char *sort,
		 bool desc, int size, int64_t page, const char *export, const char *attrs,
		 const char *text)
{
	struct keep k;
	keep_of(r, v, sort, desc, &k);
	keep_link(b, &k, size, page, export, attrs, text);
}

void lk_filter_keep(struct buf *b, const struct lk_view *v)
{
	if (v->sort_key) {
		html_f(b, "<input type=\"hidden\" name=\"sort\" value=\"%s\">", v->sort_key);
		if (v->sort.desc)
			html_raw(b, "<input type=\"hidden\" name=\"dir\" value=\"desc\">");
	}
	if (v->size != LK_DEFAULT_SIZE)
		html_f(b, "<input type=\"hidden\" name=\"size\" value=\"%d\">", v->size);
}

static void head(struct req *r, struct buf *b, const struct lk_view *v)
{
	html_raw(b, "<thead><tr>");
	for (size_t k = 0; k < v->t->ncols; k++) {
		const struct lk_col *c = &v->t->cols[k];
		bool on = c->key && v->sort_key && strcmp(c->key, v->sort_key) == 0;
		if (!c->key) {
			html_f(b, "<th scope=\"col\" class=\"nosort\">%s</th>", c->label);
			continue;
		}
		html_raw(b, !on		? "<th scope=\"col\">"
			    : v->sort.desc ? "<th scope=\"col\" aria-sort=\"descending\">"
					   : "<th scope=\"col\" aria-sort=\"ascending\">");
		/* the sorted column reverses; another starts ascending */
		struct buf text = BUF_INIT;
		html_f(&text, "%s<span class=\"sort-mark\" aria-hidden=\"true\">%s</span>"
			      "<span class=\"visually-hidden\">%s</span>",
		       c->label, on ? (v->sort.desc ? "▼" : "▲") : "⇅",
		       on ? (v->sort.desc ? "（降序，点击改为升序）" : "（升序，点击改为降序）")
			  : "（点击排序）");
		link(r, b, v, c->key, on && !v->sort.desc, v->size, 1, NULL, NULL, buf_cstr(&text));
		if (buf_failed(&text))
			b->failed = true;
		buf_release(&text);
		html_raw(b, "</th>");
	}
	html_raw(b, "</tr></thead>\n");
}

static void cell_html(struct buf *b, const struct lk_col *c, const struct lk_cell *x)
{
	const char *text = x->text && *x->text ? x->text : "—";
	html_f(b, "<td data-label=\"%s\"", c->label);
	html_raw(b, x->mono ? " class=\"mono\">" : ">");
	if (x->html) {
		html_raw(b, x->html);
		html_raw(b, "</td>");
		return;
	}
	if (x->href)
		html_f(b, "<a href=\"%s\">", x->href);
	if (x->badge)
		html_f(b, "<span class=\"badge %s\">%s</span>", x->badge, text);
	else if (x->span)
		html_f(b, "<span class=\"%s\">%s</span>", x->span, text);
	else
		html_f(b, "%s", text);
	if (x->href)
		html_raw(b, "</a>");
	html_raw(b, "</td>");
}

/* The one pager of fazhi's lists: first, previous, where we are, next,
 * last, and one GET form for the page size and the page to jump to (what
 * k keeps rides along). */
static void pager(struct buf *b, const struct keep *k, int size, int64_t page, int64_t total,
		  bool more)
{
	int64_t pages = total > 0 ? (total + size - 1) / size : 1;
	bool listed = false;
	html_raw(b, "<nav class=\"pager\" aria-label=\"分页\">");
	if (page > 1) {
		keep_link(b, k, size, 1, NULL, " rel=\"first\"", "首页");
		keep_link(b, k, size, page - 1, NULL, " rel=\"prev\"", "上一页");
	}
	/* more: the count stopped at total, so the last page is not known */
	if (more)
		html_f(b, "<span>第 %lld 页，超过 %lld 条</span>", (long long)page,
		       (long long)total);
	else
		html_f(b, "<span>第 %lld / %lld 页，共 %lld 条</span>", (long long)page,
		       (long long)pages, (long long)total);
	if (page < pages || more)
		keep_link(b, k, size, page + 1, NULL, " rel=\"next\"", "下一页");
	if (page < pages && !more)
		keep_link(b, k, size, pages, NULL, " rel=\"last\"", "末页");
	html_f(b, "<form class=\"jump\" method=\"get\" action=\"%s\">", k->path);
	for (size_t i = 0; i < k->n; i++)
		html_f(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", k->name[i],
		       k->value[i]);
	html_raw(b, "<label for=\"pager-size\">每页</label><select id=\"pager-size\" name=\"size\">");
	for (size_t s = 0; s < NSIZES; s++) {
		/* an unusual size (an older link's limit=) keeps its place */
		if (!listed && size < sizes[s]) {
			html_f(b, "<option value=\"%d\" selected>%d 条</option>", size, size);
			listed = true;
		}
		listed |= sizes[s] == size;
		html_f(b, "<option value=\"%d\"%s>%d 条</option>", sizes[s],
		       sizes[s] == size ? " selected" : "", sizes[s]);
	}
	if (!listed)
		html_f(b, "<option value=\"%d\" selected>%d 条</option>", size, size);
	html_raw(b, "</select><label for=\"pager-page\">到第</label><input id=\"pager-page\" "
		    "type=\"number\" name=\"page\" min=\"1\"");
	if (!more)
		html_f(b, " max=\"%lld\"", (long long)pages);
	html_f(b, " value=\"%lld\" inputmode=\"numeric\"><span>页</span><button type=\"submit\" "
		  "class=\"secondary\">跳转</button></form>",
	       (long long)(page <= pages || more ? page : pages));
	html_raw(b, "</nav>\n");
}

struct query_keep {
	struct req *r;
	struct keep *k;
};

static void query_keep_one(void *cls, const char *name, const char *value)
{
	struct query_keep *q = cls;
	static const char *const own[] = { "page", "size", "offset", "limit" };
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		if (strcmp(name, own[i]) == 0)
			return;
	const char *n = arena_strdup(q->r->a, name), *v = arena_strdup(q->r->a, value);
	if (n && v)
		keep_add(q->k, n, v);
}

void lk_pager(struct req *r, struct buf *b, struct page pg, int64_t total)
{
	lk_pager_bounded(r, b, pg, total, false);
}

void lk_pager_bounded(struct req *r, struct buf *b, struct page pg, int64_t total, bool more)
{
	struct keep k = { .path = r->path };
	struct query_keep q = { r, &k };
	int size = pg.limit > 0 && pg.limit <= PAGING_MAX_LIMIT ? (int)pg.limit : LK_DEFAULT_SIZE;
	req_query_each(r, query_keep_one, &q);
	pager(b, &k, size, pg.offset / size + 1, total, more);
}

static void exports(struct req *r, struct buf *b, const struct lk_view *v, int64_t total,
		    bool more)
{
	html_raw(b, "<p class=\"actions exports\">");
	link(r, b, v, v->sort_key, v->sort.desc, v->size, 1, "xlsx",
	     " class=\"button secondary\" download", "导出 XLSX");
	html_raw(b, " ");
	link(r, b, v, v->sort_key, v->sort.desc, v->size, 1, "csv",
	     " class=\"button secondary\" download", "导出 CSV");
	if (more)
		html_f(b, " <span class=\"hint\">导出当前筛选条件下的全部记录（超过 %lld 条，不止本页）",
		       (long long)total);
	else
		html_f(b, " <span class=\"hint\">导出当前筛选条件下的全部 %lld 条（不止本页）",
		       (long long)total);
	if (more || total > LIST_EXPORT_MAX)
		html_f(b, "；超过一次导出的上限 %d 条，请先增加筛选条件", LIST_EXPORT_MAX);
	html_raw(b, "</span></p>\n");
}

/* The filters as people read them, for the audit record: "kind=officer". */
static const char *filters_text(struct req *r, const struct lk_view *v)
{
	struct buf u = BUF_INIT;
	for (size_t i = 0; i < v->t->nparams; i++) {
		const char *val = kit_query(r, v->t->params[i]);
		if (*val)
			buf_addf(&u, "%s%s=%s", u.len ? " " : "", v->t->params[i], val);
	}
	if (v->sort_key)
		buf_addf(&u, "%ssort=%s%s", u.len ? " " : "", v->sort_key,
			 v->sort.desc ? " desc" : "");
	const char *s = buf_failed(&u) ? "" : arena_strdup(r->a, buf_cstr(&u));
	buf_release(&u);
	return s ? s : "";
}

static int serve_file(struct req *r, const struct lk_view *v, const struct lk_source *src,
		      enum list_format fmt)
{
	struct fz_error e = { 0 };
	size_t ncols = 0, n = 0, rows = 0, cap = 0;
	int64_t total = 0;
	const char **cells = NULL;
	for (size_t k = 0; k < v->t->ncols; k++)
		ncols += !v->t->cols[k].page_only;
	struct lk_cell *one = arena_alloc(r->a, v->t->ncols * sizeof *one);
	enum fz_err rc = one ? FZ_OK : FZ_NOMEM;
	for (int64_t off = 0; !rc; off += FETCH_PAGE) {
		rc = src->fetch(r, src->self, v->sort, (struct page){ off, FETCH_PAGE }, &n, &total,
				&e);
		if (rc)
			break;
		if (total > LIST_EXPORT_MAX)
			return page_error(r, 400, list_export_too_long(r->a, total));
		if (!cells) {
			cap = (size_t)total + 1;
			if (!(cells = arena_alloc(r->a, cap * ncols * sizeof *cells))) {
				rc = FZ_NOMEM;
				break;
			}
		}
		/* rows added meanwhile beyond the first count stay out */
		for (size_t i = 0; i < n && rows < cap; i++, rows++) {
			memset(one, 0, v->t->ncols * sizeof *one);
			src->row(r, src->self, i, true, one);
			for (size_t k = 0, j = 0; k < v->t->ncols; k++)
				if (!v->t->cols[k].page_only)
					cells[rows * ncols + j++] = one[k].text;
		}
		/* by the count, not the rows read: a list that leaves out rows
		 * the viewer may not open (an indicator's side) reads on */
		if (off + FETCH_PAGE >= total)
			break;
	}
	if (rc)
		return http_fail_fz(r, rc, &e);
	const char **head = arena_alloc(r->a, ncols * sizeof *head);
	if (!head)
		return http_fail_fz(r, FZ_NOMEM, NULL);
	for (size_t k = 0, j = 0; k < v->t->ncols; k++)
		if (!v->t->cols[k].page_only)
			head[j++] = v->t->cols[k].label;
	struct list_grid g = { head, cells, rows, ncols };
	struct buf out = BUF_INIT;
	rc = app_list_export(&r->ctx, v->t->list, filters_text(r, v), &g, fmt, &out, &e);
	if (rc) {
		buf_release(&out);
		return http_fail_fz(r, rc, &e);
	}
	const char *ext = fmt == LIST_CSV ? "csv" : "xlsx";
	const char *disp = arena_printf(r->a, "attachment; filename=\"%s-%.4s%.2s%.2s.%s\"",
					v->t->list, r->ctx.today, r->ctx.today + 5,
					r->ctx.today + 8, ext);
	if (disp)
		resp_header(r, "Content-Disposition", disp);
	return resp_bytes(r, 200,
			  fmt == LIST_CSV ? "text/csv; charset=utf-8"
					  : "application/vnd.openxmlformats-officedocument."
					    "spreadsheetml.sheet",
			  &out);
}

int lk_serve(struct req *r, const struct lk_table *t, const struct lk_source *src)
{
	struct lk_view v;
	struct fz_error e = { 0 };
	size_t n = 0;
	int64_t total = 0;
	if (!view_read(r, t, &v))
		return r->resp.status;
	const char *export = kit_query(r, "export");
	if (strcmp(export, "csv") == 0)
		return serve_file(r, &v, src, LIST_CSV);
	if (strcmp(export, "xlsx") == 0)
		return serve_file(r, &v, src, LIST_XLSX);
	if (*export)
		return page_error(r, 400, "导出格式应为 CSV 或 XLSX");

	struct page pg = { (v.page - 1) * v.size, v.size, .count_max = src->more ? src->count_max : 0 };
	enum fz_err rc = src->fetch(r, src->self, v.sort, pg, &n, &total, &e);
	if (!rc && n == 0 && total > 0 && v.page > 1) {
		/* past the end: the last page */
		v.page = (total + v.size - 1) / v.size;
		pg.offset = (v.page - 1) * v.size;
		rc = src->fetch(r, src->self, v.sort, pg, &n, &total, &e);
	}
	if (rc && rc != FZ_INVALID)
		return http_fail_fz(r, rc, &e);

	struct buf b = BUF_INIT;
	page_begin(r, &b, t->title);
	page_notice(r, &b);
	if (src->top)
		src->top(r, src->self, &v, &b, rc, rc ? &e : NULL);
	if (rc) {
		kit_form_error(&b, rc, &e);
		page_end(r, &b);
		return resp_html(r, 400, &b);
	}
	if (n == 0) {
		html_f(&b, "<p class=\"empty\">%s</p>\n", t->empty);
		page_end(r, &b);
		return resp_html(r, 200, &b);
	}
	bool more = src->more && src->more(src->self);
	exports(r, &b, &v, total, more);
	struct lk_cell *cells = arena_alloc(r->a, t->ncols * sizeof *cells);
	if (!cells) {
		buf_release(&b);
		return http_fail_fz(r, FZ_NOMEM, NULL);
	}
	html_raw(&b, "<table class=\"list sortable\">");
	head(r, &b, &v);
	html_raw(&b, "<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		memset(cells, 0, t->ncols * sizeof *cells);
		src->row(r, src->self, i, false, cells);
		html_raw(&b, "<tr>");
		for (size_t k = 0; k < t->ncols; k++)
			cell_html(&b, &t->cols[k], &cells[k]);
		html_raw(&b, "</tr>\n");
	}
	html_raw(&b, "</tbody></table>\n");
	struct keep k;
	keep_of(r, &v, v.sort_key, v.sort.desc, &k);
	pager(&b, &k, v.size, v.page, total, more);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
