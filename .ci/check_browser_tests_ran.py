"""Fail CI when the browser tests were skipped or absent: a green run must include them."""

import sys
import xml.etree.ElementTree as ET

cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
browser = [c for c in cases if c.get("classname", "").startswith("tests.browser")]
skipped = [c for c in browser if c.find("skipped") is not None]
if not browser or skipped:
    sys.exit(f"browser tests: {len(browser)} found, {len(skipped)} skipped; all must run in CI")
print(f"browser tests: {len(browser)} ran")
