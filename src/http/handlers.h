/* handlers.h - every route handler, grouped by the file that defines it.
 * A handler gets an authorised request (see router.h), fills r->resp
 * through resp.h or layout.h, and returns the HTTP status it answered. */
#ifndef FZ_HTTP_HANDLERS_H
#define FZ_HTTP_HANDLERS_H

#include "http/http.h"

/* api_health.c */
int api_healthz(struct req *r);
/* asset.c */
int asset_css(struct req *r);
int asset_upload_js(struct req *r);
/* api_session.c */
int api_session_create(struct req *r);
int api_session_delete(struct req *r);
/* api_me.c */
int api_me_get(struct req *r);
int api_me_password(struct req *r);

/* -- API handlers of organisation, people, accounts, certificates, audit -- */
/* api_org.c */
int api_division_list(struct req *r);
int api_division_get(struct req *r);
int api_division_put(struct req *r);
int api_agency_list(struct req *r);
int api_agency_create(struct req *r);
int api_agency_get(struct req *r);
int api_agency_update(struct req *r);
int api_unit_list(struct req *r);
int api_org_tree(struct req *r);
int api_unit_create(struct req *r);
int api_unit_get(struct req *r);
int api_unit_update(struct req *r);
/* api_people.c */
int api_officer_list(struct req *r);
int api_officer_create(struct req *r);
int api_officer_get(struct req *r);
int api_officer_update(struct req *r);
int api_reviewer_ratios(struct req *r);
int api_indicators(struct req *r);
/* page_stats.c, page_dashboard.c */
int api_stats_annual(struct req *r);
int api_dashboard(struct req *r);
/* api_users.c */
int api_user_list(struct req *r);
int api_user_create(struct req *r);
int api_user_get(struct req *r);
int api_user_update(struct req *r);
int api_user_roles(struct req *r);
int api_user_reset(struct req *r);
/* api_certs.c */
int api_cert_list(struct req *r);
int api_cert_create(struct req *r);
int api_cert_get(struct req *r);
int api_cert_update(struct req *r);
int api_cert_suspend(struct req *r);
int api_cert_resume(struct req *r);
int api_cert_revoke(struct req *r);
int api_cert_review_list(struct req *r);
int api_cert_review_add(struct req *r);
/* api_public.c */
int api_public_cert_check(struct req *r);
/* api_publication.c */
int api_publication_list(struct req *r);
int api_publication_get(struct req *r);
int api_publication_confirm(struct req *r);
int api_publication_withdraw(struct req *r);
int api_public_publication_list(struct req *r);
int api_public_publication_get(struct req *r);
int api_public_withdrawal_list(struct req *r);
int api_opendata_csv(struct req *r);
int api_opendata_json(struct req *r);
int api_opendata_xlsx(struct req *r);
/* page_public.c */
int page_public_decisions(struct req *r);
int page_public_decision(struct req *r);
int page_public_withdrawals(struct req *r);
int page_public_feed(struct req *r);
/* page_publication.c */
int page_publication_list(struct req *r);
int page_publication_show(struct req *r);
int page_publication_confirm(struct req *r);
int page_publication_withdraw(struct req *r);
/* api_search.c */
int api_public_search(struct req *r);
/* api_powerlist.c: the power list (权责清单) and the portal's agencies */
int api_power_list_list(struct req *r);
int api_power_list_create(struct req *r);
int api_power_list_get(struct req *r);
int api_power_list_update(struct req *r);
int api_power_list_publish(struct req *r);
int api_public_agency_list(struct req *r);
int api_public_agency_get(struct req *r);
int api_public_agency_officers(struct req *r);
int api_public_powers_in_force(struct req *r);
int api_public_power_history(struct req *r);
int api_public_power_list_get(struct req *r);
int api_public_power_compare(struct req *r);
/* api_audit.c */
int api_audit_list(struct req *r);
int api_audit_changes(struct req *r);
int api_audit_export(struct req *r);
/* api_openapi.c */
int api_openapi(struct req *r);
/* api_policy.c */
int api_policy_get(struct req *r);
int api_policy_put(struct req *r);
/* api_case.c */
int api_procedure_list(struct req *r);
int api_procedure_get(struct req *r);
int api_case_list(struct req *r);
int api_case_create(struct req *r);
int api_case_get(struct req *r);
int api_queue_review(struct req *r);
int api_queue_approval(struct req *r);
/* api_evidence.c */
int api_evidence_upload(struct req *r);
int api_evidence_list(struct req *r);
int api_evidence_download(struct req *r);
/* api_ledger.c */
int api_ledger_checkpoint(struct req *r);
int api_ledger_checkpoints(struct req *r);
int api_ledger_checkpoint_note(struct req *r);
int api_ledger_inclusion(struct req *r);
int api_ledger_consistency(struct req *r);
int api_ledger_leaves(struct req *r);
int api_ledger_cosign(struct req *r);
int api_ledger_key_rotations(struct req *r);
int page_ledger(struct req *r);
int page_public_decision_proof(struct req *r);
int api_public_publication_proof(struct req *r);
/* api_document.c */
int api_case_documents(struct req *r);
int api_document_pdf(struct req *r);
int api_case_document_latest(struct req *r);
/* api_case_step.c */
int api_case_events(struct req *r);
int api_case_deadlines(struct req *r);
int api_case_step(struct req *r);
int api_case_draw(struct req *r);
/* api_benchmark.c */
int api_benchmark_list(struct req *r);
int api_benchmark_propose(struct req *r);
/* api_evaluation.c */
int api_eval_round_list(struct req *r);
int api_eval_round_create(struct req *r);
int api_eval_round_get(struct req *r);
int api_eval_round_draw(struct req *r);
int api_eval_round_close(struct req *r);
int api_eval_file_list(struct req *r);
int api_eval_file_get(struct req *r);
int api_eval_file_assign(struct req *r);
int api_eval_file_score(struct req *r);
int api_check_plan_list(struct req *r);
int api_check_plan_create(struct req *r);
int api_check_plan_get(struct req *r);
int api_check_item_finding(struct req *r);
int api_notice_list(struct req *r);
int api_notice_issue(struct req *r);
int api_notice_get(struct req *r);
int api_notice_answer(struct req *r);
int api_notice_close(struct req *r);
int api_notice_return(struct req *r);
/* -- end of API handlers -- */

/* page_home.c */
int page_home(struct req *r);
/* page_login.c */
int page_login_form(struct req *r);
int page_login_submit(struct req *r);
int page_logout(struct req *r);
/* page_workbench.c */
int page_workbench(struct req *r);
/* page_password.c */
int page_password_form(struct req *r);
int page_password_submit(struct req *r);

/* -- management page handlers -- */
/* page_care.c */
int page_care(struct req *r);
/* page_cert_card.c */
int page_cert_card(struct req *r);
/* page_cert_check.c */
int page_cert_check(struct req *r);
/* page_search.c */
int page_public_search(struct req *r);
/* page_exante.c, page_powerlist.c: ex-ante publicity (事前公开) */
int page_public_agencies(struct req *r);
int page_public_agency(struct req *r);
int page_public_officers(struct req *r);
int page_public_powers(struct req *r);
int page_public_power_history(struct req *r);
int page_public_power_list(struct req *r);
int page_public_power(struct req *r);
int page_public_power_compare(struct req *r);
int page_public_procedures(struct req *r);
int page_public_benchmarks(struct req *r);
int page_public_review_catalogue(struct req *r);
int page_public_procedure(struct req *r);
/* Drafting the power list (page_powerlist_edit.c): GET /power-lists,
 * POST /power-lists/new, /power-lists/{id}/items, /power-lists/{id}/publish. */
int page_power_draft(struct req *r);
int page_power_draft_new(struct req *r);
int page_power_draft_items(struct req *r);
int page_power_draft_publish(struct req *r);
/* 双随机抽查 on the portal (page_inspections.c): the draws, one draw,
 * its published lists as text files, and the API. */
int page_public_inspections(struct req *r);
int page_public_inspection(struct req *r);
int page_public_inspection_targets(struct req *r);
int page_public_inspection_inspectors(struct req *r);
int api_public_inspection_list(struct req *r);
int api_public_inspection_get(struct req *r);
/* GET /public/procedures/{id}/chart.svg: the same chart as an SVG file. */
int page_public_procedure_svg(struct req *r);
/* page_agencies.c, page_agency_form.c, page_units.c */
int page_agency_list(struct req *r);
int page_agency_show(struct req *r);
int page_agency_new(struct req *r);
int page_agency_create(struct req *r);
int page_agency_edit(struct req *r);
int page_agency_update(struct req *r);
int page_unit_create(struct req *r);
int page_unit_list(struct req *r);
int page_org_tree(struct req *r);
int page_calendar(struct req *r);
int page_calendar_upload(struct req *r);
int page_calendar_preview(struct req *r);
int page_calendar_confirm(struct req *r);
/* page_officers.c, page_officer_form.c */
int page_officer_list(struct req *r);
int page_officer_show(struct req *r);
int page_officer_new(struct req *r);
int page_officer_create(struct req *r);
int page_officer_edit(struct req *r);
int page_officer_update(struct req *r);
/* page_certs.c, page_cert_form.c, page_cert_actions.c */
int page_cert_list(struct req *r);
int page_cert_show(struct req *r);
int page_cert_new(struct req *r);
int page_cert_create(struct req *r);
int page_cert_edit(struct req *r);
int page_cert_update(struct req *r);
int page_cert_suspend_form(struct req *r);
int page_cert_suspend(struct req *r);
int page_cert_resume_form(struct req *r);
int page_cert_resume(struct req *r);
int page_cert_revoke_form(struct req *r);
int page_cert_revoke(struct req *r);
int page_cert_review_form(struct req *r);
int page_cert_review(struct req *r);
/* page_users.c, page_user_form.c, page_user_roles.c */
int page_user_list(struct req *r);
int page_user_roles_list(struct req *r);
int page_user_new(struct req *r);
int page_user_create(struct req *r);
int page_user_edit(struct req *r);
int page_user_update(struct req *r);
int page_user_reset(struct req *r);
int page_user_roles_form(struct req *r);
int page_user_roles_save(struct req *r);
/* page_audit.c */
int page_audit_list(struct req *r);
int page_audit_show(struct req *r);
int page_audit_export(struct req *r);
/* page_ratios.c */
int page_reviewer_ratios(struct req *r);
int page_indicators(struct req *r);
int page_jobs(struct req *r);
int page_stats_annual(struct req *r);
int page_stats_annual_xlsx(struct req *r);
int page_stats_annual_csv(struct req *r);
int page_stats_export_start(struct req *r);
int page_export_show(struct req *r);
int page_export_file(struct req *r);
int page_dashboard(struct req *r);
int page_dashboard_export(struct req *r);
int page_alerts(struct req *r);
/* page_evaluation.c */
int page_oversight(struct req *r);
int page_eval_round(struct req *r);
int page_eval_round_draw(struct req *r);
int page_eval_round_close(struct req *r);
int page_eval_round_new(struct req *r);
int page_eval_round_create(struct req *r);
int page_eval_file(struct req *r);
int page_eval_file_list(struct req *r);
int page_eval_round_list(struct req *r);
int page_check_plan_list(struct req *r);
int page_rubric(struct req *r);
int page_rubric_save(struct req *r);
int page_eval_file_score(struct req *r);
int page_eval_file_assign(struct req *r);
int page_notice_show(struct req *r);
int page_notice_answer(struct req *r);
int page_notice_close(struct req *r);
int page_notice_return(struct req *r);
int page_check_plan(struct req *r);
/* The /alerts sections of rectification notices: overdue or due within
 * NOTICE_DUE_SOON_DAYS awaiting the agency, reports awaiting the bureau;
 * nothing when there are none. */
struct buf;
void page_evaluation_alerts(struct req *r, struct buf *b);
int page_indicator_cases(struct req *r);
/* page_policy.c */
int page_policy_form(struct req *r);
int page_policy_save(struct req *r);
/* page_cases.c, page_case_show.c, page_case_new.c, page_case_step.c */
int page_case_list(struct req *r);
int page_case_queue_review(struct req *r);
int page_case_queue_approval(struct req *r);
int page_case_show(struct req *r);
int page_case_new(struct req *r);
int page_case_create(struct req *r);
int page_case_step_form(struct req *r);
int page_case_step(struct req *r);
/* page_case_evidence.c */
int page_case_evidence_upload(struct req *r);
/* api_rulemaking.c, page_rulemaking.c: draft versions of a matter */
int api_case_versions(struct req *r);
/* api_decision.c, page_decision.c: decision catalogues, accountability */
int api_dcat_list(struct req *r);
int api_dcat_create(struct req *r);
int api_dcat_get(struct req *r);
int api_dcat_item_add(struct req *r);
int api_dcat_item_remove(struct req *r);
int api_dcat_approve(struct req *r);
int api_public_dcat_list(struct req *r);
int api_public_dcat_get(struct req *r);
/* api_decision_docs.c */
int api_dcat_pdf(struct req *r);
int api_dcat_xlsx(struct req *r);
int api_public_dcat_pdf(struct req *r);
int api_public_dcat_xlsx(struct req *r);
int api_case_accountability(struct req *r);
int page_public_dcat_list(struct req *r);
int page_public_dcat(struct req *r);
int page_dcat_list(struct req *r);
int page_dcat_create(struct req *r);
int page_dcat_show(struct req *r);
int page_dcat_item_add(struct req *r);
int page_dcat_item_remove(struct req *r);
int page_dcat_approve(struct req *r);
int api_case_version_diff(struct req *r);
int page_case_versions(struct req *r);
/* page_case_documents.c */
int page_case_documents(struct req *r);
/* page_case_draw.c */
int page_case_draw_form(struct req *r);
int page_case_draw(struct req *r);
/* page_complaint_public.c, page_complaints.c, api_complaint.c */
int page_public_complaint_form(struct req *r);
int page_public_complaint_submit(struct req *r);
struct stream_files;
void page_public_complaint_files(struct req *r, struct stream_files *fl);
int page_public_complaint_track(struct req *r);
int page_public_complaint_lookup(struct req *r);
int page_complaint_list(struct req *r);
int page_complaint_new(struct req *r);
int page_complaint_create(struct req *r);
int page_complaint_show(struct req *r);
int page_complaint_attachment(struct req *r);
int page_complaint_act(struct req *r);
int api_public_complaint_file(struct req *r);
int api_public_complaint_track(struct req *r);
int api_complaint_list(struct req *r);
int api_complaint_create(struct req *r);
int api_complaint_get(struct req *r);
int api_complaint_act(struct req *r);
/* page_consultation.c, api_consultation.c (公开征求意见) */
int page_public_consultations(struct req *r);
int page_public_consultation(struct req *r);
int page_public_comment_submit(struct req *r);
int page_case_comment_act(struct req *r);
int api_public_consultation_list(struct req *r);
int api_public_consultation_get(struct req *r);
int api_public_consultation_comments(struct req *r);
int api_public_comment_submit(struct req *r);
int api_case_comments(struct req *r);
int api_case_comment_act(struct req *r);
/* page_normcat.c (双目录: 现行有效目录, 制定计划目录) */
int page_public_normative_documents(struct req *r);
int page_public_normative_document(struct req *r);
int page_public_normative_plan(struct req *r);
int api_public_normative_documents(struct req *r);
int api_public_normative_documents_xlsx(struct req *r);
int api_public_normative_document(struct req *r);
int api_public_normative_plan(struct req *r);
int api_public_normative_plan_xlsx(struct req *r);
struct buf;
/* The 预警 page's section of normative documents whose validity ends
 * soon (in the caller's scope); nothing when none. */
void normcat_alert_section(struct req *r, struct buf *b);
/* page_review_request.c (审查建议) */
int page_public_review_request_submit(struct req *r);
int page_public_review_request_track(struct req *r);
int page_review_requests(struct req *r);
int page_review_request_answer(struct req *r);
int api_public_review_request_submit(struct req *r);
int api_public_review_request_get(struct req *r);
int api_review_request_list(struct req *r);
int api_review_request_answer(struct req *r);
struct comment_input;
/* The 预警 page's count of review requests awaiting the bureau's answer. */
void review_request_alert_section(struct req *r, struct buf *b);
/* The review-request form on a document's page, with a fresh token. */
void review_request_form(struct req *r, struct buf *b, int64_t case_id,
			 const struct comment_input *in, enum fz_err rc, const struct fz_error *e);
/* -- end of page handlers -- */

#endif
