"""Keyboard-only use in the browser suite: press Tab round a page and record where focus goes.

A recorder installed in the page notes, after each Tab press, the element that has focus
and its look; focus was visible there if the element had a box inside the viewport, was
not transparent, its middle was not under anything painted (a sticky bar: WCAG 2.4.11), and its look (outline, box-shadow, border, background or text colour of
the element or one of its three nearest ancestors, where Streamlit draws most focus rings)
differs from its look at the end, when nothing has focus. Transitions are switched off
first so that both looks are the settled ones.

Plotly's chart area is not keyboard operable (a documented limitation: every chart's data
is also a table); its modebar buttons may be skipped by the coverage check, nothing else.
"""
from __future__ import annotations

#: What counts as a control that keyboard users must reach.
INTERACTIVE = ('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="combobox"], '
               '[role="slider"], [role="tab"], [role="button"], [tabindex]:not([tabindex="-1"])')
#: The only controls the coverage check lets keyboard users skip: plotly's modebar buttons.
SKIPPABLE = ".modebar-container"

RECORDER = r"""() => {
    const still = document.createElement('style');
    still.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
    document.head.appendChild(still);
    const look = el => {
        const parts = [];
        for (let e = el, i = 0; e && i < 4; e = e.parentElement, i++) {
            const c = getComputedStyle(e);
            parts.push([c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow, c.borderTopColor,
                        c.borderBottomColor, c.backgroundColor, c.color, c.textDecorationLine].join('|'));
        }
        return parts.join('#');
    };
    const onScreen = el => {
        const r = el.getBoundingClientRect();
        let opacity = 1;
        for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
        return opacity > 0.1 && r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
            r.top < innerHeight && r.left < innerWidth;
    };
    // WCAG 2.4.11: the middle of the focused element is not under something else (a sticky bar)
    const covered = el => {
        const r = el.getBoundingClientRect();
        const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
        const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        if (!top || el.contains(top) || top.contains(el)) return null;
        // a transparent layer on top (glide's scroller over a table) hides nothing
        const paints = /^(CANVAS|IMG|SVG|VIDEO|IFRAME)$/i.test(top.tagName) ||
            !/rgba\(.*, 0\)$|transparent/.test(getComputedStyle(top).backgroundColor);
        return paints ? top : null;
    };
    const name = el => `${el.tagName.toLowerCase()}${el.dataset.testid ? '[' + el.dataset.testid + ']' : ''} ` +
        `"${(el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 50)}"`;
    const focused = new Map();  // element -> its look while focused
    const hidden = [];
    document.addEventListener('focusin', event => window.__kb.order.push(event.target), true);
    // after each Tab press, once the page has reacted to the focus (React-drawn toolbars too)
    const snap = () => {
        const el = document.activeElement;
        if (!el || el === document.body || focused.has(el)) return;
        focused.set(el, look(el));
        if (!onScreen(el)) hidden.push(name(el) + ': not on screen (or transparent) when focused');
        else if (covered(el)) hidden.push(name(el) + ': covered by ' + name(covered(el)) + ' when focused');
    };
    // at the end, with focus nowhere: a stop whose look did not change had no visible focus
    const verdict = () => {
        document.activeElement?.blur();
        for (const [el, was] of focused) if (el.isConnected && look(el) === was)
            hidden.push(name(el) + ': looks the same focused and not');
        return hidden;
    };
    window.__kb = {order: [], seen: focused, snap, verdict, name};
}"""

SNAP_AND_ROUND_TRIP = """() => { window.__kb.snap(); const o = window.__kb.order;
    return o.length > 2 && o.lastIndexOf(o[0]) > 0; }"""

CONTROLS = """([selector, skippable]) => { const controls = [...document.querySelectorAll(selector)].filter(el =>
    !el.disabled && el.getAttribute('tabindex') !== '-1' && !el.closest(skippable) &&
    !el.closest('[aria-hidden="true"], [inert]') && el.checkVisibility({visibilityProperty: true}) &&
    el.getBoundingClientRect().width > 0);
    return [controls.length, controls.filter(el => !window.__kb.seen.has(el)).map(window.__kb.name)]; }"""


def tab_round(page, max_presses: int = 400) -> dict:
    """Tab from the page title until focus comes back to where it started (or the bound).

    Returns ``stops`` (Tab presses made), ``came_round`` (focus returned to its first
    stop), ``controls`` (visible controls on the page, modebar buttons aside), ``unreached`` (visible controls never focused, modebar buttons aside) and
    ``hidden`` (focus stops where focus was not visible)."""
    page.evaluate(RECORDER)
    page.locator("h1").first.click()
    presses = 0
    came_round = False
    while presses < max_presses and not came_round:
        page.keyboard.press("Tab")
        presses += 1
        came_round = page.evaluate(SNAP_AND_ROUND_TRIP)
    controls, unreached = page.evaluate(CONTROLS, [INTERACTIVE, SKIPPABLE])
    return {"stops": presses, "came_round": came_round, "controls": controls, "unreached": unreached,
            "hidden": list(dict.fromkeys(page.evaluate("window.__kb.verdict()")))}
