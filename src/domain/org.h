/* org.h - rules for organisation data: agency kinds, names and the
 * enforcement-domain lists shared by agencies and certificates. */
#ifndef FZ_DOMAIN_ORG_H
#define FZ_DOMAIN_ORG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* "justice_bureau", "government", "department", "comprehensive",
 * "township". */
bool agency_kind_valid(const char *kind);
const char *agency_kind_label(const char *kind); /* Chinese, or the input */
extern const char *const agency_kinds[]; /* NULL-terminated */

/* A required one-line text of 1..max code points, valid UTF-8, no control
 * characters. label is the Chinese field name used in the message. */
enum fz_err text_check(const char *value, const char *field, const char *label,
		       size_t max_chars, struct fz_error *e);

/* A comma-separated list of enforcement domains: 1..20 items, each
 * 1..30 code points, no empty items. Full-width commas are not accepted
 * (say so in the message). */
enum fz_err domains_check(const char *value, const char *field, struct fz_error *e);

/* 机关代字 of document and case numbers: the length of the agency's name
 * without its trailing 分局 or 局 (海原县自然资源局 → 海原县自然资源). */
size_t org_agency_code_len(const char *name);

/* The 机关代字 an agency's numbers carry: doc_code when the agency set
 * one (海自然资), else the derived prefix of name. Sets *len to its
 * length in bytes; the result points into doc_code or name. */
const char *org_agency_code(const char *name, const char *doc_code, size_t *len);

/* A configured 机关代字: "" (not set: derived) or 1..8 CJK ideographs
 * (海自然资, 宁综执), nothing else: it sits between other characters in
 * every number the agency issues. */
enum fz_err org_doc_code_check(const char *value, const char *field, struct fz_error *e);

/* An optional one-line text of at most max_chars code points: "" is
 * allowed (not set), otherwise as text_check. */
enum fz_err text_check_opt(const char *value, const char *field, const char *label,
			   size_t max_chars, struct fz_error *e);

/* A bank account number (账号) as printed on a penalty decision: "" or
 * 6..40 characters of digits, with single spaces or '-' between groups. */
enum fz_err org_bank_account_check(const char *value, const char *field, struct fz_error *e);

#endif
