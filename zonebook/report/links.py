"""Which addresses from the data become links: web addresses (http, https) only.

Anything else (javascript:, data:, file:, a relative path) is shown as text and never made a link.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

# RFC 3986's reserved and unreserved characters and '%': everything else is percent-encoded, so the address
# cannot close the Markdown destination, the HTML attribute or the table cell it is written into
_URL_SAFE = "/:?#[]@!$&'()*+,;=-._~%"


def web_address(url) -> str | None:
    """`url`, percent-encoded where it must be, if it is an http(s) address with a host; else None."""
    text = "" if url is None else str(url).strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced [ in the host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    scheme = text.index(":")  # written in lower case: MyST takes only a lower-case scheme for a web address
    return quote(text[:scheme].lower() + text[scheme:], safe=_URL_SAFE)
