/* model.h - the plain structs of organisation, people, accounts,
 * certificates, sessions and the audit log.
 *
 * These are what storage returns and the app layer works on: no JSON, no
 * SQL. Strings are owned by whoever allocated the struct (normally the
 * request's arena). Dates are "YYYY-MM-DD" strings; instants are Unix
 * seconds (int64_t). An id of 0 means "none". */
#ifndef FZ_DOMAIN_MODEL_H
#define FZ_DOMAIN_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#define FZ_DATE_LEN 11 /* "YYYY-MM-DD" + NUL */

/* 行政区划: GB/T 2260 six-digit code. */
enum division_level {
	DIVISION_PROVINCE = 1,
	DIVISION_CITY = 2,
	DIVISION_COUNTY = 3,
};

struct division {
	char code[7];
	char *name;
	enum division_level level;
	char parent_code[7]; /* "" for a province */
};

/* 执法主体 / 行政机关. kind is one of the strings in
 * agency_kind_valid(): "justice_bureau", "government", "department",
 * "comprehensive" (综合行政执法), "township". */
struct agency {
	int64_t id;
	char *name;
	char *uscc;          /* 统一社会信用代码, validated */
	char division_code[7];
	char *kind;
	char *domains;       /* enforcement domains, "、"-free, comma-separated */
	bool active;
	int64_t created_at;
	int64_t updated_at;
	/* What its documents print (文书设置); "" = not set. A NULL here is
	 * stored as "". */
	char *doc_code;        /* 机关代字 of its numbers (海自然资); "" = derived
	                        * from the name (org_agency_code) */
	char *court;           /* 管辖人民法院: named for litigation and for
	                        * applications for court enforcement */
	char *payment_bank;    /* 代收机构（银行）where fines are paid */
	char *payment_account; /* its account number (账号) */
	char *reconsideration; /* 复议机关; "" = the people's government of the
	                        * agency's division (行政复议法 art 24) */
};

/* 内设机构 */
struct unit {
	int64_t id;
	int64_t agency_id;
	char *name;
	int64_t created_at;
};

/* A person working for an agency: an officer (执法人员, holds or held a
 * certificate) or an assistant (执法辅助人员, never holds one). */
enum person_kind {
	PERSON_OFFICER = 1,
	PERSON_ASSISTANT = 2,
};

struct person {
	int64_t id;
	int64_t agency_id;
	int64_t unit_id;     /* 0 = none */
	char *name;
	char *resident_id;   /* 居民身份证号码, validated; personal data */
	char *phone;         /* may be NULL */
	enum person_kind kind;
	bool is_reviewer;    /* 法制审核人员 of its agency */
	bool active;
	int64_t created_at;
	int64_t updated_at;
};

/* Roles, as a bit set on the account. SYSADMIN, SECADMIN and AUDITOR
 * (三员) are each held alone: see roles_valid() in domain/roles.h. */
enum role {
	ROLE_OFFICER = 1u << 0,
	ROLE_REVIEWER = 1u << 1,
	ROLE_HEAD = 1u << 2,
	ROLE_SUPERVISOR = 1u << 3,
	ROLE_SYSADMIN = 1u << 4,
	ROLE_SECADMIN = 1u << 5,
	ROLE_AUDITOR = 1u << 6,
};
#define ROLE_ALL_MASK 0x7Fu
#define ROLE_ADMIN_MASK (ROLE_SYSADMIN | ROLE_SECADMIN | ROLE_AUDITOR)

struct user {
	int64_t id;
	char *username;
	char *display_name;
	int64_t agency_id;           /* 0 only for system-wide admins */
	int64_t person_id;           /* 0 = no person record */
	unsigned roles;              /* enum role bits */
	bool disabled;
	bool must_change_password;
	char *password_hash;         /* encoded KDF output; never shown */
	int failed_logins;           /* consecutive */
	int64_t locked_until;        /* 0 = not locked */
	int64_t password_changed_at;
	int64_t created_at;
	int64_t updated_at;
};

/* 执法证. status holds what people decided (valid, suspended, revoked);
 * "expired" and "not yet valid" are never stored: certificate_status()
 * computes them from valid_until, issued_on and the day asked about. */
enum cert_status {
	CERT_VALID = 1,
	CERT_SUSPENDED = 2,
	CERT_REVOKED = 3,
	CERT_EXPIRED = 4,   /* computed only */
	CERT_NOT_YET = 5,   /* computed only: issued_on is after the day */
};

struct certificate {
	int64_t id;
	char *number;                /* unique */
	int64_t person_id;
	int64_t agency_id;
	char *issuer;                /* issuing body */
	char *domains;               /* comma-separated enforcement domains */
	char issued_on[FZ_DATE_LEN];
	char valid_until[FZ_DATE_LEN];
	enum cert_status status;     /* stored: VALID, SUSPENDED or REVOKED */
	char revoked_on[FZ_DATE_LEN]; /* "" unless revoked */
	char *revoke_reason;          /* NULL unless revoked */
	int64_t created_at;
	int64_t updated_at;
	/* Joined for display; filled by storage on get and list. */
	char *holder_name;
	char *agency_name;
};

/* 年度审验 */
struct cert_review {
	int64_t id;
	int64_t certificate_id;
	int year;
	bool passed;
	char *note;
	char reviewed_on[FZ_DATE_LEN];
	int64_t created_at;
};

struct session {
	int64_t id;
	unsigned char digest[32];    /* SHA-256 of the token; the token itself
	                              * is never stored */
	int64_t user_id;
	int64_t created_at;
	int64_t last_seen_at;
	char *client_addr;
};

/* The order of a list. key 0 is the list's usual order (by id; the audit
 * log and complaints newest first); a key above 0 names a column from the
 * list's own enum (enum person_sort in store/store.h ...), which each backend maps to
 * a fixed ORDER BY clause: what a user typed never reaches the SQL. Every
 * such order ends with the id in the same direction, so rows that tie keep
 * their place across pages and desc is the exact reverse. A key the list
 * does not know is its usual order. */
struct list_sort {
	int key;
	bool desc;
};

/* The rows a list is limited to, by id (an indicator's side for its
 * drill-down): ids NULL is no such limit; ids set with n 0 matches
 * nothing. The backend binds the set as one parameter, so any number of
 * ids takes one statement. */
struct id_set {
	const int64_t *ids;
	size_t n;
};

/* One audit record. result is "ok", "denied" or "failed". */
struct audit_entry {
	int64_t id;
	int64_t at;
	int64_t actor_id;            /* 0 = anonymous or the shell */
	char *actor;                 /* username as typed or "(cli)" */
	char *actor_name;            /* the account's display name, "" when
	                              * none (anonymous, the shell, deleted) */
	char *client_addr;
	char *action;                /* e.g. "agency.create", "session.create" */
	char *object_type;           /* e.g. "agency"; may be "" */
	char *object_id;             /* may be "" */
	char *result;
	char *message;               /* short detail, may be "" */
};

/* One changed field of an audited write. */
struct audit_change {
	const char *field;
	const char *before; /* NULL = absent */
	const char *after;  /* NULL = absent */
};

#endif
