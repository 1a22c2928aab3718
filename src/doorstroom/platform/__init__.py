"""Platform: settings, database, errors, clock, audit trail, backups, paging, migrations."""
