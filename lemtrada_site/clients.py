import ipaddress

from django.conf import settings


def client_address(request):
    """
    The client's address, as the rate limit and the admin lockout count clients: the connection's,
    or, behind our proxy, the right-most address in the configured header (the one our proxy saw;
    anything left of it the client could have forged). An IPv6 client is counted by its /64, the
    block one home or phone is given: otherwise one client would have 2^64 addresses to try from.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if settings.CLIENT_IP_HEADER:
        forwarded = [part.strip() for part in request.headers.get(settings.CLIENT_IP_HEADER, "").split(",")]
        if forwarded and forwarded[-1]:
            address = forwarded[-1]
    return counted_address(address)


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
