/* api_evaluation.h - JSON of evaluation rounds, files and rectification
 * notices, shared by the API and the pages (api_evaluation.c). */
#ifndef FZ_HTTP_API_EVALUATION_H
#define FZ_HTTP_API_EVALUATION_H

#include <jansson.h>
#include <stdbool.h>

#include "app/evaluation.h"
#include "http/http.h"

json_t *json_eval_round(const struct eval_round *x, bool full);
json_t *json_eval_file(const struct eval_file *f);
json_t *json_notice(struct req *r, const struct rect_notice *n);
/* The notices as a table (number, agency, issued, due, status), or a line
 * saying there are none (page_evaluation.c). */
void notices_table(struct req *r, struct buf *b, const struct rect_notice_list *l);
/* The "marks" array of a scoring request, in r's arena. */
enum fz_err eval_marks_read(struct req *r, json_t *arr, struct eval_mark **out, size_t *n,
			    struct fz_error *e) FZ_MUST_CHECK;

#endif
