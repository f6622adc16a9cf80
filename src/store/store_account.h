/* store_account.h - accounts, sessions, sign-in failures and lockouts,
 * password history (001_init.sql and later).
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_ACCOUNT_H
#define FZ_STORE_STORE_ACCOUNT_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_account.h"
#endif

/* The orders of the account list (struct list_sort is in domain/model.h). */
enum user_sort { USER_SORT_USERNAME = 1, USER_SORT_NAME, USER_SORT_AGENCY,
		 USER_SORT_DISABLED };
STORE_LIST(user_list, struct user);
/* Sign-in failures of one name (see login_name_get). */
struct login_name {
	const char *username;
	int64_t failures;     /* consecutive wrong passwords */
	int64_t locked_until; /* Unix seconds; 0 = not locked */
	int64_t updated_at;
};

/* Filters: a zero / NULL / "" member means "any". */
struct user_filter {
	int64_t agency_id;
	unsigned role;             /* users holding this role bit */
	const char *q;             /* substring of username or display name */
	struct list_sort sort;     /* enum user_sort */
};

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Accounts. Scope applies through user.agency_id; users with
	 * agency_id 0 are visible only to SCOPE_ALL. */
	enum fz_err (*user_insert)(struct store *st, struct user *u, struct fz_error *e);
	/* Writes every column of u (the caller read it first). */
	enum fz_err (*user_update)(struct store *st, struct user *u, struct fz_error *e);
	enum fz_err (*user_get)(struct store *st, struct arena *a, const struct scope *sc,
				int64_t id, struct user *out, struct fz_error *e);
	enum fz_err (*user_get_by_name)(struct store *st, struct arena *a, const char *username,
					struct user *out, struct fz_error *e);
	/* Leaves password_hash NULL in every item: no list needs it. */
	enum fz_err (*user_list)(struct store *st, struct arena *a, const struct scope *sc,
				 const struct user_filter *f, struct page pg,
				 struct user_list *out, struct fz_error *e);

	/* Sessions, found by the digest of their token. */
	enum fz_err (*session_insert)(struct store *st, struct session *s, struct fz_error *e);
	enum fz_err (*session_get)(struct store *st, struct arena *a,
				   const unsigned char digest[32], struct session *out,
				   struct fz_error *e);
	enum fz_err (*session_touch)(struct store *st, int64_t id, int64_t now,
				     struct fz_error *e);
	enum fz_err (*session_delete)(struct store *st, int64_t id, struct fz_error *e);
	/* Ends every session of a user (disable, password change). */
	enum fz_err (*session_delete_user)(struct store *st, int64_t user_id, struct fz_error *e);
	/* Removes sessions idle since before idle_before or created before
	 * created_before. */
	enum fz_err (*session_expire)(struct store *st, int64_t idle_before,
				      int64_t created_before, struct fz_error *e);

	/* Failed sign-ins per client address, for rate limiting. add forgets
	 * failures more than a day older than at, so windows are <= 1 day. */
	enum fz_err (*login_failure_add)(struct store *st, const char *client_addr, int64_t at,
					 struct fz_error *e);
	enum fz_err (*login_failure_count)(struct store *st, const char *client_addr,
					   int64_t since, int64_t *count, struct fz_error *e);
	/* Sign-in lockout by name, whether or not an account has it. get
	 * gives a zeroed struct for a name not recorded; put with failures
	 * and locked_until both 0 forgets the name, and every put forgets
	 * names untouched for a day (so a flood of made-up names stays
	 * small). */
	enum fz_err (*login_name_get)(struct store *st, const char *username,
				      struct login_name *out, struct fz_error *e);
	enum fz_err (*login_name_put)(struct store *st, const struct login_name *ln,
				      struct fz_error *e);

	/* Password hashes an account has had. recent gives up to n, newest
	 * first, as an array of arena strings. */
	enum fz_err (*password_history_add)(struct store *st, int64_t user_id, const char *hash,
					    int64_t at, struct fz_error *e);
	enum fz_err (*password_history_recent)(struct store *st, struct arena *a,
					       int64_t user_id, int n, char ***hashes,
					       size_t *count, struct fz_error *e);
#endif /* STORE_OPS_BODY */
