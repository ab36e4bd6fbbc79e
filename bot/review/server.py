"""Start the review UI: Datasette over the live log, with the eabot plugin.  [I/O]

:func:`make_datasette` opens the log (the live WAL file, ``mode=ro``, never
``immutable``; its migrations applied first, as the daemon does), registers
:mod:`bot.review.plugin` once per process, points Datasette at this
package's templates and attaches the configuration and accounts the views
need; :func:`serve` runs it with uvicorn.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.review.access import Accounts, accounts_from_env
from bot.review.context import ReviewContext, attach
from bot.review.metadata import SETTINGS, build_metadata
from bot.review.sqlfunctions import DATABASE, PLUGIN_NAME

SECRET_ENV = "EABOT_REVIEW_SECRET"  # signs login cookies and CSRF tokens; random per start when unset
TEMPLATES = Path(__file__).parent / "templates"


def make_datasette(cfg: Config, accounts: Accounts | None = None) -> Any:
    """A Datasette serving ``cfg.store_path`` as the read-only database ``eabot``
    with the staff pages; ``accounts`` default to the configured ones with a hash set."""
    from datasette.app import Datasette  # type: ignore[import-untyped]
    from datasette.plugins import pm  # type: ignore[import-untyped]

    from bot.review import plugin
    from bot.review.sqlfunctions import ReadOnlyDatabase
    from bot.store import Store, StoreError

    if not cfg.store_path.is_file():
        raise StoreError(f"no log at {cfg.store_path}; run `eabot run --once` first")
    Store(cfg.store_path).close()  # the schema the pages read (owner, actor …), as the daemon does
    if accounts is None:
        accounts = accounts_from_env(cfg.review)
    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(plugin, name=PLUGIN_NAME)
    metadata = build_metadata(calendar=cfg.calendar, stop_on=cfg.escalation.stop_on,
                              business_days=cfg.business_days, accounts=accounts,
                              review_days=cfg.escalation.review_message_days)
    ds = Datasette([], metadata=metadata, settings=SETTINGS, template_dir=str(TEMPLATES),
                   secret=os.environ.get(SECRET_ENV) or None)
    ds.remove_database("_memory")  # added by Datasette when started without files
    ds.add_database(ReadOnlyDatabase(ds, str(cfg.store_path), is_mutable=True), name=DATABASE)
    attach(ds, ReviewContext(cfg=cfg, accounts=accounts))
    return ds


def serve(ds: Any, host: str, port: int) -> None:
    """Run the UI until interrupted (Datasette's own start-up checks first)."""
    import uvicorn
    from datasette.cli import check_databases  # type: ignore[import-untyped]

    async def startup() -> None:
        await ds.invoke_startup()
        await check_databases(ds)

    asyncio.run(startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
