/* page_ledger.c - GET /ledger, public (no sign-in): the latest checkpoint
 * with its cosignatures, and how anyone checks a decision, a case bundle
 * or the whole record with their own tools; a published decision's
 * publication proof file (GET /public/decisions/{id}/proof and
 * /api/v1/public/publications/{id}/proof); and the case page's ledger
 * section (page_ledger.h). */
#include "http/page_ledger.h"

#include <string.h>

#include "app/bundle_publication.h"
#include "app/evidence.h"
#include "app/ledger.h"
#include "app/ledger_note.h"
#include "base/crypto.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

static void checkpoint_block(struct req *r, struct buf *b,
			     const struct ledger_checkpoint_row *row,
			     const struct ledger_coverage *cov, int64_t size)
{
	char root[2 * sizeof row->root + 1];
	struct buf note = BUF_INIT, vkey = BUF_INIT, sm2 = BUF_INIT;
	struct fz_error e = { 0 };
	crypto_hex(row->root, row->root_len, root);
	html_raw(b, "<section class=\"ledger-checkpoint\">\n<h2>最新检查点</h2>\n<dl class=\"fields\">");
	html_f(b, "<dt>日志名称</dt><dd>%s</dd>", row->origin[0] ? row->origin : "（旧格式）");
	html_f(b, "<dt>记录数</dt><dd>%lld</dd>", (long long)row->tree_size);
	html_f(b, "<dt>根（%s）</dt><dd class=\"text\">%s</dd>", row->hash, root);
	html_raw(b, "<dt>签署时间</dt><dd>");
	kit_time(b, row->at);
	html_f(b, "</dd><dt>账本现有记录</dt><dd>%lld 条</dd>", (long long)size);
	app_ledger_vkey(row, &vkey);
	app_ledger_sm2_vkey(row, &sm2);
	if (vkey.len)
		html_f(b, "<dt>日志公钥（Ed25519）</dt><dd class=\"text\"><code>%s</code></dd>",
		       buf_cstr(&vkey));
	if (sm2.len)
		html_f(b, "<dt>日志公钥（SM2）</dt><dd class=\"text\"><code>%s</code></dd>",
		       buf_cstr(&sm2));
	html_raw(b, "<dt>见证</dt><dd>");
	if (cov->witnessed_size)
		html_f(b, "记录数 %lld 及之前的记录已由见证方副署", (long long)cov->witnessed_size);
	else
		html_raw(b, "尚无见证方副署");
	html_raw(b, "</dd></dl>\n");
	struct ledger_cosig_list cs;
	if (r->ctx.st->ops->cosig_list(r->ctx.st, r->ctx.a, row->id, &cs, &e) == FZ_OK && cs.n) {
		html_raw(b, "<h3>见证方副署</h3>\n<ul class=\"plain\">\n");
		for (size_t i = 0; i < cs.n; i++) {
			uint64_t t = 0;
			for (int k = 0; k < 8; k++)
				t = (t << 8) | cs.items[i].signature[k];
			html_f(b, "<li>%s · 副署于 ", cs.items[i].name);
			kit_time(b, (int64_t)t);
			html_raw(b, "</li>\n");
		}
		html_raw(b, "</ul>\n");
	}
	if (row->origin[0] && app_ledger_note(&r->ctx, row, true, &note, &e) == FZ_OK)
		html_f(b, "<h3>签名文本（C2SP 格式）</h3>\n<pre class=\"text\">%s</pre>\n"
			  "<p><a href=\"/ledger/checkpoint\">下载最新检查点</a> · "
			  "<a href=\"/api/v1/ledger/checkpoints\">全部检查点（JSON）</a></p>\n",
		       buf_cstr(&note));
	html_raw(b, "</section>\n");
	buf_release(&note);
	buf_release(&vkey);
	buf_release(&sm2);
}

static void howto(struct buf *b, const char *vkey)
{
	const char *k = vkey && *vkey ? vkey : "<日志公钥>";
	html_raw(b, "<section class=\"ledger-howto\">\n<h2>如何自行核验</h2>\n");
	html_raw(b, "<p>以下核验都不需要信任本机关的服务器：只需上面公布的日志公钥、检查点，"
		    "以及见证方（如市司法局）另行公布的副署公钥。</p>\n<ol>\n");
	html_raw(b, "<li><strong>保存检查点。</strong>"
		    "<pre class=\"text\">curl -o checkpoint.txt https://本门户地址/ledger/checkpoint</pre>"
		    "今后任何核验都可以用它比对：账本只能增加，不能改写。</li>\n");
	html_f(b, "<li><strong>核验案卷包</strong>（当事人、法院、复议机关收到的案卷包）："
		  "<pre class=\"text\">fazhi verify-bundle 案卷包文件 --key '%s' --checkpoint checkpoint.txt</pre>"
		  "逐项重算事件、证据和文书的摘要，按包含证明核对检查点的根和签名。</li>\n",
		  k);
	html_f(b, "<li><strong>核验一项公示的执法决定</strong>：在<a href=\"/public/decisions\">执法决定公示</a>"
		  "中打开该决定，下载"
		  "“公示证明文件”（<code>/public/decisions/编号/proof</code>），它包含账本中这项决定的"
		  "发布和撤下记录、每条记录的包含证明、带见证方副署的签名检查点。用本系统的命令行核验："
		  "<pre class=\"text\">fazhi verify-publication 证明文件 --key '%s' \\\n"
		  "    --witness '<见证方副署公钥>'</pre>"
		  "它重算每条记录的叶哈希，按包含证明核对检查点的根，核对签名和副署，并列出记录所载的"
		  "发布、撤下日期和公示文本的摘要。文本被改动、拼入其他决定的记录、证明或签名不对、"
		  "见证不足、撤下记录被隐去，都会指明。</li>\n",
		  k);
	html_raw(b, "<li><strong>不用本系统手工核验</strong>：证明文件是纯文本，格式见 docs/LEDGER.md。"
		    "每条 <code>record</code> 行末尾是记录的编码（十六进制）；计算其摘要 D（SM3 或 SHA-256，"
		    "见检查点第 4 行），叶数据为 <code>02 07</code>、记录编号（8 字节）、记录时间（8 字节）和 D，"
		    "叶哈希为 H(00 || 叶数据)；再按 <code>proof</code> 行逐级计算 H(01 || 左 || 右)，"
		    "结果应等于检查点的根；最后用公布的公钥核对检查点的 Ed25519 签名。</li>\n");
	html_raw(b, "<li><strong>核验一份决定书</strong>：计算 PDF 文件的摘要，"
		    "<pre class=\"text\">openssl dgst -sm3 决定书.pdf</pre>"
		    "在 <a href=\"/api/v1/ledger/leaves\">/api/v1/ledger/leaves</a> 中找到摘要相同、"
		    "类别为 document 的记录及其序号 I，取包含证明 "
		    "<code>/api/v1/ledger/proof/inclusion?tree_size=N&amp;index=I</code>，"
		    "按 RFC 9162 用检查点的根（记录数 N）核对。</li>\n");
	html_f(b, "<li><strong>核验整个账本</strong>（持有数据库副本的上级机关、审计机关）："
		  "<pre class=\"text\">fazhi verify --db 数据库 --key '%s' \\\n"
		  "    --checkpoint checkpoint.txt --witness '<见证方副署公钥>'</pre>"
		  "账本被改写后即使用本机密钥重新签名，也会因与已公布的检查点或见证方副署不符而被发现。</li>\n",
		  k);
	html_raw(b, "</ol>\n<p class=\"hint\">格式说明见 docs/LEDGER.md；检查点采用 C2SP "
		    "tlog-checkpoint 格式，现有的透明日志见证与监督工具可以直接读取。</p>\n</section>\n");
}

int page_ledger(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct ledger_checkpoint_row row;
	struct ledger_coverage cov;
	int64_t size = 0;
	enum fz_err rc = app_ledger_latest(&r->ctx, &row, &size, &e);
	if (rc && rc != FZ_NOTFOUND)
		return http_fail_fz(r, rc, &e);
	if (!rc && (rc = app_ledger_coverage(&r->ctx, &cov, &e)))
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "执法全过程记录公开核验");
	html_raw(&b, "<p class=\"lead\">本机关每一个执法事件、每一份证据材料和执法文书都记入一本只能追加的"
		     "账本（默克尔树）。账本定期签署检查点，并由其他机关见证副署；任何人都可以用自己的工具"
		     "核验记录是否完整、是否被改动。</p>\n");
	struct buf vkey = BUF_INIT;
	if (rc == FZ_NOTFOUND) {
		html_raw(&b, "<p class=\"empty\">账本尚未签署检查点。</p>\n");
	} else {
		checkpoint_block(r, &b, &row, &cov, size);
		app_ledger_vkey(&row, &vkey);
	}
	howto(&b, buf_cstr(&vkey));
	buf_release(&vkey);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* One row of the case's ledger table. */
static void coverage_row(struct buf *b, const char *what, int64_t idx,
			 const struct ledger_coverage *cov)
{
	html_f(b, "<tr><td>%s</td>", what);
	if (idx < 0) {
		html_raw(b, "<td>—</td><td><span class=\"badge bad\">未记入账本</span></td></tr>\n");
		return;
	}
	html_f(b, "<td>%lld</td><td>", (long long)idx);
	if (idx < cov->witnessed_size)
		html_raw(b, "<span class=\"badge ok\">已见证</span>");
	else if (idx < cov->signed_size)
		html_raw(b, "<span class=\"badge\">已签署，待见证</span>");
	else
		html_raw(b, "<span class=\"badge warn\">待签署检查点</span>");
	html_raw(b, "</td></tr>\n");
}

void case_ledger_section(struct req *r, struct buf *b, const struct case_view *v)
{
	struct ledger_coverage cov;
	struct fz_error e = { 0 };
	struct case_document_list docs = { 0 };
	struct evidence_list evs = { 0 };
	struct case_header_list hs = { 0 };
	html_raw(b, "<h2 id=\"ledger\">账本记录</h2>\n");
	if (app_ledger_coverage(&r->ctx, &cov, &e) != FZ_OK ||
	    r->ctx.st->ops->case_headers(r->ctx.st, r->ctx.a, v->c.id, &hs, &e) != FZ_OK ||
	    r->ctx.st->ops->document_list(r->ctx.st, r->ctx.a, &r->ctx.scope, v->c.id, &docs, &e) !=
		    FZ_OK ||
	    app_evidence_list(&r->ctx, v->c.id, (struct page){ .offset = 0, .limit = 200 }, &evs,
			      &e) != FZ_OK) {
		html_f(b, "<p class=\"error\">暂时无法读取本案的账本记录：%s</p>\n", e.message);
		return;
	}
	html_raw(b, "<p class=\"hint\">每项记录在账本中的序号，"
		    "以及覆盖它的检查点是否已由见证方副署。核验方法见"
		    "<a href=\"/ledger\">账本公开核验</a>。</p>\n"
		    "<table class=\"list\"><thead><tr><th>记录</th><th>账本序号</th><th>状态</th></tr>"
		    "</thead><tbody>\n");
	for (size_t i = 0; i < hs.n; i++) {
		const char *what = arena_printf(r->a, "%s第 %d 版", ledger_kind_name(LEDGER_CASE_HEADER),
						hs.items[i].seq);
		coverage_row(b, what,
			     app_ledger_leaf_index(&r->ctx, LEDGER_CASE_HEADER, hs.items[i].id), &cov);
	}
	for (size_t i = 0; i < v->events.n; i++) {
		const struct case_event *ev = &v->events.items[i];
		const char *what = arena_printf(r->a, "%s第 %d 项（%s）",
						ledger_kind_name(LEDGER_CASE_EVENT), ev->seq, ev->on);
		coverage_row(b, what, app_ledger_leaf_index(&r->ctx, LEDGER_CASE_EVENT, ev->id), &cov);
	}
	for (size_t i = 0; i < evs.n; i++) {
		const char *what = arena_printf(r->a, "%s“%s”", ledger_kind_name(LEDGER_EVIDENCE),
						evs.items[i].file_name);
		coverage_row(b, what, app_ledger_leaf_index(&r->ctx, LEDGER_EVIDENCE, evs.items[i].id),
			     &cov);
	}
	for (size_t i = 0; i < docs.n; i++) {
		const char *what = arena_printf(r->a, "%s《%s》%s", ledger_kind_name(LEDGER_DOCUMENT),
						docs.items[i].title, docs.items[i].number);
		coverage_row(b, what, app_ledger_leaf_index(&r->ctx, LEDGER_DOCUMENT, docs.items[i].id),
			     &cov);
	}
	html_raw(b, "</tbody></table>\n");
}

/* The proof file of publication {id}, as a download; the error through
 * fail (a page or a JSON error). */
static int proof_answer(struct req *r, bool page)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	int64_t id = req_param(r, "id");
	enum fz_err rc = app_publication_proof(&r->ctx, id, &b, &e);
	if (rc) {
		buf_release(&b);
		if (!page)
			return resp_fail(r, rc, &e);
		if (rc == FZ_NOTFOUND)
			return page_error(r, 404, "该公示不存在或尚未公开");
		return rc == FZ_CONFLICT ? page_error(r, 409, e.message) : http_fail_fz(r, rc, &e);
	}
	char disp[96];
	snprintf(disp, sizeof disp, "attachment; filename=\"publication-%lld.proof.txt\"",
		 (long long)id);
	resp_header(r, "Content-Disposition", disp);
	return resp_bytes(r, 200, "text/plain; charset=utf-8", &b);
}

int page_public_decision_proof(struct req *r) { return proof_answer(r, true); }
int api_public_publication_proof(struct req *r) { return proof_answer(r, false); }
