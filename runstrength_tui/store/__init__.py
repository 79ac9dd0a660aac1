"""The only code that touches files, grouped by what each module holds:

- the live log: ``repo`` (``Store``: sessions, sets, profile, acknowledgements, the plan
  ledger), ``storage`` (atomic, checked writes), ``files`` (what each data file may hold),
  ``lock``, ``swap`` (several files swapped in at once), ``migrations``, ``check_cache``
  (notes of files already checked), ``paths``;
- moving data in and out: ``transfer`` (our export, writing and strict reading, and
  merging an import; Strong and Hevy exports), ``backups`` (backups and restore);
- imported runs: ``run_log`` (the runs' year files), ``run_import`` (the watch-file
  importer) with its readers ``fit_reader`` and ``safe_xml``;
- the shipped data: ``shipped`` (``data/*.toml``).

``transfer`` and ``run_log`` work through ``Store``'s public methods; ``repo`` imports
neither. Nothing is imported here: each command loads only the modules it needs.
"""
