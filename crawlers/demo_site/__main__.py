"""`python -m crawlers.demo_site [--host H] [--port N]`: serve the demo site until Ctrl+C."""

from __future__ import annotations

import argparse
import threading

from crawlers.demo_site.model import OUTLETS
from crawlers.demo_site.site import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawlers.demo_site", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    args = parser.parse_args(argv)
    with serve(args.host, args.port) as base:
        print(f"Trang tin mẫu đang chạy tại {base}/  (Ctrl+C để dừng)", flush=True)
        for outlet in OUTLETS.values():
            print(f"  {outlet.name}: {base}{outlet.prefix}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("Đã dừng.", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
