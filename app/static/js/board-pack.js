// The board pack's "Print or save as PDF" button. Without JavaScript the button stays
// hidden and the page says how to print it; the pack itself needs no script to read.
for (const button of document.querySelectorAll('button[data-module="sayso-print"]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
