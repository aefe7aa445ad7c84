"""The forms' own words: the PEG's three questions with the two ends of each scale, and the
Roland-Morris Disability Questionnaire's instructions and 24 statements, exactly as printed
(fact sheet §11: keep the wording exact and attribute it; the attribution is each
instrument's in sciaticli.journal.measures, shown with every saved form).

Kept here, beside the scoring, and not in the knowledge base: the journal stores answers by
their place on the form, so the words and their order must be the ones this sciaticli scores,
not a file that `--kb` can replace; and they are not sciaticli's own plain words (the
knowledge base's rules for its text do not apply to a validated instrument's text, which must
not be edited). The PSFS has no fixed items: the person names the activities.
"""

from __future__ import annotations

from typing import NamedTuple


class Question(NamedTuple):
    """A 0-10 rating: the question, and the words at each end of the scale."""

    text: str
    zero: str
    ten: str


# Krebs et al. 2009, Figure 1 (the PEG). Taken from its reproductions that cite it, which agree
# word for word: plustopcare.org "Assessing Analgesia and Function Tool (PEG)" and
# precisionmdapp.com "PEG-3 Score"; CDC's 2016 opioid checklist prints a shortened variant
# ("What number from 0-10 ...", anchors "not at all" / "complete interference"), not used.
PEG_QUESTIONS = (
    Question(
        "What number best describes your pain on average in the past week?",
        "No pain",
        "Pain as bad as you can imagine",
    ),
    Question(
        "What number best describes how, during the past week, pain has interfered with your "
        "enjoyment of life?",
        "Does not interfere",
        "Completely interferes",
    ),
    Question(
        "What number best describes how, during the past week, pain has interfered with your "
        "general activity?",
        "Does not interfere",
        "Completely interferes",
    ),
)
# The English original as its authors distribute it (the rmdq.org form "English (original)",
# which names Roland & Morris 1983 as its source; a copy: dorfenfashion.com/sites/default/
# files/2017-06/English%20%28original%29.doc); Roland & Fairbank 2000 state that it may be
# used without permission. Statement 9 reads "then usual" in that form: kept as printed.
RMDQ_INSTRUCTIONS = (
    "When your back hurts, you may find it difficult to do some of the things you normally "
    "do. This list contains sentences that people have used to describe themselves when they "
    "have back pain. When you read them, you may find that some stand out because they "
    "describe you today. As you read the list, think of yourself today. When you read a "
    "sentence that describes you today, put a tick against it. If the sentence does not "
    "describe you, then leave the space blank and go on to the next one. Remember, only tick "
    "the sentence if you are sure it describes you today."
)
RMDQ_STATEMENTS = (
    "I stay at home most of the time because of my back.",
    "I change position frequently to try and get my back comfortable.",
    "I walk more slowly than usual because of my back.",
    "Because of my back I am not doing any of the jobs that I usually do around the house.",
    "Because of my back, I use a handrail to get upstairs.",
    "Because of my back, I lie down to rest more often.",
    "Because of my back, I have to hold on to something to get out of an easy chair.",
    "Because of my back, I try to get other people to do things for me.",
    "I get dressed more slowly then usual because of my back.",
    "I only stand for short periods of time because of my back.",
    "Because of my back, I try not to bend or kneel down.",
    "I find it difficult to get out of a chair because of my back.",
    "My back is painful almost all the time.",
    "I find it difficult to turn over in bed because of my back.",
    "My appetite is not very good because of my back pain.",
    "I have trouble putting on my socks (or stockings) because of the pain in my back.",
    "I only walk short distances because of my back.",
    "I sleep less well because of my back.",
    "Because of my back pain, I get dressed with help from someone else.",
    "I sit down for most of the day because of my back.",
    "I avoid heavy jobs around the house because of my back.",
    "Because of my back pain, I am more irritable and bad tempered with people than usual.",
    "Because of my back, I go upstairs more slowly than usual.",
    "I stay in bed most of the time because of my back.",
)
