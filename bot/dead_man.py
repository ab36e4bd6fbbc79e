"""Dead-man alert: polling has failed for too long, and its recovery.  [I/O: store]

Once per outage (keyed by the first failed heartbeat) and once more on
recovery. The alert goes through the outbox *and* a second path, because the
outbox may be what is broken: the configured ``dead_man.command`` gets the
text on stdin, and the alert is always logged at CRITICAL.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.config import Config
from bot.health import run_alert_command
from bot.notices import queue_notice
from bot.replies import TemplateSet
from bot.store import Store
from bot.triage import fmt_local

log = logging.getLogger(__name__)


def check_dead_man(store: Store, cfg: Config, templates: TemplateSet, now: datetime,
                   beat: int, cycle_ok: bool, error: str) -> str | None:
    """Returns "alert", "recovered" or None."""
    esc = cfg.escalation
    if not (esc.dead_man_to or esc.dead_man_command):
        return None
    if cycle_ok:
        open_alert = store.one(
            "SELECT * FROM notices WHERE kind = 'dead_man' AND replace(key, 'deadman:', "
            "'recovered:') NOT IN (SELECT key FROM notices WHERE kind = 'recovery') "
            "ORDER BY id DESC LIMIT 1")
        if open_alert is None:
            return None
        first_id = str(open_alert["key"]).split(":", 1)[1]
        first = store.one("SELECT * FROM heartbeats WHERE id = ?", (int(first_id),))
        failures = (store.one("SELECT count(*) AS n FROM heartbeats WHERE id >= ? AND id < ? AND "
                              "ok = 0", (int(first_id), beat)) or {"n": 0})["n"]
        context = _context(cfg, first["started_at"] if first else open_alert["fire_at"],
                           failures, "", recovered=True)
        log.warning("eabot RECOVERED: polling works again")
        if esc.dead_man_command:
            run_alert_command(esc.dead_man_command, "eabot RECOVERED: polling works again")
        queue_notice(store, cfg, templates, now, key=f"recovered:{first_id}", kind="recovery",
                     template=esc.dead_man_template, to=esc.dead_man_to or (cfg.from_address,),
                     context=context)
        return "recovered"
    last_ok = store.one("SELECT id FROM heartbeats WHERE ok = 1 AND id < ? ORDER BY id DESC "
                        "LIMIT 1", (beat,))
    first = store.one("SELECT * FROM heartbeats WHERE id > ? ORDER BY id LIMIT 1",
                      (last_ok["id"] if last_ok else 0,))
    if first is None:
        return None
    started = datetime.fromisoformat(first["started_at"])
    if (now - started).total_seconds() < esc.dead_man_after:
        return None
    key = f"deadman:{first['id']}"
    if store.one("SELECT 1 AS x FROM notices WHERE key = ?", (key,)):
        return None
    failures = (store.one("SELECT count(*) AS n FROM heartbeats WHERE id >= ? AND id <= ?",
                          (first["id"], beat)) or {"n": 0})["n"]
    context = _context(cfg, first["started_at"], failures, error, recovered=False)
    text = (f"eabot ALERT: polling has failed since {context['since']} "
            f"({failures} cycles): {error}")
    log.critical(text)
    if esc.dead_man_command:
        run_alert_command(esc.dead_man_command, text)
    queue_notice(store, cfg, templates, now, key=key, kind="dead_man",
                 template=esc.dead_man_template, to=esc.dead_man_to or (cfg.from_address,),
                 context=context)
    return "alert"


def _context(cfg: Config, since: str, failures: int, error: str,
             recovered: bool) -> dict[str, object]:
    return {"since": fmt_local(datetime.fromisoformat(since), cfg), "failures": failures,
            "last_error": error or "-", "recovered": recovered,
            "company_name": cfg.company_name, "from_name": cfg.from_name}
