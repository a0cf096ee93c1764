"""The style every page run sends (components/a11y): one block of CSS that the browser applies whole."""

from __future__ import annotations

from streamlit.elements.html import _html_only_style_tags

from components import a11y


def test_the_style_is_one_style_block_without_anything_tag_like_inside() -> None:
    body = a11y._STYLE
    assert body.startswith("<style>") and body.endswith("</style>") and _html_only_style_tags(body)
    # A comment naming "tilegrid<columns>-" once made the browser drop every rule of the block.
    assert "<" not in body.removeprefix("<style>").removesuffix("</style>")
