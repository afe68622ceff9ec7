"""What the browser tests share: the demo site's addresses, axe-core and the local-only rule."""

from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

LANGUAGES = ("de", "en")

# The pages load_demo_content publishes, by role, in both languages.
PAGES = {
    "home": {"de": "/de/", "en": "/en/"},
    "standard": {"de": "/de/ueber-start-smart/", "en": "/en/about-start-smart/"},
    "accessibility": {"de": "/de/barrierefreiheit/", "en": "/en/accessibility/"},
    "not_found": {"de": "/de/gibt-es-nicht/", "en": "/en/does-not-exist/"},
    "event_index": {"de": "/de/veranstaltungen/", "en": "/en/events/"},
    "conference": {
        "de": "/de/veranstaltungen/regionalkonferenz-guetersloh-2023/",
        "en": "/en/events/regional-conference-guetersloh-2023/",
    },
    "kickoff_series": {
        "de": "/de/veranstaltungen/kick-off-workshops/",
        "en": "/en/events/kick-off-workshops/",
    },
    "workshop_series": {
        "de": "/de/veranstaltungen/themenwerkstaetten/",
        "en": "/en/events/thematic-workshops/",
    },
    "kickoff_session": {
        "de": "/de/veranstaltungen/kick-off-workshops/kick-off-herbst/",
        "en": "/en/events/kick-off-workshops/kick-off-autumn/",
    },
    "workshop_session": {
        "de": "/de/veranstaltungen/themenwerkstaetten/werkstatt-datenplattformen/",
        "en": "/en/events/thematic-workshops/workshop-data-platforms/",
    },
    "case_study_index": {"de": "/de/praxisbeispiele/", "en": "/en/case-studies/"},
    "case_study": {
        "de": "/de/praxisbeispiele/urbane-datenplattform-musterstadt/",
        "en": "/en/case-studies/urban-data-platform-musterstadt/",
    },
}

WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob"}

_RUN_AXE = """
async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({
            target: node.target.join(" "),
            html: node.html.slice(0, 200),
        })),
    }));
}
"""


def is_local(url):
    """Whether a request stays on this machine: the live server, or data and blob URLs."""
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


def axe_violations(page):
    """Run axe-core with the WCAG 2.1 A and AA rules against the page as it is now."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(_RUN_AXE, WCAG_21_AA_TAGS)


def describe_violations(url, violations):
    lines = [f"{len(violations)} axe-core violation(s) of WCAG 2.1 A/AA on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html']}")
    return "\n".join(lines)


AUTOSAVE_QUIET_MS = 1_500
AUTOSAVED = r"""
(quietFor) => {
    const form = document.getElementById("page-edit-form");
    const indicator = document.getElementById("w-autosave-indicator");
    const caughtUp = /\/admin\/pages\/\d+\/edit\//.test(form.action)
        && form.getAttribute("data-w-unsaved-has-edits-value") === "false"
        && indicator.getAttribute("data-w-autosave-state-value") === "saved";
    const now = performance.now();
    window.autosavedSince = caughtUp ? window.autosavedSince ?? now : undefined;
    return caughtUp && now - window.autosavedSince >= quietFor;
}
"""


def wait_for_autosave(admin):
    """Wait until Wagtail's autosave has caught up with every change, and stays caught up.

    Wagtail 8 autosaves a form 500 ms after it notices a change (it looks every 500 ms). The
    first autosave creates the page and points the form at its edit view. Publishing while
    that request is on its way posts the form to the create view a second time: the page is
    created twice, which fails as a slug clash or, on PostgreSQL, as a server error.
    """
    admin.wait_for_function(AUTOSAVED, arg=AUTOSAVE_QUIET_MS, timeout=15_000)


EDITS_WATCHED = """
() => {
    const form = document.getElementById("page-edit-form");
    const unsaved = window.wagtail?.app?.getControllerForElementAndIdentifier(form, "w-unsaved");
    return Boolean(unsaved?.initialFormData);
}
"""


def wait_until_edits_are_watched(admin):
    """Wait until Wagtail has taken the snapshot it compares the edit form with.

    It takes it 2 s after the form appears: what changed before is part of the snapshot, so
    it is never autosaved and wait_for_autosave would wait for a save that does not come.
    """
    admin.wait_for_function(EDITS_WATCHED, timeout=15_000)


TAB_LIMIT = 60


def tab_to(page, target, limit=TAB_LIMIT):
    """Press Tab until `target` (a locator or a CSS selector) has the focus, as a keyboard user
    moves through a page, and return it as a locator.

    Fails with the stops passed on the way when it is not reached within `limit` presses.
    """
    if isinstance(target, str):
        target = page.locator(target)
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate_all("(elements) => elements.includes(document.activeElement)"):
            return target
        passed.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    raise AssertionError(f"{limit} presses of Tab never reached {target}; passed {passed}")


def arrow_to(page, select, value):
    """Step through a focused, closed <select> with the arrow keys until it shows the value."""
    options = select.locator("option").count()
    for _ in range(options):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    assert select.input_value() == value, (
        f"ArrowDown never selected {value!r} in {select.get_attribute('name')}; "
        f"it stopped at {select.input_value()!r}"
    )
