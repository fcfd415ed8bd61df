"""docs/workflows.md from the lifecycle declarations: a state diagram and a table of moves per lifecycle.

The page keeps its prose; each lifecycle's generated part stands between the markers
`<!-- lifecycle:NAME -->` and `<!-- /lifecycle:NAME -->`. `manage.py workflow_doc` rewrites
them, and a test fails when the page and the declarations differ.
"""

import re

from danvan.lifecycle import Comment, Lifecycle

COMMENT_TEXT = {Comment.NONE: "—", Comment.OPTIONAL: "optional", Comment.REQUIRED: "required"}


def render(lifecycle: Lifecycle) -> str:
    """Return the generated part of `lifecycle`: its diagram and its table of moves."""
    labels = dict(lifecycle.status.choices)
    lines = ["```mermaid", "stateDiagram-v2"]
    initial = lifecycle.status.values[0]
    lines.append(f"    [*] --> {initial}")
    for move in lifecycle.moves:
        for source in move.sources:
            lines.append(f"    {source} --> {move.target}: {move.action}")
    lines += ["```", ""]
    lines.append("| status | label |")
    lines.append("|---|---|")
    lines += [f"| `{value}` | {labels[value]} |" for value in lifecycle.status.values]
    lines.append("")
    lines.append(
        "| move | from | to | who may (rule `" + lifecycle.permission("ACTION") + "`) | comment | asks first | tells |"
    )
    lines.append("|---|---|---|---|---|---|---|")
    for move in lifecycle.moves:
        sources = ", ".join(f"`{source}`" for source in move.sources)
        how = f"page `{move.page}`" if move.page else ("no button: part of another step" if move.internal else "POST")
        lines.append(
            f"| `{move.action}` ({move.label}; {how}) | {sources} | `{move.target}` | `{move.who.name.replace('|', chr(92) + '|')}` "
            f"| {COMMENT_TEXT[move.comment]} | {move.confirm or '—'} | {', '.join(move.notify) or '—'} |"
        )
    return "\n".join(lines)


def update(text: str, lifecycles: list[Lifecycle]) -> str:
    """Return `text` with every lifecycle's generated part replaced by what its declaration says now."""
    for lifecycle in lifecycles:
        start, end = f"<!-- lifecycle:{lifecycle.name} -->", f"<!-- /lifecycle:{lifecycle.name} -->"
        found = re.search(re.escape(start) + r".*?" + re.escape(end), text, re.S)
        if found is None:
            raise ValueError(f"docs/workflows.md has no markers for the lifecycle {lifecycle.name!r}")
        text = f"{text[: found.start()]}{start}\n{render(lifecycle)}\n{end}{text[found.end() :]}"
    return text
