/* pagekit.c - see pagekit.h. Fields are named after the API fields, so an
 * error from the app layer (e->field "agency_id") lands next to the input
 * of the same name without a mapping table. */
#include "http/pagekit.h"

#include <string.h>

#include "app/org.h"
#include "app/people.h"
#include "base/date.h"
#include "base/num.h"
#include "domain/certificate.h"
#include "domain/org.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/paging.h"

static bool names_field(const struct fz_error *e, const char *name)
{
	return e && e->message[0] && e->field[0] && strcmp(e->field, name) == 0;
}

void kit_field_error(struct buf *b, const char *name, const struct fz_error *e)
{
	if (names_field(e, name))
		html_f(b, "<p class=\"field-error\" id=\"%s-err\">%s</p>\n", name, e->message);
}

void kit_form_error(struct buf *b, enum fz_err rc, const struct fz_error *e)
{
	if (rc != FZ_OK)
		page_error_box(b, rc, e);
}

static void invalid_attrs(struct buf *b, const char *name, const struct fz_error *e)
{
	if (names_field(e, name))
		html_f(b, " aria-invalid=\"true\" aria-describedby=\"%s-err\"", name);
}

void kit_input(struct buf *b, const char *type, const char *name, const char *label,
	       const char *value, const char *attrs, const struct fz_error *e)
{
	html_f(b, "<div class=\"field\"><label for=\"%s\">%s</label>\n"
		  "<input id=\"%s\" name=\"%s\" type=\"%s\"",
	       name, label, name, name, type);
	if (value && strcmp(type, "password") != 0)
		html_f(b, " value=\"%s\"", value);
	if (attrs) {
		html_raw(b, " ");
		html_raw(b, attrs);
	}
	invalid_attrs(b, name, e);
	html_raw(b, ">\n");
	kit_field_error(b, name, e);
	html_raw(b, "</div>\n");
}

void kit_select(struct buf *b, const char *name, const char *label,
		const struct kit_option *opts, size_t n, const char *selected,
		const struct fz_error *e)
{
	html_f(b, "<div class=\"field\"><label for=\"%s\">%s</label>\n<select id=\"%s\" name=\"%s\"",
	       name, label, name, name);
	invalid_attrs(b, name, e);
	html_raw(b, ">");
	const char *group = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *g = opts[i].group;
		if (group && (!g || strcmp(g, group) != 0)) {
			html_raw(b, "</optgroup>");
			group = NULL;
		}
		if (g && !group) {
			html_f(b, "<optgroup label=\"%s\">", g);
			group = g;
		}
		html_f(b, "<option value=\"%s\"%s>%s</option>", opts[i].value,
		       selected && strcmp(selected, opts[i].value) == 0 ? " selected" : "",
		       opts[i].label);
	}
	if (group)
		html_raw(b, "</optgroup>");
	html_raw(b, "</select>\n");
	kit_field_error(b, name, e);
	html_raw(b, "</div>\n");
}

void kit_datalist_input(struct buf *b, const char *name, const char *label,
			const struct kit_option *opts, size_t n, const char *value,
			const char *attrs, const struct fz_error *e)
{
	html_f(b, "<div class=\"field\"><label for=\"%s\">%s</label>\n"
		  "<input id=\"%s\" name=\"%s\" list=\"%s-list\" autocomplete=\"off\" value=\"%s\"",
	       name, label, name, name, name, value ? value : "");
	if (attrs) {
		html_raw(b, " ");
		html_raw(b, attrs);
	}
	invalid_attrs(b, name, e);
	html_f(b, ">\n<datalist id=\"%s-list\">", name);
	for (size_t i = 0; i < n; i++)
		if (*opts[i].value)
			html_f(b, "<option value=\"%s\"></option>", opts[i].label);
	html_raw(b, "</datalist>\n");
	kit_field_error(b, name, e);
	html_raw(b, "</div>\n");
}

void kit_options_group_sort(struct kit_option *opts, size_t from, size_t n)
{
	/* insertion sort, stable: lists are a few hundred at most */
	for (size_t i = from + 1; i < n; i++) {
		struct kit_option x = opts[i];
		size_t j = i;
		while (j > from && strcmp(opts[j - 1].group ? opts[j - 1].group : "",
					  x.group ? x.group : "") > 0) {
			opts[j] = opts[j - 1];
			j--;
		}
		opts[j] = x;
	}
}

void kit_checkbox(struct buf *b, const char *name, const char *label, bool checked,
		  const struct fz_error *e)
{
	html_f(b, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" "
		  "name=\"%s\" value=\"1\"%s",
	       name, checked ? " checked" : "");
	invalid_attrs(b, name, e);
	html_f(b, "> %s</label>\n", label);
	kit_field_error(b, name, e);
	html_raw(b, "</div>\n");
}

void kit_filter_begin(struct buf *b, const char *action)
{
	html_f(b, "<form class=\"filters\" method=\"get\" action=\"%s\" role=\"search\">\n",
	       action);
}

void kit_filter_end(struct buf *b, const char *clear_href)
{
	html_f(b,
	       "<div class=\"filter-buttons\"><button type=\"submit\">筛选</button> "
	       "<a class=\"button secondary\" href=\"%s\">清除</a></div>\n</form>\n",
	       clear_href);
}

struct kit_option *kit_agency_options(struct req *r, const char *first, size_t *n)
{
	struct agency_list list = { 0 };
	struct fz_error e = { 0 };
	struct agency_filter f = { 0 };
	struct page pg = { .offset = 0, .limit = 200 };

	if (app_agency_list(&r->ctx, &f, pg, &list, &e) != FZ_OK)
		list.n = 0;
	struct kit_option *opts = arena_calloc(r->a, list.n + 1, sizeof *opts);
	*n = 0;
	if (!opts)
		return NULL;
	if (first)
		opts[(*n)++] = (struct kit_option){ "", first };
	/* Agencies of several divisions (a city's bureau, the sysadmin):
	 * one <optgroup> per division, in code order. */
	bool several = false;
	for (size_t i = 1; i < list.n && !several; i++)
		several = strcmp(list.items[i].division_code, list.items[0].division_code) != 0;
	for (size_t i = 1; several && i < list.n; i++) {
		struct agency x = list.items[i];
		size_t j = i;
		while (j > 0 && strcmp(list.items[j - 1].division_code, x.division_code) > 0) {
			list.items[j] = list.items[j - 1];
			j--;
		}
		list.items[j] = x;
	}
	const char *group = NULL, *code = "";
	for (size_t i = 0; i < list.n; i++) {
		if (several && strcmp(code, list.items[i].division_code) != 0) {
			struct division d;
			code = list.items[i].division_code;
			group = app_division_get(&r->ctx, code, &d, &e) == FZ_OK
					? arena_printf(r->a, "%s（%s）", d.name, code)
					: code;
		}
		opts[(*n)++] = (struct kit_option){ kit_id(r, list.items[i].id), list.items[i].name,
						    group };
	}
	return opts;
}

struct kit_option *kit_division_options(struct req *r, const char *first, size_t *n)
{
	struct division_list list = { 0 };
	struct fz_error e = { 0 };
	if (app_division_list(&r->ctx, NULL, (struct page){ 0, 200 }, &list, &e) != FZ_OK)
		list.n = 0;
	struct kit_option *opts = arena_calloc(r->a, list.n + 1, sizeof *opts);
	*n = 0;
	if (!opts)
		return NULL;
	if (first)
		opts[(*n)++] = (struct kit_option){ "", first };
	for (size_t i = 0; i < list.n; i++) {
		const char *label = arena_printf(r->a, "%s（%s）", list.items[i].name,
						 list.items[i].code);
		opts[(*n)++] = (struct kit_option){ list.items[i].code, label ? label : "" };
	}
	return opts;
}

struct kit_option *kit_agency_kind_options(struct req *r, const char *first, size_t *n)
{
	size_t count = 0;
	while (agency_kinds[count])
		count++;
	struct kit_option *opts = arena_calloc(r->a, count + 1, sizeof *opts);
	*n = 0;
	if (!opts)
		return NULL;
	if (first)
		opts[(*n)++] = (struct kit_option){ "", first };
	for (size_t i = 0; i < count; i++)
		opts[(*n)++] = (struct kit_option){ agency_kinds[i],
						    agency_kind_label(agency_kinds[i]) };
	return opts;
}

const char *kit_option_label(const struct kit_option *opts, size_t n, const char *value,
			     const char *dflt)
{
	for (size_t i = 0; value && i < n; i++)
		if (strcmp(opts[i].value, value) == 0)
			return opts[i].label;
	return dflt;
}

const char *kit_query(struct req *r, const char *name)
{
	const char *v = req_query(r, name);
	return v ? v : "";
}

int64_t kit_query_id(struct req *r, const char *name)
{
	int64_t v;
	const char *s = req_query(r, name);
	return s && http_parse_int64(s, 1, INT64_MAX, &v) ? v : 0;
}

const char *kit_form(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	if (!v)
		return "";
	while (*v == ' ' || *v == '\t')
		v++;
	size_t len = strlen(v);
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r' ||
			   v[len - 1] == '\n'))
		len--;
	char *out = arena_strndup(r->a, v, len);
	return out ? out : "";
}

bool kit_form_id(struct req *r, const char *name, int64_t *out)
{
	const char *s = kit_form(r, name);
	*out = 0;
	return !*s || http_parse_int64(s, 1, INT64_MAX, out);
}

bool kit_form_checked(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	return v && *v && strcmp(v, "0") != 0;
}

const char *kit_id(struct req *r, int64_t id)
{
	if (id <= 0)
		return "";
	char *s = arena_printf(r->a, "%lld", (long long)id);
	return s ? s : "";
}

bool kit_may(const struct req *r, enum perm p)
{
	return r->ctx.user && authz_allows(r->ctx.user->roles, p);
}

bool kit_paging(struct req *r, struct page *pg)
{
	struct fz_error e = { 0 };
	const char *size = kit_query(r, "size"), *page = kit_query(r, "page");
	int64_t n;
	if (paging_from_query(r, pg, &e) != FZ_OK) {
		page_error(r, 400, e.message);
		return false;
	}
	/* the pager's own words (listkit.c: lk_pager) */
	if (*size) {
		if (!num_parse_i64(size, 1, PAGING_MAX_LIMIT, &n)) {
			page_error(r, 400, "每页条数应为 1 至 200 之间的整数");
			return false;
		}
		pg->limit = n;
	}
	if (*page) {
		if (!num_parse_i64(page, 1, PAGING_MAX_OFFSET / pg->limit, &n)) {
			page_error(r, 400, "页码应为正整数");
			return false;
		}
		pg->offset = (n - 1) * pg->limit;
	}
	return true;
}

void kit_mask_resident_id(const char *rid, char out[40])
{
	size_t len = rid ? strlen(rid) : 0;
	if (len < 9 || len > 30) {
		memcpy(out, "****", 5);
		return;
	}
	memcpy(out, rid, 4);
	memset(out + 4, '*', len - 8);
	memcpy(out + len - 4, rid + len - 4, 4);
	out[len] = '\0';
}

void kit_domains(struct buf *b, const char *domains)
{
	const char *p = domains ? domains : "";
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		struct buf item = BUF_INIT;
		buf_add(&item, p, n);
		html_esc(b, buf_cstr(&item));
		if (buf_failed(&item))
			b->failed = true;
		buf_release(&item);
		if (!comma)
			break;
		html_raw(b, "、");
		p = comma + 1;
	}
}

void kit_cert_badge(struct buf *b, enum cert_status s)
{
	html_f(b, "<span class=\"badge %s\">%s</span>", cert_status_name(s),
	       cert_status_label(s));
}

void kit_time(struct buf *b, int64_t unix_seconds)
{
	char when[20];
	time_format_local(unix_seconds, when);
	html_f(b, "%s", when);
}

void kit_reviewer_ratio(struct buf *b, const struct reviewer_ratio *rr)
{
	if (rr->officers <= 0) {
		html_raw(b, "<span class=\"muted\">无执法人员</span>");
		return;
	}
	/* One decimal, rounded down, without floating point. */
	long long permille = (long long)(rr->reviewers * 1000 / rr->officers);
	bool ok = reviewer_ratio_ok(rr);
	html_f(b, "<span class=\"ratio %s\">%lld.%lld%%</span> ", ok ? "ok" : "bad",
	       permille / 10, permille % 10);
	html_f(b, "<span class=\"badge %s\">%s</span>", ok ? "ok" : "bad",
	       ok ? "达标" : "不足");
}
