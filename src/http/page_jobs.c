/* page_jobs.c - GET /jobs: the server's scheduled jobs as the system
 * administrator checks them: when each last did something, how long it
 * took, how much it did and whether it failed (job_runs). */
#include "app/case_status.h"
#include "app/indicators.h"
#include "app/stats.h"
#include "base/date.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/resp.h"

#include <string.h>

static const char *job_label(const char *job)
{
	if (strcmp(job, JOB_CASE_STATUS) == 0)
		return "更新案件期限和待办状态（每 5 分钟检查一次，有过期的状态才运行）";
	if (strcmp(job, JOB_STATS_SUMMARY) == 0)
		return "建立统计汇总（升级后在后台按案件分批进行，处理数量为补入的案件数）";
	if (strcmp(job, JOB_INDICATOR_FACTS) == 0)
		return "重新判定监督指标的案件（与案件状态同时检查，有记录变化的案件才运行）";
	return job;
}

int page_jobs(struct req *r)
{
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct job_run_list l;
	enum fz_err rc = app_job_runs(&r->ctx, &l, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	bool built;
	int pct;
	if ((rc = app_stats_summary_progress(&r->ctx, &built, &pct, &e)))
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, "定时任务");
	html_raw(&b, "<p class=\"lead\">服务器按时运行的任务。每项显示最近一次实际运行的时间、用时和结果。</p>\n");
	if (!built)
		html_f(&b, "<p class=\"flash info\" role=\"status\">统计汇总正在建立（已完成 %d%%），"
			   "完成前统计数字按原始记录计算，可能较慢。</p>\n",
		       pct);
	if (!l.n) {
		html_raw(&b, "<p class=\"empty\">服务启动后尚未运行过需要处理的任务。</p>\n");
	} else {
		html_raw(&b, "<table class=\"list\"><thead><tr><th>任务</th><th>最近运行</th>"
			     "<th>用时</th><th>处理数量</th><th>结果</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct job_run *j = &l.items[i];
			char when[20];
			time_format_local(j->started_at, when);
			html_f(&b, "<tr><td data-label=\"任务\">%s</td><td data-label=\"最近运行\">%s</td>"
				   "<td data-label=\"用时\">%lld 毫秒</td><td data-label=\"处理数量\">%lld</td>"
				   "<td data-label=\"结果\">",
			       job_label(j->job), when, (long long)j->duration_ms, (long long)j->items);
			if (j->ok)
				html_raw(&b, "<span class=\"badge ok\">成功</span>");
			else
				html_f(&b, "<span class=\"badge bad\">失败</span> %s", j->message);
			html_raw(&b, "</td></tr>\n");
		}
		html_raw(&b, "</tbody></table>\n");
	}
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
