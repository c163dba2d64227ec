#!/usr/bin/env python3
"""Load client for `scrawl serve` (bench/serve-load.sh runs it): POSTs one photo to /v1/ocr from C threads, each on its own
keep-alive connection, until N requests are done or T seconds have passed; checks every 200 answer's text against the truth and
prints images/s, p50/p99 latency and the counts of reads, 503 refusals and errors. Standard library only; loopback URLs only."""
import argparse
import http.client
import json
import threading
import time
import urllib.parse


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:5099")
    parser.add_argument("--image", required=True, help="the photo to send")
    parser.add_argument("--truth", help="its expected text; a 200 answer with other text counts as an error")
    parser.add_argument("--requests", type=int, default=200, help="requests in all (1-100000)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at once (1-1024)")
    parser.add_argument("--max-seconds", type=float, default=120, help="stop sending after this many seconds")
    parser.add_argument("--label", default="", help="a name for this run in the output")
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.url)
    if url.hostname not in ("127.0.0.1", "::1", "localhost"):
        raise SystemExit(f"{args.url}: loopback addresses only")
    if not (1 <= args.requests <= 100_000 and 1 <= args.concurrency <= 1024):
        raise SystemExit("--requests must be 1-100000 and --concurrency 1-1024")
    body = open(args.image, "rb").read()
    truth = open(args.truth, encoding="utf-8").read().strip() if args.truth else None

    lock = threading.Lock()
    sent = [0]
    latencies, refused, errors, samples = [], [0], [0], []
    deadline = time.monotonic() + args.max_seconds

    def worker():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        while True:
            with lock:
                if sent[0] >= args.requests or time.monotonic() > deadline:
                    break
                sent[0] += 1
            start = time.perf_counter()
            try:
                connection.request("POST", "/v1/ocr", body=body, headers={"Content-Type": "image/jpeg"})
                response = connection.getresponse()
                payload = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as e:
                status, payload = None, str(e).encode()
                connection.close()
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
            elapsed = time.perf_counter() - start
            with lock:
                if status == 200 and (truth is None or json.loads(payload)["text"].strip() == truth):
                    latencies.append(elapsed)
                elif status == 503 and "error" in json.loads(payload):
                    refused[0] += 1
                else:
                    errors[0] += 1
                    if len(samples) < 3:
                        samples.append(f"{status}: {payload[:200]!r}")
        connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began

    latencies.sort()
    def percentile(q):
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
    label = f"{args.label} " if args.label else ""
    print(f"{label}concurrency {args.concurrency}: {sent[0]} requests in {wall:.1f} s: {len(latencies)} read, "
          f"{refused[0]} refused (503), {errors[0]} errors")
    print(f"{label}images/s: {len(latencies) / wall:.1f}   p50: {percentile(0.50) * 1000:.0f} ms   p99: {percentile(0.99) * 1000:.0f} ms")
    for s in samples:
        print(f"{label}error: {s}")


if __name__ == "__main__":
    main()
