import re


def page_text(response) -> str:
    """The page's visible text, as a reader sees it: tags, scripts and styles removed, spaces
    collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
