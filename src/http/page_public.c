/* page_public.c - the portal's ex-post publicity, no sign-in: published
 * decisions (paged, filtered by agency, kind and date), one decision with
 * the ledger checkpoint that covers it and how to verify it, the public
 * withdrawal log, and an Atom feed of publications and withdrawals. Only
 * what the pipeline published is shown: redacted texts and notices. */
#include <string.h>

#include "app/ledger.h"
#include "app/publication.h"
#include "base/crypto.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/pub_view.h"
#include "http/resp.h"

static void filter_bar(struct req *r, struct buf *b, const char *action,
		       const struct publication_filter *f)
{
	static const struct kit_option kinds[] = {
		{ "", "全部类别" },	     { "penalty", "行政处罚" }, { "permit", "行政许可" },
		{ "inspection", "行政检查" }, { "coercion", "行政强制" },
		{ "normative_document", "行政规范性文件" }, { "major_decision", "重大行政决策" },
	};
	kit_filter_begin(b, action);
	if (f->agency_id)
		html_f(b, "<input type=\"hidden\" name=\"agency_id\" value=\"%lld\">\n",
		       (long long)f->agency_id);
	kit_select(b, "kind", "类别", kinds, sizeof kinds / sizeof kinds[0], f->kind, NULL);
	kit_input(b, "date", "from", "起始日期", req_query(r, "from"), NULL, NULL);
	kit_input(b, "date", "to", "截止日期", req_query(r, "to"), NULL, NULL);
	kit_filter_end(b, action);
}

/* Reads the filter and the page; on bad input answers the error page
 * and returns false (*status set). */
static bool read_query(struct req *r, struct publication_filter *f, struct page *pg, int *status)
{
	struct fz_error e = { 0 };
	if (!kit_paging(r, pg)) {
		*status = 400;
		return false;
	}
	if (pub_filter_read(r, f, &e)) {
		*status = page_error(r, 400, e.message);
		return false;
	}
	/* a province's publications are not counted whole for each page */
	pg->count_max = app_case_count_max(r->ctx.cfg);
	f->newest_first = true;
	return true;
}

int page_public_decisions(struct req *r)
{
	struct publication_filter f;
	struct publication_list l;
	struct page pg;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	int status;
	if (!read_query(r, &f, &pg, &status))
		return status;
	enum fz_err rc = app_publication_list(&r->ctx, &f, true, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "执法决定公示");
	html_raw(&b, "<p class=\"lead\">行政机关依法公开的行政执法决定、规范性文件和重大行政决策"
		     "（附公众意见和专家论证意见的采纳情况）。当事人的身份证号码、"
		     "联系电话、住址等个人信息已按规则隐去；被撤销、变更的决定已撤下，"
		     "见<a href=\"/public/withdrawals\">撤下公示记录</a>。</p>\n");
	html_raw(&b, "<p>开放数据下载：<a href=\"/api/v1/public/open-data/publications.csv\">CSV</a>"
		     " · <a href=\"/api/v1/public/open-data/publications.xlsx\">XLSX</a>"
		     " · <a href=\"/api/v1/public/open-data/publications.json\">JSON</a>"
		     " · <a href=\"/public/feed.atom\">订阅（Atom）</a></p>\n");
	filter_bar(r, &b, "/public/decisions", &f);
	if (l.n == 0)
		html_raw(&b, "<p>没有符合条件的公示。</p>\n");
	html_raw(&b, "<ul class=\"cards\">\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct publication *p = &l.items[i];
		html_f(&b, "<li><h2><a href=\"/public/decisions/%lld\">%s</a></h2>\n<p>",
		       (long long)p->id, p->title);
		html_f(&b, "<a href=\"/public/decisions?agency_id=%lld\">%s</a> · %s · 公示日期 %s",
		       (long long)p->agency_id, p->agency, pub_kind_label(p->kind), p->published_on);
		if (p->status == PUB_WITHDRAWN)
			html_f(&b, " · <strong>已于 %s 撤下</strong>", p->withdrawn_on);
		html_raw(&b, "</p></li>\n");
	}
	html_raw(&b, "</ul>\n");
	lk_pager_bounded(r, &b, pg, l.total, l.total_more);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* Each publish and withdraw record of p with its leaf: the index, the leaf
 * hash, and the link to its inclusion proof at the latest signed
 * checkpoint (size leaves; 0 when none is signed yet). */
static bool ledger_records(struct req *r, struct buf *b, const struct publication *p,
			   int64_t size)
{
	bool covered = true;
	struct publication_event *evs;
	size_t n;
	struct fz_error e = { 0 };
	if (r->ctx.st->ops->publication_events_of(r->ctx.st, r->a, p->id, &evs, &n, &e) || !n)
		return false;
	html_raw(b, "<h3 id=\"ledger-records\">本公示在账本中的记录</h3>\n"
		    "<table class=\"list\" aria-labelledby=\"ledger-records\"><thead><tr>"
		    "<th scope=\"col\">记录</th><th scope=\"col\">账本序号</th>"
		    "<th scope=\"col\">叶哈希</th><th scope=\"col\">包含证明</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		struct ledger_leaf lf;
		if (r->ctx.st->ops->ledger_leaf_find(r->ctx.st, LEDGER_PUBLICATION, evs[i].id, &lf,
						     &e)) {
			covered = false;
			continue;
		}
		char hex[2 * LEDGER_HASH_MAX + 1];
		crypto_hex(lf.leaf_hash, lf.hash_len, hex);
		html_f(b, "<tr><td data-label=\"记录\">%s %s</td><td data-label=\"账本序号\">%lld</td>"
			  "<td data-label=\"叶哈希\"><code class=\"hash\">%s</code></td>"
			  "<td data-label=\"包含证明\">",
		       strcmp(evs[i].action, "withdraw") == 0 ? "撤下" : "发布", evs[i].on,
		       (long long)lf.idx, hex);
		if (lf.idx < size)
			html_f(b, "<a href=\"/api/v1/ledger/proof/inclusion?index=%lld&amp;tree_size=%lld\" "
				  "type=\"application/json\">相对于前 %lld 条记录的证明</a>",
			       (long long)lf.idx, (long long)size, (long long)size);
		else
			html_raw(b, "下一个检查点签署后可取得");
		covered = covered && lf.idx < size;
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table>\n");
	return covered;
}

/* The ledger: this publication's leaves and the latest signed checkpoint,
 * with the way to check one against the other. */
static void ledger_box(struct req *r, struct buf *b, const struct publication *p)
{
	struct ledger_checkpoint_row cp;
	struct fz_error e = { 0 };
	int64_t size = 0;
	bool signed_cp = app_ledger_latest(&r->ctx, &cp, &size, &e) == FZ_OK;
	html_raw(b, "<section aria-labelledby=\"verify\"><h2 id=\"verify\">核验</h2>\n");
	html_f(b, "<p>本公示的发布%s已记入执法全过程记录账本（防篡改的默克尔日志）。</p>\n",
	       p->status == PUB_WITHDRAWN ? "和撤下" : "");
	if (ledger_records(r, b, p, signed_cp ? cp.tree_size : 0))
		html_f(b, "<p><a href=\"/public/decisions/%lld/proof\" download>下载公示证明文件</a>"
			  "（纯文本：上表记录的原始编码、包含证明和带见证副署的签名检查点，"
			  "可用 <code>fazhi verify-publication</code> 离线核验）</p>\n",
		       (long long)p->id);
	else
		html_raw(b, "<p>公示证明文件在下一个检查点签署后可下载。</p>\n");
	if (signed_cp) {
		char root[129];
		crypto_hex(cp.root, cp.root_len, root);
		html_raw(b, "<dl class=\"fields\">");
		html_f(b, "<dt>最新签名检查点</dt><dd>账本前 %lld 条记录</dd>", (long long)cp.tree_size);
		html_raw(b, "<dt>签署时间</dt><dd>");
		kit_time(b, cp.at);
		html_f(b, "</dd><dt>根摘要（%s）</dt><dd><code class=\"hash\">%s</code></dd></dl>\n", cp.hash, root);
	} else {
		html_raw(b, "<p>账本尚未签署检查点。</p>\n");
	}
	html_raw(b, "<p>核验方法：在<a href=\"/ledger\">执法全过程记录公开核验</a>页面取得签名检查点和"
		    "公钥并核对签名；用上表的包含证明，从叶哈希逐级计算到根摘要，与检查点的根摘要比对"
		    "（算法见该页说明）。证明与检查点都可用自己的工具核验，不必信任本站。</p>\n</section>\n");
}

int page_public_decision(struct req *r)
{
	struct publication p;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	enum fz_err rc = app_publication_get(&r->ctx, req_param(r, "id"), true, &p, &e);
	if (rc == FZ_NOTFOUND)
		return page_error(r, 404, "该公示不存在或尚未公开");
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, p.status == PUB_WITHDRAWN ? "已撤下的执法决定" : p.title);
	if (p.status == PUB_WITHDRAWN) {
		html_raw(&b, "<section class=\"flash info\" role=\"status\">\n<h2>撤下公告</h2>\n");
		html_f(&b, "<p>%s公示的“%s”已于 %s 撤下。</p>\n", p.agency, p.title, p.withdrawn_on);
		html_f(&b, "<dl class=\"fields\"><dt>撤下理由</dt><dd>%s</dd>"
			   "<dt>法律依据</dt><dd>%s</dd><dt>原公示日期</dt><dd>%s</dd></dl>\n",
		       p.withdraw_reason, p.withdraw_basis, p.published_on);
		html_raw(&b, "</section>\n");
	} else {
		html_raw(&b, "<dl class=\"fields\">");
		html_f(&b, "<dt>执法主体</dt><dd>%s</dd><dt>类别</dt><dd>%s</dd>", p.agency,
		       pub_kind_label(p.kind));
		if (p.number && *p.number)
			html_f(&b, "<dt>文号</dt><dd>%s</dd>", p.number);
		html_f(&b, "<dt>决定日期</dt><dd>%s</dd><dt>公示日期</dt><dd>%s</dd>", p.decided_on,
		       p.published_on);
		if (p.end_on[0])
			html_f(&b, "<dt>公示截止</dt><dd>%s</dd>", p.end_on);
		html_raw(&b, "</dl>\n");
		char note[128];
		pub_hand_masked_note(p.hand_masked, note, sizeof note);
		if (*note)
			html_f(&b, "<p class=\"muted\" id=\"hand-masked\">%s</p>\n", note);
		html_raw(&b, "<article class=\"decision-text\">\n");
		/* one paragraph per line of the redacted text */
		const char *s = p.text;
		while (s && *s) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);
			html_raw(&b, "<p>");
			char *line = arena_strndup(r->ctx.a, s, n);
			html_esc(&b, line ? line : "");
			html_raw(&b, "</p>\n");
			s = nl ? nl + 1 : s + n;
		}
		html_raw(&b, "</article>\n");
	}
	ledger_box(r, &b, &p);
	html_raw(&b, "<p><a href=\"/public/decisions\">返回执法决定公示</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_withdrawals(struct req *r)
{
	struct publication_filter f;
	struct publication_list l;
	struct page pg;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	int status;
	if (!read_query(r, &f, &pg, &status))
		return status;
	f.withdrawn_only = true;
	enum fz_err rc = app_publication_list(&r->ctx, &f, true, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "撤下公示记录");
	html_raw(&b, "<p class=\"lead\">已公示的行政执法决定被依法变更、撤销或者确认违法、无效的，"
		     "行政机关在三个工作日内撤下并公开说明理由（《中华人民共和国行政处罚法》"
		     "第四十八条第二款）。</p>\n");
	filter_bar(r, &b, "/public/withdrawals", &f);
	html_raw(&b, "<table>\n<caption>撤下记录</caption>\n<thead><tr><th scope=\"col\">决定</th>"
		     "<th scope=\"col\">执法主体</th><th scope=\"col\">原决定撤销、变更日期</th>"
		     "<th scope=\"col\">撤下日期</th><th scope=\"col\">理由</th>"
		     "<th scope=\"col\">依据</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct publication *p = &l.items[i];
		html_f(&b, "<tr><th scope=\"row\"><a href=\"/public/decisions/%lld\">%s</a></th>"
			   "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		       (long long)p->id, p->title, p->agency, p->set_aside_on,
		       p->withdrawn_on[0] ? p->withdrawn_on : "待撤下", p->withdraw_reason,
		       p->withdraw_basis);
	}
	html_raw(&b, "</tbody>\n</table>\n");
	if (l.n == 0)
		html_raw(&b, "<p>没有撤下记录。</p>\n");
	lk_pager_bounded(r, &b, pg, l.total, l.total_more);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* Atom (RFC 4287): the latest 50 publications and withdrawals. */
int page_public_feed(struct req *r)
{
	struct publication_filter f = { .status = -1, .newest_first = true };
	struct publication_list l;
	struct page pg = { 0, 50, .no_total = true }; /* a feed shows no total */
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	f.today = r->ctx.today;
	f.listed_on = true;
	enum fz_err rc = app_publication_list(&r->ctx, &f, true, pg, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	html_raw(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		     "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
		     "<title>" SITE_NAME "：执法决定公示</title>\n"
		     "<id>urn:fazhi:publications</id>\n<link href=\"/public/decisions\"/>\n");
	html_f(&b, "<updated>%sT00:00:00+08:00</updated>\n",
	       l.n ? (l.items[0].withdrawn_on[0] ? l.items[0].withdrawn_on
						  : l.items[0].published_on)
		   : r->ctx.today);
	for (size_t i = 0; i < l.n; i++) {
		const struct publication *p = &l.items[i];
		bool w = p->status == PUB_WITHDRAWN;
		html_f(&b, "<entry>\n<title>%s%s</title>\n", w ? "【撤下】" : "", p->title);
		html_f(&b, "<id>urn:fazhi:publication:%lld:%s</id>\n", (long long)p->id,
		       w ? "withdrawn" : "published");
		html_f(&b, "<link href=\"/public/decisions/%lld\"/>\n", (long long)p->id);
		html_f(&b, "<updated>%sT00:00:00+08:00</updated>\n",
		       w ? p->withdrawn_on : p->published_on);
		html_f(&b, "<author><name>%s</name></author>\n", p->agency);
		if (w)
			html_f(&b, "<summary>撤下理由：%s；依据：%s</summary>\n", p->withdraw_reason,
			       p->withdraw_basis);
		else
			html_f(&b, "<summary>%s · 公示日期 %s</summary>\n", pub_kind_label(p->kind),
			       p->published_on);
		html_raw(&b, "</entry>\n");
	}
	html_raw(&b, "</feed>\n");
	return resp_bytes(r, 200, "application/atom+xml; charset=utf-8", &b);
}
