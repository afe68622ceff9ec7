from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

ITEM_FORMATS = [
    ("talk", _("Talk")),
    ("panel", _("Panel")),
    ("workshop", _("Workshop")),
    ("discussion", _("Discussion")),
    ("excursion", _("Excursion")),
    ("break", _("Break")),
]


class ProgrammeItemValue(blocks.StructValue):
    def is_break(self):
        return self.get("format") == "break"

    def format_label(self):
        return dict(ITEM_FORMATS).get(self.get("format"), "")


class ProgrammeItemBlock(blocks.StructBlock):
    start = blocks.TimeBlock(label=_("Start"))
    end = blocks.TimeBlock(label=_("End"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    # The format's name would be indexed in whichever language is active, not the page's
    # ("Vortrag" in English results): the title says what an item is about.
    format = blocks.ChoiceBlock(
        label=_("Format"), choices=ITEM_FORMATS, default="talk", search_index=False
    )
    description = blocks.TextBlock(label=_("Description"), required=False)
    room = blocks.CharBlock(label=_("Room"), required=False, max_length=100)
    speakers = blocks.ListBlock(
        SnippetChooserBlock("conferences.Speaker"), label=_("Speakers"), default=[]
    )

    class Meta:
        icon = "time"
        label = _("Programme item")
        value_class = ProgrammeItemValue

    def clean(self, value):
        value = super().clean(value)
        if value.get("end") and value["end"] <= value["start"]:
            raise blocks.StructBlockValidationError(
                block_errors={"end": blocks.BlockValidationError(_("End after the start."))}
            )
        return value


class ProgrammeDayBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Day"))
    items = blocks.ListBlock(ProgrammeItemBlock(), label=_("Items"))

    class Meta:
        icon = "date"
        label = _("Programme day")
        template = "conferences/blocks/programme_day_block.html"


class ProgrammeBlock(blocks.StreamBlock):
    day = ProgrammeDayBlock()
