"""Writing a brief: new records spliced into the file where they belong (`add`), records
replaced or taken out (`edit`, `rm`), the whole file in canonical form (`fmt`), a new brief
folder (`init`). Every change is checked as `validate` checks a brief before the file is
replaced, and the rest of the file stays byte for byte as it was.

- `layout`: where each record of a brief file is written, and the file with one changed;
- `emit`: a record as YAML text in the brief's style;
- `ids`: ids made from names, in the brief's own way, never colliding;
- `passages`: the passages of a stored text closest to an excerpt not found in it;
- `writing`: the checked, atomic write of a changed brief.
"""
