#!/usr/bin/env python3
"""draw.py --seed HEX --targets FILE --inspectors FILE --count N [--per-target 2]

An independent re-implementation, in the Python standard library only, of
the random inspection draw (双随机一公开, construction version 1) that
src/domain/draw.h documents and `fazhi draw` runs. Anyone can check a
published draw with it without trusting fazhi's binary: the output is the
same, line for line, as `fazhi draw` with the same arguments."""
import argparse
import hashlib
import sys


class Stream:
    """Block i = SHA-256(seed || i as 8 bytes big-endian); 64-bit words
    read big-endian from each block in order."""

    def __init__(self, seed: bytes):
        self.seed = seed
        self.counter = 0
        self.words = []

    def word(self) -> int:
        if not self.words:
            block = hashlib.sha256(self.seed + self.counter.to_bytes(8, 'big')).digest()
            self.counter += 1
            self.words = [int.from_bytes(block[i:i + 8], 'big') for i in range(0, 32, 8)]
        return self.words.pop(0)

    def uniform(self, n: int) -> int:
        r = (1 << 64) % n
        while True:
            x = self.word()
            if x <= (1 << 64) - 1 - r:
                return x % n


def read_list(path: str) -> list:
    with open(path, 'rb') as f:
        ids = [line.strip(b' \t\r').decode('utf-8') for line in f.read().split(b'\n')]
    return [i for i in ids if i]


def sorted_ids(ids: list) -> list:
    """Sorted by their UTF-8 bytes, as C's strcmp sorts them."""
    return sorted(ids, key=lambda s: s.encode('utf-8'))


def draw(seed_hex: str, targets: list, inspectors: list, count: int, per: int):
    stream = Stream(bytes.fromhex(seed_hex))
    t, p = sorted_ids(targets), sorted_ids(inspectors)
    for i in range(count):
        j = i + stream.uniform(len(t) - i)
        t[i], t[j] = t[j], t[i]
    rows = []
    for k in range(count):
        q = list(p)
        for i in range(per):
            j = i + stream.uniform(len(q) - i)
            q[i], q[j] = q[j], q[i]
        rows.append((t[k], q[:per]))
    text = ''.join(x + '\n' for x in sorted_ids(targets)) + '\n' + \
        ''.join(x + '\n' for x in sorted_ids(inspectors))
    digest = hashlib.sha256(text.encode('utf-8')).hexdigest()
    return rows, digest


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', required=True)
    ap.add_argument('--targets', required=True)
    ap.add_argument('--inspectors', required=True)
    ap.add_argument('--count', type=int, required=True)
    ap.add_argument('--per-target', type=int, default=2)
    a = ap.parse_args()
    targets, inspectors = read_list(a.targets), read_list(a.inspectors)
    rows, digest = draw(a.seed.lower(), targets, inspectors, a.count, a.per_target)
    out = sys.stdout
    out.write('# 随机抽取（双随机一公开），构造版本 1\n')
    out.write('# 种子 %s\n' % a.seed.lower())
    out.write('# 检查对象 %d 个，抽取 %d 个；执法人员 %d 名，每个对象 %d 名\n'
              % (len(targets), a.count, len(inspectors), a.per_target))
    out.write('# 名单摘要 SHA-256 %s\n' % digest)
    for n, (target, who) in enumerate(rows, 1):
        out.write('%d\t%s\t%s\n' % (n, target, '\t'.join(who)))


if __name__ == '__main__':
    main()
