"""Presentation: one module per output format, all fed by the same answer records.

- `document`: the layout of a command's human output (headings, fields, tables, trees);
- `terminal`: a document as Rich tables; `plain`: the same text Rich prints to a pipe, without
  Rich's console; `markdown`: the same document as Markdown;
- `data`: the answer records themselves as JSON, JSON Lines or CSV.
"""
