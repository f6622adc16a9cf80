/* main.c - entry point of `fazhi`: finds the command in the table and
 * runs it. Each command lives in src/cli/cmd_<name>.c. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

const struct command cli_commands[] = {
	{ "init", cmd_init, "创建数据库或升级到当前结构版本",
	  "用法: fazhi init --db PATH [--data-dir DIR] [--hash sm3|sha256]\n"
	  "  创建数据库（如不存在），或把已有数据库迁移到本程序的结构版本。\n"
	  "  在数据目录（默认为数据库旁的 PATH.data）生成账本签名密钥 ledger.key\n"
	  "  （Ed25519，权限 0600）和公钥 ledger.pub。--hash 选择账本摘要算法\n"
	  "  （默认 sm3），只能在账本尚无记录时选择。\n" },
	{ "serve", cmd_serve, "启动 Web 服务",
	  "用法: fazhi serve --db PATH [--listen 127.0.0.1:8080] [--threads N] [--data-dir DIR]\n"
	  "                  [--procedures DIR] [--max-upload BYTES] [--checkpoint-interval S] [--key-file KEY]\n"
	  "                  [--evidence-quota BYTES] [--admin-address IP,...] [--cookie-secure]\n"
	  "                  [--password-history N] [--connections-per-address N]\n"
	  "                  [--complaint-contact TEXT] [--public-url URL] [--draw-embargo-max-days N]\n"
	  "  --data-dir DIR    证据文件、文书和签名密钥所在目录，默认为 PATH.data。\n"
	  "  --max-upload N    证据文件上传上限（字节），默认 2 GiB。\n"
	  "  --evidence-quota N  每个执法主体可存证据的总字节数，默认 20 GiB。\n"
	  "  --admin-address IP,...  管理地址：系统管理员、安全管理员、审计管理员的账号\n"
	  "                    被锁定时，仍可从这些地址登录（不影响按地址的失败次数限制）。\n"
	  "  --password-history N  修改密码时不得使用最近 N 次用过的密码（默认 5，0 到 24）。\n"
	  "  --connections-per-address N  同一客户端地址最多同时保持的连接数（默认 32）。\n"
	  "                    部署在反向代理之后时所有请求都来自代理的地址，应调大（如 1024），\n"
	  "                    由代理按客户端限制。\n"
	  "  --cookie-secure   部署在 HTTPS（如 nginx 终结 TLS）之后时使用：Cookie 带 Secure，\n"
	  "                    并发送 Strict-Transport-Security 响应头。\n"
	  "  --checkpoint-interval S  账本有新记录时每 S 秒签署一个检查点（默认 300），\n"
	  "                    停止服务时再签署一次。\n"
	  "  --key-file KEY    账本签名私钥不在数据目录时的路径（权限须为 0600）。\n"
	  "  --complaint-contact TEXT  公众举报冒充执法人员的渠道（如“海原县司法局执法监督科，\n"
	  "                    电话 0955-4012345”），执法证查询查无此证时显示。\n"
	  "  --public-url URL  公众访问本平台的网址（如 https://fazhi.example.gov.cn），\n"
	  "                    写入执法证二维码；默认取请求的地址。\n"
	  "  --draw-embargo-max-days N  随机抽取结果最多推迟多少天公开（默认 90，1 到 3650；\n"
	  "                    参考资料未规定，为待核实的设定值）。\n"
	  "  --procedures DIR  从目录读取程序定义与本省配置（config.txt），替换内置的同名定义；\n"
	  "                    任何定义有误时服务不启动，并指明文件、行与步骤。\n"
	  "  提供网页与 /api/v1 接口；每个请求在标准错误输出一行日志。\n"
	  "  收到 SIGINT 或 SIGTERM 时处理完进行中的请求后退出（退出码 0）。\n" },
	{ "demo", cmd_demo, "生成演示县的数据",
	  "用法: fazhi demo --db PATH [--password P] [--data-dir DIR]\n"
	  "  在数据库中生成演示县（司法局、约 8 个执法部门、约 60 名执法人员与演示账号）。\n"
	  "  演示账号的默认密码为 Demo@2026。数据库中已有演示数据时不重复生成。\n" },
	{ "user", cmd_user, "在命令行管理账号",
	  "用法: fazhi user add --db PATH --username NAME --name 姓名 [--role ROLES]\n"
	  "                     [--agency ID] [--password P]\n"
	  "       fazhi user passwd --db PATH --username NAME [--password P]\n"
	  "       fazhi user disable --db PATH --username NAME\n"
	  "       fazhi user enable --db PATH --username NAME\n"
	  "       fazhi user unlock --db PATH --username NAME\n"
	  "       fazhi user list --db PATH\n"
	  "  ROLES 为逗号分隔的角色: officer, reviewer, head, supervisor, sysadmin,\n"
	  "  secadmin, auditor。未给 --password 时从标准输入读取一行。\n"
	  "  命令行创建或重置的密码在首次登录时必须修改。\n"
	  "  unlock 解除因密码连续错误造成的登录锁定（管理员被锁在网络之外时使用）。\n"
	  "  管理员账号（sysadmin、secadmin、auditor）的密码、停用只能在此维护。\n" },
	{ "audit", cmd_audit, "清除保存期满的审计记录",
	  "用法: fazhi audit purge --db PATH --before YYYY-MM-DD\n"
	  "  删除该日期之前的审计记录；保存期（默认 180 天）内的记录不能删除。\n"
	  "  清除操作本身记入审计日志。\n" },
	{ "calendar", cmd_calendar, "期限计算与节假日安排",
	  "用法: fazhi calendar due [--db PATH] --from YYYY-MM-DD\n"
	  "                         (--working-days N | --days N | --months N) [--provisional]\n"
	  "       fazhi calendar show [--db PATH] YEAR\n"
	  "       fazhi calendar load --db PATH FILE\n"
	  "  due   计算期限：第一行为届满日，其后逐条说明计算过程。起算日当日不计入；\n"
	  "        按工作日计算的不计法定节假日和周末（调休上班日计入）；按日、按月计算的\n"
	  "        最后一日为法定节假日或周末的，顺延至其后第一个工作日。\n"
	  "        期间延伸到尚未载入节假日安排的年度时，以退出码 8 拒绝；加 --provisional\n"
	  "        则按周末和固定日期节日暂定计算，届满日后标注“暂定”。\n"
	  "  show  列出该年的放假日和调休上班日。\n"
	  "  due 和 show 不给 --db 时使用程序内置的节假日安排（data/calendar/cn.txt）。\n"
	  "  load  载入日历文件：文件中的年度整体替换数据库中的同一年度，其余年度不变；\n"
	  "        格式有误时指出行号，不做任何修改。操作记入审计日志。\n" },
	{ "draw", cmd_draw, "重新执行随机抽查的抽取（双随机一公开）",
	  "用法: fazhi draw --seed HEX --targets FILE --inspectors FILE --count N [--per-target 2]\n"
	  "  按公布的随机种子和名单重新抽取检查对象和执法人员，不需要数据库：\n"
	  "  同样的种子和名单总是得到同样的结果，任何人都可以核对已公布的抽取。\n"
	  "  名单文件每行一个编号（忽略空行和首尾空白）；抽取前按字节顺序排序。\n"
	  "  每个检查对象抽取 --per-target 名不同的执法人员（2–10，默认 2）。\n"
	  "  输出：以 # 开头的四行说明（种子、名单数量、名单摘要），然后每行一个\n"
	  "  检查对象：序号、对象编号、执法人员编号，以制表符分隔。\n"
	  "  构造方法（SHA-256 计数器流、拒绝采样、Fisher–Yates）见 src/domain/draw.h，\n"
	  "  scripts/draw.py 是独立的 Python 实现。\n" },
	{ "verify", cmd_verify, "核验账本、证据文件和检查点",
	  "用法: fazhi verify --db PATH [--data-dir DIR] (--key KEY | --trust-on-first-use)\n"
	  "                   [--witness VKEY ... [--quorum N]] [--checkpoint FILE ...] [--pin SIZE:ROOT ...]\n"
	  "  逐条重算账本记录、证据文件和文书文件的摘要，重算树根，核对每个检查点的根与签名。\n"
	  "  --key KEY         日志公钥：PEM 文件，或“名称+标识+base64”格式的验证公钥，\n"
	  "                    应取自机关公布处；每个检查点都须由它签署。\n"
	  "  --trust-on-first-use  不指定 --key，信任数据目录中的公钥（会打印警告）。\n"
	  "  --witness VKEY    见证方的副署公钥（可重复）；--quorum N 为所需副署数（默认 1）。\n"
	  "                    副署与检查点不符或没有检查点达到所需副署数时核验不通过。\n"
	  "  --checkpoint FILE 事先公布的检查点（签名文本，须由 --key 签署）；\n"
	  "  --pin SIZE:ROOT   事先记下的记录数与根（十六进制或 base64）。现在的账本必须包含它们：\n"
	  "                    被改写后用本机密钥重新签名、或被截短的账本由此发现。\n"
	  "  第一处不符之处以中文指明，退出码 9；全部一致时打印摘要，退出码 0。\n" },
	{ "checkpoint", cmd_checkpoint, "立即签署账本检查点；设置日志名称与签名算法",
	  "用法: fazhi checkpoint --db PATH [--data-dir DIR] [--key-file KEY] [--origin ORIGIN]\n"
	  "                       [--signatures ed25519|ed25519,sm2] [--rotate-to NEW.key] [--tsa-url URL|none]\n"
	  "  用数据目录中的签名密钥签署当前账本的检查点（C2SP tlog-checkpoint 格式，见 docs/LEDGER.md）。\n"
	  "  账本自上个检查点以来没有新记录时不重复签署。\n"
	  "  --origin ORIGIN   日志名称（检查点第一行），例如 fazhi.640522.nx.gov.cn/enforcement；\n"
	  "                    未设置时首次签署取“主机名/fazhi-ledger”。签署过检查点后不能更改。\n"
	  "  --signatures S    每个检查点带的签名：ed25519（默认）或 ed25519,sm2（另加 SM2/SM3 签名，\n"
	  "                    首次设置时在数据目录生成 ledger-sm2.key）。\n"
	  "  --key-file KEY    签名私钥不在数据目录时的路径（权限须为 0600）。\n"
	  "  --rotate-to NEW   轮换签名密钥（NEW 不存在时生成）：记录由新旧两把密钥签署的轮换声明，\n"
	  "                    并立即用新密钥签署检查点。\n"
	  "  --tsa-url URL     此后每个检查点向该 RFC 3161 时间戳服务申请时间戳（none 取消）；\n"
	  "                    服务无应答时检查点照常签署，不带时间戳，并打印警告。\n"
	  "  设置与轮换记入审计日志。\n" },
	{ "stats-rebuild", cmd_stats_rebuild, "按原始记录重新建立统计汇总",
	  "用法: fazhi stats-rebuild --db PATH\n"
	  "  清空统计汇总（执法统计年报和驾驶舱读取的汇总数），按办案记录逐批重新建立，\n"
	  "  并显示进度。升级后服务会在后台自动建立，一般不需要运行本命令；\n"
	  "  怀疑汇总与记录不一致时使用。期间服务照常运行，统计数字按原始记录计算，\n"
	  "  可能较慢。中途停止后由服务在后台接着建立。操作记入审计日志。\n" },
	{ "case", cmd_case, "导出案卷包（含包含证明和检查点）",
	  "用法: fazhi case export ID --db PATH --out FILE [--data-dir DIR]\n"
	  "  把案件 ID 的全部事件、证据材料（含文件）、文书（含文件）、每条账本记录的\n"
	  "  包含证明和签署的检查点写入一个案卷包文件（格式见 docs/LEDGER.md）。\n"
	  "  最新检查点未覆盖本案全部记录时先签署一个新检查点。\n" },
	{ "witness", cmd_witness, "见证其他机关的账本：核对一致性后副署检查点",
	  "用法: fazhi witness key --state DIR --name NAME\n"
	  "       fazhi witness run --state DIR --name NAME --log URL --log-key VKEY [--interval S]\n"
	  "  由另一机关（如市司法局、公证处、法院）在自己的机器上运行。\n"
	  "  key   在状态目录生成见证密钥（如尚无），输出副署公钥，交给被见证的机关登记\n"
	  "        （写入其数据目录的 witnesses 文件）。\n"
	  "  run   取 URL/ledger/checkpoint，核对日志签名（--log-key 为日志的验证公钥），\n"
	  "        与本见证方上次副署的检查点比对（取一致性证明核对），副署（C2SP\n"
	  "        tlog-cosignature/v1），保存到状态目录，并提交给日志。\n"
	  "        同一记录数出现两个不同的根、记录数变少或一致性证明不成立时拒绝副署，\n"
	  "        指明原因并以退出码 9 退出。给出 --interval S 时每 S 秒一轮，否则只做一轮。\n" },
	{ "verify-bundle", cmd_verify_bundle, "离线核验案卷包",
	  "用法: fazhi verify-bundle FILE (--key KEY | --trust-on-first-use)\n"
	  "                          [--checkpoint FILE ...] [--pin SIZE:ROOT ...] [--witness VKEY ... [--quorum N]]\n"
	  "  不需要数据库：重新计算每个事件和文件的摘要、每条记录的叶哈希，按包含证明\n"
	  "  核对检查点的根，并核对检查点的签名。全部一致时以 0 退出；否则指出第一处\n"
	  "  不一致并以退出码 9 退出。\n"
	  "  --key KEY         机关公布的日志公钥（PEM 文件或验证公钥），检查点须由它签署；\n"
	  "                    --trust-on-first-use 则信任案卷包自带的公钥（会打印警告）。\n"
	  "  --checkpoint FILE / --pin SIZE:ROOT  事先公布的检查点：记录数相同时根必须相同。\n"
	  "  --witness VKEY    见证方副署公钥：须有记录数与根都相同、带 --quorum 个有效副署的\n"
	  "                    --checkpoint 文件（从 /ledger/checkpoint 下载的检查点含副署）。\n" },
	{ "verify-publication", cmd_verify_publication, "离线核验公示证明文件",
	  "用法: fazhi verify-publication FILE --key KEY\n"
	  "                          [--witness VKEY ... [--quorum N]] [--checkpoint FILE ...] [--pin SIZE:ROOT ...]\n"
	  "  FILE 为公示页面下载的证明文件（/public/decisions/ID/proof）。不需要数据库：\n"
	  "  按记录重新计算叶哈希，按包含证明核对检查点的根，用 --key 核对检查点的签名，\n"
	  "  并输出记录的内容（发布、撤下的日期和公示文本摘要）。全部一致时以 0 退出；\n"
	  "  否则指出第一处不一致（文本被改动、拼入其他决定的记录、证明不成立、签名无效、\n"
	  "  见证不足、撤下记录被隐去）并以退出码 9 退出。\n"
	  "  --key KEY         机关公布的日志公钥（PEM 文件或验证公钥）；证明文件自带的公钥不被信任。\n"
	  "  --witness VKEY    见证方副署公钥：证明文件中的检查点须带 --quorum 个有效副署。\n"
	  "  --checkpoint FILE / --pin SIZE:ROOT  事先公布的检查点：记录数相同时根必须相同。\n" },
	{ "openapi", cmd_openapi, "输出接口说明（OpenAPI 3.0，含各程序各步骤的字段）",
	  "用法: fazhi openapi [--procedures DIR]\n"
	  "  输出服务在 /api/v1/openapi.json 提供的接口说明：docs/openapi.json 加上由程序定义\n"
	  "  生成的各步骤字段（components.schemas 中的 StepFields.程序.步骤）。\n"
	  "  修改程序定义后以 fazhi openapi > docs/openapi.json 更新文档。\n" },
	{ "redact", cmd_redact, "公开前的脱敏处理（从标准输入读取文本）",
	  "用法: fazhi redact [--party-kind person|organisation] [--name 姓名]... [--minor 姓名]...\n"
	  "                   [--keep 文字]... [--report]\n"
	  "  从标准输入读取 UTF-8 文本，把公开时应作的脱敏处理后的文本写到标准输出，\n"
	  "  供公开前核对（规则见 docs/REDACTION.md）：\n"
	  "  自然人姓名改为“姓+某”（同一人全文一致，同姓的多人依次为 张某1、张某2），\n"
	  "  未成年人姓名改为“某某”；身份证号码、电话号码、银行账号、车牌号码、电子邮箱、\n"
	  "  微信号和 QQ 号替换为“×××”；住址只保留到县（区）一级。\n"
	  "  法人和其他组织的名称、统一社会信用代码保留。\n"
	  "  --party-kind  当事人类别：person（自然人，默认）或 organisation（法人或其他组织）；\n"
	  "                为自然人时，“当事人：”“姓名：”后的姓名也作隐名处理。\n"
	  "  --name 姓名   文中出现的自然人（当事人、证人等）的姓名，可重复；无法从自由文本中\n"
	  "                可靠识别的姓名须由此给出，结果须经审核人员确认。\n"
	  "  --minor 姓名  未成年人的姓名，可重复：不保留姓氏。\n"
	  "  --keep 文字   原样保留的文字，可重复（如执法人员姓名、本机关的收款账号）。\n"
	  "  --report      在标准错误输出各类处理的数量。\n"
	  "  输入不是有效的 UTF-8 文本时不输出任何内容，以退出码 2 退出。\n" },
	{ "version", cmd_version, "显示版本", "用法: fazhi version\n" },
	{ "help", cmd_help, "显示帮助", "用法: fazhi help [命令]\n" },
	{ NULL, NULL, NULL, NULL },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help(1, argv);
		return 2;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		name = "help";
	if (strcmp(name, "--version") == 0)
		name = "version";
	const struct command *c = cli_find(name);
	if (!c) {
		fprintf(stderr, "fazhi: 未知命令 '%s'，运行 fazhi help 查看全部命令\n", name);
		return 2;
	}
	if (cli_wants_help(c->name, argc - 1, argv + 1))
		return 0;
	return c->run(argc - 1, argv + 1);
}
