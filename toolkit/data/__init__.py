"""Reference data from the source documents and public statistics, with their sources."""
