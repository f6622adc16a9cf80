#!/bin/sh
# Prints the demo accounts for `make demo`.
cat <<'TXT'

演示账号（密码均为 Demo@2026）:
  sysadmin    系统管理员：账号、执法主体、行政区划
  secadmin    安全管理员：角色分配、安全策略
  auditor     审计管理员：查阅与导出审计日志
  supervisor  海原县司法局执法监督员：查看全县执法主体、人员与执法证，发证与审验
  officer1    海原县自然资源局执法人员
  officer2    海原县自然资源局执法人员
  reviewer1   海原县自然资源局法制审核人员
  head1       海原县自然资源局负责人
  officer3    海原县市场监督管理局执法人员
  head2       海原县市场监督管理局负责人
案件：以 officer1 登录查看“我的案件”，以 reviewer1 查看“待审核”，以 head1 查看“待审批”
公众执法证查询: http://127.0.0.1:8080/certificates/check （以 supervisor 登录，执法证详情页可打开带二维码的执法证卡片）
每页右上角可切换“关怀版”（大字、高对比）
TXT
