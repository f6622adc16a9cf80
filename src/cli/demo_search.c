/* demo_search.c - a few published (already redacted) decisions of the
 * demo county in the search index, so that /public/search finds
 * something. One call from demo.c; when the publication pipeline lands it
 * publishes the demo's decisions itself and this file goes. */
#include "app/search.h"
#include "cli/demo_internal.h"

struct demo_item {
	int which; /* 0 自然资源局, 1 市场监督管理局 */
	const char *kind, *date, *title, *body;
};

static const struct demo_item items[] = {
	{ 0, "penalty", "2026-03-16", "海自然资罚〔2026〕1号 违法占用土地建设停车场行政处罚决定书",
	  "当事人：马某，住所地海原县海城镇。经查，当事人未经批准擅自占用海城镇集体土地"
	  "1200平方米建设停车场。上述行为违反了《中华人民共和国土地管理法》第四十四条的规定。"
	  "依据《中华人民共和国土地管理法》第七十七条，本机关决定：责令退还非法占用的土地，"
	  "限期拆除在非法占用的土地上新建的建筑物和其他设施，并处罚款人民币三万六千元。" },
	{ 0, "penalty", "2026-04-08", "海自然资罚〔2026〕2号 非法开采黏土行政处罚决定书",
	  "当事人：李某。经查，当事人未取得采矿许可证擅自在三河镇开采黏土。依据《中华人民共和国"
	  "矿产资源法》第三十九条，本机关决定：责令停止开采，没收违法所得，并处罚款人民币二万元。" },
	{ 0, "coercion", "2026-05-20", "海自然资强拆〔2026〕1号 违建强制拆除决定书",
	  "当事人：王某。当事人在七营镇耕地上违建的彩钢棚，经责令限期拆除后逾期未拆除。"
	  "依据《中华人民共和国行政强制法》，本机关决定于2026年6月1日依法强制拆除。" },
	{ 1, "penalty", "2026-04-22", "海市监罚〔2026〕3号 销售过期食品行政处罚决定书",
	  "当事人：海原县鑫源商贸有限公司，统一社会信用代码91640522MA76XXXX1X。经查，当事人"
	  "销售超过保质期的食品。依据《中华人民共和国食品安全法》第一百二十四条，本机关决定："
	  "没收违法经营的食品，没收违法所得，并处罚款人民币五万元。" },
	{ 1, "permit", "2026-02-10", "海市监准〔2026〕5号 食品经营许可决定书",
	  "申请人：海原县嘉禾餐饮有限公司。经审查，申请符合法定条件，准予食品经营许可。" },
};

enum fz_err demo_search_seed(struct app_ctx *cli, const struct demo_cast *cast, int *nitems,
			     struct fz_error *e)
{
	enum fz_err rc;
	*nitems = 0;
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		const struct demo_item *it = &items[i];
		int64_t agency = it->which ? cast->sm_agency : cast->nr_agency;
		if ((rc = app_search_index(cli, it->kind, (int64_t)i + 1, agency, it->date, it->title,
					   it->body, e)))
			return rc;
		++*nitems;
	}
	return FZ_OK;
}
