/* complaint.c - the rules of a complaint (投诉举报): its states and the
 * one table of what may follow what, who may do it, the checks of what a
 * person files, and the receipt number with its check character. */
#include "domain/complaint.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/certificate.h"
#include "domain/receipt.h"

static const char *const state_names[] = {
	[CMP_RECEIVED] = "received", [CMP_NOT_ACCEPTED] = "not_accepted",
	[CMP_ASSIGNED] = "assigned", [CMP_REPLIED] = "replied", [CMP_CLOSED] = "closed",
};
static const char *const state_labels[] = {
	[CMP_RECEIVED] = "待受理", [CMP_NOT_ACCEPTED] = "不予受理",
	[CMP_ASSIGNED] = "办理中", [CMP_REPLIED] = "已答复，待审核", [CMP_CLOSED] = "已办结",
};
static const char *const channel_names[] = {
	[CMP_CH_PORTAL] = "portal", [CMP_CH_PHONE] = "phone", [CMP_CH_LETTER] = "letter",
	[CMP_CH_HOTLINE] = "hotline", [CMP_CH_VISIT] = "visit",
};
static const char *const channel_labels[] = {
	[CMP_CH_PORTAL] = "网上投诉", [CMP_CH_PHONE] = "电话", [CMP_CH_LETTER] = "来信",
	[CMP_CH_HOTLINE] = "12345 热线转办", [CMP_CH_VISIT] = "来访",
};
static const char *const action_names[] = {
	[CMP_ACT_FILE] = "file", [CMP_ACT_ACCEPT] = "accept", [CMP_ACT_REJECT] = "reject",
	[CMP_ACT_REPLY] = "reply", [CMP_ACT_RETURN] = "return", [CMP_ACT_CLOSE] = "close",
};
static const char *const action_labels[] = {
	[CMP_ACT_FILE] = "登记", [CMP_ACT_ACCEPT] = "受理并交办", [CMP_ACT_REJECT] = "不予受理",
	[CMP_ACT_REPLY] = "答复", [CMP_ACT_RETURN] = "退回重办", [CMP_ACT_CLOSE] = "办结",
};

#define N(a) ((int)(sizeof(a) / sizeof(a[0])))

static const char *at(const char *const *t, int n, int i)
{
	return i > 0 && i < n ? t[i] : NULL;
}

static int find(const char *const *t, int n, const char *name)
{
	for (int i = 1; name && i < n; i++)
		if (strcmp(t[i], name) == 0)
			return i;
	return 0;
}

const char *complaint_state_name(enum complaint_state s) { return at(state_names, N(state_names), (int)s); }
const char *complaint_state_label(enum complaint_state s) { return at(state_labels, N(state_labels), (int)s); }
int complaint_state_parse(const char *name) { return find(state_names, N(state_names), name); }
const char *complaint_channel_name(enum complaint_channel c) { return at(channel_names, N(channel_names), (int)c); }
const char *complaint_channel_label(enum complaint_channel c) { return at(channel_labels, N(channel_labels), (int)c); }
int complaint_channel_parse(const char *name) { return find(channel_names, N(channel_names), name); }
const char *complaint_action_name(enum complaint_action a) { return at(action_names, N(action_names), (int)a); }
const char *complaint_action_label(enum complaint_action a) { return at(action_labels, N(action_labels), (int)a); }
int complaint_action_parse(const char *name) { return find(action_names, N(action_names), name); }

/* The one table: from each state, the actions that may follow and where
 * they lead. */
static const struct {
	enum complaint_state from;
	enum complaint_action act;
	enum complaint_state to;
} moves[] = {
	{ CMP_RECEIVED, CMP_ACT_ACCEPT, CMP_ASSIGNED },
	{ CMP_RECEIVED, CMP_ACT_REJECT, CMP_NOT_ACCEPTED },
	{ CMP_ASSIGNED, CMP_ACT_REPLY, CMP_REPLIED },
	{ CMP_REPLIED, CMP_ACT_RETURN, CMP_ASSIGNED },
	{ CMP_REPLIED, CMP_ACT_CLOSE, CMP_CLOSED },
};

bool complaint_action_allowed(enum complaint_state s, enum complaint_action a)
{
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].from == s && moves[i].act == a)
			return true;
	return false;
}

enum complaint_state complaint_state_after(enum complaint_state s, enum complaint_action a)
{
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].from == s && moves[i].act == a)
			return moves[i].to;
	return s;
}

bool complaint_role_may(unsigned roles, bool own_agency, enum complaint_action a)
{
	switch (a) {
	case CMP_ACT_FILE:
	case CMP_ACT_ACCEPT:
	case CMP_ACT_REJECT:
	case CMP_ACT_RETURN:
	case CMP_ACT_CLOSE:
		return (roles & ROLE_SUPERVISOR) != 0;
	case CMP_ACT_REPLY:
		return own_agency && (roles & (ROLE_HEAD | ROLE_REVIEWER | ROLE_SUPERVISOR)) != 0;
	}
	return false;
}

/* Valid UTF-8 without control characters other than line breaks and tabs. */
static bool clean_text(const char *s)
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

static const char *str(const char *s) { return s ? s : ""; }

/* Optional text of at most max characters. */
static enum fz_err text_opt(const char *s, size_t max, const char *field, const char *label,
			    struct fz_error *e)
{
	if (!clean_text(s))
		return fz_fail(e, FZ_INVALID, field, "“%s”含有无法识别的字符", label);
	if (utf8_count(s) > max)
		return fz_fail(e, FZ_INVALID, field, "“%s”不能超过 %zu 个字", label, max);
	return FZ_OK;
}

enum fz_err complaint_text_check(const char *text, size_t max, const char *field,
				 const char *label, struct fz_error *e)
{
	const char *s = str(text);
	size_t k = strspn(s, " \t\r\n");
	if (!s[k])
		return fz_fail(e, FZ_INVALID, field, "请填写%s", label);
	return text_opt(s, max, field, label, e);
}

/* The digits of a phone as typed (spaces and hyphens allowed): a mobile
 * number 1[3-9]XXXXXXXXX, or a landline with its area code 0XX(X) and
 * 7-8 digits; false otherwise. */
static bool phone_digits(const char *in, char out[24])
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (*p < '0' || *p > '9' || n >= 23)
			return false;
		out[n++] = *p;
	}
	out[n] = '\0';
	if (n == 11 && out[0] == '1' && out[1] >= '3')
		return true;
	return out[0] == '0' && n >= 10 && n <= 12;
}

enum fz_err complaint_input_check(const struct complaint_input *in, char *cert_out,
				  size_t cap, char phone_out[24], struct fz_error *e)
{
	enum fz_err rc;
	const char *name = str(in->name), *phone = str(in->phone);
	cert_out[0] = '\0';
	phone_out[0] = '\0';
	if (!in->anonymous && !*name)
		return fz_fail(e, FZ_INVALID, "name", "请填写您的姓名；不愿留名的，请选择匿名投诉");
	if ((rc = text_opt(name, CMP_NAME_MAX, "name", "姓名", e)))
		return rc;
	if (*phone) {
		if (!phone_digits(phone, phone_out))
			return fz_fail(e, FZ_INVALID, "phone",
				       "联系电话格式不对：请填写 11 位手机号，或带区号的固定电话（如 0955-4012345）");
	} else if (!in->anonymous) {
		return fz_fail(e, FZ_INVALID, "phone", "请填写联系电话，以便告知办理结果");
	}
	if (in->agency_id <= 0)
		return fz_fail(e, FZ_INVALID, "agency_id", "请选择被投诉的执法机关");
	const char *cert = str(in->cert_number);
	if (*cert) {
		if (!clean_text(cert) || !cert_number_normalize(cert, cert_out, cap))
			return fz_fail(e, FZ_INVALID, "cert_number",
				       "执法证号格式不对；不清楚证号的，可以不填");
	}
	if ((rc = text_opt(str(in->officer_name), CMP_OFFICER_MAX, "officer_name", "执法人员姓名", e)) ||
	    (rc = text_opt(str(in->case_number), CMP_CASE_NUMBER_MAX, "case_number", "案件编号", e)) ||
	    (rc = complaint_text_check(in->facts, CMP_FACTS_MAX, "facts", "投诉事项（发生了什么）", e)))
		return rc;
	if (utf8_count(in->facts) < CMP_FACTS_MIN)
		return fz_fail(e, FZ_INVALID, "facts",
			       "请把发生的事情写得具体一些（时间、地点、经过），至少 %d 个字",
			       CMP_FACTS_MIN);
	return complaint_text_check(in->request, CMP_REQUEST_MAX, "request", "投诉请求", e);
}

void complaint_receipt_make(const char *day, const unsigned char rnd[CMP_RECEIPT_RANDOM],
			    char out[CMP_RECEIPT_LEN + 1])
{
	size_t n = 0;
	out[n++] = 'T';
	out[n++] = 'S';
	for (const char *p = day; *p && n < 10; p++)
		if (*p >= '0' && *p <= '9')
			out[n++] = *p;
	while (n < 10)
		out[n++] = '0';
	out[n++] = '-';
	for (int i = 0; i < CMP_RECEIPT_RANDOM; i++)
		out[n++] = RECEIPT_ALPHABET[rnd[i] % RECEIPT_ALPHA];
	out[n] = receipt_check_char(out, n);
	out[n + 1] = '\0';
}

bool complaint_receipt_normalize(const char *in, char out[CMP_RECEIPT_LEN + 1])
{
	return receipt_normalize(in, out, CMP_RECEIPT_LEN) &&
	       receipt_valid(out, CMP_RECEIPT_LEN, "TS");
}

const char *complaint_due_now(const struct complaint *c)
{
	if (c->state == CMP_RECEIVED)
		return c->accept_due;
	if (c->state == CMP_ASSIGNED)
		return c->due_on;
	return "";
}

bool complaint_overdue(const struct complaint *c, const char *today)
{
	const char *due = complaint_due_now(c);
	return due[0] && today && strcmp(today, due) > 0;
}
