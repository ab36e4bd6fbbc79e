"""Hot-reloaded templates with a last-good fallback, versioned in the log.  [I/O]

Each cycle reads ``templates/``. A template whose content changed is checked
(parsed and test-rendered in the sandbox) before it is used:

* good: it becomes the version in use, and its source is stored in
  ``template_versions`` under its SHA-256, so an auditor can see exactly what
  an outbox row (which records the hash) was rendered from;
* broken: it is refused: the last good version stays in use, the refusal is
  recorded (event ``template_refused``), logged and announced once per broken
  version. Ingestion and logging never stop because of a template.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from bot.replies import Template, TemplateProblem, TemplateSet, check, read_templates
from bot.store import Store, iso

log = logging.getLogger(__name__)


def load_templates(store: Store, directory: Path, required: tuple[str, ...],
                   now: datetime) -> tuple[TemplateSet, list[str]]:
    """The templates to use this cycle, and the problems found (already recorded)."""
    problems: list[str] = []
    try:
        on_disk = read_templates(directory)
    except OSError as exc:
        on_disk = {}
        problems.append(f"cannot read templates from {directory}: {exc}")
    in_use: dict[str, Template] = {}
    names = set(on_disk) | set(required)
    for name in sorted(names):
        current = on_disk.get(name)
        if current is not None:
            known = store.one("SELECT status FROM template_versions WHERE sha256 = ?",
                              (current.sha256,))
            if known is None:
                try:
                    check(current)
                    status = "ok"
                except TemplateProblem as exc:
                    status = "refused"
                    _refuse(store, current, str(exc), now)
                    problems.append(str(exc))
                store.conn.execute(
                    "INSERT OR IGNORE INTO template_versions (sha256, name, source, html_source, "
                    "status, first_seen) VALUES (?, ?, ?, ?, ?, ?)",
                    (current.sha256, name, current.source, current.html_source, status, iso(now)))
                if status == "ok":
                    store.event(now, "template_version", {"name": name, "sha256": current.sha256})
            elif known["status"] == "refused":
                problems.append(f"{name}: the edited template is still broken; using the last "
                                "good version")
            if (known is None and status == "ok") or (known and known["status"] == "ok"):
                in_use[name] = current
                continue
        last_good = store.one("SELECT * FROM template_versions WHERE name = ? AND status = 'ok' "
                              "ORDER BY first_seen DESC, rowid DESC LIMIT 1", (name,))
        if last_good is not None:
            in_use[name] = Template.of(name, last_good["source"], last_good["html_source"])
        elif name in required:
            problems.append(f"{name}: no good version of this required template exists")
    return TemplateSet(in_use), problems


def _refuse(store: Store, template: Template, error: str, now: datetime) -> None:
    log.error("template %s refused, keeping the last good version: %s", template.name, error)
    store.event(now, "template_refused", {"name": template.name, "sha256": template.sha256,
                                          "error": error[:500]})
    store.conn.execute("INSERT OR IGNORE INTO state (key, value, updated_at) VALUES (?, ?, ?)",
                       (f"template-alert:{template.sha256}", error[:2000], iso(now)))


def pending_alerts(store: Store) -> list[tuple[str, str]]:
    """Refusals not yet announced: (state key, error)."""
    return [(str(r["key"]), str(r["value"])) for r in store.query(
        "SELECT key, value FROM state WHERE key LIKE 'template-alert:%' AND key NOT IN "
        "(SELECT 'template-alert:' || substr(key, 10) FROM notices WHERE key LIKE 'template:%')")]
