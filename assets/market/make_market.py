#!/usr/bin/env python3
"""Builds the embedded market data of `brokerdesk demo` from ../shared/data (python3 stdlib only).

Run from the repository root:  python3 assets/market/make_market.py
Outputs (gzip, mtime 0, so the bytes are reproducible):
  assets/market/securities.csv.gz    import header: code,exchange,name,kind,board,industry,category,risk_rating,face_value
  assets/market/prices.csv.gz        import header: code,date,open,high,low,close,volume
  assets/market/stock_universe.csv.gz  code,selection        (demo generator only: how the 207 priced stocks were picked)
  assets/market/fund_returns.csv.gz    code,ret_1m_pct,...     (demo generator only: trailing returns to derive fund cost prices)
See assets/market/README.md for the sources and what was trimmed.
"""
import csv
import gzip
import io
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "assets", "market")

PRICE_FROM = "2023-01-01"
PRICE_TO = "2025-08-26"
FUND_BAR_DATE_FOR_MONEY = "2025-07-18"  # money-market funds: constant NAV 1.000, dated at the snapshot

# Open funds kept, by Eastmoney fund type: how many of each (evenly spaced over the candidates sorted by code).
FUND_QUOTAS = [
    ("混合型-偏股", 50),
    ("混合型-灵活", 25),
    ("混合型-偏债", 20),
    ("混合型-平衡", 8),
    ("股票型", 30),
    ("指数型-股票", 45),
    ("指数型-海外股票", 8),
    ("指数型-固收", 10),
    ("债券型-长债", 30),
    ("债券型-中短债", 25),
    ("债券型-混合一级", 10),
    ("债券型-混合二级", 20),
    ("FOF-稳健型", 6),
    ("FOF-均衡型", 4),
    ("QDII-普通股票", 8),
    ("QDII-混合偏股", 8),
    ("QDII-纯债", 4),
    ("QDII-商品", 3),
]
MONEY_FUNDS = 30
RETURN_COLS = ["ret_1m_pct", "ret_3m_pct", "ret_6m_pct", "ret_1y_pct", "ret_2y_pct", "ret_3y_pct"]

NAME_OK = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z\-()（）·.*&+/ ]+$")


def read(name):
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def clean_name(name):
    """The ETF/convertible list has GBK names whose bytes happened to be valid UTF-8 (e.g. 'תծ' for 转债):
    re-decode those; None when the name cannot be repaired."""
    if NAME_OK.match(name):
        return name
    try:
        fixed = name.encode("utf-8").decode("gbk")
    except UnicodeError:
        return None
    return fixed if NAME_OK.match(fixed) else None


def etf_category(name):
    if any(k in name for k in ("货币", "保证金", "日利", "添益", "快线", "财富宝", "快钱", "日日鑫")):
        return "货币型-ETF"
    if "QDII" in name.upper():
        return "QDII-ETF"
    if "黄金" in name or "豆粕" in name or "有色金属期货" in name:
        return "商品-ETF"
    if "债" in name and "可转债" not in name:
        return "债券型-ETF"
    return "ETF"


def share_class_ok(name):
    # One share class per product: A class or no class letter; no back-end (后端) or C/E/… classes.
    if "后端" in name:
        return False
    return not re.search(r"[B-Z]$", name) and not re.search(r"\([B-Z]\)$", name)


def yuan3(text):
    """Price text rounded to 3 decimals without trailing zeros beyond 2 (e.g. 12.5 -> 12.50, 1.2345 -> 1.235)."""
    milli = round(float(text) * 1000)
    s = f"{milli // 1000}.{milli % 1000:03d}"
    return s[:-1] if s.endswith("0") else s


def write_gz(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    print(f"{os.path.relpath(path, ROOT)}: {len(rows)} rows, {len(data):,} bytes -> {os.path.getsize(path):,} gz", file=sys.stderr)


def main():
    securities = []  # code, exchange, name, kind, board, industry, category, risk_rating, face_value
    kept = set()
    dropped = {"collision": 0, "bad_name": 0}

    def keep(row):
        if row[0] in kept:
            dropped["collision"] += 1
            return False
        kept.add(row[0])
        securities.append(row)
        return True

    # 1. Every listed A-share stock.
    for r in read("a_share_stocks.csv"):
        keep([r["code"], r["exchange"], r["name"], "stock", r["board"], r["industry"], "", "", ""])

    # 2. Listed ETFs and convertibles (2023-03 list).
    for r in read("indexes_etfs_convertible_bonds.csv"):
        if r["listed"] != "1" or r["kind"] == "index":
            continue
        name = clean_name(r["name"])
        if name is None:
            dropped["bad_name"] += 1
            continue
        if r["kind"] == "etf":
            keep([r["code"], r["exchange"], name, "fund", "", "", etf_category(name), "", ""])
        else:
            keep([r["code"], r["exchange"], name, "convertible", "", "", "可转债", "", "100"])

    # 3. Open (OTC) funds with a NAV, a few per type, plus money-market funds at NAV 1.000.
    perf = read("open_funds_performance_20250718.csv")
    seen = set()
    fund_bars = []
    fund_returns = []
    for fund_type, quota in FUND_QUOTAS:
        cands = []
        for r in perf:
            if r["fund_type"] != fund_type or r["code"] in seen:
                continue
            if r["code"] in kept:  # a stock, ETF or convertible has this code: codes are the key
                dropped["collision"] += 1
                continue
            if not r["nav_date"] or not r["unit_nav"] or float(r["unit_nav"]) <= 0:
                continue
            name = clean_name(r["name"])
            if not r["ret_1y_pct"] or not r["ret_3y_pct"] or not share_class_ok(r["name"]) or name is None:
                continue
            cands.append(dict(r, name=name))
            seen.add(r["code"])
        cands.sort(key=lambda r: r["code"])
        n = min(quota, len(cands))
        for i in range(n):
            r = cands[int((i + 0.5) * len(cands) / n)]
            if keep([r["code"], "OTC", r["name"], "fund", "", "", fund_type, "", ""]):
                nav = yuan3(r["unit_nav"])
                fund_bars.append([r["code"], r["nav_date"], nav, nav, nav, nav, "0"])
                fund_returns.append([r["code"]] + [r[c] for c in RETURN_COLS])
    money = [dict(r, name=clean_name(r["name"])) for r in read("funds_list.csv")
             if r["fund_type"] == "货币型-普通货币" and share_class_ok(r["name"])]
    money = [r for r in money if r["name"] is not None]
    dropped["collision"] += sum(1 for r in money if r["code"] in kept)
    money = [r for r in money if r["code"] not in kept]
    money.sort(key=lambda r: r["code"])
    for i in range(MONEY_FUNDS):
        r = money[int((i + 0.5) * len(money) / MONEY_FUNDS)]
        if keep([r["code"], "OTC", r["name"], "fund", "", "", r["fund_type"], "", ""]):
            fund_bars.append([r["code"], FUND_BAR_DATE_FOR_MONEY, "1.00", "1.00", "1.00", "1.00", "0"])
            fund_returns.append([r["code"]] + ["0"] * len(RETURN_COLS))

    # 4. Daily bars of the 207 stocks; volume lots -> shares.
    bars = []
    for r in read("a_share_daily_qfq_2022_2025.csv"):
        if PRICE_FROM <= r["date"] <= PRICE_TO:
            vol = round(float(r["volume"]) * 100)
            bars.append([r["code"], r["date"], yuan3(r["open"]), yuan3(r["high"]), yuan3(r["low"]), yuan3(r["close"]), str(vol)])
    bars.sort(key=lambda b: (b[0], b[1]))
    assert all(b[0] in kept for b in bars)
    prices = bars + sorted(fund_bars)

    universe = [[r["code"], r["selection"]] for r in read("a_share_daily_universe.csv")]

    write_gz(os.path.join(OUT, "securities.csv.gz"),
             ["code", "exchange", "name", "kind", "board", "industry", "category", "risk_rating", "face_value"], securities)
    write_gz(os.path.join(OUT, "prices.csv.gz"), ["code", "date", "open", "high", "low", "close", "volume"], prices)
    write_gz(os.path.join(OUT, "stock_universe.csv.gz"), ["code", "selection"], universe)
    write_gz(os.path.join(OUT, "fund_returns.csv.gz"), ["code"] + RETURN_COLS, sorted(fund_returns))
    kinds = {}
    for s in securities:
        key = s[3] if s[3] != "fund" else ("etf" if s[1] != "OTC" else "open_fund")
        kinds[key] = kinds.get(key, 0) + 1
    print(f"securities by kind: {kinds}; dropped: {dropped}", file=sys.stderr)


if __name__ == "__main__":
    main()
