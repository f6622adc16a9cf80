/* page_home.c - GET /: the public front page. Says what the platform is
 * and leads the public to the certificate check, the search and the
 * publications of decisions, and the ledger, staff to sign-in. It links
 * only to pages that exist (the browser tests walk it). */
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/resp.h"

int page_home(struct req *r)
{
	struct buf b = BUF_INIT;

	page_begin(r, &b, SITE_NAME);
	html_raw(&b,
		 "<p class=\"lead\">本平台服务于县、市、省各级人民政府的法治政府建设工作，"
		 "以行政执法综合管理监督信息系统为核心：行政执法按照"
		 "执法公示、执法全过程记录、重大执法决定法制审核“三项制度”运行，"
		 "司法行政部门在线监督。公众可在这里查询执法证，核验执法全过程记录。</p>\n"
		 "<div class=\"cards\">\n"
		 "<section class=\"card\"><h2>执法证查询</h2>"
		 "<p>输入执法证号，查询行政执法人员的执法证是否真实、有效。</p>"
		 "<form class=\"stack\" method=\"get\" action=\"/certificates/check\" "
		 "role=\"search\"><label for=\"number\">执法证号</label>"
		 "<input id=\"number\" name=\"number\" required maxlength=\"32\" "
		 "autocomplete=\"off\"><button type=\"submit\">查询</button></form>"
		 "<p><a href=\"/certificates/check\">打开执法证查询页</a></p></section>\n"
		 "<section class=\"card\"><h2>公开信息检索</h2>"
		 "<p>检索已公开的行政处罚、行政许可等执法决定，一个字、两个字的词语也能查到。</p>"
		 "<form class=\"stack\" method=\"get\" action=\"/public/search\" "
		 "role=\"search\"><label for=\"home-q\">关键词</label>"
		 "<input id=\"home-q\" name=\"q\" type=\"search\" maxlength=\"200\" "
		 "autocomplete=\"off\"><button type=\"submit\">搜索</button></form></section>\n"
		 "<section class=\"card\"><h2>执法决定公示</h2>"
		 "<p>行政处罚、行政许可等执法决定依法公开（个人信息已隐名处理），"
		 "以及被撤销、变更后撤下的公示和理由。</p>"
		 "<p><a href=\"/public/decisions\">查看执法决定公示</a> · "
		 "<a href=\"/public/withdrawals\">撤下公示记录</a></p></section>\n"
		 "<section class=\"card\"><h2>事前公开</h2>"
		 "<p>行政执法主体及其执法领域、执法人员和执法证、权责清单（含历次版本和比较）"
		 "及办事指南、执法流程图、裁量基准、重大执法决定法制审核目录、双随机抽查计划和抽取结果。</p>"
		 "<p><a href=\"/public/agencies\">查看行政执法主体和权责清单</a> · "
		 "<a href=\"/public/procedures\">行政执法流程图</a> · "
		 "<a href=\"/public/benchmarks\">行政处罚裁量基准</a> · "
		 "<a href=\"/public/review-catalogue\">重大执法决定法制审核目录</a> · "
		 "<a href=\"/public/inspections\">双随机抽查</a></p></section>\n"
		 "<section class=\"card\"><h2>执法记录核验</h2>"
		 "<p>执法全过程记录写入防篡改账本，定期签署并公开检查点，任何人都可以核验。</p>"
		 "<p><a href=\"/ledger\">查看账本检查点与核验方法</a></p></section>\n"
		 "<section class=\"card\"><h2>投诉举报</h2>"
		 "<p>对行政执法行为有意见，可以网上投诉举报，凭回执编号查询办理进度和答复。</p>"
		 "<p><a href=\"/public/complaints/new\">我要投诉</a> · "
		 "<a href=\"/public/complaints/track\">办理查询</a></p></section>\n"
		 "<section class=\"card\"><h2>规范性文件</h2>"
		 "<p>阅读正在公开征求意见的草案并提出意见；查阅现行有效的规范性文件和制定计划，"
		 "对认为违法或不适当的文件提出审查建议。</p>"
		 "<p><a href=\"/public/consultations\">公开征求意见</a> · "
		 "<a href=\"/public/normative-documents\">现行有效目录</a> · "
		 "<a href=\"/public/normative-plan\">制定计划目录</a> · "
		 "<a href=\"/public/review-requests\">审查建议查询</a></p></section>\n");
	if (r->ctx.user)
		html_f(&b,
		       "<section class=\"card\"><h2>工作台</h2><p>%s，您已登录。</p>"
		       "<p><a class=\"button\" href=\"/workbench\">进入工作台</a></p></section>\n",
		       r->ctx.user->display_name ? r->ctx.user->display_name
						 : r->ctx.user->username);
	else
		html_raw(&b,
			 "<section class=\"card\"><h2>工作人员登录</h2>"
			 "<p>执法人员、法制审核人员、机关负责人、司法局监督人员及系统管理人员"
			 "请登录后办理业务。</p>"
			 "<p><a class=\"button\" href=\"/login\">登录</a></p></section>\n");
	html_raw(&b, "</div>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
