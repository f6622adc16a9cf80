/* complaint_view.h - what the complaint pages and API share: the words the
 * public reads for a complaint's state and due date, the list filter from
 * the query, and the staff list's columns and cells. */
#ifndef FZ_HTTP_COMPLAINT_VIEW_H
#define FZ_HTTP_COMPLAINT_VIEW_H

#include "app/complaint.h"
#include "base/buf.h"
#include "http/http.h"
#include "http/listkit.h"

/* The state as the complainant reads it (受理中, 正在办理, 已办结 ...). */
const char *complaint_public_state(const struct complaint *c);
/* The due date the complainant may expect a decision or answer by, or
 * NULL when none runs. */
const char *complaint_public_due(const struct complaint *c);
/* ?agency_id=&state=&overdue=&mine= into f (FZ_INVALID naming the
 * parameter). */
enum fz_err complaint_filter_read(struct req *r, struct complaint_filter *f, struct fz_error *e)
	FZ_MUST_CHECK;
/* The working list of complaints (page_complaints.c): its columns, each
 * that sorts with its enum complaint_sort key, and the cells of one
 * complaint, as the list and an indicator's drill-down draw it (file: for
 * a CSV or XLSX file). */
#define COMPLAINT_LIST_NCOLS 7
extern const struct lk_col complaint_list_cols[COMPLAINT_LIST_NCOLS];
void complaint_list_cells(struct req *r, const struct complaint *c, bool file, struct lk_cell *x);

#endif
