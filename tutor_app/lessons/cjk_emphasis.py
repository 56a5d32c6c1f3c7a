"""CommonMark emphasis that works next to Chinese text.

CommonMark decides whether ``**`` opens or closes emphasis from the characters beside it;
written for spaced languages, it refuses ``**复制（拉伸）**列`` — a closing ``**`` after
punctuation must be followed by a space or punctuation, and Chinese puts neither between
words. Lesson text is full of such bold phrases, so here a wide (CJK) character next to a
delimiter run counts like the space a Western text would have there. Elsewhere the
standard rule is unchanged.
"""

from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Scanned, StateInline


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _is_punct(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


class CjkStateInline(StateInline):
    """``StateInline`` whose delimiter scan lets a CJK neighbour stand in for a space."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N802, N803
        scanned = super().scanDelims(start, canSplitWord)
        last = self.src[start - 1] if start > 0 else " "
        end = start + scanned.length
        after = self.src[end] if end < self.posMax else " "
        if not (_is_wide(last) or _is_wide(after)):
            return scanned
        last_space = isWhiteSpace(ord(last)) or _is_wide(last)
        after_space = isWhiteSpace(ord(after)) or _is_wide(after)
        left = not (isWhiteSpace(ord(after))
                    or (_is_punct(after) and not (last_space or _is_punct(last))))
        right = not (isWhiteSpace(ord(last))
                     or (_is_punct(last) and not (after_space or _is_punct(after))))
        can_open = left and (canSplitWord or not right or _is_punct(last) or _is_wide(last))
        can_close = right and (canSplitWord or not left or _is_punct(after) or _is_wide(after))
        return Scanned(can_open, can_close, scanned.length)


def use_cjk_friendly_emphasis(md: MarkdownIt) -> None:
    """Make ``md``'s inline parser scan delimiters with ``CjkStateInline``."""
    inline = md.inline

    def parse(src, md_, env, tokens):
        state = CjkStateInline(src, md_, env, tokens)
        inline.tokenize(state)
        for rule in inline.ruler2.getRules(""):
            rule(state)
        return state.tokens

    inline.parse = parse
