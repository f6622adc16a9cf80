/* handlers.h - every route handler, grouped by the file that defines it.
 * A handler gets an authorised request (see router.h), fills r->resp
 * through resp.h or layout.h, and returns the HTTP status it answered. */
#ifndef FZ_HTTP_HANDLERS_H
#define FZ_HTTP_HANDLERS_H

#include "http/http.h"

/* api_health.c */
int api_healthz(struct req *r);
/* asset.c */
int asset_css(struct req *r);
/* api_session.c */
int api_session_create(struct req *r);
int api_session_delete(struct req *r);
/* api_me.c */
int api_me_get(struct req *r);
int api_me_password(struct req *r);

/* -- API handlers of organisation, people, accounts, certificates, audit -- */
/* -- end of API handlers -- */

/* page_home.c */
int page_home(struct req *r);
/* page_login.c */
int page_login_form(struct req *r);
int page_login_submit(struct req *r);
int page_logout(struct req *r);
/* page_workbench.c */
int page_workbench(struct req *r);
/* page_password.c */
int page_password_form(struct req *r);
int page_password_submit(struct req *r);

/* -- management page handlers -- */
/* -- end of page handlers -- */

#endif
