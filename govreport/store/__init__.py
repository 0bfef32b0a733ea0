"""The embedded SQLite store: schema, writes, named queries, parallel ingest."""

from govreport.store.queries import Store, open_store
from govreport.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "open_store"]
