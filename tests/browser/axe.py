"""axe-core's WCAG 2.1 AA rules run on the page a browser shows (vendored axe.min.js).

The checker is injected as an inline script, which the portal's Content-Security-Policy
rightly refuses: contexts that use it are made with `bypass_csp=True`.
"""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, url: str) -> list[str]:
    """The WCAG 2.1 AA violations on the page now shown, one line each."""
    page.add_script_tag(path=AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    assert len(result["passes"]) >= 10, f"axe checked almost nothing on {url}"
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
