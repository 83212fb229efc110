"""``--engine dask``: map :func:`lint.audit.work.lint_warc` over WARC files with Dask.

Each file is one task; each writes its own JSON Lines shard and a done-marker, so a re-run skips
finished shards. ``scheduler`` is a distributed scheduler address (``tcp://host:8786``) or None for
a LocalCluster on this machine.
"""

from __future__ import annotations

from pathlib import Path


def run_dask(warcs: list[str], shard_dir: Path, config, scheduler=None, workers: int | None = None):
    try:
        import dask.bag as db
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError(f"--engine dask needs the dask extra: pip install 'newslint[dask]' ({exc})") from None
    from .work import lint_warc

    cluster = None
    if isinstance(scheduler, str) and scheduler:
        client = Client(scheduler)
    elif scheduler is not None and not isinstance(scheduler, str):
        client = Client(scheduler)  # a LocalCluster or another cluster object
    else:
        cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.from_sequence([str(p) for p in warcs], npartitions=max(1, len(warcs)))
        out = bag.map(lint_warc, str(shard_dir), config).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return out
