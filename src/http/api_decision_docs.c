/* api_decision_docs.c - the yearly decision catalogue (决策事项目录) as a
 * PDF and as an XLSX workbook, for its agency's staff and (an approved
 * one) for the public (app/decision_docs.c). */
#include <stdio.h>

#include "app/decision_docs.h"
#include "http/handlers.h"
#include "http/resp.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static int answer(struct req *r, bool public, bool xlsx)
{
	struct fz_error e = { 0 };
	struct buf out = BUF_INIT;
	int year = 0;
	int64_t id = req_param(r, "id");
	enum fz_err rc = xlsx ? app_dcat_xlsx(&r->ctx, id, public, &out, &year, &e)
			      : app_dcat_pdf(&r->ctx, id, public, &out, &year, &e);
	if (rc) {
		buf_release(&out);
		return resp_fail(r, rc, &e);
	}
	char disp[112];
	snprintf(disp, sizeof disp, "attachment; filename=\"decision-catalogue-%d-%lld.%s\"", year,
		 (long long)id, xlsx ? "xlsx" : "pdf");
	resp_header(r, "Content-Disposition", disp);
	return resp_bytes(r, 200, xlsx ? XLSX_TYPE : "application/pdf", &out);
}

int api_dcat_pdf(struct req *r) { return answer(r, false, false); }
int api_dcat_xlsx(struct req *r) { return answer(r, false, true); }
int api_public_dcat_pdf(struct req *r) { return answer(r, true, false); }
int api_public_dcat_xlsx(struct req *r) { return answer(r, true, true); }
