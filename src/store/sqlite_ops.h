/* sqlite_ops.h - the SQLite backend's operations, one file per concept:
 * what sqlite_db.c puts in its struct store_ops (store.h gives each
 * contract). Only sqlite_internal.h includes it, at its end. */
#ifndef FZ_STORE_SQLITE_OPS_H
#define FZ_STORE_SQLITE_OPS_H

/* sqlite_tx.c */
enum fz_err sq_begin(struct store *st, bool write, struct fz_error *e);
enum fz_err sq_commit(struct store *st, struct fz_error *e);
void sq_rollback(struct store *st);
void sq_busy_timeout(struct store *st, int ms);
enum fz_err sq_group_join(struct store *st, struct store_group *g, struct fz_error *e);
enum fz_err sq_log_checkpointer(struct store *st, struct store_group *g, struct fz_error *e);
enum fz_err sq_group_writer(struct store *st, struct store_group *g, struct fz_error *e);

/* sqlite_memo.c */
enum fz_err sq_change_stamp(struct store *st, struct store_stamp *out, struct fz_error *e);
bool sq_memo_get(struct store *st, const char *key, const struct store_stamp *stamp,
		 const char **data, size_t *len);
void sq_memo_put(struct store *st, const char *key, const struct store_stamp *stamp,
		 const char *data, size_t len);

/* sqlite_org.c */
enum fz_err sq_division_put(struct store *st, const struct division *d, struct fz_error *e);
enum fz_err sq_division_get(struct store *st, struct arena *a, const char *code,
			    struct division *out, struct fz_error *e);
enum fz_err sq_division_list(struct store *st, struct arena *a, const char *parent,
			     struct page pg, struct division_list *out, struct fz_error *e);
enum fz_err sq_agency_insert(struct store *st, struct agency *ag, struct fz_error *e);
enum fz_err sq_agency_update(struct store *st, struct agency *ag, struct fz_error *e);
enum fz_err sq_agency_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			  struct agency *out, struct fz_error *e);
enum fz_err sq_agency_list(struct store *st, struct arena *a, const struct scope *sc,
			   const struct agency_filter *f, struct page pg,
			   struct agency_list *out, struct fz_error *e);
enum fz_err sq_unit_insert(struct store *st, struct unit *u, struct fz_error *e);
enum fz_err sq_unit_update(struct store *st, struct unit *u, struct fz_error *e);
enum fz_err sq_unit_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			struct unit *out, struct fz_error *e);
enum fz_err sq_unit_list(struct store *st, struct arena *a, const struct scope *sc,
			 int64_t agency_id, struct page pg, struct unit_list *out,
			 struct fz_error *e);

/* sqlite_people.c */
enum fz_err sq_person_insert(struct store *st, struct person *p, struct fz_error *e);
enum fz_err sq_person_update(struct store *st, struct person *p, struct fz_error *e);
enum fz_err sq_person_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			  struct person *out, struct fz_error *e);
enum fz_err sq_person_list(struct store *st, struct arena *a, const struct scope *sc,
			   const struct person_filter *f, struct page pg,
			   struct person_list *out, struct fz_error *e);
enum fz_err sq_reviewer_ratios(struct store *st, struct arena *a, const struct scope *sc,
			       struct page pg, struct reviewer_ratio_list *out,
			       struct fz_error *e);

/* sqlite_user.c */
enum fz_err sq_setting_get(struct store *st, struct arena *a, const char *key, char **value,
			   struct fz_error *e);
enum fz_err sq_setting_set(struct store *st, const char *key, const char *value,
			   struct fz_error *e);
enum fz_err sq_user_insert(struct store *st, struct user *u, struct fz_error *e);
enum fz_err sq_user_update(struct store *st, struct user *u, struct fz_error *e);
enum fz_err sq_user_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			struct user *out, struct fz_error *e);
enum fz_err sq_user_get_by_name(struct store *st, struct arena *a, const char *username,
				struct user *out, struct fz_error *e);
enum fz_err sq_user_list(struct store *st, struct arena *a, const struct scope *sc,
			 const struct user_filter *f, struct page pg, struct user_list *out,
			 struct fz_error *e);

/* sqlite_session.c */
enum fz_err sq_session_insert(struct store *st, struct session *s, struct fz_error *e);
enum fz_err sq_session_get(struct store *st, struct arena *a, const unsigned char digest[32],
			   struct session *out, struct fz_error *e);
enum fz_err sq_session_touch(struct store *st, int64_t id, int64_t now, struct fz_error *e);
enum fz_err sq_session_delete(struct store *st, int64_t id, struct fz_error *e);
enum fz_err sq_session_delete_user(struct store *st, int64_t user_id, struct fz_error *e);
enum fz_err sq_session_expire(struct store *st, int64_t idle_before, int64_t created_before,
			      struct fz_error *e);
enum fz_err sq_login_failure_add(struct store *st, const char *client_addr, int64_t at,
				 struct fz_error *e);
enum fz_err sq_login_failure_count(struct store *st, const char *client_addr, int64_t since,
				   int64_t *count, struct fz_error *e);

/* sqlite_account.c */
enum fz_err sq_login_name_get(struct store *st, const char *username, struct login_name *out,
			      struct fz_error *e);
enum fz_err sq_login_name_put(struct store *st, const struct login_name *ln,
			      struct fz_error *e);
enum fz_err sq_password_history_add(struct store *st, int64_t user_id, const char *hash,
				    int64_t at, struct fz_error *e);
enum fz_err sq_password_history_recent(struct store *st, struct arena *a, int64_t user_id,
				       int n, char ***hashes, size_t *count,
				       struct fz_error *e);
enum fz_err sq_agency_evidence_usage(struct store *st, int64_t agency_id, int64_t *used,
				     int64_t *quota, struct fz_error *e);

/* sqlite_cert.c */
enum fz_err sq_certificate_insert(struct store *st, struct certificate *c, struct fz_error *e);
enum fz_err sq_certificate_update(struct store *st, struct certificate *c, struct fz_error *e);
enum fz_err sq_certificate_get(struct store *st, struct arena *a, const struct scope *sc,
			       int64_t id, struct certificate *out, struct fz_error *e);
enum fz_err sq_certificate_get_by_number(struct store *st, struct arena *a, const char *number,
					 struct certificate *out, struct fz_error *e);
enum fz_err sq_certificate_list(struct store *st, struct arena *a, const struct scope *sc,
				const struct certificate_filter *f, struct page pg,
				struct certificate_list *out, struct fz_error *e);
enum fz_err sq_cert_review_insert(struct store *st, struct cert_review *r, struct fz_error *e);
enum fz_err sq_cert_review_list(struct store *st, struct arena *a, int64_t certificate_id,
				struct cert_review_list *out, struct fz_error *e);

/* sqlite_audit.c */
enum fz_err sq_audit_append(struct store *st, struct audit_entry *ent,
			    const struct audit_change *changes, size_t nchanges,
			    struct fz_error *e);
enum fz_err sq_audit_list(struct store *st, struct arena *a, const struct audit_filter *f,
			  struct page pg, struct audit_list *out, struct fz_error *e);
enum fz_err sq_audit_changes(struct store *st, struct arena *a, int64_t audit_id,
			     struct audit_change_list *out, struct fz_error *e);
enum fz_err sq_audit_purge(struct store *st, int64_t before, int64_t now, int retention_days,
			   int64_t *deleted, struct fz_error *e);

/* sqlite_calendar.c */
enum fz_err sq_calendar_year_replace(struct store *st, const struct calendar_year *y,
				     const struct calendar_day *days, size_t ndays,
				     struct fz_error *e);
enum fz_err sq_calendar_get(struct store *st, struct arena *a, struct calendar *out,
			    struct fz_error *e);

/* sqlite_case.c */
enum fz_err sq_case_insert(struct store *st, struct arena *a, struct enf_case *c,
			   const struct case_numbering *num, struct fz_error *e);
enum fz_err sq_case_update(struct store *st, struct enf_case *c, struct fz_error *e);
enum fz_err sq_case_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			struct enf_case *out, struct fz_error *e);
enum fz_err sq_case_status_put(struct store *st, const struct case_status *cs,
			       struct fz_error *e);
enum fz_err sq_case_status_get(struct store *st, struct arena *a, int64_t case_id,
			       struct case_status *out, struct fz_error *e);
enum fz_err sq_job_run_insert(struct store *st, struct job_run *run, struct fz_error *e);
enum fz_err sq_job_runs_latest(struct store *st, struct arena *a, struct job_run_list *out,
			       struct fz_error *e);
enum fz_err sq_case_status_stale(struct store *st, const struct scope *sc, const char *today,
				 struct case_status_cursor *cur, int64_t *ids, size_t max, size_t *n,
				 struct fz_error *e);
enum fz_err sq_case_duties_of(struct store *st, struct arena *a, const int64_t *ids, size_t n,
			      struct case_duty_list *out, struct fz_error *e);
enum fz_err sq_case_status_invalidate(struct store *st, struct fz_error *e);
enum fz_err sq_case_todo_counts(struct store *st, const struct scope *sc, const char *day,
				const char *soon, unsigned mine, struct case_todo_counts *out,
				struct fz_error *e);
enum fz_err sq_case_list(struct store *st, struct arena *a, const struct scope *sc,
			 const struct case_filter *f, struct page pg, struct case_list *out,
			 struct fz_error *e);

/* sqlite_case_event.c */
enum fz_err sq_case_event_append(struct store *st, struct case_event *ev, struct fz_error *e);
enum fz_err sq_case_record(struct store *st, struct arena *a, const struct scope *sc,
			   int64_t case_id, struct enf_case *c, struct case_event_list *out,
			   struct fz_error *e);
enum fz_err sq_case_events(struct store *st, struct arena *a, const struct scope *sc,
			   int64_t case_id, struct case_event_list *out, struct fz_error *e);

/* sqlite_document.c */
enum fz_err sq_document_number_peek(struct store *st, int64_t agency_id, int year,
				    const char *code, int64_t *n, struct fz_error *e);
enum fz_err sq_document_number_next(struct store *st, int64_t agency_id, int year,
				    const char *code, int64_t *n, struct fz_error *e);
enum fz_err sq_document_insert(struct store *st, struct case_document *d, struct fz_error *e);
enum fz_err sq_document_get(struct store *st, struct arena *a, const struct scope *sc,
			    int64_t id, struct case_document *out, struct fz_error *e);
enum fz_err sq_document_list(struct store *st, struct arena *a, const struct scope *sc,
			     int64_t case_id, struct case_document_list *out, struct fz_error *e);

/* sqlite_search.c */
enum fz_err sq_search_put(struct store *st, struct search_item *it, struct fz_error *e);
enum fz_err sq_search_remove(struct store *st, const char *kind, int64_t ref_id,
			     struct fz_error *e);
enum fz_err sq_search_query(struct store *st, struct arena *a, const struct search_query *q,
			    struct search_item_list *out, struct fz_error *e);

/* sqlite_case_event.c (verify) */
enum fz_err sq_case_event_get(struct store *st, struct arena *a, int64_t id,
			      struct case_event *out, struct fz_error *e);
enum fz_err sq_draw_events(struct store *st, struct arena *a, struct page pg,
			   const char *visible_at, struct draw_ref_list *out, struct fz_error *e);

/* sqlite_ledger.c */
enum fz_err sq_ledger_hash_get(struct store *st, char out[8], struct fz_error *e);
enum fz_err sq_ledger_hash_set(struct store *st, const char *name, struct fz_error *e);
enum fz_err sq_ledger_leaf_append(struct store *st, struct ledger_leaf *lf, struct fz_error *e);
enum fz_err sq_ledger_size(struct store *st, int64_t *size, struct fz_error *e);
enum fz_err sq_ledger_leaves(struct store *st, struct arena *a, int64_t from, int limit,
			     struct ledger_leaf_list *out, struct fz_error *e);
enum fz_err sq_ledger_leaf_find(struct store *st, int kind, int64_t ref_id,
				struct ledger_leaf *out, struct fz_error *e);
enum fz_err sq_ledger_unlogged(struct store *st, struct arena *a, int kind, int limit,
			       int64_t **ids, size_t *n, struct fz_error *e);
enum fz_err sq_case_header_append(struct store *st, int64_t case_id, int64_t at, int64_t *id,
				  struct fz_error *e);
enum fz_err sq_case_header_get(struct store *st, struct arena *a, int64_t id,
			       struct case_header *out, struct fz_error *e);
enum fz_err sq_case_headers(struct store *st, struct arena *a, int64_t case_id,
			    struct case_header_list *out, struct fz_error *e);
enum fz_err sq_case_header_drift(struct store *st, int64_t *case_id, struct fz_error *e);
enum fz_err sq_case_export_insert(struct store *st, struct case_export *x, struct fz_error *e);
/* sqlite_powerlist.c */
enum fz_err sq_power_list_insert(struct store *st, struct power_list *pl, struct fz_error *e);
enum fz_err sq_power_items_replace(struct store *st, int64_t list_id,
				   const struct power_item *items, size_t n, struct fz_error *e);
enum fz_err sq_power_list_note_set(struct store *st, int64_t list_id, const char *note,
				   struct fz_error *e);
enum fz_err sq_power_list_publish(struct store *st, const struct power_list *pl,
				  struct fz_error *e);
enum fz_err sq_power_list_get(struct store *st, struct arena *a, int64_t id,
			      struct power_list *out, struct fz_error *e);
enum fz_err sq_power_list_list(struct store *st, struct arena *a, int64_t agency_id,
			       bool published_only, struct page pg, struct power_list_list *out,
			       struct fz_error *e);
enum fz_err sq_power_list_in_force(struct store *st, struct arena *a, int64_t agency_id,
				   const char *on, struct power_list *out, struct fz_error *e);
enum fz_err sq_power_list_draft_of(struct store *st, struct arena *a, int64_t agency_id,
				   struct power_list *out, struct fz_error *e);
enum fz_err sq_agency_public_counts(struct store *st, int64_t agency_id, const char *today,
				    struct agency_public_counts *out, struct fz_error *e);
enum fz_err sq_publication_insert(struct store *st, struct publication *p, struct fz_error *e);
enum fz_err sq_publication_update(struct store *st, const struct publication *p,
				  struct fz_error *e);
enum fz_err sq_publication_get(struct store *st, struct arena *a, int64_t id,
			       struct publication *out, struct fz_error *e);
enum fz_err sq_publication_by_event(struct store *st, struct arena *a, int64_t event_id,
				    struct publication *out, struct fz_error *e);
enum fz_err sq_publication_list(struct store *st, struct arena *a,
				const struct publication_filter *f, const struct scope *sc,
				struct page pg, struct publication_list *out, struct fz_error *e);
enum fz_err sq_publication_event_insert(struct store *st, struct publication_event *ev,
					struct fz_error *e);
enum fz_err sq_publication_event_get(struct store *st, struct arena *a, int64_t id,
				     struct publication_event *out, struct fz_error *e);
enum fz_err sq_publication_events_of(struct store *st, struct arena *a, int64_t publication_id,
				     struct publication_event **items, size_t *n,
				     struct fz_error *e);
enum fz_err sq_case_export_get(struct store *st, struct arena *a, int64_t id,
			       struct case_export *out, struct fz_error *e);
enum fz_err sq_ledger_case_counts(struct store *st, int64_t case_id, int64_t before,
				  int64_t counts[6], struct fz_error *e);
enum fz_err sq_ledger_leaf_by_hash(struct store *st, const unsigned char *hash, size_t len,
				   struct ledger_leaf *out, struct fz_error *e);

/* sqlite_checkpoint.c */
enum fz_err sq_checkpoint_insert(struct store *st, struct ledger_checkpoint_row *cp,
				 struct fz_error *e);
enum fz_err sq_checkpoint_latest(struct store *st, struct ledger_checkpoint_row *out,
				 struct fz_error *e);
enum fz_err sq_checkpoint_list(struct store *st, struct arena *a, struct page pg,
			       struct ledger_checkpoint_list *out, struct fz_error *e);
enum fz_err sq_checkpoint_get(struct store *st, int64_t id, struct ledger_checkpoint_row *out,
			      struct fz_error *e);
enum fz_err sq_checkpoint_at_size(struct store *st, int64_t size,
				  struct ledger_checkpoint_row *out, struct fz_error *e);
enum fz_err sq_ledger_log_get(struct store *st, char origin[256], char sigs[16],
			      struct fz_error *e);
enum fz_err sq_ledger_log_set(struct store *st, const char *origin, const char *sigs,
			      struct fz_error *e);
enum fz_err sq_ledger_node_put(struct store *st, int level, int64_t idx,
			       const unsigned char *hash, size_t len, struct fz_error *e);
enum fz_err sq_ledger_node_get(struct store *st, int level, int64_t idx, unsigned char *out,
			       size_t *len, struct fz_error *e);
enum fz_err sq_ledger_nodes_covered(struct store *st, int64_t *leaves, struct fz_error *e);
enum fz_err sq_cosig_insert(struct store *st, struct ledger_cosig_row *c, struct fz_error *e);
enum fz_err sq_cosig_list(struct store *st, struct arena *a, int64_t checkpoint_id,
			  struct ledger_cosig_list *out, struct fz_error *e);
enum fz_err sq_rotation_insert(struct store *st, struct ledger_rotation_row *r,
			       struct fz_error *e);
enum fz_err sq_rotation_list(struct store *st, struct arena *a, struct ledger_rotation_list *out,
			     struct fz_error *e);
enum fz_err sq_ledger_tsa_get(struct store *st, char out[512], struct fz_error *e);
enum fz_err sq_ledger_tsa_set(struct store *st, const char *url, struct fz_error *e);
enum fz_err sq_timestamp_put(struct store *st, int64_t checkpoint_id, const void *token,
			     size_t len, int64_t at, struct fz_error *e);
enum fz_err sq_timestamp_get(struct store *st, struct arena *a, int64_t checkpoint_id,
			     unsigned char **token, size_t *len, struct fz_error *e);

/* sqlite_evidence.c */
enum fz_err sq_evidence_insert(struct store *st, struct evidence *ev, struct fz_error *e);
enum fz_err sq_evidence_get(struct store *st, struct arena *a, const struct scope *sc,
			    int64_t id, struct evidence *out, struct fz_error *e);
enum fz_err sq_evidence_list(struct store *st, struct arena *a, const struct scope *sc,
			     int64_t case_id, struct page pg, struct evidence_list *out,
			     struct fz_error *e);


/* sqlite_export.c */
enum fz_err sq_export_job_insert(struct store *st, struct export_job *j, struct fz_error *e);
enum fz_err sq_export_job_get(struct store *st, struct arena *a, int64_t id, int64_t user_id,
			      bool with_file, struct export_job *out, struct fz_error *e);
enum fz_err sq_export_job_claim(struct store *st, struct arena *a, struct export_job *out,
				struct fz_error *e);
enum fz_err sq_export_job_progress(struct store *st, int64_t id, int stage, struct fz_error *e);
enum fz_err sq_export_job_finish(struct store *st, int64_t id, bool ok, const char *message,
				 const void *file, size_t len, struct fz_error *e);
enum fz_err sq_export_job_interrupt(struct store *st, const char *message, int64_t *n,
				    struct fz_error *e);
enum fz_err sq_export_job_unfinished(struct store *st, int64_t *n, struct fz_error *e);
/* sqlite_consultation.c */
enum fz_err sq_consultations(struct store *st, struct arena *a, bool open, struct page pg,
			     struct consultation_ref_list *out, struct fz_error *e);
enum fz_err sq_consultation_of(struct store *st, int64_t case_id, struct consultation_ref *out,
			       struct fz_error *e);
enum fz_err sq_comment_insert(struct store *st, struct public_comment *c, struct fz_error *e);
enum fz_err sq_comment_get(struct store *st, struct arena *a, int64_t id,
			   struct public_comment *out, struct fz_error *e);
enum fz_err sq_comments_of(struct store *st, struct arena *a, int64_t open_event, bool shown_only,
			   struct page pg, struct public_comment_list *out, struct fz_error *e);
enum fz_err sq_comment_counts(struct store *st, struct arena *a, int64_t open_event,
			      struct comment_counts *out, struct fz_error *e);
enum fz_err sq_comment_recent(struct store *st, const char *client_key, int64_t since, int64_t *n,
			      struct fz_error *e);
enum fz_err sq_comment_event_insert(struct store *st, struct comment_event *ev,
				    struct fz_error *e);
enum fz_err sq_comment_event_get(struct store *st, struct arena *a, int64_t id,
				 struct comment_event *out, struct fz_error *e);
enum fz_err sq_comment_events_of(struct store *st, struct arena *a, int64_t comment_id,
				 struct comment_event **items, size_t *n, struct fz_error *e);

enum fz_err sq_comment_by_receipt(struct store *st, struct arena *a, const char *receipt,
				  struct public_comment *out, struct fz_error *e);
enum fz_err sq_review_list(struct store *st, struct arena *a, const struct scope *sc,
			   bool open_only, struct page pg, struct public_comment_list *out,
			   struct fz_error *e);

/* sqlite_complaint.c */
enum fz_err sq_complaint_attachment_insert(struct store *st, struct complaint_attachment *att,
					   struct fz_error *e);
enum fz_err sq_complaint_attachments_of(struct store *st, struct arena *a, int64_t complaint_id,
					struct complaint_attachment **items, size_t *n,
					struct fz_error *e);
enum fz_err sq_complaint_lookup_add(struct store *st, const char *client_key, int64_t at,
				    int64_t before, struct fz_error *e);
enum fz_err sq_complaint_lookup_count(struct store *st, const char *client_key, int64_t since,
				      int64_t *n, struct fz_error *e);
enum fz_err sq_complaint_insert(struct store *st, struct complaint *c, struct fz_error *e);
enum fz_err sq_complaint_update(struct store *st, const struct complaint *c, struct fz_error *e);
enum fz_err sq_complaint_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id,
			     struct complaint *out, struct fz_error *e);
enum fz_err sq_complaint_by_receipt(struct store *st, struct arena *a, const char *receipt,
				    struct complaint *out, struct fz_error *e);
enum fz_err sq_complaint_list(struct store *st, struct arena *a, const struct complaint_filter *f,
			      const struct scope *sc, struct page pg, struct complaint_list *out,
			      struct fz_error *e);
enum fz_err sq_complaint_recent(struct store *st, const char *client_key, int64_t since,
				int64_t *n, struct fz_error *e);
enum fz_err sq_complaint_event_insert(struct store *st, struct complaint_event *ev,
				      struct fz_error *e);
enum fz_err sq_complaint_event_get(struct store *st, struct arena *a, int64_t id,
				   struct complaint_event *out, struct fz_error *e);
enum fz_err sq_complaint_events_of(struct store *st, struct arena *a, int64_t complaint_id,
				   struct complaint_event **items, size_t *n, struct fz_error *e);

/* sqlite_stats.c */
enum fz_err sq_stats_event_counts(struct store *st, struct arena *a, const struct scope *sc,
				  const struct stats_query *q, struct stats_event_count_list *out,
				  struct fz_error *e);
enum fz_err sq_stats_decision_counts(struct store *st, struct arena *a, const struct scope *sc,
				     const struct stats_query *q,
				     struct stats_decision_count_list *out, struct fz_error *e);
enum fz_err sq_stats_open_counts(struct store *st, struct arena *a, const struct scope *sc,
				 struct stats_open_count_list *out, struct fz_error *e);
/* sqlite_stats_backfill.c */
enum fz_err sq_stats_summary_state(struct store *st, struct stats_summary_state *out,
				   struct fz_error *e);
enum fz_err sq_stats_summary_fill(struct store *st, int batch, int64_t *cases, bool *built,
				  struct fz_error *e);
enum fz_err sq_stats_summary_reset(struct store *st, struct fz_error *e);
/* Not an operation: the event path's update of the statistics' summary
 * (036_stats_summary.sql) for the event it has just written as id,
 * inside the event's savepoint. */
struct sq_store;
enum fz_err sq_stats_note_event(struct sq_store *s, const struct case_event *ev, int64_t id,
				struct fz_error *e);
/* Not operations: whether the summary holds case_id's events (built, or
 * the case already filled: the event path keeps it then), and whether
 * it is built (the reads use it then); *yes true when 046's row is
 * missing. */
enum fz_err sq_stats_summary_keeps(struct sq_store *s, int64_t case_id, bool *yes,
				   struct fz_error *e);
enum fz_err sq_stats_summary_built(struct sq_store *s, bool *yes, struct fz_error *e);

/* sqlite_indicators_facts.c */
enum fz_err sq_indicator_stale(struct store *st, struct arena *a, const struct scope *sc,
			       int64_t **ids, size_t *n, struct fz_error *e);
enum fz_err sq_indicator_stale_all(struct store *st, struct fz_error *e);
enum fz_err sq_indicator_facts_put(struct store *st, int64_t case_id,
				   const struct indicator_facts *f, struct fz_error *e);
/* sqlite_indicators_sums.c */
enum fz_err sq_indicator_sums(struct store *st, struct arena *a, const struct scope *sc,
			      const struct indicator_span *sp,
			      struct indicator_sum out[INDF_COUNT], int64_t *work,
			      struct fz_error *e);
enum fz_err sq_indicator_matters(struct store *st, struct arena *a, const struct scope *sc,
				 int64_t agency_id, int64_t **ids, size_t *n, struct fz_error *e);
enum fz_err sq_indicator_side(struct store *st, struct arena *a, const struct scope *sc,
			      const struct indicator_span *sp, enum indicator_figure figure,
			      bool num, int64_t **ids, size_t *n, struct fz_error *e);

/* --- sqlite_evaluation.c --- */
enum fz_err sq_eval_round_insert(struct store *st, struct eval_round *r, const int64_t *agencies, size_t nagencies, struct fz_error *e);
enum fz_err sq_eval_round_update(struct store *st, const struct eval_round *r, struct fz_error *e);
enum fz_err sq_eval_round_get(struct store *st, struct arena *a, int64_t id, struct eval_round *out, struct fz_error *e);
enum fz_err sq_eval_round_list(struct store *st, struct arena *a, const struct eval_round_filter *f, struct page pg, struct eval_round_list *out, struct fz_error *e);
enum fz_err sq_eval_round_agencies(struct store *st, struct arena *a, int64_t round_id, int64_t **ids, size_t *n, struct fz_error *e);
enum fz_err sq_eval_closed_cases(struct store *st, struct arena *a, int64_t agency_id, const char *from, const char *to, struct eval_case **items, size_t *n, struct fz_error *e);
enum fz_err sq_eval_file_insert(struct store *st, struct eval_file *f, struct fz_error *e);
enum fz_err sq_eval_file_update(struct store *st, const struct eval_file *f, struct fz_error *e);
enum fz_err sq_eval_file_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id, struct eval_file *out, struct fz_error *e);
enum fz_err sq_eval_file_list(struct store *st, struct arena *a, const struct scope *sc, const struct eval_file_filter *f, struct page pg, struct eval_file_list *out, struct fz_error *e);
enum fz_err sq_eval_mark_insert(struct store *st, const struct eval_mark_row *m, struct fz_error *e);
enum fz_err sq_eval_marks_of(struct store *st, struct arena *a, int64_t file_id, struct eval_mark_row **items, size_t *n, struct fz_error *e);
enum fz_err sq_check_plan_insert(struct store *st, struct check_plan *p, struct fz_error *e);
enum fz_err sq_check_plan_get(struct store *st, struct arena *a, int64_t id, struct check_plan *out, struct fz_error *e);
enum fz_err sq_rubric_version_insert(struct store *st, struct rubric_version *v, struct fz_error *e);
enum fz_err sq_rubric_version_latest(struct store *st, struct arena *a, const char *division, struct rubric_version *out, struct fz_error *e);
enum fz_err sq_check_plan_list(struct store *st, struct arena *a, const struct check_plan_filter *f, struct page pg, struct check_plan_list *out, struct fz_error *e);
enum fz_err sq_check_item_insert(struct store *st, struct check_item *it, struct fz_error *e);
enum fz_err sq_check_item_update(struct store *st, const struct check_item *it, struct fz_error *e);
enum fz_err sq_check_item_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id, struct check_item *out, struct fz_error *e);
enum fz_err sq_check_items_of(struct store *st, struct arena *a, const struct scope *sc, int64_t plan_id, struct check_item **items, size_t *n, struct fz_error *e);
enum fz_err sq_notice_insert(struct store *st, struct rect_notice *nt, struct fz_error *e);
enum fz_err sq_notice_update(struct store *st, const struct rect_notice *nt, struct fz_error *e);
enum fz_err sq_notice_get(struct store *st, struct arena *a, const struct scope *sc, int64_t id, struct rect_notice *out, struct fz_error *e);
enum fz_err sq_notice_list(struct store *st, struct arena *a, const struct scope *sc, const struct rect_notice_filter *f, struct page pg, struct rect_notice_list *out, struct fz_error *e);
enum fz_err sq_oversight_record_insert(struct store *st, struct oversight_record *r, struct fz_error *e);
enum fz_err sq_oversight_record_get(struct store *st, struct arena *a, int64_t id, struct oversight_record *out, struct fz_error *e);
enum fz_err sq_calendar_upload_put(struct store *st, const struct calendar_upload *u,
				   struct fz_error *e);
enum fz_err sq_calendar_upload_get(struct store *st, struct arena *a,
				   const unsigned char digest[32], int64_t now,
				   struct calendar_upload *out, struct fz_error *e);
enum fz_err sq_calendar_upload_delete(struct store *st, const unsigned char digest[32],
				      struct fz_error *e);
enum fz_err sq_org_counts(struct store *st, struct arena *a, const struct scope *sc,
			  const char *today, struct org_count_list *out, struct fz_error *e);
/* sqlite_decision.c */
enum fz_err sq_decision_catalogue_insert(struct store *st, struct decision_catalogue *c, struct fz_error *e);
enum fz_err sq_decision_catalogue_get(struct store *st, struct arena *a, int64_t id, struct decision_catalogue *out, struct fz_error *e);
enum fz_err sq_decision_catalogue_list(struct store *st, struct arena *a, const struct decision_catalogue_filter *f, struct page pg, struct decision_catalogue_list *out, struct fz_error *e);
enum fz_err sq_decision_catalogue_entry_insert(struct store *st, struct decision_catalogue_entry *en, struct fz_error *e);
enum fz_err sq_decision_catalogue_entry_get(struct store *st, struct arena *a, int64_t id, struct decision_catalogue_entry *out, struct fz_error *e);
enum fz_err sq_decision_catalogue_entries(struct store *st, struct arena *a, int64_t catalogue_id, struct decision_catalogue_entry **items, size_t *n, struct fz_error *e);
enum fz_err sq_decision_item_open_case(struct store *st, struct arena *a, int64_t item_id, int64_t except_case, int64_t *case_id, const char **number, struct fz_error *e);

#endif
