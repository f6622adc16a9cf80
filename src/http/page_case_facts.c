/* page_case_facts.c - what the people acting on a case must see without
 * reading its record: why the five-year limitation applies (the legal
 * reviewer judges it, 行政处罚法 art 36), and a fine still owed with the
 * late-payment surcharge accrued to today (art 72) that a 催告 or a court
 * application will state. Shown on the case page and on step forms. */
#include "domain/money.h"
#include "http/html.h"
#include "http/page_case_kit.h"

void case_enforcement_facts(struct buf *b, const struct case_view *v)
{
	const struct case_arrears *a = &v->arrears;
	bool owed = a->fine_fen && a->payment_started && a->outstanding_fen;
	char fine[MONEY_TEXT_MAX], paid[MONEY_TEXT_MAX], left[MONEY_TEXT_MAX], sur[MONEY_TEXT_MAX];
	char rate[16];
	if (!v->serious_harm_reason && !owed)
		return;
	html_raw(b, "<dl class=\"fields case-facts\">");
	if (v->serious_harm_reason)
		html_f(b, "<dt>适用五年追责时效的理由</dt><dd class=\"text\">%s</dd>",
		       v->serious_harm_reason);
	if (owed) {
		money_format_yuan(a->fine_fen, fine);
		money_format_yuan(a->paid_fen, paid);
		money_format_yuan(a->outstanding_fen, left);
		money_format_yuan(a->surcharge.amount_fen, sur);
		arrears_rate_text(a->rate_permille, rate);
		html_f(b, "<dt>罚款</dt><dd>%s 元，已缴 %s 元，未缴 <strong>%s 元</strong>；%s %s 届满</dd>",
		       fine, paid, left, a->deferred ? "本期缴款期限" : "缴款期限", a->due);
		if (a->deferred) {
			html_f(b, "<dt>%s缴纳</dt><dd><ol class=\"schedule\">",
			       a->ninstalments > 1 ? "分期" : "延期");
			int64_t covered = 0;
			for (size_t i = 0; i < a->ninstalments; i++) {
				char amount[MONEY_TEXT_MAX];
				covered += a->instalments[i].fen;
				money_format_yuan(a->instalments[i].fen, amount);
				html_f(b, "<li>%s 前缴纳 %s 元", a->instalments[i].due, amount);
				html_raw(b, covered <= a->paid_fen ? " <span class=\"badge ok\">已缴</span></li>"
								   : "</li>");
			}
			html_raw(b, "</ol>申请人民法院强制执行的期限自最后一期结束之日起计算（行政处罚法第七十二条第二款）</dd>");
		}
		if (a->late)
			html_f(b, "<dt>加处罚款</dt><dd><span class=\"badge bad\">逾期 %d 日</span> 截至今日 "
				  "<strong>%s 元</strong>（每日按%s的 %s%s）</dd>",
			       a->surcharge.days, sur, a->deferred ? "逾期各期金额" : "罚款数额", rate, a->surcharge.capped ? "，已达罚款数额" : "，以罚款数额为限");
	}
	html_raw(b, "</dl>\n");
}
