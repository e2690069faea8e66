// Progressive enhancement only: every page works without this file.
import { initAll } from '../build/govuk-frontend.min.js'

initAll()

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
