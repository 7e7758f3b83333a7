"""The SPARQL 1.1 Protocol endpoint (``lankg serve``), in parts:

- ``protocol``: the query and the accepted media types of a request
- ``policy``: refusal of updates, SERVICE, FROM of other graphs and file: IRIs by the query's parsed form
- ``negotiation``: the answer format an Accept header asks for
- ``sandbox``: the seccomp filter that keeps query workers off the network
- ``workers``: the worker processes and the pool with its queue, deadlines and fast lane
- ``description``: the SPARQL 1.1 Service Description (GET /sparql without a query)
- ``access``: the access log, a line per request
- ``app``: the starlette application that wires them together, with the query page
"""

from __future__ import annotations

from lankg.endpoint.app import create_app
from lankg.endpoint.protocol import MAX_REQUEST_LINE_BYTES

__all__ = ["MAX_REQUEST_LINE_BYTES", "create_app"]
