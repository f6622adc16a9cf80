/* consultation.c - the rules of public comment (公开征求意见): the
 * actions on a comment, the checks of what the public sends and of a
 * reason, the receipt number with its check character, and counts. */
#include "domain/consultation.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/receipt.h"

static const char *const names[] = {
	[COMMENT_SUBMIT] = "submit", [COMMENT_HIDE] = "hide", [COMMENT_SHOW] = "show",
	[COMMENT_ADOPT] = "adopt", [COMMENT_PARTLY] = "partly", [COMMENT_NOT_ADOPT] = "not_adopt",
	[COMMENT_ANSWER] = "answer",
};
static const char *const labels[] = {
	[COMMENT_SUBMIT] = "提交", [COMMENT_HIDE] = "不在网站显示", [COMMENT_SHOW] = "恢复显示",
	[COMMENT_ADOPT] = "采纳", [COMMENT_PARTLY] = "部分采纳", [COMMENT_NOT_ADOPT] = "未采纳",
	[COMMENT_ANSWER] = "答复",
};
#define NACT ((int)(sizeof names / sizeof names[0]))

const char *comment_action_name(enum comment_action a)
{
	return (int)a > 0 && (int)a < NACT ? names[a] : NULL;
}

const char *comment_action_label(enum comment_action a)
{
	return (int)a > 0 && (int)a < NACT ? labels[a] : NULL;
}

int comment_action_parse(const char *name)
{
	for (int i = 1; name && i < NACT; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return 0;
}

bool comment_action_is_adoption(enum comment_action a)
{
	return a == COMMENT_ADOPT || a == COMMENT_PARTLY || a == COMMENT_NOT_ADOPT;
}

/* Valid UTF-8 without control characters other than line breaks and tabs. */
static bool clean(const char *s)
{
	size_t n = strlen(s);
	if (!utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
			return false;
	}
	return true;
}

static bool blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

static enum fz_err text(const char *s, size_t max, bool required, const char *field,
			const char *label, struct fz_error *e)
{
	if (blank(s))
		return required ? fz_fail(e, FZ_INVALID, field, "请填写%s", label) : FZ_OK;
	if (!clean(s))
		return fz_fail(e, FZ_INVALID, field,
			       "“%s”含有无法识别的字符（如控制字符），请删去后再提交", label);
	size_t n = utf8_count(s);
	if (n > max)
		return fz_fail(e, FZ_INVALID, field, "“%s”不能超过 %zu 个字（现在是 %zu 个字）",
			       label, max, n);
	return FZ_OK;
}

enum fz_err comment_input_check(const struct comment_input *in, struct fz_error *e)
{
	enum fz_err rc;
	if ((rc = text(in->body, COMMENT_BODY_MAX, true, "body", "意见内容", e)) ||
	    (rc = text(in->name, COMMENT_NAME_MAX, false, "name", "姓名或单位", e)) ||
	    (rc = text(in->contact, COMMENT_CONTACT_MAX, false, "contact", "联系方式", e)))
		return rc;
	return FZ_OK;
}

enum fz_err comment_reason_check(enum comment_action a, const char *reason, struct fz_error *e)
{
	if (!comment_action_name(a) || a == COMMENT_SUBMIT || a == COMMENT_ANSWER)
		return fz_fail(e, FZ_INVALID, "action", "请选择处理方式：不在网站显示、恢复显示、"
			       "采纳、部分采纳或未采纳");
	bool required = a == COMMENT_HIDE || a == COMMENT_SHOW || a == COMMENT_NOT_ADOPT;
	return text(reason, COMMENT_REASON_MAX, required, "reason", "理由", e);
}

void comment_receipt_make(bool review, const char *day,
			  const unsigned char rnd[COMMENT_RECEIPT_RANDOM],
			  char out[COMMENT_RECEIPT_LEN + 1])
{
	size_t n = 0;
	out[n++] = review ? 'S' : 'Y';
	out[n++] = review ? 'C' : 'J';
	for (const char *p = day; *p && n < 10; p++)
		if (*p >= '0' && *p <= '9')
			out[n++] = *p;
	while (n < 10)
		out[n++] = '0';
	out[n++] = '-';
	for (int i = 0; i < COMMENT_RECEIPT_RANDOM; i++)
		out[n++] = RECEIPT_ALPHABET[rnd[i] % RECEIPT_ALPHA];
	out[n] = receipt_check_char(out, n);
	out[n + 1] = '\0';
}

bool comment_receipt_valid(const char *s)
{
	return receipt_valid(s, COMMENT_RECEIPT_LEN, "YJ") ||
	       receipt_valid(s, COMMENT_RECEIPT_LEN, "SC");
}

bool comment_receipt_normalize(const char *s, char out[COMMENT_RECEIPT_LEN + 1])
{
	return receipt_normalize(s, out, COMMENT_RECEIPT_LEN) && comment_receipt_valid(out);
}

void comment_counts_add(struct comment_counts *c, const struct public_comment *pc)
{
	c->received++;
	if (pc->hidden)
		c->hidden++;
	switch (pc->adoption) {
	case COMMENT_ADOPT: c->adopted++; break;
	case COMMENT_PARTLY: c->partly++; break;
	case COMMENT_NOT_ADOPT: c->not_adopted++; break;
	default:
		if (!pc->hidden)
			c->undecided++;
	}
}
