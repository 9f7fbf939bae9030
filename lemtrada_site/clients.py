import functools
import ipaddress

from django.conf import settings


def client_address(request):
    """
    The client's address, as the rate limit and the admin lockout count clients: the connection's,
    or, when the connection comes from one of our own proxies (TRUSTED_PROXIES), the address that
    proxy saw: read from the right of the configured header, past any other proxy of ours, stopping
    at the first address that is not one (anything left of it the client could have written itself).
    A connection from anywhere else is counted by its own address, whatever header it sends. An IPv6
    client is counted by its /64, the block one home or phone is given: otherwise one client would
    have 2^64 addresses to try from.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if settings.CLIENT_IP_HEADER and _is_our_proxy(address):
        forwarded = [part.strip() for part in request.headers.get(settings.CLIENT_IP_HEADER, "").split(",")]
        for hop in reversed([part for part in forwarded if part]):
            address = hop
            if not _is_our_proxy(hop):
                break
    return counted_address(address)


def _is_our_proxy(address):
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in trusted_proxies(tuple(settings.TRUSTED_PROXIES)))


@functools.cache
def trusted_proxies(entries):
    """The TRUSTED_PROXIES setting's addresses and networks (`10.0.0.2`, `10.0.0.0/24`, `::1`)."""
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]  # checked when the settings load


def counted_address(address):
    """An IPv4 address as it is; an IPv6 address as the first address of its /64."""
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)
