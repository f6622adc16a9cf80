/* redact.h - redaction (脱敏, 隐名处理) of text before it is published:
 * natural persons' names become surname + 某, ID numbers, phone numbers,
 * home addresses below the county, bank accounts, vehicle plates, e-mail
 * and WeChat/QQ accounts are deleted; organisations keep their name and
 * USCC. The rules and their sources are in docs/REDACTION.md and
 * /work/shared/reference/redaction-rules.md.
 *
 * Pure text in, text out: no I/O. All published fields of a publication
 * (decision text, title, attachment names) go through redact_fields()
 * together; nothing is ever hidden by an overlay. */
#ifndef FZ_DOMAIN_REDACT_H
#define FZ_DOMAIN_REDACT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

enum redact_party_kind {
	REDACT_PARTY_PERSON,       /* a natural person (also 个体工商户's operator) */
	REDACT_PARTY_ORGANISATION, /* a legal person or other organisation */
};

/* What a replaced span was, for the reviewer's report. */
enum redact_category {
	REDACT_NAME,         /* a natural person's name → surname + 某 */
	REDACT_MINOR,        /* a minor's name → 某某 (no surname) */
	REDACT_ID_NUMBER,    /* 居民身份证号码, 18 or 15 characters */
	REDACT_PHONE,        /* mobile or landline */
	REDACT_ADDRESS,      /* home address: the part below the county */
	REDACT_BANK_ACCOUNT, /* bank card or account number */
	REDACT_PLATE,        /* vehicle plate */
	REDACT_EMAIL,
	REDACT_CONTACT,      /* other contact handle: 微信号, QQ */
	REDACT_CATEGORY_COUNT
};

/* A natural person the caller knows from the record (the party, a
 * witness, a complainant, a relative). Free text cannot be searched for
 * names nobody named: the caller passes every name it knows and the
 * reviewer confirms the preview. */
struct redact_person {
	const char *name; /* UTF-8, 2-32 characters, no spaces */
	bool minor;       /* fully anonymised: no surname kept */
};

/* Choices the rules leave to the agency (rules §3 last row, §4). */
struct redact_policy {
	/* Mask the punished natural person's own name. The 浙江 rule hides
	 * only other persons' names; most agencies mask the party too, so
	 * the default is true. */
	bool mask_party_name;
	/* Keep a home address down to its county or district (SPC 2013
	 * technical spec); false deletes the whole address. Default true. */
	bool address_keep_county;
	/* What follows the surname: "某" (default, court art 9) or "某某"
	 * (administrative practice). 1-16 bytes of UTF-8. */
	const char *name_suffix;
	/* What replaces a deleted item (court art 10 para 2 uses ×):
	 * default "×××". 1-16 bytes of UTF-8. */
	const char *mark;
};

struct redact_ctx {
	enum redact_party_kind party_kind;
	/* The party's name, or NULL. A person party is masked unless
	 * policy.mask_party_name is false; an organisation's name is kept
	 * verbatim wherever it occurs. */
	const char *party_name;
	bool party_minor; /* the party is a minor: do not publish at all */
	const struct redact_person *persons; /* other natural persons */
	size_t npersons;
	/* Strings never altered: the agency's own collection account,
	 * officers' names and certificate numbers, other organisations'
	 * names. May be NULL when nkeep is 0. */
	const char *const *keep;
	size_t nkeep;
	struct redact_policy policy;
};

/* At most this many distinct persons in one text (given and found). */
#define REDACT_PERSONS_MAX 256
/* No replacement adds more than this many bytes: a placeholder with its
 * number, or the mark (an address's kept county is original text of the
 * span itself and does not count). */
#define REDACT_REPLACEMENT_MAX 64

struct redact_report {
	unsigned counts[REDACT_CATEGORY_COUNT]; /* replaced spans per category */
	unsigned persons; /* distinct persons whose names were replaced */
	unsigned minors;  /* of them, minors; > 0 or party_minor: see below */
	/* Names found after a label (当事人：, 姓名：, 证人：…) that the
	 * caller did not pass: the reviewer should confirm them. */
	unsigned found_names;
	/* True when the party or any person named in the text is a minor:
	 * rules §2 forbid publishing a minor party's decision; the pipeline
	 * decides, this flag says so. */
	bool minor_present;
};

/* Defaults as documented in struct redact_policy. */
void redact_policy_defaults(struct redact_policy *p);
/* A ctx for party kind with default policy and nothing else. */
void redact_ctx_init(struct redact_ctx *ctx, enum redact_party_kind kind);

/* Appends the redacted rendering of the len bytes at in to out and fills
 * report (may be NULL). The text is decoded once; full-width digits and
 * letters (１３８, ＡＢＣ) and single spaces or hyphens inside numbers are
 * read as people type them, and a replacement always covers whole
 * characters. Unmasked text is copied byte for byte.
 *
 * out grows by at most len + (spans replaced) * REDACT_REPLACEMENT_MAX
 * bytes and is valid UTF-8 when in is.
 *
 * FZ_INVALID (e filled, field "text", "name", "keep" or "policy") when in
 * is not valid UTF-8 or contains NUL, when a name is not 2-32 characters
 * without spaces, when more than REDACT_PERSONS_MAX persons are involved,
 * when a kept string or the party's name is NULL or not valid UTF-8, or
 * when policy.name_suffix or policy.mark is not 1-16 bytes of UTF-8;
 * FZ_NOMEM, or FZ_TOOLARGE from out's cap. On FZ_INVALID and FZ_NOMEM
 * nothing is appended to out; report is zeroed on every error. */
enum fz_err redact_text(const struct redact_ctx *ctx, const char *in, size_t len,
			struct buf *out, struct redact_report *report,
			struct fz_error *e) FZ_MUST_CHECK;

/* One published field (decision text, title, attachment name) of a
 * publication: text/len in, the redacted rendering appended to out. */
struct redact_field {
	const char *text;
	size_t len;
	struct buf *out;
};
#define REDACT_FIELDS_MAX 64

/* redact_text() over several fields of one publication at once: one person
 * table and one numbering for all of them, so that 张三丰 is 张某1 in the
 * title as in the text (numbers follow the first appearance over the
 * fields in the order given; names found after a label in any field are
 * masked in every field). report sums over the fields. 1 to
 * REDACT_FIELDS_MAX fields. Errors as redact_text(); on FZ_INVALID no out
 * is touched. */
enum fz_err redact_fields(const struct redact_ctx *ctx, const struct redact_field *fields,
			  size_t n, struct redact_report *report, struct fz_error *e) FZ_MUST_CHECK;

/* The Chinese name of a category ("姓名", "身份证号码" …). */
const char *redact_category_label(enum redact_category c);

#endif
