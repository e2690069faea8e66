"""Keyboard checks in real Chromium: Tab reaches every control in document order, each
shows a visible focus that nothing covers, and answers can be given with the keys a
person would use (Space and arrow keys on radios, Space on checkboxes, typing in boxes).

Call :func:`assert_keyboard_accessible` on any page (respondent or staff). It needs page
JavaScript (event listeners record each stop): for a page opened with JavaScript off,
check a copy made by :func:`tests.browser.axe.copy_page_without_scripts`.

One call costs one ``Tab`` press per stop (plus the keys that answer) and two
``evaluate`` calls: a listener in the page records, on each ``Tab`` keydown, which
element has focus and how it looks, so the browser is not asked about every stop
separately. Focus is compared with how the same element looked before it had focus (an
outline, a box shadow, a background, or the ring drawn round a radio or checkbox).
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.axe import AxeLog
from tests.browser.walker import typed_answer

# Collect the stops Tab should visit, remember how each looks without focus, start a
# recorder of Tab keydowns and changes, and put the focus starting point at the top.
INSTALL = """answering => {
  const old = window.__saysoKeys;
  if (old) old.stop();
  const clear = colour => colour === 'transparent' || /rgba\\(.*, 0\\)$/.test(colour);
  const look = el => {
    const s = getComputedStyle(el);
    const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                     && !clear(s.outlineColor);
    const seen = { outline: outlined ? `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : '',
                   shadow: s.boxShadow, background: s.backgroundColor, mark: null };
    const label = (el.type === 'radio' || el.type === 'checkbox') && el.labels && el.labels[0];
    if (label) {
      const b = getComputedStyle(label, '::before');
      seen.mark = `${b.boxShadow}|${b.outlineStyle} ${b.outlineColor}|${b.borderWidth}`;
    }
    return seen;
  };
  const shown = (before, now) =>
    (now.outline !== '' && now.outline !== before.outline)
    || (now.shadow !== 'none' && now.shadow !== before.shadow)
    || (now.background !== before.background && !clear(now.background))
    || (now.mark !== null && now.mark !== before.mark);
  const group = el => [...document.querySelectorAll('input[type=radio]')]
    .filter(r => r.name === el.name && r.form === el.form && !r.disabled);
  const focusable = 'a[href], button, input, select, textarea, summary, iframe, [tabindex], '
                    + '[contenteditable]';
  const candidates = [...document.querySelectorAll(focusable)]
    .filter(el => el.tabIndex >= 0 && !el.disabled && el.type !== 'hidden'
                  && !el.closest('[inert]') && el.checkVisibility({visibilityProperty: true}));
  const stops = candidates.filter(el => el.type !== 'radio'
    || el === (group(el).find(r => r.checked) || group(el)[0]));
  const describe = el => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 40);
    const type = el.type ? `[${el.type}]` : '';
    const id = el.id ? '#' + el.id : '';
    return `${el.tagName.toLowerCase()}${id}${type}${text ? ` "${text}"` : ''}`;
  };
  const indexOf = el => el.type === 'radio'
    ? stops.findIndex(s => s.type === 'radio' && group(s).includes(el)) : stops.indexOf(el);
  const covered = el => {
    const box = el.getClientRects()[0];
    if (!box || box.width < 1 || box.height < 1) return true;
    const d = Math.min(4, box.width / 4, box.height / 4);
    const points = [[(box.left + box.right) / 2, (box.top + box.bottom) / 2],
      [box.left + d, box.top + d], [box.right - d, box.top + d],
      [box.left + d, box.bottom - d], [box.right - d, box.bottom - d]];
    const labels = [...(el.labels || [])];
    const ours = hit => hit && (el.contains(hit) || labels.some(l => l.contains(hit)));
    return !points.some(([x, y]) => ours(document.elementFromPoint(x, y)));
  };
  const before = stops.map(look);
  const onKey = event => {
    if (event.key !== 'Tab') return;
    const el = document.activeElement;
    if (!el || el === document.body) return state.log.push({index: -2});
    const index = indexOf(el);
    state.log.push(index < 0 ? {index, what: describe(el)}
      : {index, shown: shown(before[index], look(el)), covered: covered(el)});
  };
  const onChange = ({target}) => state.changes.push([target.name, target.value, target.checked]);
  const state = window.__saysoKeys = { log: [], changes: [],
    stop: () => {
      removeEventListener('keydown', onKey, true);
      removeEventListener('change', onChange, true);
    },
    finish: () => {
      state.stop();
      const el = document.activeElement;
      const answers = stops.map(s => s.type === 'radio'
        ? (group(s).find(r => r.checked) || {value: null}).value
        : s.type === 'checkbox' ? s.checked : ('value' in s ? s.value : null));
      return { log: state.log, changes: state.changes, answers,
               after: el && el !== document.body && indexOf(el) < 0 ? describe(el) : null };
    } };
  addEventListener('keydown', onKey, true);
  addEventListener('change', onChange, true);
  // Focus a throwaway element at the very top and remove it: the next Tab goes to the
  // first stop of the page, wherever the page's own script had put focus.
  if (document.activeElement) document.activeElement.blur();
  const start = document.createElement('span');
  start.tabIndex = -1;
  document.body.prepend(start);
  start.focus();
  start.remove();
  const typed = ['button', 'submit', 'reset', 'file', 'image', 'range', 'color'];
  const kind = el => el.type === 'radio' || el.type === 'checkbox' ? el.type
    : el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && !typed.includes(el.type)) ? 'text'
    : el.tagName.toLowerCase();
  const firstBox = el => el === document.querySelector(
    `input[type=checkbox][name="${CSS.escape(el.name)}"]`);
  return { positive: candidates.filter(el => el.tabIndex > 0).map(describe),
    stops: stops.map(el => ({ what: describe(el), kind: kind(el),
      answer: answering && !el.readOnly && !!el.closest('main form[data-sayso-question-page]'),
      id: el.id, tag: el.tagName.toLowerCase(), inputmode: el.inputMode, name: el.name || '',
      value: el.value || '', first: el.type === 'checkbox' && firstBox(el),
      values: el.type === 'radio' ? group(el).map(r => r.value) : [] })) };
}"""


def answer_by_keyboard(page: Page, stop: dict) -> object:
    """Answer the focused control as a person at a keyboard would; returns the state the
    control should end in (``None`` when it is left alone)."""
    if stop["kind"] == "radio":
        page.keyboard.press("Space")
        if len(stop["values"]) > 1:
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowUp")
        return stop["value"]
    if stop["kind"] == "checkbox":
        if stop["first"]:
            page.keyboard.press("Space")
            return True
        return None
    if stop["kind"] == "text":
        text = typed_answer(stop["id"], stop["inputmode"], stop["tag"] == "textarea")
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(text)
        return text
    return None


def keyboard_problems(stops: list[dict], result: dict, expected: dict[int, object]) -> list[str]:
    """What went wrong, in words: the order Tab took, focus not shown or covered, answers
    that the keys did not give."""
    problems = []
    reached = result["log"][1:]  # the first keydown is the one that leaves the start
    for position, stop in enumerate(stops):
        entry = reached[position] if position < len(reached) else {"index": -2}
        if entry["index"] != position:
            got = entry.get("what") or (
                "nothing" if entry["index"] == -2 else stops[entry["index"]]["what"]
            )
            problems.append(f"Tab {position + 1} reached {got}, expected {stop['what']}")
            break
        if not entry["shown"]:
            problems.append(f"no visible focus on {stop['what']}")
        if entry["covered"]:
            problems.append(f"focus hidden behind other content on {stop['what']}")
    if result["after"]:
        problems.append(f"Tab reached {result['after']}, which is not an expected control")
    for position, want in expected.items():
        stop, got = stops[position], result["answers"][position]
        if got != want:
            problems.append(f"keys left {stop['what']} as {got!r}, expected {want!r}")
        if stop["kind"] == "radio" and len(stop["values"]) > 1:
            values = stop["values"]
            neighbour = values[(values.index(stop["value"]) + 1) % len(values)]
            if [stop["name"], neighbour, True] not in result["changes"]:
                problems.append(f"arrow keys did not move the choice in {stop['what']}")
    return problems


def assert_keyboard_accessible(
    page: Page, label: str, log: AxeLog | None = None, *, answer: bool = False
) -> int:
    """Tab through the whole page: every control is reached in document order (one stop
    per radio group), shows a visible focus and is not hidden behind other content.

    With ``answer``, the questions in a question page's form are answered on the way by
    keyboard alone (first choice, first checkbox of each group, typed text) and the result
    is checked. Returns the number of stops; records problems in ``log`` under ``label``.
    """
    page.mouse.move(0, 0)  # a button under the pointer shows its hover style, not focus
    found = page.evaluate(INSTALL, answer)
    stops = found["stops"]
    expected: dict[int, object] = {}
    for position, stop in enumerate(stops):
        page.keyboard.press("Tab")
        if stop["answer"] and (want := answer_by_keyboard(page, stop)) is not None:
            expected[position] = want
    page.keyboard.press("Tab")
    result = page.evaluate("() => window.__saysoKeys.finish()")
    problems = [f"positive tabindex changes the order: {what}" for what in found["positive"]]
    problems += keyboard_problems(stops, result, expected)
    if log is not None:
        log.record_keyboard(label, len(stops), problems)
    assert stops, f"nothing on {label} can be reached by keyboard"
    assert not problems, f"keyboard problems on {label}:\n" + "\n".join(problems)
    return len(stops)
