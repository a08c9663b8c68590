"""toolkit tokens: the municipalities' upload links (create, revoke, list) and the coordinator's password hash."""

from __future__ import annotations

import getpass
import sys

from toolkit.errors import ToolkitError


def add(sub) -> None:
    p = sub.add_parser(
        "tokens",
        help="create, revoke and list the municipalities' upload links",
        description="Each municipality gets a link <public_url>/m/<token> to its upload page; "
        "the same token goes into its server-mode workbook. Tokens are random and "
        "stored only as hashes: the link is printed once, at creation.",
        epilog="Example: toolkit tokens create Horsens Odder   (or --all)",
    )
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    c = s.add_parser(
        "create",
        help="new links (an earlier link of the same municipality stops working)",
        epilog="Example: toolkit tokens create --all",
    )
    c.add_argument("municipalities", nargs="*", metavar="MUNICIPALITY")
    c.add_argument("--all", action="store_true", help="every municipality in [municipalities]")
    r = s.add_parser("revoke", help="stop a municipality's link", epilog="Example: toolkit tokens revoke Horsens")
    r.add_argument("municipality", metavar="MUNICIPALITY")
    s.add_parser(
        "list",
        help="which municipalities have links (never the links themselves)",
        epilog="Example: toolkit tokens list",
    )
    s.add_parser(
        "hash-password",
        help="read the coordinator's password and print the hash for config.ini",
        epilog="Example: toolkit tokens hash-password",
    )
    p.set_defaults(func=run)


def run(args, cfg) -> int:
    from toolkit.service import tokens
    from toolkit.service.messages import say

    lang = cfg.language
    if args.action == "hash-password":
        from toolkit.service.security import hash_password

        password = getpass.getpass() if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
        print(hash_password(password))
        return 0
    if args.action == "list":
        for row in tokens.listing(cfg):
            state = f"revoked {row.revoked_at}" if row.revoked_at else "active"
            print(f"{row.municipality}\t{row.hash_prefix}…\t{row.created_at}\t{state}")
        return 0
    names = (
        list(cfg.municipalities)
        if getattr(args, "all", False)
        else (args.municipalities if args.action == "create" else [args.municipality])
    )
    for name in names:
        if name not in cfg.municipalities:
            raise ToolkitError("service.tokens.unknown", municipality=name)
    if args.action == "revoke":
        print(say("tokens.revoked", lang, municipality=args.municipality, count=tokens.revoke(cfg, args.municipality)))
        return 0
    for name, token in tokens.create(cfg, names).items():
        print(say("tokens.created", lang, municipality=name, link=tokens.link(cfg, token)))
    print(say("tokens.once", lang), file=sys.stderr)
    return 0
