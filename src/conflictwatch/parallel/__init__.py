"""Archives on a Dask cluster: extraction spread over workers, recording in one place.

* :mod:`.driver` — :func:`ingest_on_cluster` (partitions out, results back in
  input order, recorded by one writer) and :func:`open_client` (a scheduler's
  client, or a local cluster's);
* :mod:`.worker` — what the workers run, with one pipeline per worker process.

Needs the optional extra ``dask`` (``pip install 'conflictwatch[dask]'``); this
package imports Dask only when a client is opened.
"""

from .driver import ClusterOptions, ingest_on_cluster, iter_extracted, open_client
from .worker import Extracted, extract_partition, worker_pipeline

__all__ = ["ClusterOptions", "Extracted", "extract_partition", "ingest_on_cluster", "iter_extracted", "open_client",
           "worker_pipeline"]
