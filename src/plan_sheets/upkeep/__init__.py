"""Commands that maintain the huvuddokument: `init`, `format`, `arsskifte`."""
