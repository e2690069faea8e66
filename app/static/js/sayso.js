// Progressive enhancement only: every page works without this file. GOV.UK Frontend's
// components are started by the page itself (base.html), from the script's versioned URL.

// "Copy" buttons next to read-only link and message boxes (hidden without JavaScript,
// where selecting the text works instead).
for (const button of document.querySelectorAll('button.sayso-copy[data-copy-target]')) {
  const target = document.getElementById(button.dataset.copyTarget)
  if (!target || !navigator.clipboard) continue
  button.hidden = false
  const label = button.textContent
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(target.value)
    button.textContent = button.dataset.copiedText || '✓ ' + label
    setTimeout(() => { button.textContent = label }, 2000)
  })
}

// After "Continue", put focus (and the screen reader) on the new question, not the top of
// the page. An error summary takes focus itself, so leave those pages alone.
const questionForm = document.querySelector('form[data-sayso-question-page]')
if (questionForm && !document.querySelector('.govuk-error-summary')) {
  const heading = document.querySelector('main h1')
  if (heading) {
    heading.setAttribute('tabindex', '-1')
    heading.classList.add('sayso-focus-target')
    heading.focus()
  }
}

// "Read it to me": the browser's own speech, in the page's language. Nothing leaves the
// device. Without speech support the button stays hidden. It reads the main part of the
// page in order, each thing once: a question wrapped in its heading is read as the
// heading, a hint once, and the character count's changing message not at all.
const READ = 'h1, h2, legend, label, .govuk-hint, p, li, .govuk-summary-list__key, ' +
  '.govuk-summary-list__value, .govuk-panel__title, .govuk-panel__body'
const NOT_READ = '[hidden], .govuk-character-count__message, .govuk-character-count__status'

function wordsToRead (main) {
  const parts = []
  for (const element of main.querySelectorAll(READ)) {
    if (element.parentElement.closest(READ) || element.closest(NOT_READ)) continue
    const text = element.textContent.replace(/\s+/g, ' ').trim()
    if (text && !parts.includes(text)) parts.push(text)
  }
  return parts
}

const readAloud = document.querySelector('[data-sayso-read-aloud]')
if (readAloud && 'speechSynthesis' in window) {
  readAloud.hidden = false
  readAloud.addEventListener('click', () => {
    const main = document.querySelector('main')
    const utterance = new window.SpeechSynthesisUtterance(wordsToRead(main).join('. '))
    utterance.lang = document.documentElement.lang
    window.speechSynthesis.cancel()
    window.speechSynthesis.speak(utterance)
  })
}
