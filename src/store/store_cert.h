/* store_cert.h - enforcement certificates (执法证) and their yearly
 * reviews.
 * store.h includes this file twice: first for the types, then inside
 * struct store_ops for the operations; nothing else includes it. */
#ifndef FZ_STORE_STORE_CERT_H
#define FZ_STORE_STORE_CERT_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_cert.h"
#endif

/* The orders of the certificate list (struct list_sort is in domain/model.h). */
enum cert_sort { CERT_SORT_NUMBER = 1, CERT_SORT_HOLDER, CERT_SORT_AGENCY,
		 CERT_SORT_VALID_UNTIL, CERT_SORT_STATUS };
STORE_LIST(certificate_list, struct certificate);
STORE_LIST(cert_review_list, struct cert_review);
/* Filters: a zero / NULL / "" member means "any". */
struct certificate_filter {
	int64_t agency_id;
	int64_t person_id;
	int status;                /* 0 any; CERT_SUSPENDED, CERT_REVOKED as
	                            * stored; CERT_EXPIRED: stored VALID and
	                            * valid_until < today; CERT_VALID: stored
	                            * VALID and, when today is given,
	                            * valid_until >= today */
	const char *today;         /* "YYYY-MM-DD", needed for CERT_EXPIRED and
	                            * expiring_within_days (else FZ_INVALID) */
	int expiring_within_days;  /* > 0: valid and valid_until within N days */
	const char *q;             /* substring of number or holder name */
	struct list_sort sort;     /* enum cert_sort */
};

#endif

#ifdef STORE_OPS_BODY
/* The operations: store.h includes this file a second time inside
 * struct store_ops (its conventions are at the top of store.h). */
	/* Certificates. Scope applies through certificate.agency_id. */
	enum fz_err (*certificate_insert)(struct store *st, struct certificate *c,
					  struct fz_error *e);
	enum fz_err (*certificate_update)(struct store *st, struct certificate *c,
					  struct fz_error *e);
	enum fz_err (*certificate_get)(struct store *st, struct arena *a, const struct scope *sc,
				       int64_t id, struct certificate *out, struct fz_error *e);
	/* Unscoped: the public check by number. */
	enum fz_err (*certificate_get_by_number)(struct store *st, struct arena *a,
						 const char *number, struct certificate *out,
						 struct fz_error *e);
	enum fz_err (*certificate_list)(struct store *st, struct arena *a, const struct scope *sc,
					const struct certificate_filter *f, struct page pg,
					struct certificate_list *out, struct fz_error *e);
	enum fz_err (*cert_review_insert)(struct store *st, struct cert_review *r,
					  struct fz_error *e);
	/* Every review of one certificate, oldest year first; unscoped (get
	 * the certificate with a scope first). */
	enum fz_err (*cert_review_list)(struct store *st, struct arena *a, int64_t certificate_id,
					struct cert_review_list *out, struct fz_error *e);
#endif /* STORE_OPS_BODY */
