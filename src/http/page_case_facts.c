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
		html_f(b, "<dt>罚款</dt><dd>%s 元，已缴 %s 元，未缴 <strong>%s 元</strong>；缴款期限 %s 届满</dd>",
		       fine, paid, left, a->due);
		if (a->late)
			html_f(b, "<dt>加处罚款</dt><dd><span class=\"badge bad\">逾期 %d 日</span> 截至今日 "
				  "<strong>%s 元</strong>（每日按罚款数额的 %s%s）</dd>",
			       a->surcharge.days, sur, rate, a->surcharge.capped ? "，已达罚款数额" : "，以罚款数额为限");
	}
	html_raw(b, "</dl>\n");
}
