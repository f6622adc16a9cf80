/* page_ledger.h - the ledger for people: the public page (GET /ledger)
 * and the case page's section naming each record's place in the ledger. */
#ifndef FZ_HTTP_PAGE_LEDGER_H
#define FZ_HTTP_PAGE_LEDGER_H

#include "app/case.h"
#include "base/buf.h"
#include "http/http.h"

/* "账本记录": each event, evidence item and document of the case with its
 * leaf index and whether a signed / witnessed checkpoint covers it. */
void case_ledger_section(struct req *r, struct buf *b, const struct case_view *v);

#endif
