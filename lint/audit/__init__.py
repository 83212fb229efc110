"""``newslint audit``: lint a whole site from a crawl, WARC archives, URL lists or folders.

The pieces: :mod:`.work` (the pure per-page and per-WARC lint functions and a process pool that
replaces a worker over its time budget), :mod:`.crawl` (a polite aiohttp crawler over a
disk-backed frontier), :mod:`.sitemaps` and :mod:`.robots`, :mod:`.warc`, :mod:`.store`
(streamed JSON Lines results and resume), :mod:`.report` (summary, CSV, violations and the HTML
report), :mod:`.dask_engine` (the same per-WARC function on Dask) and :mod:`.cli`.
"""
