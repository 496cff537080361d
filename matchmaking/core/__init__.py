"""Cross-cutting pieces every domain uses: time, pagination, errors, i18n helpers."""
