"""Bulk import from Excel templates (programmes, needs, organisations) and the matching exports.

A file goes through `xlsx` (is it a safe .xlsx at all?), `exchange.sheets` (columns, template,
cells → form inputs), `services` (validate with the web forms, plan, commit) and is
kept between preview and commit as an `ImportBatch`.
"""
