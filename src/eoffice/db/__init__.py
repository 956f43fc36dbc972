"""Storage: typed models, the one function that opens a database, backups and the lock."""
