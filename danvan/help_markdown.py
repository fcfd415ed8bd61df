"""Markdown to HTML for the user guide, safely: raw HTML escaped, only safe links, only our own screenshots."""

from html import unescape
from urllib.parse import urlsplit

import markdown
from django.urls import reverse
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from danvan.help import IMAGE_NAME


class _SafeLinks(Treeprocessor):
    """Keep only safe link targets, and point the guide's own links and images at the portal's URLs."""

    def run(self, root):
        for element in root.iter():
            if element.tag == "a":
                href = element.get("href", "")
                if urlsplit(href).scheme not in ("", "http", "https", "mailto"):
                    element.attrib.pop("href")
                elif href.endswith(".md") and "/" not in href:  # another role's guide: "lanhdao.md"
                    element.set("href", f"../{href[:-3]}/")
            elif element.tag == "img":
                src = element.get("src", "")
                name = src.removeprefix("img/")
                if src.startswith("img/") and IMAGE_NAME.match(name):
                    element.set("src", reverse("help:image", args=[name]))
                    element.set("loading", "lazy")
                    element.set("class", "img-fluid border rounded my-2")
                else:
                    element.attrib.pop("src", None)  # only our own screenshots are shown


class _SafeExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")  # raw HTML blocks become escaped text
        md.inlinePatterns.deregister("html")  # and so do inline tags
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 1)


def render(text: str, *, slugify) -> tuple[str, list[dict]]:
    """Return the HTML of `text` with raw HTML escaped, and its table of contents (second- and third-level)."""
    md = markdown.Markdown(
        extensions=["markdown.extensions.tables", "markdown.extensions.toc", _SafeExtension()],
        extension_configs={"markdown.extensions.toc": {"slugify": slugify, "toc_depth": "2-3"}},
        output_format="html",
    )
    html = md.convert(text)
    # The title line is cut off before rendering, so the top-level entries are the second-level headings.
    return html, [
        {
            "id": item["id"],
            "name": unescape(item["name"]),
            "children": [{"id": sub["id"], "name": unescape(sub["name"])} for sub in item["children"]],
        }
        for item in md.toc_tokens
    ]
