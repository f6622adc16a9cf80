/* page_cert_card.c - GET /certificates/{id}/card: a certificate as a
 * printable card with a QR code. The code holds the absolute address of
 * the public check for this number, so a citizen facing an officer scans
 * it with a phone and sees the live status, not what the card says. */
#include <string.h>

#include "app/people.h"
#include "domain/certificate.h"
#include "http/form.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/qrsvg.h"
#include "http/resp.h"

/* A Host header we may write back: a name or address and a port. */
static bool host_ok(const char *h)
{
	size_t n = h ? strlen(h) : 0;
	if (n == 0 || n > 200)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = h[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
			return false;
	}
	return true;
}

/* The public check's absolute address for number: --public-url when set,
 * else the address this request came to (the card page is signed-in, so
 * the Host is the staff's own view of the portal). */
static void check_url(struct req *r, struct buf *u, const char *number)
{
	const char *base = r->ctx.cfg ? r->ctx.cfg->public_url : NULL;
	const char *host = req_header(r, "Host");
	if (base && *base)
		buf_adds(u, base);
	else
		buf_addf(u, "%s://%s", r->ctx.cfg && r->ctx.cfg->cookie_secure ? "https" : "http",
			 host_ok(host) ? host : "127.0.0.1");
	buf_adds(u, "/certificates/check?number=");
	url_encode(u, number);
}

int page_cert_card(struct req *r)
{
	struct buf b = BUF_INIT, url = BUF_INIT;
	struct fz_error e = { 0 };
	struct certificate c;
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_certificate_get(&r->ctx, id, &c, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	check_url(r, &url, c.number);
	if (buf_failed(&url)) {
		buf_release(&url);
		return http_fail_fz(r, FZ_NOMEM, NULL);
	}

	page_begin(r, &b, "执法证卡片");
	html_f(&b, "<p class=\"hint no-print\">用浏览器的“打印”功能打印本卡片（只打印卡片）。"
		   "扫描二维码即打开执法证公开查询，显示证件的当前状态。</p>\n"
		   "<p class=\"actions no-print\"><a class=\"button secondary\" "
		   "href=\"/certificates/%lld\">返回执法证详情</a></p>\n",
	       (long long)c.id);
	html_raw(&b, "<article class=\"print-card\" aria-labelledby=\"card-title\">\n"
		     "<h2 id=\"card-title\">中华人民共和国行政执法证</h2>\n<div class=\"cert-card\">\n"
		     "<div class=\"photo\" aria-hidden=\"true\">照片</div>\n<dl class=\"fields\">");
	html_f(&b, "<dt>姓名</dt><dd>%s</dd><dt>执法证号</dt><dd class=\"mono\">%s</dd>"
		   "<dt>执法主体</dt><dd>%s</dd><dt>执法领域</dt><dd>",
	       c.holder_name, c.number, c.agency_name);
	kit_domains(&b, c.domains);
	html_f(&b, "</dd><dt>发证机关</dt><dd>%s</dd><dt>有效期</dt><dd>%s 至 %s</dd>"
		   "<dt>当前状态</dt><dd>",
	       c.issuer, c.issued_on, c.valid_until);
	kit_cert_badge(&b, certificate_status(&c, r->ctx.today));
	html_raw(&b, "</dd></dl>\n</div>\n<figure class=\"qr\">");
	html_f(&b, "<a class=\"qr-link\" href=\"%s\">", buf_cstr(&url));
	if (!qr_svg(&b, buf_cstr(&url), "执法证查询二维码"))
		html_raw(&b, "<span class=\"muted\">二维码生成失败</span>");
	html_f(&b, "</a><figcaption>扫码核验执法证<br><span class=\"mono\">%s</span></figcaption>"
		   "</figure>\n</article>\n",
	       buf_cstr(&url));
	buf_release(&url);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
