"""Native-speaker review of a language's catalogs as a spreadsheet (``make
translations-review LANG=cy``): every string with its context, the page to look at, and
today's translation, for a council's translator; their corrections are read back into
the catalogs, which then record who reviewed them and when."""
