/* page_cert_check.c - GET /certificates/check: the public 执法证查询.
 * Anyone may check a number; the answer must be impossible to misread on
 * a phone at the roadside, so each status has its own colour and words,
 * and an unknown number looks nothing like a found certificate, and says
 * where to report a suspected impostor. The number is read as people type
 * it (app_certificate_check normalises it). */
#include "app/people.h"
#include "domain/certificate.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

/* What the holder may do, said plainly under the status word. */
static const char *verdict_text(enum cert_status s)
{
	switch (s) {
	case CERT_VALID: return "该证件真实有效，持证人可在证载执法领域内从事执法活动。";
	case CERT_EXPIRED: return "该证件已超过有效期，持证人不得从事执法活动。";
	case CERT_SUSPENDED: return "该证件已被暂扣，暂扣期间持证人不得从事执法活动。";
	case CERT_REVOKED: return "该证件已注销，持证人不得从事执法活动。";
	case CERT_NOT_YET: return "该证件尚未生效，发证日期之前持证人不得凭此证从事执法活动。";
	}
	return "";
}

static void check_form(struct buf *b, const char *number, const struct fz_error *e)
{
	html_raw(b, "<form class=\"stack narrow\" method=\"get\" action=\"/certificates/check\""
		    " role=\"search\">\n");
	kit_input(b, "text", "number", "执法证号", number,
		  "required maxlength=\"32\" autocomplete=\"off\" inputmode=\"text\" "
		  "placeholder=\"例如 NX05220001\"",
		  e);
	html_raw(b, "<button type=\"submit\">查询</button>\n</form>\n");
}

static void check_result(struct buf *b, const struct public_certificate *c)
{
	html_f(b, "<section class=\"cert-result %s\" aria-live=\"polite\">\n",
	       cert_status_name(c->status));
	html_f(b, "<div class=\"verdict %s\"><strong>%s</strong><p>%s</p></div>\n",
	       cert_status_name(c->status), cert_status_label(c->status),
	       verdict_text(c->status));
	html_raw(b, "<div class=\"cert-card\">\n"
		    "<div class=\"photo\" aria-hidden=\"true\">照片</div>\n<dl class=\"fields\">");
	html_f(b, "<dt>执法证号</dt><dd>%s</dd>", c->number);
	html_f(b, "<dt>持证人</dt><dd>%s</dd>", c->holder_name);
	html_f(b, "<dt>执法主体</dt><dd>%s</dd>", c->agency_name);
	html_raw(b, "<dt>执法领域</dt><dd>");
	kit_domains(b, c->domains);
	html_f(b, "</dd><dt>发证机关</dt><dd>%s</dd>", c->issuer);
	html_f(b, "<dt>发证日期</dt><dd>%s</dd>", c->issued_on);
	html_f(b, "<dt>有效期至</dt><dd>%s</dd>", c->valid_until);
	html_raw(b, "<dt>状态</dt><dd>");
	kit_cert_badge(b, c->status);
	html_raw(b, "</dd></dl>\n</div>\n</section>\n");
}

int page_cert_check(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct public_certificate c;
	const char *number = req_query(r, "number");
	enum fz_err rc = FZ_OK;
	int status = 200;

	if (number) {
		rc = app_certificate_check(&r->ctx, number, &c, &e);
		if (rc != FZ_OK && rc != FZ_NOTFOUND && rc != FZ_INVALID)
			return http_fail_fz(r, rc, &e);
		status = rc == FZ_INVALID ? 400 : 200;
	}
	page_begin(r, &b, "执法证查询");
	html_raw(&b, "<p class=\"lead\">输入行政执法证上的证号，核实执法人员身份和证件状态。"
		     "执法人员执行公务时应主动出示执法证件。</p>\n");
	check_form(&b, number, rc == FZ_INVALID ? &e : NULL);
	if (number && rc == FZ_OK)
		check_result(&b, &c);
	else if (rc == FZ_NOTFOUND)
		html_f(&b,
		       "<section class=\"cert-result unknown\" aria-live=\"polite\">"
		       "<div class=\"verdict unknown\"><strong>查无此证</strong>"
		       "<p>未查到该执法证号“%s”。请核对证号后重新查询；对方无法出示"
		       "有效执法证件的，您有权拒绝接受检查。</p></div>"
		       "<p class=\"report\">怀疑有人冒充执法人员的，可向%s投诉举报，"
		       "或<a href=\"/public/complaints/new\">在网上投诉举报</a>。</p>"
		       "</section>\n",
		       number, app_complaint_contact(&r->ctx));
	html_raw(&b, "<p class=\"hint\">本查询仅核验证件信息。对执法行为有异议的，"
		     "可向当地司法局行政执法监督机构反映，或"
		     "<a href=\"/public/complaints/new\">在网上投诉举报</a>。</p>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}
