#!/usr/bin/env python3
"""xlsx_rows.py - prints the rows of one sheet of an XLSX file, one line a
row, cells separated by tabs, with the standard library only (zipfile,
xml): shared strings resolved, numbers as the pages write them (whole
numbers without decimals, others with two). Used by the tests to read
back what fazhi exported.
    xlsx_rows.py FILE [SHEET_NUMBER]   (1 = the first sheet)"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def number(text):
    v = float(text)
    if v == int(v):
        return str(int(v))
    return "%.2f" % v


def main():
    path = sys.argv[1]
    sheet = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    z = zipfile.ZipFile(path)
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        for si in root.findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    root = ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % sheet))
    for row in root.iter("{%s}row" % NS["m"]):
        cells = {}
        for c in row.findall("m:c", NS):
            v = c.find("m:v", NS)
            if v is None:
                isv = c.find("m:is/m:t", NS)
                cells[col_index(c.get("r"))] = isv.text if isv is not None else ""
                continue
            if c.get("t") == "s":
                cells[col_index(c.get("r"))] = strings[int(v.text)]
            elif c.get("t") in ("str", "inlineStr"):
                cells[col_index(c.get("r"))] = v.text or ""
            else:
                cells[col_index(c.get("r"))] = number(v.text)
        width = max(cells) + 1 if cells else 0
        print("\t".join(cells.get(i, "") for i in range(width)))


if __name__ == "__main__":
    main()
