"""Web addresses of a person's page: a path after the host (``facebook.com/margaret.f``), a
social or blog host, or a name in the host (``www.kofiboateng.co.uk``, ``www.smithfamily.com``).

A shop's or a photo library's bare domain (``Dreamstime.com``, ``www.carehome.co.uk``) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .line import Line, fold, nfkc
from .rule import Candidate, RuleContext, TextRule
from .words import NameLists, load_english_words, load_name_lists

_TLDS = "com|org|net|uk|co\\.uk|org\\.uk|nhs\\.uk|gov\\.uk|ac\\.uk|info|biz|io|me|eu|fr|de|je|gg|ie|us|ca|au"
WEB = re.compile(rf"(?:https?\s?:\s?//|www\s?\.)\S+|\b[\w-]{{2,}}(?:\.[\w-]{{2,}})*\.(?:{_TLDS})\b(?:/\S*)?", re.IGNORECASE)
_SOCIAL = ("facebook", "fb", "instagram", "twitter", "x", "tiktok", "linkedin", "youtube", "youtu", "blogspot",
           "wordpress", "blog", "flickr", "pinterest", "justgiving", "gofundme", "wix", "substack", "medium", "t", "me")
#: Mail providers whose name, run into the text before it, is an e-mail address whose @ was not read.
_MAIL_HOSTS = ("gmail", "googlemail", "yahoo", "hotmail", "outlook", "btinternet", "icloud", "virginmedia",
               "talktalk", "protonmail")
# What a family web address adds to a name: www.<surname>family.com
_FAMILY_WORDS = ("family", "fam", "clan", "home", "house")
#: The reason :func:`personal_web` gives for an email address whose @ was not read.
AT_NOT_READ = "email address (its @ not read)"


def _name_pair(label: str, lists: NameLists) -> bool:
    """``label`` (one part of a host name) is two names run together: a given name and a
    surname (``annasmith``), or a name (or a word that is not English) and a family word
    (``smithfamily``; ``funfamily`` is not one)."""
    for cut in range(3, len(label) - 2):
        head, tail = label[:cut], label[cut:]
        if tail in _FAMILY_WORDS and len(head) >= 4 and head not in lists.everyday and (
            head in lists.surnames or head in lists.given or head not in load_english_words()
        ):
            return True  # a family's site is named for the family: a name, or at least not an English word
        if head in lists.given and tail in lists.surnames and len(tail) >= 4 and not (head in lists.everyday and tail in lists.everyday):
            return True
    return False


def personal_web(url: str) -> str | None:
    """Why ``url`` looks like a person's page or address, or None.

    Personal: a path after the host, a social or blog host, or a host part that
    is a listed given name or surname that is not an everyday word
    (``megan.ogdenmail.com``: an email whose @ was not read).
    """
    u = fold(url)
    u = re.sub(r"^(?:https?\s?:\s?//)?(?:www\s?\.)?", "", u)
    host, _, path = u.partition("/")
    labels = [x for x in re.split(r"[.\-_]", host) if x]
    if path.strip(" /.") and len(re.sub(r"\W", "", path)) >= 2:
        return "web address of a page"
    if any(x in _SOCIAL for x in labels[:-1]):
        return "web address of a social or blog page"
    lists = load_name_lists()
    if len(labels) >= 3 and any(x in lists.given and x not in lists.everyday and len(x) >= 3 for x in labels[:2]):
        return AT_NOT_READ
    plain = not re.match(r"(?:https?\s?:\s?//|www\s?\.)", fold(url))
    if plain and labels and any(labels[0].endswith(p) and len(labels[0]) - len(p) >= 4 and labels[0][-len(p) - 1] in "oaeq0"
                                for p in _MAIL_HOSTS):
        return AT_NOT_READ  # papadopoulosi@gmail.com read as papadopoulosiogmail.com
    if any(len(x) >= 4 and (x in lists.given or x in lists.surnames) and x not in lists.everyday for x in labels[:-1]):
        return "web address with a name in it"
    if any(_name_pair(x, lists) for x in labels[:-1]):
        return "web address with a name in it"
    return None


class WebAddressRule(TextRule):
    label = "web_address"
    category = "web_address"
    priority = 70
    summary = "web addresses of people's pages (a path, a social or blog host, a name in the host)"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        for m in WEB.finditer(nfkc(line.raw)):
            yield Candidate("url", m.group(0))

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        return personal_web(candidate.text)


RULE = WebAddressRule()
