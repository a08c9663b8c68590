"""toolkit serve: the region's web service (upload page, submit and button API, coordinator's dashboard)."""

from __future__ import annotations


def add(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="run the web service municipalities upload to",
        description="Serve the upload page (/m/<token>), the API the server-mode workbooks call "
        "(/api/submit, /api/buttons/check|compute) and the coordinator's dashboard "
        "(/coordinator), from [server] in config.ini. Run it behind the organisation's "
        "HTTPS reverse proxy (docs/service.md).",
        epilog="Example: toolkit serve --port 8080   (with [server] secret_file set, or TOOLKIT_SECRET)",
    )
    p.add_argument("--host", help="address to listen on (default: [server] host)")
    p.add_argument("--port", type=int, help="port to listen on (default: [server] port)")
    p.set_defaults(func=run)


def run(args, cfg) -> int:
    import logging

    import uvicorn

    from toolkit.service.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = create_app(cfg)
    # uvicorn's access log prints the path, which holds the token: off; toolkit.service logs it masked.
    uvicorn.run(
        app,
        host=args.host or cfg.server_host,
        port=args.port or cfg.server_port,
        access_log=False,
        proxy_headers=True,
        server_header=False,
        log_level="info",
    )
    return 0
