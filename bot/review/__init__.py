"""The review UI: the staff workspace in the browser (Datasette 0.65 + the eabot plugin).

Modules, each named for what it holds:

- :mod:`~bot.review.access`: the ``[review]`` accounts (staff act, viewers look);
- :mod:`~bot.review.columns` and :mod:`~bot.review.metadata`: table and column
  descriptions, canned queries, Datasette metadata;
- :mod:`~bot.review.sqlfunctions`: the SQL functions and the read-only database;
- :mod:`~bot.review.plugin`: the Datasette hooks (routes, connections, cells);
- :mod:`~bot.review.views`: the dashboard, lists, case page, message text, actions;
- :mod:`~bot.review.lists`, :mod:`~bot.review.casefacts`, :mod:`~bot.review.schedule`,
  :mod:`~bot.review.words`: what those pages show, in words and local time;
- :mod:`~bot.review.actions`: a posted form -> one call of :mod:`bot.casework`;
- :mod:`~bot.review.message_text`: a message's text from the store or the mailbox;
- :mod:`~bot.review.context`: the configuration and accounts attached to a Datasette;
- :mod:`~bot.review.server`: make the Datasette and serve it; ``templates/``.
"""
