from django.conf import settings


def client_address(request):
    """
    The client's address: the connection's, or, behind our proxy, the right-most address in the
    configured header (the one our proxy saw; anything left of it the client could have forged).
    """
    if settings.CLIENT_IP_HEADER:
        forwarded = [part.strip() for part in request.headers.get(settings.CLIENT_IP_HEADER, "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")
