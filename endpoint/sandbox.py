"""Make a query worker unable to reach the network: a seccomp filter refuses every IPv4 and IPv6 socket.

This is the second line behind ``lankg.endpoint.policy``: if a federated query
(SERVICE) ever got past the parser's check, the engine could still not open a
connection, to another host or to this one. The filter is installed in the
worker process before it loads the graph; the pipe to the server is a Unix
socket made before, and Unix sockets stay allowed. Workers that answer from a
remote SPARQL server (``serve --store``) need the network and are not
filtered.
"""

from __future__ import annotations

import errno
import socket


def forbid_network() -> str | None:
    """Refuse IPv4/IPv6 sockets to this process and every thread it has or starts; None once done, else why it could not be."""
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError) as exc:  # not Linux, or libseccomp missing
        return f"no seccomp on this system ({exc})"
    try:
        rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        rules.set_attr(seccomp.Attr.CTL_TSYNC, 1)
        for family in (socket.AF_INET, socket.AF_INET6, socket.AF_PACKET):
            rules.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.EQ, family))
        rules.add_rule(seccomp.ERRNO(errno.EACCES), "io_uring_setup")
        rules.load()
    except (OSError, RuntimeError, ValueError, AttributeError) as exc:
        return f"the seccomp filter could not be installed ({exc})"
    return None


__all__ = ["forbid_network"]
