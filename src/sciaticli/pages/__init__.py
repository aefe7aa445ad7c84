"""Pages: what each command shows, built from the knowledge base as blocks plus JSON data."""
