"""QR codes for the printed materials, drawn on the server as inline SVG."""

import segno

# M recovers about 15 % of a damaged or badly photocopied code and keeps the
# symbol small enough for a flyer.
ERROR_CORRECTION = "m"


def make_qr(url):
    """Return the QR code of `url`, always a full QR code (phones read no micro QR)."""
    return segno.make(url, error=ERROR_CORRECTION, micro=False)


def qr_svg(url, title):
    """
    Return `url` as an SVG QR code for inline use in HTML.

    Without width and height the SVG keeps its viewBox, so the stylesheet
    sets its printed size; dark modules on white print in black and white.
    """
    return make_qr(url).svg_inline(
        title=title,
        omitsize=True,
        dark="#000",
        light="#fff",
        svgclass="qr-code__image",
        lineclass=None,
    )
