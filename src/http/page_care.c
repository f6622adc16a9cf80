/* page_care.c - GET /care?mode=on|off&back=/path: the 关怀版 switch.
 * A plain link in every page's header leads here; the choice is kept in
 * a cookie (fz_care) so it holds on every later page, without script and
 * without signing in, and the reader goes back to the page they were on. */
#include <string.h>

#include "http/handlers.h"
#include "http/layout.h"
#include "http/resp.h"

int page_care(struct req *r)
{
	const char *mode = req_query(r, "mode");
	const char *back = resp_local_path(req_query(r, "back"));

	if (!mode || (strcmp(mode, "on") != 0 && strcmp(mode, "off") != 0))
		return page_error(r, 400, "请选择“关怀版”或“标准版”。");
	resp_care_cookie_set(r, strcmp(mode, "on") == 0);
	return resp_redirect(r, back ? back : "/");
}
