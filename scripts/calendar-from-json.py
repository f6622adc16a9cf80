#!/usr/bin/env python3
"""calendar-from-json.py HOLIDAYS.json > data/calendar/cn.txt - write fazhi's
holiday calendar from the reference JSON ({"2026": {"off": [...], "work":
[...]}}), adding the holiday names and sources, which the JSON lacks, from
the table below. Refuses to write when the table and the JSON disagree."""
import datetime
import json
import sys

NOTICE = '国务院办公厅关于%d年部分节假日安排的通知'

# year: (source note, [(first off day, last off day, name)], {make-up day: name})
TABLE = {
    2018: ('；12月29日至31日据2019年通知',
           [('01-01', '01-01', '元旦'), ('02-15', '02-21', '春节'),
            ('04-05', '04-07', '清明节'), ('04-29', '05-01', '劳动节'),
            ('06-18', '06-18', '端午节'), ('09-24', '09-24', '中秋节'),
            ('10-01', '10-07', '国庆节'), ('12-30', '12-31', '元旦')],
           {'02-11': '春节', '02-24': '春节', '04-08': '清明节', '04-28': '劳动节',
            '09-29': '国庆节', '09-30': '国庆节', '12-29': '元旦'}),
    2019: ('（劳动节按2019年3月22日修改通知）',
           [('01-01', '01-01', '元旦'), ('02-04', '02-10', '春节'),
            ('04-05', '04-05', '清明节'), ('05-01', '05-04', '劳动节'),
            ('06-07', '06-07', '端午节'), ('09-13', '09-13', '中秋节'),
            ('10-01', '10-07', '国庆节')],
           {'02-02': '春节', '02-03': '春节', '04-28': '劳动节', '05-05': '劳动节',
            '09-29': '国庆节', '10-12': '国庆节'}),
    2020: ('；春节假期按国办发明电〔2020〕1号延长至2月2日',
           [('01-01', '01-01', '元旦'), ('01-24', '02-02', '春节'),
            ('04-04', '04-06', '清明节'), ('05-01', '05-05', '劳动节'),
            ('06-25', '06-27', '端午节'), ('10-01', '10-08', '国庆节、中秋节')],
           {'01-19': '春节', '04-26': '劳动节', '05-09': '劳动节', '06-28': '端午节',
            '09-27': '国庆节、中秋节', '10-10': '国庆节、中秋节'}),
    2021: ('',
           [('01-01', '01-03', '元旦'), ('02-11', '02-17', '春节'),
            ('04-03', '04-05', '清明节'), ('05-01', '05-05', '劳动节'),
            ('06-12', '06-14', '端午节'), ('09-19', '09-21', '中秋节'),
            ('10-01', '10-07', '国庆节')],
           {'02-07': '春节', '02-20': '春节', '04-25': '劳动节', '05-08': '劳动节',
            '09-18': '中秋节', '09-26': '国庆节', '10-09': '国庆节'}),
    2022: ('；12月31日据2023年通知',
           [('01-01', '01-03', '元旦'), ('01-31', '02-06', '春节'),
            ('04-03', '04-05', '清明节'), ('04-30', '05-04', '劳动节'),
            ('06-03', '06-05', '端午节'), ('09-10', '09-12', '中秋节'),
            ('10-01', '10-07', '国庆节'), ('12-31', '12-31', '元旦')],
           {'01-29': '春节', '01-30': '春节', '04-02': '清明节', '04-24': '劳动节',
            '05-07': '劳动节', '10-08': '国庆节', '10-09': '国庆节'}),
    2023: ('',
           [('01-01', '01-02', '元旦'), ('01-21', '01-27', '春节'),
            ('04-05', '04-05', '清明节'), ('04-29', '05-03', '劳动节'),
            ('06-22', '06-24', '端午节'), ('09-29', '10-06', '中秋节、国庆节')],
           {'01-28': '春节', '01-29': '春节', '04-23': '劳动节', '05-06': '劳动节',
            '06-25': '端午节', '10-07': '中秋节、国庆节', '10-08': '中秋节、国庆节'}),
    2024: ('',
           [('01-01', '01-01', '元旦'), ('02-10', '02-17', '春节'),
            ('04-04', '04-06', '清明节'), ('05-01', '05-05', '劳动节'),
            ('06-10', '06-10', '端午节'), ('09-15', '09-17', '中秋节'),
            ('10-01', '10-07', '国庆节')],
           {'02-04': '春节', '02-18': '春节', '04-07': '清明节', '04-28': '劳动节',
            '05-11': '劳动节', '09-14': '中秋节', '09-29': '国庆节', '10-12': '国庆节'}),
    2025: ('',
           [('01-01', '01-01', '元旦'), ('01-28', '02-04', '春节'),
            ('04-04', '04-06', '清明节'), ('05-01', '05-05', '劳动节'),
            ('05-31', '06-02', '端午节'), ('10-01', '10-08', '国庆节、中秋节')],
           {'01-26': '春节', '02-08': '春节', '04-27': '劳动节',
            '09-28': '国庆节、中秋节', '10-11': '国庆节、中秋节'}),
    2026: ('',
           [('01-01', '01-03', '元旦'), ('02-15', '02-23', '春节'),
            ('04-04', '04-06', '清明节'), ('05-01', '05-05', '劳动节'),
            ('06-19', '06-21', '端午节'), ('09-25', '09-27', '中秋节'),
            ('10-01', '10-07', '国庆节')],
           {'01-04': '元旦', '02-14': '春节', '02-28': '春节', '05-09': '劳动节',
            '09-20': '国庆节', '10-10': '国庆节'}),
}

HEADER = """\
# cn.txt - China's statutory holidays (放假) and make-up working days (调休上班)
# as the State Council General Office announces them each year. fazhi counts
# working-day periods with it; `fazhi init` loads the copy built into the
# binary, and `fazhi calendar load --db PATH FILE` loads a newer file.
#
# Format (one item per line; '#' starts a comment line; blank lines ignored):
#   year YYYY source TEXT    the year is covered; TEXT says where its days come from
#   YYYY-MM-DD off NAME      a declared day off (one on a weekend is informational)
#   YYYY-MM-DD work NAME     a Saturday or Sunday declared a working day
# A date is a working day iff it is listed `work`, or it is Monday-Friday and
# not listed `off`. Dates are filed under the year of the date: a late-December
# day from the next year's New Year notice belongs to the earlier year, so
# when that notice appears, ship the earlier year again with the day added.
# Every date line follows the `year` line of its year. Loading a file replaces
# the years it contains, entirely, and leaves other years as they are.
# A year without a `year` line is not covered: deadlines that reach it are
# computed provisionally (暂定) until it is loaded.
#
# Source: GitHub NateScarlet/holiday-cn (MIT licence), files 2018.json to
# 2026.json at commit d4e53bf (2026-08-07), parsed from the notices on gov.cn
# (国务院办公厅关于××年部分节假日安排的通知); via fazhi's reference
# holidays-cn.json, converted by scripts/calendar-from-json.py, which adds
# the names. Local holidays (art. 4 of 全国年节及纪念日放假办法) and half-day
# holidays of part of the population (art. 3) are not included.
"""


def main() -> None:
    data = json.load(open(sys.argv[1], encoding='utf-8'))
    if sorted(int(y) for y in data) != sorted(TABLE):
        sys.exit('calendar-from-json: years differ from the name table')
    out = [HEADER]
    for year in sorted(TABLE):
        note, blocks, work = TABLE[year]
        off = {}
        for first, last, name in blocks:
            d = datetime.date.fromisoformat('%d-%s' % (year, first))
            end = datetime.date.fromisoformat('%d-%s' % (year, last))
            while d <= end:
                off[d.isoformat()] = name
                d += datetime.timedelta(days=1)
        work = {'%d-%s' % (year, k): v for k, v in work.items()}
        src = data[str(year)]
        if sorted(off) != sorted(src['off']) or sorted(work) != sorted(src['work']):
            sys.exit('calendar-from-json: the name table differs from the JSON in %d' % year)
        out.append('\nyear %d source %s%s\n' % (year, NOTICE % year, note))
        for day in sorted(list(off) + list(work)):
            kind = 'off' if day in off else 'work'
            out.append('%s %s %s\n' % (day, kind, off.get(day) or work[day]))
    sys.stdout.write(''.join(out))


main()
