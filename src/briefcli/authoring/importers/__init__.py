"""`briefcli import`: records from other tools' files added to a brief (docs/import.md).

- `common`: what every importer shares: the records an import adds, each traced to the row it
  came from; the account of every row (added, already present, not mapped); the checked,
  atomic write of the result with the stored texts it needs;
- `csvfile`: CSV files read row by row, and actors, relations or events from a CSV with a
  mapping of fields to columns;
- `stix`: a STIX 2.1 bundle, as `export --to stix` writes it or as other tools do;
- `acled`: ACLED's CSV export: events with their places, actors, sources and claims.
"""
