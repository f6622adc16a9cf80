/* ident.h - validators for Chinese identifiers with check characters:
 * 统一社会信用代码 (GB 32100), 组织机构代码 (GB 11714), 居民身份证号码
 * (GB 11643) and 行政区划代码 (GB/T 2260). The algorithms and test values
 * are in /work/shared/reference/identifiers.md.
 *
 * Each *_check() returns FZ_OK or FZ_INVALID; on FZ_INVALID it fills e
 * (which may be NULL) with the given API field name and a Chinese message
 * that names the identifier and what is wrong with it. */
#ifndef FZ_BASE_IDENT_H
#define FZ_BASE_IDENT_H

#include "base/err.h"

/* 统一社会信用代码: exactly 18 characters of the GB 32100 set
 * "0123456789ABCDEFGHJKLMNPQRTUWXY" (capitals only; no I O S V Z),
 * positions 3-8 digits, position 18 the GB 32100 check character, AND
 * positions 9-17 a valid GB 11714 organisation code. The last rule is the
 * strict reading: it rejects e.g. 91350100M000100Y56, whose position 18
 * is right but whose embedded code M000100Y5 is not. We are strict because
 * every code ever issued satisfies both checks, so a code failing either
 * one is a typo. */
enum fz_err ident_uscc_check(const char *s, const char *field, struct fz_error *e)
	FZ_MUST_CHECK;
/* The check character (position 18) for the first 17 characters, or 0 when
 * one of them is outside the GB 32100 set. first17 need not be
 * NUL-terminated. With ident_orgcode_check_char() this builds valid
 * synthetic codes for demo data. */
char ident_uscc_check_char(const char first17[17]);

/* 组织机构代码: 8 body characters (digits, capital letters) and the check
 * character, written "D2143569X" or "D2143569-X". */
enum fz_err ident_orgcode_check(const char *s, const char *field, struct fz_error *e)
	FZ_MUST_CHECK;
/* The check character ('0'-'9' or 'X') for 8 body characters, or 0 when
 * one is not a digit or capital letter. body8 need not be NUL-terminated. */
char ident_orgcode_check_char(const char body8[8]);

/* 居民身份证号码: 17 digits and a check character 0-9 or X (a lowercase x
 * is accepted too, as people type it), positions 7-14 a real birth date
 * YYYYMMDD, and the ISO 7064 MOD 11-2 check. The address code is not
 * checked against a list: it may be one abolished since issue. Callers
 * should store the number after ident_resident_id_normalize(). */
enum fz_err ident_resident_id_check(const char *s, const char *field,
				    struct fz_error *e) FZ_MUST_CHECK;
/* Uppercases a trailing lowercase 'x' in place, so that one number has
 * one stored spelling. Touches nothing else. */
void ident_resident_id_normalize(char *s);
/* The check character ('0'-'9' or 'X') for 17 digits, or 0 when one of
 * them is not a digit. first17 need not be NUL-terminated. */
char ident_resident_id_check_char(const char first17[17]);

/* 行政区划代码: 6 digits, the first two one of the province codes of
 * GB/T 2260 (11 北京 ... 82 澳门), and not "PP00CC" with CC != 00 (a
 * county-level code always sits under a prefecture or a 90 group). */
enum fz_err ident_division_code_check(const char *s, const char *field,
				      struct fz_error *e) FZ_MUST_CHECK;
/* 1 = province (PP0000), 2 = prefecture or 90 group (PPCC00), 3 = county
 * (PPCCXX); 0 when code is not exactly 6 digits (code may be any
 * NUL-terminated string or NULL; only the level is read, not validity). */
int ident_division_level(const char *code);
/* The parent code of code: "" for a province, the province for a
 * prefecture, PPCC00 for a county, except that counties in a 90 group
 * (省直辖县级行政区划, e.g. 419001) have the province as parent. parent
 * is "" too when code is not 6 digits. */
void ident_division_parent(const char *code, char parent[7]);
/* The prefix that every code in the division's data scope starts with:
 * "64" for 640000, "6405" for 640500, "640522" for a county; "" when code
 * is not 6 digits. */
void ident_division_scope_prefix(const char *code, char prefix[7]);

#endif
