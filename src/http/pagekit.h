/* pagekit.h - the building blocks of the management pages: form fields
 * that keep the user's input and show their own error, filter bars,
 * <select> options, status badges, masked ID numbers, and reading ids and
 * texts from queries and forms. All output goes through html_f(). */
#ifndef FZ_HTTP_PAGEKIT_H
#define FZ_HTTP_PAGEKIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/authz.h"
#include "base/buf.h"
#include "base/err.h"
#include "domain/model.h"
#include "http/http.h"
#include "store/store.h"

/* One choice of a <select>; value "" is the "any" / "none" choice.
 * group (NULL: none) puts it in an <optgroup> of that label: options of
 * one group must be next to each other (a long list of people or units
 * grouped by agency and unit). */
struct kit_option {
	const char *value;
	const char *label;
	const char *group;
};

/* Form fields. e (may be NULL) is the error the form is re-shown with:
 * when e->field equals name, the message appears under the field and the
 * field is marked aria-invalid. attrs is a trusted literal of extra
 * attributes ("required maxlength=\"60\"") or NULL; value may be NULL. */
void kit_input(struct buf *b, const char *type, const char *name, const char *label,
	       const char *value, const char *attrs, const struct fz_error *e);
void kit_select(struct buf *b, const char *name, const char *label,
		const struct kit_option *opts, size_t n, const char *selected,
		const struct fz_error *e);
/* A text input with a <datalist> of opts' labels, for a choice among
 * too many for a <select> (hundreds of people): the browser offers the
 * labels as the user types, and the server resolves what comes back
 * (the label, or a name typed by hand) against the record. */
void kit_datalist_input(struct buf *b, const char *name, const char *label,
			const struct kit_option *opts, size_t n, const char *value,
			const char *attrs, const struct fz_error *e);
/* Sorts opts[from..n) by group label, keeping the order within a group
 * (so that kit_select can put each group in one <optgroup>). */
void kit_options_group_sort(struct kit_option *opts, size_t from, size_t n);
void kit_checkbox(struct buf *b, const char *name, const char *label, bool checked,
		  const struct fz_error *e);
/* The error line of field name, when e names it. */
void kit_field_error(struct buf *b, const char *name, const struct fz_error *e);
/* The top-of-form error box for rc (nothing when rc is FZ_OK). */
void kit_form_error(struct buf *b, enum fz_err rc, const struct fz_error *e);

/* A GET filter bar: kit_filter_begin, inputs without errors, then
 * kit_filter_end with the "clear" link (the list without a query). */
void kit_filter_begin(struct buf *b, const char *action);
void kit_filter_end(struct buf *b, const char *clear_href);

/* The agencies in the caller's scope (up to 200) as options, after an
 * optional first option ("" value, label first; NULL for none). *n is
 * the count; never NULL unless out of memory (then *n is 0). */
struct kit_option *kit_agency_options(struct req *r, const char *first, size_t *n);
/* Registered divisions (up to 200) as "海原县（640522）", and the agency
 * kinds with their Chinese labels; same conventions. */
struct kit_option *kit_division_options(struct req *r, const char *first, size_t *n);
struct kit_option *kit_agency_kind_options(struct req *r, const char *first, size_t *n);
/* The label of value in opts, or dflt. */
const char *kit_option_label(const struct kit_option *opts, size_t n, const char *value,
			     const char *dflt);

/* Reading input. kit_query and kit_form never return NULL ("" when
 * absent); kit_form trims surrounding ASCII spaces. kit_query_id is the
 * parameter as a positive id, or 0 when absent or not one. */
const char *kit_query(struct req *r, const char *name);
int64_t kit_query_id(struct req *r, const char *name);
const char *kit_form(struct req *r, const char *name);
/* A form id field: "" gives 0; false when it is not a positive integer. */
bool kit_form_id(struct req *r, const char *name, int64_t *out);
bool kit_form_checked(struct req *r, const char *name);
/* An id as a decimal string in the request arena ("" for 0). */
const char *kit_id(struct req *r, int64_t id);

/* True when the signed-in user's roles hold p (for showing a link or a
 * form; the router and the app layer still decide). */
bool kit_may(const struct req *r, enum perm p);

/* Reads ?offset and ?limit, then the pager's ?size (1..200, the limit)
 * and ?page (from 1, the offset); on a bad value answers a 400 page and
 * returns false. */
bool kit_paging(struct req *r, struct page *pg);

/* Display. */
/* "6405**********1234": the first four and last four characters. */
void kit_mask_resident_id(const char *rid, char out[40]);
/* A comma-separated list shown with "、". */
void kit_domains(struct buf *b, const char *domains);
/* <span class="badge ...">有效</span>. */
void kit_cert_badge(struct buf *b, enum cert_status s);
/* "YYYY-MM-DD HH:MM:SS" in China time. */
void kit_time(struct buf *b, int64_t unix_seconds);
/* The 法制审核人员 share of one agency: "8.3%" and a badge 达标 (green)
 * or 不足 (red), or "无执法人员" when it has no officers. */
void kit_reviewer_ratio(struct buf *b, const struct reviewer_ratio *rr);

#endif
