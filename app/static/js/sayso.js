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

// "Read it to me" on easy-read questionnaires: the browser's own speech, in the page's
// language. Nothing leaves the device. Without speech support the button stays hidden.
const readAloud = document.querySelector('[data-sayso-read-aloud]')
if (readAloud && 'speechSynthesis' in window) {
  readAloud.hidden = false
  readAloud.addEventListener('click', () => {
    const parts = [document.querySelector('main h1')?.textContent || '']
    for (const label of document.querySelectorAll('main form label')) {
      parts.push(label.textContent)
    }
    const utterance = new window.SpeechSynthesisUtterance(
      parts.map((part) => part.trim()).filter(Boolean).join('. ')
    )
    utterance.lang = document.documentElement.lang
    window.speechSynthesis.cancel()
    window.speechSynthesis.speak(utterance)
  })
}
