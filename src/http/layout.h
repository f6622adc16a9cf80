/* layout.h - the page shell every HTML page shares, and the small boxes
 * pages are built from: flash and error messages, the CSRF field, the
 * workbench menu and the pagination control. */

/* A page handler writes:
 *     struct buf b = BUF_INIT;
 *     page_begin(r, &b, "工作台");
 *     html_f(&b, "<p>%s</p>", text);
 *     page_end(r, &b);
 *     return resp_html(r, 200, &b); */
#ifndef FZ_HTTP_LAYOUT_H
#define FZ_HTTP_LAYOUT_H

#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "http/http.h"
#include "store/store.h"

#define SITE_NAME "法治政府建设信息平台"

enum flash_kind {
	FLASH_OK,    /* a change went through */
	FLASH_INFO,  /* neutral notice */
	FLASH_ERROR, /* something to fix */
};

/* Doctype, head (viewport, /static/fazhi.css), the site header with the
 * 关怀版 switch, the signed-in user's name and a sign-out form, the workbench menu, the
 * opening of <main> and an <h1> with title. */
void page_begin(struct req *r, struct buf *b, const char *title);
/* True when the reader chose the 关怀版 (cookie fz_care, see page_care.c):
 * page_begin then marks <html class="care"> and the stylesheet enlarges
 * text and raises contrast. */
bool page_care_on(struct req *r);
/* Closes <main>, writes the footer, closes the document. */
void page_end(struct req *r, struct buf *b);

/* The menu entries the user's roles allow, as a <ul> of links; the
 * current path is marked aria-current (css_class "tiles" leaves it out).
 * Nothing for anonymous users or while the password must change. */
void page_menu(struct req *r, struct buf *b, const char *css_class);
/* <div class="flash ..."> with message escaped. */
void page_flash(struct buf *b, enum flash_kind kind, const char *message);
/* Shows the notice named by the query parameter msg when it is one of a
 * fixed list ("password_changed", "signed_out" ...): only our own texts
 * ever appear, never text from the URL. */
void page_notice(struct req *r, struct buf *b);
/* A flash error box for e: its message, else the default for rc. */
void page_error_box(struct buf *b, enum fz_err rc, const struct fz_error *e);
/* <input type="hidden" name="csrf" value="…"> for forms that post with
 * the session cookie. Nothing when anonymous. */
void page_csrf_field(struct req *r, struct buf *b);

/* A whole error page with status, a Chinese title for it and message
 * (NULL: a default for the status). Returns status. */
int page_error(struct req *r, int status, const char *message);

/* Chinese label for a status (404 -> 页面不存在). */
const char *page_status_title(int status);

#endif
